"""The pathway API on PostgreSQL: two concurrent admissibility decisions through HTTP, and the lists' counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.audit.models import AuditEvent
from acquis.pathways.models import FeasibilityFile
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.concurrency import json_posts_race
from tests.pathways.factories import CandidacyFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_decisions_one_recorded_one_conflict():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    candidacy = CandidacyFactory(
        certifier=certifier, complete=True, started_on=timezone.localdate() - dt.timedelta(days=50)
    )  # within the decision delay today
    _token, raw = make_api_token(organisation=certifier, role="certifier")
    person = UserFactory(certifier=True, organisation=certifier)
    url = f"/api/v1/candidacies/{candidacy.pk}/feasibility/decision"
    bodies = [
        # The decision takes the server's day (issue 15): the bodies carry no date.
        ({"kind": "admissible"}, {"Authorization": f"Bearer {raw}"}),
        ({"kind": "not_admissible", "gaps": "Encadrement"}, {}),
    ]
    clients = [Client(), Client()]
    clients[1].force_login(person)
    responses = json_posts_race(
        url, [(client, body, headers) for client, (body, headers) in zip(clients, bodies, strict=True)]
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser["Content-Type"] == "application/problem+json" and loser.json()["code"] == "decision_already_recorded"
    assert FeasibilityFile.objects.get(candidacy=candidacy).decision_kind in ("admissible", "not_admissible")
    assert AuditEvent.objects.filter(object_id=str(candidacy.pk), action="feasibility_decided").count() == 1


def test_list_counts_of_the_certifier_and_of_the_gip_on_postgresql():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    for step in ("filed", "complete", "admissible", "not_admissible", "jury", "result_partial"):
        CandidacyFactory(certifier=certifier, step=step)
    CandidacyFactory(certifier=certifier)  # registered: not yet addressed to the certifier
    _token, raw = make_api_token(organisation=certifier, role="certifier")
    client = Client()
    counts = client.get("/api/v1/candidacies", headers={"Authorization": f"Bearer {raw}"}).json()["counts_by_status"]
    nonzero = {status: n for status, n in counts.items() if n}
    # Dates of 2024: the undecided complete file is deemed admissible by now, the admissible ones lapsed.
    assert sum(nonzero.values()) == 6 and nonzero.get("registered", 0) == 0
    client.force_login(UserFactory(gip_staff=True))
    body = client.get("/api/v1/candidacies?status=registered").json()
    assert body["total"] == 1 and body["counts_by_status"]["registered"] == 1
    assert connection.vendor == "postgresql"
