"""POST /api/v1/candidacies: a candidate registers, an accompanier or the GIP registers on a candidate's behalf;
R6412-2 and every other refusal answer 422 with their code, nothing saved; machine clients register no one."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.api.pathways.schemas import CandidacyDetailOut
from acquis.audit.models import AuditEvent
from acquis.pathways.models import Candidacy
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.api.pathways.support import TODAY, post, problem, snapshot
from tests.pathways.factories import certification, department, listed_accompanier

EXPERIENCE = {"title": "Cariste", "started_on": "2018-01-01", "hours": 3000, "employment_status": "employee"}


@pytest.fixture
def cert():
    return certification(blocks=2)


def _body(cert, **changes):
    body = {
        "certification": cert.code,
        "department": department().code,
        "qualification_level": 3,
        "accompaniment_mode": "autonomous",
        "in_initial_training": False,
        "experiences": [EXPERIENCE],
    }
    return {**body, **changes}


def test_a_candidate_registers_themselves(client, cert):
    candidate = UserFactory(candidate=True)
    client.force_login(candidate)
    block = cert.blocks.order_by("code").first().code
    response = post(client, None, "", _body(cert, blocks=[block.lower()], trainings=[{"title": "CACES"}]))
    assert response.status_code == 201, response.content
    body = CandidacyDetailOut.model_validate(response.json())
    assert body.candidate == {"name": candidate.get_full_name(), "email": candidate.email}
    assert body.status.code == "registered" and body.started_on == TODAY and body.accompanier is None
    assert [b["code"] for b in body.blocks] == [block] and body.experiences[0]["hours"] == 3000
    assert body.trainings[0]["title"] == "CACES"
    event = AuditEvent.objects.get(action="candidacy_registered", object_id=str(body.id))
    assert event.payload["on_behalf"] is False and event.role == "candidate"


def test_an_accompanier_registers_on_behalf_and_accompanies(client, cert):
    organisation = listed_accompanier()
    accompanier = UserFactory(accompanier=True, organisation=organisation)
    candidate = UserFactory(candidate=True)
    client.force_login(accompanier)
    body = _body(cert, candidate_email=candidate.email.upper(), accompaniment_mode="accompanied")
    response = post(client, None, "", body)
    assert response.status_code == 201, response.content
    detail = response.json()
    assert detail["candidate"]["email"] == candidate.email
    assert detail["accompanier"] == {"siret": organisation.siret, "name": organisation.name}
    candidacy = Candidacy.objects.get(pk=detail["id"])
    assert candidacy.registered_by == accompanier and candidacy.candidate == candidate
    assert AuditEvent.objects.get(action="candidacy_registered").payload["on_behalf"] is True


def test_the_gip_registers_with_a_chosen_accompanier_and_a_past_start(client, cert):
    organisation = listed_accompanier()
    candidate = UserFactory(candidate=True)
    client.force_login(UserFactory(gip_staff=True))
    body = _body(
        cert,
        candidate_email=candidate.email,
        accompaniment_mode="accompanied",
        accompanier_siret=organisation.siret,
        started_on="2023-12-31",
    )
    response = post(client, None, "", body)
    assert response.status_code == 201, response.content
    assert response.json()["accompanier"]["siret"] == organisation.siret
    assert response.json()["started_on"] == "2023-12-31"


def test_someone_in_initial_training_is_refused_quoting_r6412_2(client, cert):
    client.force_login(UserFactory(candidate=True))
    before = snapshot()
    body = problem(post(client, None, "", _body(cert, in_initial_training=True)), 422, "in_initial_training")
    assert body["code"] == "in_initial_training" and "R6412-2" in body["detail"]
    assert body["type"].endswith("donnees-refusees")
    assert snapshot() == before


def _other_block():
    return certification().blocks.first().code


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"certification": "RNCP0"}, "unknown_certification"),
        ({"blocks": ["RNCP0BC01"]}, "unknown_block"),
        ({"department": "00"}, "unknown_department"),
        ({"candidate_email": "personne@example.org"}, "unknown_candidate"),
        ({"accompanier_siret": "00000000000000", "accompaniment_mode": "accompanied"}, "unknown_accompanier"),
        ({"accompanier_siret": "{unlisted}", "accompaniment_mode": "accompanied"}, "accompanier_not_listed"),
        ({"accompanier_siret": "{listed}"}, "accompanier_not_allowed"),
        ({"certification": "{closed}"}, "certification_not_vae_accessible"),
        ({"qualification_level": 9}, "invalid_qualification_level"),
        ({"accompaniment_mode": "alone"}, "invalid_accompaniment_mode"),
        ({"started_on": "{tomorrow}"}, "started_after_registration"),
        ({"blocks": ["{foreign}"]}, "blocks_outside_certification"),
        ({"experiences": [{**EXPERIENCE, "title": " "}]}, "experience_title_required"),
        ({"experiences": [{**EXPERIENCE, "hours": 0}]}, "experience_hours_invalid"),
        ({"experiences": [{**EXPERIENCE, "ended_on": "2017-01-01"}]}, "experience_end_before_start"),
        ({"experiences": [{**EXPERIENCE, "employment_status": "boss"}]}, "invalid_employment_status"),
    ],
)  # fmt: skip
def test_every_refusal_has_its_code_and_saves_nothing(client, cert, changes, code):
    candidate = UserFactory(candidate=True)
    client.force_login(candidate)
    if code == "unknown_candidate":
        client.force_login(UserFactory(gip_staff=True))
    names = {
        "{unlisted}": lambda: OrganisationFactory(accompanier=True).siret,
        "{listed}": lambda: listed_accompanier().siret,
        "{closed}": lambda: certification(vae_accessible=False).code,
        "{tomorrow}": lambda: (TODAY + dt.timedelta(days=1)).isoformat(),
        "{foreign}": _other_block,
    }

    def resolve(value):
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return names[value]() if isinstance(value, str) and value in names else value

    resolved = {key: resolve(value) for key, value in changes.items()}
    before = snapshot()
    problem(post(client, None, "", _body(cert, **resolved)), 422, code)
    assert snapshot() == before


@pytest.mark.parametrize(
    "changes",
    [{"in_initial_training": None}, {"unexpected": 1}, {"started_on": "0"}, {"experiences": [{"title": "x"}]}],
)
def test_malformed_input_is_refused_by_the_schema(client, cert, changes):
    client.force_login(UserFactory(candidate=True))
    body = {key: value for key, value in _body(cert, **changes).items() if value is not None}
    response = post(client, None, "", body)
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"
    assert not Candidacy.objects.exists()


def test_who_may_not_register(client, cert):
    other = UserFactory(candidate=True)
    client.force_login(UserFactory(candidate=True))
    response = post(client, None, "", _body(cert, candidate_email=other.email))
    assert response.status_code == 403  # a candidate registers only themselves
    client.force_login(UserFactory(accompanier=True))
    problem(post(client, None, "", _body(cert)), 422, "candidate_email_required")
    client.force_login(UserFactory(certifier=True))
    assert post(client, None, "", _body(cert, candidate_email=other.email)).status_code == 403
    client.logout()
    assert post(client, None, "", _body(cert)).status_code == 401
    for role in ("certifier", "accompanier"):
        _token, raw = make_api_token(role=role)
        response = post(client, None, "", _body(cert, candidate_email=other.email), raw=raw)
        assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert not Candidacy.objects.exists()
