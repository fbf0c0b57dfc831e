"""The jury's hour on /api/v1/candidacies/{id}/jury (issue 15, point 10): an added, optional field — a client
that never sends it keeps working and reads ``held_at: null``; a sent hour is « HH:MM » and read back."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.accounts.enums import OrganisationKind
from acquis.api.api import api
from acquis.pathways.models import JurySession
from tests.accounts.factories import OrganisationFactory, make_api_token
from tests.api.pathways.support import post, snapshot
from tests.pathways.factories import MEMBERS, CandidacyFactory


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    return {"certifier": certifier, "token": make_api_token(organisation=certifier, role="certifier")[1]}


def test_the_hour_is_sent_and_read_back(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], validation=True)
    body = {"held_on": "2024-10-15", "held_at": "14:30", "place": "Lyon", "members": MEMBERS}
    response = post(client, candidacy, "jury", body, world["token"])
    assert response.status_code == 200, response.content
    jury = response.json()["validation_files"][0]["jury"]
    assert jury["held_on"] == "2024-10-15" and jury["held_at"] == "14:30"
    assert JurySession.objects.get().held_at == dt.time(14, 30)


def test_a_client_that_sends_no_hour_keeps_working_and_reads_null(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], validation=True)
    response = post(client, candidacy, "jury", {"held_on": "2024-10-15", "members": MEMBERS}, world["token"])
    assert response.status_code == 200, response.content
    assert response.json()["validation_files"][0]["jury"]["held_at"] is None


@pytest.mark.parametrize("held_at", ["14h30", "1430", 52200, "14:30:00", "25:00"])
def test_an_hour_not_written_hh_mm_is_refused_and_nothing_saved(client, world, held_at):
    candidacy = CandidacyFactory(certifier=world["certifier"], validation=True)
    before = snapshot()
    body = {"held_on": "2024-10-15", "held_at": held_at, "members": MEMBERS}
    response = post(client, candidacy, "jury", body, world["token"])
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    refusal = response.json()
    assert refusal["code"] == "invalid_request" and "held_at" in str(refusal["errors"])
    assert snapshot() == before and not JurySession.objects.exists()


def test_the_openapi_document_adds_the_hour_without_requiring_it():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    jury_in = schemas["JuryIn"]
    assert "held_at" in jury_in["properties"] and "held_on" in jury_in["properties"]
    assert "held_at" not in jury_in.get("required", []) and "held_on" in jury_in["required"]
