"""Two commitments at the same time on an envelope that holds only one: exactly one goes through (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from acquis.funding import services
from acquis.funding.models import Commitment, Envelope
from tests.accounts.factories import UserFactory
from tests.funding.factories import funder
from tests.funding.support import envelope, granted_request, race

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_commitments_never_overspend():
    assert connection.vendor == "postgresql"
    payer = funder()
    budget = envelope(payer, "1000.00")
    first, second = granted_request(payer, "600.00"), granted_request(payer, "600.00")
    outcomes = race(
        [
            lambda: services.envelope_commit(actor=None, envelope=budget, request=first),
            lambda: services.envelope_commit(actor=None, envelope=budget, request=second),
        ]
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Commitment", "ValidationError"], outcomes
    refused = next(o for o in outcomes if isinstance(o, ValidationError))
    assert refused.error_dict["envelope"][0].code == "envelope_exhausted"
    budget = Envelope.objects.get(pk=budget.pk)
    assert budget.committed == 600 and Commitment.objects.filter(envelope=budget).count() == 1


def test_two_concurrent_commitments_through_the_api():
    payer = funder()
    budget = envelope(payer, "1000.00")
    requests = [granted_request(payer, "600.00"), granted_request(payer, "600.00")]
    staff = UserFactory(funder=True, organisation=payer.organisation)

    def post(request):
        def call():
            client = Client()
            client.force_login(staff)
            return client.post(
                f"/api/v1/funding/envelopes/{budget.pk}/commitments",
                {"request_id": request.pk},
                content_type="application/json",
            )

        return call

    responses = race([post(requests[0]), post(requests[1])])
    assert sorted(r.status_code for r in responses) == [201, 409], responses
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["code"] == "envelope_exhausted"
    assert Envelope.objects.get(pk=budget.pk).committed == 600


def test_funder_totals_from_grouping_sets_match_the_sqlite_path():
    # The same expectations as on SQLite, read through the PostgreSQL GROUPING SETS query.
    from tests.funding.test_budgets import test_funder_totals_by_status_territory_and_month

    assert connection.vendor == "postgresql"
    test_funder_totals_by_status_territory_and_month()
