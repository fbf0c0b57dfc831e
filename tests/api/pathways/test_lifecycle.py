"""The lifecycle on /api/v1/candidacies/{id}: drop-out, archive, reorientation, reopening, litigation —
success, refusals with their code and nothing saved, and who may act (403 for a reader, 404 for anyone else)."""

from __future__ import annotations

import pytest

from acquis.accounts.enums import OrganisationKind
from acquis.api.pathways import CONFLICTS
from acquis.api.pathways.schemas import CandidacyDetailOut
from acquis.pathways import services
from acquis.pathways.models import Candidacy
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.api.pathways.support import FUTURE, TODAY, post, problem, recent, snapshot
from tests.pathways.factories import CandidacyFactory, certification, listed_accompanier


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    accompanier = listed_accompanier()
    return {
        "certifier": certifier,
        "accompanier": accompanier,
        "gip": UserFactory(gip_staff=True),
        "token": make_api_token(organisation=certifier, role="certifier")[1],
        "accompanier_token": make_api_token(organisation=accompanier, role="accompanier")[1],
    }


def _candidacy(world, **kwargs):
    return CandidacyFactory(certifier=world["certifier"], accompanier=world["accompanier"], **kwargs)


def test_the_candidate_drops_out_then_reopens(client, world):
    candidacy = _candidacy(world, filed=True)
    client.force_login(candidacy.candidate)
    response = post(client, candidacy, "drop-out", {"reason": "other", "note": "Déménagement"})
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "dropped_out"
    assert body["closure"] == "dropped_out"
    response = post(client, candidacy, "reopening")
    body = response.json()
    assert response.status_code == 200 and body["closure"] == "" and body["stage"] == "feasibility_filed"


def test_an_accompanier_token_archives(client, world):
    candidacy = _candidacy(world)
    response = post(client, candidacy, "archive", {"reason": "inactivity"}, world["accompanier_token"])
    assert response.status_code == 200 and response.json()["status"]["code"] == "archived"


def test_a_reorientation_answers_the_new_candidacy(client, world):
    candidacy = _candidacy(world, admissible=True)
    target = certification(blocks=2)
    block = target.blocks.order_by("code").first().code
    client.force_login(world["gip"])
    response = post(client, candidacy, "reorientation", {"certification": target.code, "blocks": [block]})
    assert response.status_code == 201, response.content
    new = CandidacyDetailOut.model_validate(response.json())
    assert new.id != candidacy.pk and new.certification["code"] == target.code and new.started_on == TODAY
    assert [b["code"] for b in new.blocks] == [block] and len(new.experiences) == 1
    assert new.accompanier["siret"] == world["accompanier"].siret and new.status.code == "registered"
    old = Candidacy.objects.get(pk=candidacy.pk)
    assert old.closure == "reoriented" and old.reoriented_to_id == new.id


def test_the_gip_sets_and_lifts_a_litigation_hold_even_on_a_closed_candidacy(client, world):
    candidacy = _candidacy(world, dropped_out=True)
    client.force_login(world["gip"])
    response = post(client, candidacy, "litigation", {"pending": True, "note": "TA Paris n° 2601234"})
    assert response.status_code == 200 and Candidacy.objects.get(pk=candidacy.pk).litigation_pending
    assert post(client, candidacy, "litigation", {"pending": False}).status_code == 200
    assert not Candidacy.objects.get(pk=candidacy.pk).litigation_pending


def _prepared(world, step):
    if step == "pending":
        return _candidacy(world, complete=True, started_on=recent(45))
    if step == "reoriented":
        candidacy = _candidacy(world)
        services.candidacy_reorient(actor=None, candidacy=candidacy, certification=certification())
        return Candidacy.objects.get(pk=candidacy.pk)
    if step == "dropped_out":
        return _candidacy(world, dropped_out=True)
    return _candidacy(world)


def _names(data):
    names = {
        "{closed}": lambda: certification(vae_accessible=False).code,
        "{other}": lambda: certification().code,
        "{foreign}": lambda: certification().blocks.first().code,
    }

    def resolve(value):
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return names[value]() if isinstance(value, str) and value in names else value

    return {key: resolve(value) for key, value in (data or {}).items()}


@pytest.mark.parametrize(
    "step, action, data, status, code",
    [
        ("registered", "drop-out", {"reason": "bored"}, 422, "invalid_reason"),
        ("registered", "drop-out", {"reason": "other"}, 422, "note_required"),
        ("registered", "drop-out", {"reason": "personal", "on": FUTURE}, 422, "date_in_future"),
        ("dropped_out", "drop-out", {"reason": "personal"}, 409, "candidacy_closed"),
        ("pending", "archive", {"reason": "inactivity"}, 409, "decision_awaited"),
        ("registered", "archive", {"reason": "bored"}, 422, "invalid_reason"),
        ("registered", "reorientation", {"certification": "RNCP0"}, 422, "unknown_certification"),
        ("registered", "reorientation", {"certification": "{closed}"}, 422, "certification_not_vae_accessible"),
        ("registered", "reorientation", {"certification": "{other}", "blocks": ["RNCP0BC01"]}, 422, "unknown_block"),
        ("registered", "reorientation", {"certification": "{other}", "blocks": ["{foreign}"]}, 422,
         "blocks_outside_certification"),
        ("dropped_out", "reorientation", {"certification": "{other}"}, 409, "candidacy_closed"),
        ("registered", "reopening", None, 409, "candidacy_not_closed"),
        ("reoriented", "reopening", None, 409, "candidacy_reoriented"),
        ("registered", "litigation", {"pending": True, "note": " "}, 422, "litigation_reference_required"),
    ],
)  # fmt: skip
def test_every_refusal_has_its_code_and_saves_nothing(client, world, step, action, data, status, code):
    candidacy = _prepared(world, step)
    data = _names(data)
    client.force_login(world["gip"] if action == "litigation" else candidacy.candidate)
    before = snapshot()
    body = problem(post(client, candidacy, action, data), status, code)
    assert snapshot() == before
    assert (status == 409) == bool({c for codes in body["codes"].values() for c in codes} & CONFLICTS)


def test_an_anonymised_candidacy_cannot_be_reopened(client, world):
    candidacy = _candidacy(world, dropped_out=True)
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=TODAY)
    client.force_login(world["gip"])
    before = snapshot()
    problem(post(client, candidacy, "reopening"), 409, "candidacy_anonymised")
    assert snapshot() == before


def test_who_may_not_act(client, world):
    filed = _candidacy(world, filed=True)
    closed = _candidacy(world, dropped_out=True, filed=True)
    stranger = UserFactory(candidate=True)
    certifier_person = UserFactory(certifier=True, organisation=world["certifier"])
    before = snapshot()
    assert post(client, filed, "drop-out", {"reason": "personal"}, world["token"]).status_code == 403
    assert post(client, filed, "litigation", {"pending": False}, world["accompanier_token"]).status_code == 403
    client.force_login(certifier_person)
    response = post(client, closed, "reopening")  # it reads the closed candidacy: 403, not 409
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    client.force_login(filed.candidate)
    assert post(client, filed, "litigation", {"pending": True, "note": "x"}).status_code == 403
    client.force_login(stranger)
    for action, data in (("drop-out", {"reason": "personal"}), ("reopening", None), ("archive", {"reason": "other"})):
        assert post(client, closed if action == "reopening" else filed, action, data).status_code == 404
    assert snapshot() == before
