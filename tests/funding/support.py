"""Decided requests and envelopes for the budget tests (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from acquis.funding import services
from acquis.funding.models import FundingRequest
from tests.concurrency import race
from tests.funding.factories import DAY_2021, D, funder, line, request_for


def granted_request(payer, amount: str = "600.00", on: dt.date = DAY_2021) -> FundingRequest:
    request = request_for(payer, period_start=on)
    added = line(request, "support", amount, on)
    services.funding_request_submit(actor=None, request=request, submitted_on=on)
    services.funding_request_decide(actor=None, request=request, granted={added.pk: added.amount})
    return FundingRequest.objects.get(pk=request.pk)


def envelope(payer, amount: str = "1000.00"):
    return services.envelope_create(
        actor=None,
        funder=payer,
        name="Enveloppe 2021",
        amount=Decimal(amount),
        starts_on=D(2021, 1, 1),
        ends_on=D(2021, 12, 31),
    )


__all__ = ["envelope", "funder", "granted_request", "race"]
