"""POST /api/v1/candidacies: a candidate registers, an accompanier or the GIP registers on a candidate's behalf;
R6412-2 and every other refusal answer 422 with their code, nothing saved; machine clients register no one."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from acquis.api.pathways.schemas import CandidacyDetailOut
from acquis.audit.models import AuditEvent
from acquis.notifications.models import OutboundEmail
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


def _invitation_link(email: str) -> str:
    """The link of the invitation e-mail queued to ``email``."""
    body = OutboundEmail.objects.get(to=email, template="registration_invitation").body
    return re.search(r"https?://[^/\s]+(/parcours/invitation/[^/\s]+/)", body).group(1)


def test_an_accompanier_invites_and_the_candidate_accepts(client, cert):
    organisation = listed_accompanier()
    accompanier = UserFactory(accompanier=True, organisation=organisation)
    candidate = UserFactory(candidate=True)
    client.force_login(accompanier)
    body = _body(cert, candidate_email=candidate.email.upper(), accompaniment_mode="accompanied")

    response = post(client, None, "", body)

    # Nothing registered without the person's consent, and nothing of them told (security review M4).
    assert response.status_code == 202, response.content
    assert response.json() == {"invitation": "sent", "email": candidate.email}
    assert not Candidacy.objects.exists()
    link = _invitation_link(candidate.email)
    # Only the invited account opens the link; anyone else gets a 404.
    assert client.get(link).status_code == 404
    client.force_login(candidate)
    assert client.get(link).status_code == 200
    accepted = client.post(link)
    assert accepted.status_code == 302
    candidacy = Candidacy.objects.get()
    assert candidacy.registered_by == accompanier and candidacy.candidate == candidate
    assert candidacy.accompanier == organisation
    assert AuditEvent.objects.get(action="candidacy_registered").payload["on_behalf"] is True
    assert AuditEvent.objects.filter(action="registration_invitation_accepted", actor=candidate).exists()
    client.post(link)  # a second acceptance registers nothing more
    assert Candidacy.objects.count() == 1


@pytest.mark.parametrize("who", ["accompanier", "gip_staff"])
def test_an_invitation_answers_the_same_whether_the_address_has_an_account_or_not(client, cert, who):
    """Security review M4: 201 with the person's full name for a candidate's address, 422 unknown_candidate
    otherwise, told which addresses had candidate accounts."""
    client.force_login(UserFactory(role=who))
    candidate = UserFactory(candidate=True, first_name="Benoît", last_name="Candidat-B")
    professional = UserFactory(gip_staff=True)
    answers = []
    for email in (candidate.email, "personne@example.org", professional.email):
        response = post(client, None, "", _body(cert, candidate_email=email))
        assert response.status_code == 202, response.content
        assert "Candidat-B" not in response.content.decode()
        answers.append(response.json() | {"email": "…"})
        assert OutboundEmail.objects.filter(to=email, template="registration_invitation").exists()
    assert answers[0] == answers[1] == answers[2]
    assert not Candidacy.objects.exists()


def test_the_gip_invites_with_a_chosen_accompanier_and_a_past_start(client, cert):
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
    assert response.status_code == 202, response.content
    client.force_login(candidate)
    assert client.post(_invitation_link(candidate.email)).status_code == 302
    candidacy = Candidacy.objects.get()
    assert candidacy.accompanier == organisation and candidacy.started_on == dt.date(2023, 12, 31)


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
        ({"candidate_email": "pas-une-adresse"}, "invalid_email"),
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
    if code == "invalid_email":
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


def test_a_refused_invitation_saves_and_sends_nothing(client, cert):
    client.force_login(UserFactory(accompanier=True))
    before = snapshot()
    body = _body(cert, candidate_email="personne@example.org", in_initial_training=True)
    problem(post(client, None, "", body), 422, "in_initial_training")
    assert snapshot() == before
    assert not OutboundEmail.objects.exists()
