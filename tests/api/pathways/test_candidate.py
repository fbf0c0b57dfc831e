"""The candidate's side of /api/v1/candidacies/{id}: experiences, accompanier, programme, the admissibility file
(and the R6412-3 quota), its pieces, the validation file, steps, legitimate reasons, attestations — success,
each refusal with its code and nothing saved, and who may not act (403 for a reader, 404 for anyone else)."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.accounts.enums import OrganisationKind
from acquis.api.pathways import CONFLICTS
from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.models import Attestation, Candidacy, PathwayStep
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.api.pathways.support import BASE, FUTURE, TODAY, bearer, post, problem, recent, snapshot
from tests.leave.factories import pdf
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, certification, department, listed_accompanier

EXP = {"title": "Chef d'équipe", "started_on": "2019-01-01", "hours": 1200, "employment_status": "employee"}
ATTACHMENTS = "feasibility/attachments"


def _programme(code, starts_on, **kwargs):
    sponsor = OrganisationFactory(kind=OrganisationKind.FUNDER)
    services.programme_create(
        actor=None, name=code, kind="sponsored_cohort", enrolment_code=code, starts_on=starts_on, sponsor=sponsor,
        **kwargs,
    )  # fmt: skip


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    accompanier = listed_accompanier()
    candidate = UserFactory(candidate=True)
    _programme("AS2026", dt.date(2024, 1, 1))
    _programme("LATER", TODAY + dt.timedelta(days=30))
    _programme("OTHER", dt.date(2024, 1, 1), certifications=[certification()])
    return {
        "certifier": certifier,
        "accompanier": accompanier,
        "candidate": candidate,
        "certifier_token": make_api_token(organisation=certifier, role="certifier")[1],
        "accompanier_token": make_api_token(organisation=accompanier, role="accompanier")[1],
    }


def _candidacy(world, step="registered", **kwargs):
    kwargs.setdefault("candidate", world["candidate"])
    kwargs.setdefault("certifier", world["certifier"])
    return CandidacyFactory(step=step, **kwargs)


def _attach(client, candidacy, kind="experience_proof", document=None, raw=None):
    data = {"kind": kind, "document": document or pdf("attestation.pdf")}
    return client.post(f"{BASE}/{candidacy.pk}/{ATTACHMENTS}", data, headers=bearer(raw) if raw else {})


# --- success ----------------------------------------------------------------------------------------------------


def test_the_candidate_completes_and_files_the_admissibility_file(client, world):
    candidacy = _candidacy(world)
    client.force_login(world["candidate"])
    response = post(client, candidacy, "experiences", EXP)
    assert response.status_code == 200 and len(response.json()["experiences"]) == 2
    response = post(client, candidacy, "accompanier", {"siret": world["accompanier"].siret})
    body = response.json()
    assert body["accompanier"]["siret"] == world["accompanier"].siret and body["accompaniment_mode"] == "accompanied"
    assert post(client, candidacy, "programme", {"enrolment_code": "as2026"}).json()["programme"] == "AS2026"
    response = post(client, candidacy, "feasibility", {})
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "feasibility_submitted"
    assert body["feasibility"]["quota_decision"]["value"] == {"allowed": True, "reason": None}
    assert body["certifier"]["siret"] == world["certifier"].siret
    response = _attach(client, candidacy)
    assert response.status_code == 200, response.content
    assert response.json()["feasibility"]["attachments"][0]["content_type"] == "application/pdf"
    roles = set(AuditEvent.objects.filter(object_id=str(candidacy.pk)).values_list("role", flat=True))
    assert "candidate" in roles


def test_an_accompanier_token_acts_with_the_candidate(client, world):
    candidacy = _candidacy(world, accompanier=world["accompanier"])
    response = post(client, candidacy, "experiences", EXP, raw=world["accompanier_token"])
    assert response.status_code == 200 and len(response.json()["experiences"]) == 2
    event = AuditEvent.objects.get(action="candidacy_experience_added", object_id=str(candidacy.pk))
    assert event.role == "accompanier"


def test_steps_legitimate_reason_and_validation_file(client, world):
    candidacy = _candidacy(world, "admissible", started_on=recent(130))
    client.force_login(world["candidate"])
    assert post(client, candidacy, "steps", {"description": "Atelier d'écriture"}).status_code == 200
    assert PathwayStep.objects.get(candidacy=candidacy).recorded_on == TODAY
    assert Candidacy.objects.get(pk=candidacy.pk).first_step_on == TODAY
    assert post(client, candidacy, "legitimate-reason", {"reason": "Hospitalisation"}).status_code == 200
    assert Candidacy.objects.get(pk=candidacy.pk).legitimate_reason_on == TODAY
    response = post(client, candidacy, "validation-file", {"summary": "Mon dossier"})
    body = response.json()
    assert response.status_code == 200 and body["status"]["code"] == "validation_filed"
    latest = body["validation_files"][0]["latest_jury_decision"]
    assert any(source["article"] == "R6412-5" for source in latest["sources"])


def test_the_candidate_asks_for_an_attestation(client, world):
    candidacy = _candidacy(world, "result_partial")
    client.force_login(world["candidate"])
    assert post(client, candidacy, "attestations", {"kind": "blocks"}).status_code == 200
    assert Attestation.objects.get(candidacy=candidacy).kind == "blocks"


# --- the R6412-3 quota ----------------------------------------------------------------------------------------


def _registered(candidate, cert):
    return services.candidacy_register(
        actor=candidate, candidate=candidate, certification=cert, department=department(), qualification_level=3,
        started_on=TODAY, accompaniment_mode="autonomous", in_initial_training=False, experiences=[EXPERIENCE],
    )  # fmt: skip


def test_a_second_file_for_the_same_certification_this_year_cites_r6412_3(client, world):
    candidate, cert = world["candidate"], certification()
    services.feasibility_file_submit(actor=candidate, candidacy=_registered(candidate, cert))
    second = _registered(candidate, cert)
    client.force_login(candidate)
    before = snapshot()
    body = problem(post(client, second, "feasibility", {}), 422, "same_certification_this_year")
    assert body["code"] == "same_certification_this_year" and "R6412-3" in body["detail"]
    assert any(source["article"] == "R6412-3" and source["sentence"] in body["detail"] for source in body["sources"])
    assert snapshot() == before


def test_a_file_beyond_the_yearly_number_of_certifications_is_refused(client, world):
    candidate = world["candidate"]
    for _ in range(3):
        services.feasibility_file_submit(actor=candidate, candidacy=_registered(candidate, certification()))
    fourth = _registered(candidate, certification())
    client.force_login(candidate)
    before = snapshot()
    body = problem(post(client, fourth, "feasibility", {}), 422, "too_many_certifications_this_year")
    assert any(source["article"] == "R6412-3" for source in body["sources"])
    assert snapshot() == before


# --- refusals -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "step, action, data, status, code",
    [
        ("filed", "experiences", EXP, 409, "feasibility_already_filed"),
        ("registered", "experiences", {**EXP, "hours": -1}, 422, "experience_hours_invalid"),
        ("dropped_out", "experiences", EXP, 409, "candidacy_closed"),
        ("registered", "accompanier", {"siret": "00000000000000"}, 422, "unknown_accompanier"),
        ("registered", "accompanier", {"siret": "{unlisted}"}, 422, "accompanier_not_listed"),
        ("registered", "accompanier", {"siret": "{listed}", "on": FUTURE}, 422, "date_in_future"),
        ("registered", "programme", {"enrolment_code": "NOPE"}, 422, "unknown_enrolment_code"),
        ("registered", "programme", {"enrolment_code": "LATER"}, 422, "programme_not_open"),
        ("registered", "programme", {"enrolment_code": "OTHER"}, 422, "programme_other_certification"),
        ("filed", "feasibility", {}, 409, "feasibility_already_filed"),
        ("no_experience", "feasibility", {}, 409, "experiences_required"),
        ("registered", ATTACHMENTS, "experience_proof", 409, "feasibility_not_filed"),
        ("complete", ATTACHMENTS, "experience_proof", 409, "feasibility_complete"),
        ("pieces", ATTACHMENTS, "bogus", 422, "invalid_attachment_kind"),
        ("pieces", ATTACHMENTS, "exe", 422, "file_type_refused"),
        ("registered", "validation-file", {}, 409, "validation_not_expected"),
        ("pending", "validation-file", {}, 409, "feasibility_not_admissible"),
        ("admissible", "steps", {"description": " "}, 422, "description_required"),
        ("registered", "legitimate-reason", {"reason": ""}, 422, "reason_required"),
        ("result_full", "attestations", {"kind": "blocks"}, 409, "no_blocks_acquired"),
        ("validation", "attestations", {"kind": "result"}, 409, "no_jury_result"),
        ("result_partial", "attestations", {"kind": "x"}, 422, "invalid_attestation_kind"),
    ],
)  # fmt: skip
def test_every_refusal_has_its_code_and_saves_nothing(client, world, step, action, data, status, code):
    kwargs = {
        "dropped_out": {"step": "registered", "dropped_out": True},
        "no_experience": {"step": "registered"},
        "pending": {"step": "complete", "started_on": recent(45)},
        "admissible": {"step": "admissible", "started_on": recent(130)},
    }.get(step, {"step": step})
    candidacy = _candidacy(world, **kwargs)
    if step == "no_experience":
        candidacy.experiences.all().delete()
    if isinstance(data, dict) and data.get("siret", "").startswith("{"):
        organisation = listed_accompanier() if data["siret"] == "{listed}" else OrganisationFactory(accompanier=True)
        data = {**data, "siret": organisation.siret}
    client.force_login(world["candidate"])
    before = snapshot()
    if action == ATTACHMENTS:
        exe = pdf("x.exe", b"MZ\x90\x00" * 10) if data == "exe" else None
        response = _attach(client, candidacy, kind="other" if data == "exe" else data, document=exe)
    else:
        response = post(client, candidacy, action, data)
    body = problem(response, status, code)
    assert snapshot() == before
    assert (status == 409) == bool({c for codes in body["codes"].values() for c in codes} & CONFLICTS)


def test_unknown_keys_and_malformed_dates_are_refused_by_the_schema(client, world):
    candidacy = _candidacy(world)
    client.force_login(world["candidate"])
    for action, data in (("experiences", {**EXP, "salary": 1}), ("feasibility", {"filed_on": "1700000000"})):
        response = post(client, candidacy, action, data)
        assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_an_upload_with_a_part_the_route_does_not_read_is_refused_and_saves_nothing(client, world):
    candidacy = _candidacy(world, "pieces")
    client.force_login(world["candidate"])
    url = f"{BASE}/{candidacy.pk}/{ATTACHMENTS}"
    bodies = [
        {"kind": "experience_proof", "document": pdf(), "comment": "Voici la pièce"},
        {"kind": "experience_proof", "document": pdf(), "annexe": pdf("annexe.pdf")},
        {"kind": "experience_proof", "document": [pdf("a.pdf"), pdf("b.pdf")]},
    ]
    before = snapshot()
    for data in bodies:
        response = client.post(url, data)
        assert response.status_code == 422 and response.json()["code"] == "invalid_request", data
        assert response.json()["errors"][0]["type"] in ("extra_forbidden", "too_many_files")
    assert snapshot() == before
    assert _attach(client, candidacy).status_code == 200  # the same upload, without the extra part


# --- who may act ----------------------------------------------------------------------------------------------


def test_readers_who_may_not_act_get_403_and_others_404(client, world):
    filed = _candidacy(world, "pieces", accompanier=world["accompanier"])
    gip, other_candidate = UserFactory(gip_staff=True), UserFactory(candidate=True)
    _token, stranger = make_api_token(role="accompanier")
    before = snapshot()
    assert _attach(client, filed, raw=world["certifier_token"]).status_code == 403  # it reads the file
    assert post(client, filed, "steps", {"description": "x"}, raw=world["certifier_token"]).status_code == 403
    assert post(client, filed, "attestations", {"kind": "result"}, raw=world["accompanier_token"]).status_code == 403
    client.force_login(gip)
    assert post(client, filed, "experiences", EXP).status_code == 403
    client.force_login(other_candidate)  # someone else's candidacy
    response = post(client, filed, "experiences", EXP)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert post(client, filed, "validation-file", {}, raw=stranger).status_code == 404
    assert snapshot() == before
