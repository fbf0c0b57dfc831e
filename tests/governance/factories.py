"""Governance data built through the real services (each row has its audit trail and its Decision)."""

from __future__ import annotations

import datetime as dt

import factory

from acquis.accounts.enums import OrganisationKind
from acquis.governance.models import Commission, Member
from acquis.governance.services import commission_create, commission_member_add
from tests.accounts.factories import OrganisationFactory

UNIONS = ("CGT", "CFDT", "CGT-FO", "CFE-CGC", "CFTC")
EMPLOYERS = ("MEDEF", "CPME", "U2P")


def member_data(college: str, index: int, *, appointed_on: dt.date, **overrides) -> dict:
    sex = ("female", "male")[index % 2]
    data = {
        "college": college,
        "name": f"Membre {college} {index}",
        "organisation": "",
        "ministry": "",
        "sex": sex,
        "substitute_name": f"Suppléant {college} {index}",
        "substitute_sex": ("male", "female")[index % 2],
        "appointed_on": appointed_on,
        "term_years": 5,
    }
    return data | overrides


def composition(appointed_on: dt.date, *, with_disability_council: bool = False) -> list[dict]:
    """A composition that satisfies R6113-22 in its 2019 wordings (and 2021 with the CNCPH member)."""
    rows = [member_data("union", i, appointed_on=appointed_on, organisation=name) for i, name in enumerate(UNIONS)]
    rows += [
        member_data("employer_interprofessional", i + 1, appointed_on=appointed_on, organisation=name)
        for i, name in enumerate(EMPLOYERS)
    ]
    rows += [
        member_data("employer_other", i, appointed_on=appointed_on, organisation=f"Fédération {i}") for i in range(2)
    ]
    ministries = ("vocational_training", "national_education", "higher_education", "other", "other", "other")
    rows += [member_data("state", i, appointed_on=appointed_on, ministry=m) for i, m in enumerate(ministries)]
    rows += [member_data("associate", i, appointed_on=appointed_on, organisation=f"Association {i}") for i in range(5)]
    if with_disability_council:
        rows.append(member_data("disability_council", 0, appointed_on=appointed_on, organisation="CNCPH"))
    return rows


class CommissionFactory(factory.django.DjangoModelFactory):
    """A CPC; the ``composed`` Trait appoints a full, valid composition on ``term_start``."""

    class Meta:
        model = Commission

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.CPC)
    name = factory.Sequence(lambda n: f"CPC {n}")
    ministries = "Ministre chargé de la santé"
    field = "Santé et social"
    term_start = dt.date(2020, 3, 2)
    term_years = 5
    first_presidency = "unions"
    composed = False

    class Params:
        full = factory.Trait(composed=True)

    @classmethod
    def _create(cls, model_class, *args, composed=False, **kwargs):
        commission = commission_create(**kwargs)
        if composed:
            for data in composition(commission.term_start):
                commission_member_add(commission=commission, data=data)
        return commission


def member_of(commission: Commission, **filters) -> Member:
    return commission.members.filter(ended_on__isnull=True, **filters).order_by("id").first()
