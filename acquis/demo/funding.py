"""Demo funding: the demo OPCO and the GIP as funders, a GIP scale (demo figures, dated, with their source), an
envelope, and one submitted request on the demo candidate's accompanied pathway for the OPCO to decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.accounts.models import Organisation, User
from acquis.funding import services
from acquis.funding.enums import FunderKind, ScaleUnit
from acquis.funding.models import Funder


def demo_funding_load(*, funder: Organisation, candidate: User) -> int:
    """Create the demo funders unless they exist; returns how many requests were created."""
    if Funder.objects.filter(organisation=funder).exists():
        return 0
    today = timezone.localdate()
    opco = services.funder_create(actor=None, kind=FunderKind.OPCO, name=funder.name, organisation=funder)
    gip_organisation = Organisation.objects.filter(kind=OrganisationKind.GIP).first()
    if gip_organisation is not None:
        gip = services.funder_create(
            actor=None, kind=FunderKind.GIP, name=gip_organisation.name, organisation=gip_organisation
        )
        services.funder_scale_add(
            actor=None,
            funder=gip,
            valid_from=dt.date(2023, 12, 29),
            decided_by="Assemblée générale du GIP (données de démonstration)",
            decided_on=dt.date(2023, 12, 19),
            reference="Délibération de démonstration — chiffres fictifs",
            pathway_ceiling=Decimal("2700.00"),
            partial_ratio=Decimal("0.5"),
            items=[
                {
                    "category": "support",
                    "unit": ScaleUnit.HOURLY,
                    "hourly_rate": Decimal("70.00"),
                    "max_hours": Decimal("30"),
                    "hour_step": Decimal("0.5"),
                },
                {
                    "category": "collective_support",
                    "unit": ScaleUnit.HOURLY,
                    "hourly_rate": Decimal("35.00"),
                    "max_hours": Decimal("15"),
                    "hour_step": Decimal("1"),
                },
                {
                    "category": "training",
                    "unit": ScaleUnit.HOURLY,
                    "hourly_rate": Decimal("25.00"),
                    "max_hours": Decimal("70"),
                    "hour_step": Decimal("1"),
                },
                {"category": "evaluation_session", "unit": ScaleUnit.FLAT, "flat_amount": Decimal("400.00")},
            ],
        )
    services.envelope_create(
        actor=None,
        funder=opco,
        name=f"Enveloppe VAE {today.year} (démo)",
        amount=Decimal("50000.00"),
        starts_on=dt.date(today.year, 1, 1),
        ends_on=dt.date(today.year, 12, 31),
    )
    candidacy = candidate.candidacies.exclude(accompanier=None).order_by("id").first()
    if candidacy is None:
        return 0
    request = services.funding_request_create(
        actor=None,
        funder=opco,
        candidacy=candidacy,
        organisation=candidacy.accompanier,
        period_start=today - dt.timedelta(days=30),
        period_end=today + dt.timedelta(days=90),
        admissibility_proof_sent=True,
    )
    # An OPCO pays under its own conditions from 2023-12-29 (R6412-2: "d'autres financeurs"): no scale, no rule.
    services.funding_line_add(
        actor=None,
        request=request,
        category="support",
        amount=Decimal("1400.00"),
        hours=Decimal("20"),
        incurred_on=today - dt.timedelta(days=30),
    )
    services.funding_line_add(
        actor=None,
        request=request,
        category="transport_meals_lodging",
        amount=Decimal("180.00"),
        incurred_on=today - dt.timedelta(days=30),
    )
    services.funding_request_submit(actor=None, request=request)
    return 1
