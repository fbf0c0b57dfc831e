"""POST /api/v1/candidacies/{id}/attestations/{attestation_id}/issue (the certifier) and the attestations in
the candidacy's JSON: success, refusals with their code and nothing saved, and who may not act."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.accounts.enums import OrganisationKind
from acquis.api.pathways.schemas import CandidacyDetailOut
from acquis.notifications.models import OutboundEmail
from acquis.pathways import services
from acquis.pathways.models import Attestation
from tests.accounts.factories import OrganisationFactory, make_api_token
from tests.api.pathways.support import BASE, TODAY, bearer, post, problem, snapshot
from tests.pathways.factories import CandidacyFactory


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    return {
        "certifier": certifier,
        "token": make_api_token(organisation=certifier, role="certifier")[1],
        "other_token": make_api_token(role="certifier")[1],
    }


def _requested(world, kind="blocks"):
    candidacy = CandidacyFactory(certifier=world["certifier"], result_partial=True)
    return services.attestation_request(actor=None, candidacy=candidacy, kind=kind)


def _issue(client, attestation, raw, data=None, attestation_id=None):
    action = f"attestations/{attestation_id or attestation.pk}/issue"
    return post(client, attestation.candidacy, action, data or {}, raw)


def _unchanged():
    return snapshot(), list(Attestation.objects.order_by("pk").values()), OutboundEmail.objects.count()


def test_issue_then_the_detail_lists_the_attestation_with_its_pdf(client, world):
    attestation = _requested(world)
    listed = client.get(f"{BASE}/{attestation.candidacy_id}", headers=bearer(world["token"])).json()["attestations"]
    assert listed == [
        {
            "id": attestation.pk,
            "kind": "blocks",
            "kind_label": "Attestation des blocs de compétences acquis",
            "state": "requested",
            "requested_on": TODAY.isoformat(),
            "issued_on": None,
            "reference": None,
            "pdf_url": None,
        }
    ]
    response = _issue(client, attestation, world["token"])
    assert response.status_code == 200, response.content
    body = CandidacyDetailOut.model_validate(response.json())
    (issued,) = body.attestations
    assert issued.state == "issued" and issued.issued_on == TODAY
    assert issued.reference == f"ATT-{TODAY.year}-{attestation.candidacy_id}-1"
    assert issued.pdf_url == f"{BASE}/{attestation.candidacy_id}/attestations/{attestation.pk}.pdf"
    assert OutboundEmail.objects.filter(template="pathway_attestation_issued").count() == 1


def test_refusals_answer_their_code_and_save_nothing(client, world):
    attestation = _requested(world)
    before = _unchanged()
    # The day of issue is the portal's clock: a date sent with the call is refused, not applied.
    early = (TODAY - dt.timedelta(days=1)).isoformat()
    assert _issue(client, attestation, world["token"], {"issued_on": early}).json()["code"] == "invalid_request"
    assert _issue(client, attestation, world["token"], {"reference": "X"}).status_code == 422  # extra="forbid"
    assert _unchanged() == before
    assert _issue(client, attestation, world["token"]).status_code == 200
    before = _unchanged()
    problem(_issue(client, attestation, world["token"]), 409, "attestation_already_issued")
    assert _unchanged() == before


def test_a_result_withdrawn_since_the_request_is_a_conflict(client, world):
    attestation = _requested(world)
    services.jury_result_observations_request(actor=None, result=attestation.result, reason="Fraude")
    services.jury_result_withdraw(actor=None, result=attestation.result)
    before = _unchanged()
    problem(_issue(client, attestation, world["token"]), 409, "result_withdrawn")
    assert _unchanged() == before


def test_an_archived_candidacy_is_served_an_anonymised_one_is_a_conflict(client, world):
    archived = _requested(world)
    services.candidacy_archive(actor=None, candidacy=archived.candidacy, reason="requested_by_candidate")
    assert _issue(client, archived, world["token"]).status_code == 200
    anonymised = _requested(world)
    services.candidacy_archive(actor=None, candidacy=anonymised.candidacy, reason="inactivity")
    services.candidacy_anonymise(actor=None, candidacy=anonymised.candidacy, on=TODAY)
    before = _unchanged()
    problem(_issue(client, anonymised, world["token"]), 409, "candidacy_anonymised")
    assert _unchanged() == before


def test_who_may_not_issue(client, world):
    attestation = _requested(world)
    other = _requested(world)  # an attestation of another candidacy
    before = _unchanged()
    # Another certifier's token does not read the candidacy: 404, as if it did not exist.
    assert _issue(client, attestation, world["other_token"]).status_code == 404
    # The candidate reads it but does not issue: 403.
    client.force_login(attestation.candidacy.candidate)
    assert _issue(client, attestation, None).status_code == 403
    client.logout()
    # The attestation of another candidacy, reached through this one: 404.
    assert _issue(client, attestation, world["token"], attestation_id=other.pk).status_code == 404
    assert _unchanged() == before
