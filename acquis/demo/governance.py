"""Demo governance data: one CPC whose composition has a violation to fix, and the GIP's members.

The union seat meant for the CFTC is held by a representative of an organisation that is not
representative at national and interprofessional level: the commission page explains the two violations
(union_missing, union_not_representative) with the sentence of R6113-22; replacing that member fixes them.
"""

from __future__ import annotations

import datetime as dt

from acquis.accounts.models import Organisation
from acquis.governance.models import Commission, GipMember
from acquis.governance.services import commission_create, commission_member_add, gip_member_add

COMMISSION_NAME = "CPC Santé et social (démo)"
SECRETARIAT_SIRET = "13002526500013"
APPOINTED_ON = dt.date(2024, 9, 2)
TERM_YEARS = 5  # R6113-22: "nommés pour une durée de cinq ans" (cpc.term_years)

FIRST_NAMES = ("Anne", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Iris", "Jules", "Léa")
SEATS = (
    [("union", org, "") for org in ("CGT", "CFDT", "CGT-FO", "CFE-CGC", "Syndicat non représentatif")]
    + [("employer_interprofessional", org, "") for org in ("MEDEF", "CPME", "U2P")]
    + [("employer_other", org, "") for org in ("FHP", "FEHAP")]
    + [
        ("state", "", ministry)
        for ministry in ("vocational_training", "national_education", "higher_education", "other", "other", "other")
    ]
    + [("associate", f"Association du secteur {n}", "") for n in range(1, 6)]
    + [("disability_council", "CNCPH", "")]
)
GIP_MEMBERS = (
    ("État", "state", dt.date(2023, 1, 1)),
    ("Pôle emploi", "pole_emploi", dt.date(2023, 1, 1)),
    ("Région Occitanie", "region", dt.date(2023, 1, 1)),
    ("OPCO Santé", "opco", dt.date(2023, 1, 1)),
    ("Association des certificateurs (adhérent)", "other", dt.date(2024, 3, 1)),
)


def demo_governance_load() -> bool:
    """Create the demo commission and GIP members if missing; True when something was created."""
    created = False
    organisation = Organisation.objects.filter(siret=SECRETARIAT_SIRET).first()
    if organisation is not None and not Commission.objects.filter(name=COMMISSION_NAME).exists():
        commission = commission_create(
            organisation=organisation,
            name=COMMISSION_NAME,
            ministries="Ministre chargé des affaires sociales ; ministre chargé de la santé",
            field="Santé, social, services à la personne",
            term_start=APPOINTED_ON,
            term_years=TERM_YEARS,
            first_presidency="unions",
        )
        for index, (college, organisation_name, ministry) in enumerate(SEATS):
            sex, other = ("female", "male") if index % 2 == 0 else ("male", "female")
            commission_member_add(
                commission=commission,
                data={
                    "college": college,
                    "name": f"{FIRST_NAMES[index % len(FIRST_NAMES)]} Titulaire{index + 1}",
                    "organisation": organisation_name,
                    "ministry": ministry,
                    "sex": sex,
                    "substitute_name": f"{FIRST_NAMES[(index + 3) % len(FIRST_NAMES)]} Suppléant{index + 1}",
                    "substitute_sex": other,
                    "appointed_on": APPOINTED_ON,
                    "term_years": TERM_YEARS,
                },
            )
        created = True
    if not GipMember.objects.exists():
        for name, kind, joined_on in GIP_MEMBERS:
            gip_member_add(name=name, kind=kind, joined_on=joined_on)
        created = True
    return created
