"""Funders, scales and requests built through the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from acquis.accounts.enums import OrganisationKind
from acquis.funding import services
from acquis.funding.enums import FunderKind, ScaleUnit
from tests.accounts.factories import OrganisationFactory
from tests.pathways.factories import CandidacyFactory, listed_accompanier

D = dt.date
DAY_2021 = D(2021, 3, 1)
GIP_ERA = D(2023, 12, 29)


def funder(kind: str = FunderKind.OPCO, organisation=None, name: str = "OPCO Santé"):
    organisation = organisation or OrganisationFactory(kind=OrganisationKind.FUNDER)
    return services.funder_create(actor=None, kind=kind, name=name, organisation=organisation)


def gip_scale(gip, *, valid_from: dt.date = GIP_ERA):
    """A GIP scale as its general assembly would decide it (figures are demo data, not the GIP's)."""
    return services.funder_scale_add(
        actor=None,
        funder=gip,
        valid_from=valid_from,
        decided_by="Assemblée générale du GIP",
        decided_on=valid_from - dt.timedelta(days=10),
        reference="Délibération n° 2023-12 (démonstration)",
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


def request_for(
    payer,
    *,
    candidacy=None,
    accompanier=None,
    through_cpf: bool = False,
    proof: bool = True,
    period_start: dt.date = DAY_2021,
    period_end: dt.date | None = None,
    blocks: int = 0,
):
    if candidacy is None:
        accompanier = accompanier or listed_accompanier()
        candidacy = CandidacyFactory(accompanier=accompanier, blocks=blocks)
    return services.funding_request_create(
        actor=None,
        funder=payer,
        candidacy=candidacy,
        organisation=candidacy.accompanier,
        period_start=period_start,
        period_end=period_end or period_start + dt.timedelta(days=180),
        through_cpf=through_cpf,
        admissibility_proof_sent=proof,
    )


def line(request, category: str, amount: str, on: dt.date, hours: str | None = None):
    return services.funding_line_add(
        actor=None,
        request=request,
        category=category,
        amount=Decimal(amount),
        incurred_on=on,
        hours=None if hours is None else Decimal(hours),
    )
