"""The leave API on PostgreSQL: two concurrent answers through HTTP, and the list's ordering."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from acquis.leave.models import LeaveAnswer
from tests.accounts.factories import UserFactory, make_api_token
from tests.concurrency import json_posts_race
from tests.leave.factories import LeaveRequestFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_answers_through_the_api_one_recorded_one_conflict():
    request = LeaveRequestFactory(sent=True)
    _token, raw = make_api_token(organisation=request.employer)
    hr = UserFactory(employer=True, organisation=request.employer)
    url = f"/api/v1/leave-requests/{request.pk}/answer"
    bodies = [
        ({"kind": "accept"}, {"Authorization": f"Bearer {raw}"}),
        ({"kind": "postpone", "postponed_to": request.request_received.isoformat(), "reasons": "Inventaire"}, {}),
    ]
    clients = [Client(), Client()]
    clients[1].force_login(hr)
    responses = json_posts_race(
        url, [(client, body, headers) for client, (body, headers) in zip(clients, bodies, strict=True)]
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser["Content-Type"] == "application/problem+json" and loser.json()["code"] == "already_answered"
    assert LeaveAnswer.objects.filter(request=request).count() == 1


def test_list_puts_drafts_first_then_latest_receipt_on_postgresql():
    employee = UserFactory(candidate=True)
    older = LeaveRequestFactory(employee=employee, era_2019=True, sent=True)
    newer = LeaveRequestFactory(employee=employee, era_2023=True, sent=True)
    draft = LeaveRequestFactory(employee=employee)
    client = Client()
    client.force_login(employee)
    body = client.get("/api/v1/leave-requests").json()
    assert [item["id"] for item in body["items"]] == [draft.pk, newer.pk, older.pk]
    assert body["counts_by_status"] == {"draft": 1, "deemed_accepted": 2}
    assert connection.vendor == "postgresql"
