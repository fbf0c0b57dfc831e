"""The candidacy page stays within a fixed number of queries, whatever the length of the history (security review,
load test: `/parcours/<id>/` was the slowest route under load, 1.9 s at p50 with 50 clients).

A candidacy with a full history (accompanied, feasibility file with attachments and a request for pieces, a
decision, steps, a validation file, a jury with members, a partial result, attestations requested and issued,
the accompanier's opinion) is read by each of its readers; then more of everything is added and the number of
queries must not move: a query per row (N+1) would show as a difference.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acquis.pathways import services
from tests.accounts.factories import UserFactory
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, pdf

TODAY = timezone.localdate
# The page for a full history, whoever reads it: the session, the user and the reader's grants, the candidacy
# with its relations (14 queries, once), the audit events of the timeline, the funding block, the DSFR settings.
# Measured at 18 (19 for the certifier, whose organisation list is read) once the candidacy is read once per
# request; it was 46-47 when the page, the timeline and the permission check each read it again.
MAX_QUERIES = 22


def _full_history():
    started = TODAY() - dt.timedelta(days=130)
    candidacy = CandidacyFactory(result_partial=True, accompanied=True, started_on=started)
    services.attestation_request(actor=candidacy.candidate, candidacy=candidacy, kind="blocks")
    return candidacy


def _experience(n: int) -> dict:
    return {**EXPERIENCE, "title": f"{EXPERIENCE['title']} {n}"}


def _readers(candidacy):
    return {
        "candidate": candidacy.candidate,
        "accompanier": UserFactory(accompanier=True, organisation=candidacy.accompanier),
        "certifier": UserFactory(certifier=True, organisation=candidacy.certifier),
        "gip": UserFactory(gip_staff=True),
    }


def _queries(client, user, candidacy) -> int:
    client.force_login(user)
    url = reverse("web:pathway_detail", args=[candidacy.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("reader", ["candidate", "accompanier", "certifier", "gip"])
def test_the_page_of_a_full_history_stays_within_its_query_budget(client, reader, django_assert_max_num_queries):
    candidacy = _full_history()
    user = _readers(candidacy)[reader]
    client.force_login(user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("web:pathway_detail", args=[candidacy.pk]))
    assert response.status_code == 200


def test_more_attestations_add_no_query(client):
    candidacy = _full_history()
    readers = _readers(candidacy)
    before = {name: _queries(client, user, candidacy) for name, user in readers.items()}
    services.attestation_request(actor=candidacy.candidate, candidacy=candidacy, kind="result")
    after = {name: _queries(client, user, candidacy) for name, user in readers.items()}
    assert after == before


def test_more_experiences_add_no_query(client):
    candidacy = CandidacyFactory(accompanied=True, started_on=TODAY() - dt.timedelta(days=20))
    # Before the filing, the certifier does not read the candidacy yet.
    readers = {name: user for name, user in _readers(candidacy).items() if name != "certifier"}
    before = {name: _queries(client, user, candidacy) for name, user in readers.items()}
    for n in range(2, 5):
        services.candidacy_experience_add(actor=candidacy.candidate, candidacy=candidacy, **_experience(n))
    after = {name: _queries(client, user, candidacy) for name, user in readers.items()}
    assert after == before


def test_the_attachment_list_adds_no_query_per_file(client):
    candidacy = CandidacyFactory(filed=True, accompanied=True, started_on=TODAY() - dt.timedelta(days=60))
    before = _queries(client, candidacy.candidate, candidacy)
    for n in range(3):
        services.feasibility_attachment_add(
            actor=candidacy.candidate, file=candidacy.feasibility, kind="other", document=pdf(f"piece-{n}.pdf")
        )
    assert _queries(client, candidacy.candidate, candidacy) == before
