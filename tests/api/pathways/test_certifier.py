"""The certifier's later actions on /api/v1/candidacies/{id}/jury/result/…: notification of the result, the
invitation to present observations and the withdrawal for fraud — success, refusals with their code and nothing
saved, and who may not act."""

from __future__ import annotations

import pytest

from acquis.accounts.enums import OrganisationKind
from acquis.api.pathways import CONFLICTS
from acquis.pathways import services
from acquis.pathways.models import JuryResult
from tests.accounts.factories import OrganisationFactory, make_api_token
from tests.api.pathways.support import TODAY, post, problem, snapshot
from tests.pathways.factories import CandidacyFactory, listed_accompanier

NOTIFY, OBSERVE, WITHDRAW = "jury/result/notification", "jury/result/observations-request", "jury/result/withdrawal"


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    accompanier = listed_accompanier()
    return {
        "certifier": certifier,
        "accompanier": accompanier,
        "token": make_api_token(organisation=certifier, role="certifier")[1],
        "accompanier_token": make_api_token(organisation=accompanier, role="accompanier")[1],
        "other_token": make_api_token(role="certifier")[1],
    }


def _result(candidacy):
    return JuryResult.objects.get(session__validation_file__candidacy=candidacy)


def test_notify_then_withdraw_for_fraud(client, world):
    raw = world["token"]
    candidacy = CandidacyFactory(certifier=world["certifier"], result_full=True)
    response = post(client, candidacy, NOTIFY, {}, raw)
    result = response.json()["validation_files"][0]["jury"]["result"]
    assert response.status_code == 200 and result["notified_on"] == TODAY.isoformat()
    assert result["notification_due_decision"]["value"]  # the due day the late notification is read against
    response = post(client, candidacy, OBSERVE, {"reason": "Attestation d'employeur falsifiée"}, raw)
    assert response.status_code == 200 and _result(candidacy).observations_requested_on == TODAY
    assert _result(candidacy).withdrawal_reason == "Attestation d'employeur falsifiée"
    response = post(client, candidacy, WITHDRAW, {"observations": "Je conteste."}, raw)
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "result_withdrawn"
    assert body["validation_files"][0]["jury"]["result"]["withdrawn_on"] == TODAY.isoformat()
    assert _result(candidacy).candidate_observations == "Je conteste."


def _prepared(world, step):
    base = {"notified": "result_full", "observed": "result_full", "withdrawn": "result_full"}.get(step, step)
    candidacy = CandidacyFactory(certifier=world["certifier"], step=base)
    if step == "notified":
        services.jury_result_notify(actor=None, result=_result(candidacy))
    if step in ("observed", "withdrawn"):
        services.jury_result_observations_request(actor=None, result=_result(candidacy), reason="Fraude")
    if step == "withdrawn":
        services.jury_result_withdraw(actor=None, result=_result(candidacy))
    return candidacy


@pytest.mark.parametrize(
    "step, action, data, status, code",
    [
        ("validation", NOTIFY, {}, 409, "jury_not_scheduled"),
        ("jury", NOTIFY, {}, 409, "result_not_recorded"),
        ("notified", NOTIFY, {}, 409, "result_already_notified"),
        ("jury", OBSERVE, {"reason": "Fraude"}, 409, "result_not_recorded"),
        ("result_full", OBSERVE, {"reason": " "}, 422, "reason_required"),
        ("withdrawn", OBSERVE, {"reason": "Fraude"}, 409, "result_already_withdrawn"),
        ("result_full", WITHDRAW, {}, 409, "observations_not_requested"),
        ("withdrawn", WITHDRAW, {}, 409, "result_already_withdrawn"),
        ("observed", WITHDRAW, {"withdrawn_on": "2024-06-02"}, 422, "withdrawal_before_request"),
    ],
)
def test_every_refusal_has_its_code_and_saves_nothing(client, world, step, action, data, status, code):
    candidacy = _prepared(world, step)
    before = snapshot()
    body = problem(post(client, candidacy, action, data, world["token"]), status, code)
    assert snapshot() == before
    assert (status == 409) == bool({c for codes in body["codes"].values() for c in codes} & CONFLICTS)


def test_unknown_keys_are_refused_by_the_schema(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], result_full=True)
    response = post(client, candidacy, NOTIFY, {"notified": "2024-10-01"}, world["token"])
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_who_may_not_act(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], accompanier=world["accompanier"], result_full=True)
    before = snapshot()
    assert post(client, candidacy, NOTIFY, {}, world["accompanier_token"]).status_code == 403  # it reads the file
    assert post(client, candidacy, OBSERVE, {"reason": "x"}, world["other_token"]).status_code == 404
    client.force_login(candidacy.candidate)
    assert post(client, candidacy, WITHDRAW, {}).status_code == 403
    client.logout()
    assert post(client, candidacy, NOTIFY, {}).status_code == 401
    assert snapshot() == before
