"""/api/v1/leave-requests: who sees what, filters, the answer and its errors, attendance proofs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from acquis.api.leave.schemas import LeaveRequestDetailOut, LeaveRequestListOut
from acquis.audit.models import AuditEvent
from acquis.documents.text import french_date
from acquis.leave import selectors, services
from acquis.leave.models import AttendanceProofRequest, LeaveAnswer, LeaveAttachment, LeaveRequest
from acquis.rules import decide
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.leave.factories import JPEG, PNG, LeaveRequestFactory, pdf

BASE = "/api/v1/leave-requests"


def _bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def world():
    company = OrganisationFactory(name="Hôpital Nord")
    other_company = OrganisationFactory(name="Clinique Sud")
    employee = UserFactory(candidate=True, first_name="Marie", last_name="Curie")
    pending = LeaveRequestFactory(employee=employee, employer=company, sent=True)
    deemed = LeaveRequestFactory(employer=company, era_2019=True, sent=True)
    accepted = LeaveRequestFactory(employer=company, era_2023=True, answered_accept=True)
    draft = LeaveRequestFactory(employee=employee, employer=company)
    elsewhere = LeaveRequestFactory(employer=other_company, sent=True)
    token, raw = make_api_token(organisation=company)
    _other_token, other_raw = make_api_token(organisation=other_company)
    _funder_token, funder_raw = make_api_token(role="funder")
    return {
        "company": company,
        "employee": employee,
        "pending": pending,
        "deemed": deemed,
        "accepted": accepted,
        "draft": draft,
        "elsewhere": elsewhere,
        "hr": UserFactory(employer=True, organisation=company),
        "other_hr": UserFactory(employer=True, organisation=other_company),
        "funder": UserFactory(funder=True),
        "gip": UserFactory(gip_staff=True),
        "token": token,
        "raw": raw,
        "other_raw": other_raw,
        "funder_raw": funder_raw,
    }


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_each_caller_lists_what_it_may_read(client, world):
    sent_to_company = {world[name].pk for name in ("pending", "deemed", "accepted")}
    assert _ids(client.get(BASE, headers=_bearer(world["raw"]))) == sent_to_company
    assert _ids(client.get(BASE, headers=_bearer(world["other_raw"]))) == {world["elsewhere"].pk}
    assert _ids(client.get(BASE, headers=_bearer(world["funder_raw"]))) == set()
    client.force_login(world["employee"])
    assert _ids(client.get(BASE)) == {world["pending"].pk, world["draft"].pk}
    client.force_login(world["hr"])
    assert _ids(client.get(BASE)) == sent_to_company  # never the employee's draft
    client.force_login(world["other_hr"])
    assert _ids(client.get(BASE)) == {world["elsewhere"].pk}
    client.force_login(world["funder"])
    assert _ids(client.get(BASE)) == set()
    client.force_login(world["gip"])
    assert _ids(client.get(BASE)) == sent_to_company | {world["draft"].pk, world["elsewhere"].pk}


def test_list_items_carry_the_computed_status_due_date_and_version(client, world):
    body = client.get(BASE, headers=_bearer(world["raw"])).json()
    LeaveRequestListOut.model_validate(body)
    items = {item["id"]: item for item in body["items"]}
    deemed = items[world["deemed"].pk]
    assert deemed["status"] == "deemed_accepted"
    assert deemed["status_label"] == "accordé (absence de réponse de l'employeur)"
    assert deemed["status_rule_version"] == "2019-11-04"
    assert deemed["answer_due"] == "2021-03-31"
    accepted = items[world["accepted"].pk]
    assert (accepted["status"], accepted["answer_kind"], accepted["answer_due"]) == (
        "accepted",
        "accept",
        "2024-03-16",
    )
    pending = items[world["pending"].pk]
    assert pending["employee"] == {"name": "Marie Curie", "email": world["employee"].email}
    assert pending["employer"] == {"siret": world["company"].siret, "name": "Hôpital Nord"}
    assert body["counts_by_status"] == {"pending": 1, "deemed_accepted": 1, "accepted": 1}
    assert body["total"] == 3 and body["on"] == timezone.localdate().isoformat()


def test_filters_by_status_and_due_date_with_counts_and_pages(client, world):
    def get(query):
        return client.get(f"{BASE}?{query}", headers=_bearer(world["raw"])).json()

    body = get("status=deemed_accepted&status=accepted")
    assert {item["id"] for item in body["items"]} == {world["deemed"].pk, world["accepted"].pk}
    assert body["total"] == 2
    # Counts ignore the status filter (they feed counters) but follow the due-date filters.
    assert body["counts_by_status"] == {"pending": 1, "deemed_accepted": 1, "accepted": 1}
    body = get("due_after=2024-01-01&due_before=2024-12-31")
    assert [item["id"] for item in body["items"]] == [world["accepted"].pk]
    assert body["counts_by_status"] == {"accepted": 1}
    assert get("due_before=2021-03-30")["items"] == []
    assert [item["id"] for item in get("due_before=2021-03-31")["items"]] == [world["deemed"].pk]  # inclusive
    # Latest receipt first; pages of `limit` rows from `offset`.
    order = [item["id"] for item in get("limit=200")["items"]]
    assert order == [world["pending"].pk, world["accepted"].pk, world["deemed"].pk]
    page = get("limit=1&offset=1")
    assert [item["id"] for item in page["items"]] == [order[1]] and page["total"] == 3


def test_list_refuses_an_unknown_status_or_bad_page(client, world):
    for query in ("status=granted", "limit=0", "limit=201", "offset=-1", "due_before=31/03/2021"):
        response = client.get(f"{BASE}?{query}", headers=_bearer(world["raw"]))
        assert response.status_code == 422, query
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "invalid_request"


def test_employee_list_shows_drafts_under_their_own_count(client, world):
    client.force_login(world["employee"])
    body = client.get(f"{BASE}?status=draft").json()
    assert [item["id"] for item in body["items"]] == [world["draft"].pk]
    assert body["items"][0]["status"] is None and body["items"][0]["status_label"] == "brouillon"
    assert body["counts_by_status"] == {"draft": 1, "pending": 1}


def test_detail_has_actions_answer_attachments_and_full_decisions(client, world):
    request = world["accepted"]
    response = client.get(f"{BASE}/{request.pk}", headers=_bearer(world["raw"]))
    assert response.status_code == 200
    body = response.json()
    LeaveRequestDetailOut.model_validate(body)
    assert (body["state"], body["status"], body["answer"]["kind"]) == ("answered", "accepted", "accept")
    assert body["answer_due"] == "2024-03-16" and body["postponement_latest_date"] == "2024-04-01"
    assert body["paid_hours"] == 48  # request received 2024-03-01: L6422-2 (loi) over D6422-8 (décret)
    assert body["actions"] == [
        {
            "start": "2024-04-15",
            "end": "2024-04-16",
            "nature": "evaluation",
            "nature_label": "Session d'évaluation (épreuves de validation)",
            "hours": 14,
        }
    ]
    assert {a["kind"] for a in body["attachments"]} == {"admissibility_proof", "registered_letter_scan"}
    assert all(a["content_type"] == "application/pdf" and len(a["sha256"]) == 64 for a in body["attachments"])
    # The Decisions are the engine's own JSON, sources included.
    status = body["decisions"]["status"]
    assert status["schema"] == "acquis.rules.decision/1" and status["rule_id"] == "leave.status"
    assert status["sources"][0]["article"] == "R6422-4" and status["sources"][0]["legiarti"].startswith("LEGIARTI")
    assert status["trace"]["children"]
    assert body["decisions"]["paid_hours"] == selectors.paid_hours(request).to_dict()
    assert body["decisions"]["missing_items"] == request.missing_items_decision


@pytest.mark.parametrize(
    ("caller", "status"),
    [("raw", 200), ("other_raw", 404), ("funder_raw", 404)],
)
def test_detail_for_tokens(client, world, caller, status):
    response = client.get(f"{BASE}/{world['pending'].pk}", headers=_bearer(world[caller]))
    assert response.status_code == status


def test_a_request_the_caller_cannot_read_is_indistinguishable_from_a_missing_one(client, world):
    hidden = client.get(f"{BASE}/{world['elsewhere'].pk}", headers=_bearer(world["raw"]))
    missing = client.get(f"{BASE}/999999", headers=_bearer(world["raw"]))
    assert hidden.status_code == missing.status_code == 404
    strip = {"instance", "request_id", "detail"}
    assert {k: v for k, v in hidden.json().items() if k not in strip} == {
        k: v for k, v in missing.json().items() if k not in strip
    }
    # The employer never sees the employee's draft either.
    client.force_login(world["hr"])
    assert client.get(f"{BASE}/{world['draft'].pk}").status_code == 404


def _answer(client, pk, body, **headers):
    return client.post(f"{BASE}/{pk}/answer", body, content_type="application/json", **headers)


def test_token_postpones_within_the_limit_and_the_status_follows(client, world):
    request = world["pending"]
    limit = decide("leave.postponement_latest_date", {"request_received": request.request_received}).value
    response = _answer(
        client,
        request.pk,
        {"kind": "postpone", "postponed_to": limit, "reasons": "Inventaire annuel"},
        headers=_bearer(world["raw"]),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "postponed" and body["answer"]["through_api_token"] is True
    assert body["answer"]["postponed_to"] == limit
    event = AuditEvent.objects.filter(action="leave_request_answered").latest("id")
    assert event.payload["token"] == world["token"].pk and event.role == "employer"


def test_a_second_answer_is_a_conflict(client, world):
    request = world["pending"]
    assert _answer(client, request.pk, {"kind": "accept"}, headers=_bearer(world["raw"])).status_code == 200
    client.force_login(world["hr"])
    again = _answer(client, request.pk, {"kind": "postpone", "postponed_to": "2030-01-01", "reasons": "x"})
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    problem = again.json()
    assert problem["code"] == "already_answered" and "déjà répondu" in problem["detail"]
    assert LeaveAnswer.objects.filter(request=request).count() == 1


def test_an_answer_committed_between_the_checks_is_a_conflict_not_a_refusal(client, world):
    """The interleaving CI met on PostgreSQL, made deterministic: the other answer commits right after this route
    first reads the request. Judged on that one snapshot, the second answer reaches the service's row lock and
    gets 409; re-reading the row for the permission check used to see the new answer and refuse with 403."""
    request, answered = world["pending"], []

    def answer_after_the_first_read(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not answered and sql.startswith("SELECT") and '"leave_leaverequest"' in sql:
            answered.append(True)
            services.leave_request_answer(leave_request=request, actor=world["token"], kind="accept")
        return result

    client.force_login(world["hr"])
    with connection.execute_wrapper(answer_after_the_first_read):
        again = _answer(client, request.pk, {"kind": "postpone", "postponed_to": "2030-01-01", "reasons": "x"})
    assert answered and again.status_code == 409, again.content
    assert again.json()["code"] == "already_answered"
    assert LeaveAnswer.objects.filter(request=request).count() == 1


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"kind": "postpone", "postponed_to": "2099-01-01"}, "reasons_required", "reasons"),
        ({"kind": "postpone", "reasons": "Inventaire"}, "postponed_to_required", "postponed_to"),
        ({"kind": "refuse"}, "invalid_answer_kind", "kind"),
    ],
)
def test_invalid_answers_are_refused_in_french_and_nothing_is_saved(client, world, body, code, field):
    response = _answer(client, world["pending"].pk, body, headers=_bearer(world["raw"]))
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == code and problem["codes"][field] == [code]
    assert problem["errors"][field] and problem["title"] == "Données refusées"
    assert not LeaveAnswer.objects.filter(request=world["pending"]).exists()


def test_a_postponement_beyond_the_limit_cites_the_article(client, world):
    request = world["pending"]
    limit = dt.date.fromisoformat(
        decide("leave.postponement_latest_date", {"request_received": request.request_received}).value
    )
    response = _answer(
        client,
        request.pk,
        {"kind": "postpone", "postponed_to": (limit + dt.timedelta(days=1)).isoformat(), "reasons": "Inventaire"},
        headers=_bearer(world["raw"]),
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "postponement_beyond_limit"
    assert "article R6422-4 du Code du travail" in problem["detail"] and f"{french_date(limit)}" in problem["detail"]
    assert not LeaveAnswer.objects.filter(request=world["pending"]).exists()


def test_a_postponement_after_deemed_consent_is_refused(client, world):
    response = _answer(
        client,
        world["deemed"].pk,
        {"kind": "postpone", "postponed_to": "2021-04-15", "reasons": "Inventaire"},
        headers=_bearer(world["raw"]),
    )
    assert response.status_code == 422 and response.json()["code"] == "already_deemed_accepted"


@pytest.mark.parametrize(
    ("who", "status"),
    [("employee", 403), ("gip", 403), ("other_hr", 404), ("funder", 404)],
)
def test_only_the_employer_answers(client, world, who, status):
    client.force_login(world[who])
    response = _answer(client, world["pending"].pk, {"kind": "accept"})
    assert response.status_code == status
    assert not LeaveAnswer.objects.filter(request=world["pending"]).exists()


def test_another_company_token_cannot_answer_and_learns_nothing(client, world):
    response = _answer(client, world["pending"].pk, {"kind": "accept"}, headers=_bearer(world["other_raw"]))
    assert response.status_code == 404
    # Not even a 409 on an answered request of another company: that would reveal it exists.
    answered = _answer(client, world["accepted"].pk, {"kind": "accept"}, headers=_bearer(world["other_raw"]))
    assert answered.status_code == 404


def test_employer_and_funder_ask_for_the_attendance_proof(client, world):
    url = f"{BASE}/{world['accepted'].pk}/attendance-proof-requests"
    by_token = client.post(url, {"message": "Merci"}, content_type="application/json", headers=_bearer(world["raw"]))
    assert by_token.status_code == 201
    assert by_token.json()["organisation"]["siret"] == world["company"].siret
    # A funder names the employer's SIRET written on the letter (the request is reached by number and SIRET).
    siret = {"employer_siret": world["company"].siret}
    by_funder_token = client.post(url, siret, content_type="application/json", headers=_bearer(world["funder_raw"]))
    assert by_funder_token.status_code == 201
    client.force_login(world["funder"])
    by_funder = client.post(url, siret, content_type="application/json")
    assert by_funder.status_code == 201
    funder_org = world["funder"].memberships.get().organisation
    assert by_funder.json()["organisation"] == {"siret": funder_org.siret, "name": funder_org.name}
    client.force_login(world["employee"])  # reads their own request, may not ask for their own proof
    own = f"{BASE}/{world['pending'].pk}/attendance-proof-requests"
    assert client.post(own, {}, content_type="application/json").status_code == 403
    assert client.post(url, {}, content_type="application/json").status_code == 404  # someone else's
    on_draft = f"{BASE}/{world['draft'].pk}/attendance-proof-requests"
    assert client.post(on_draft, {}, content_type="application/json").status_code == 403
    client.force_login(world["funder"])
    assert client.post(on_draft, siret, content_type="application/json").status_code == 404


@pytest.mark.parametrize("who", ["funder", "funder_token"])
def test_funder_cannot_enumerate_or_act_on_requests_by_number(client, world, who):
    """Security review H1: a funder's proof request by number alone answered 201 on any sent request, 404
    otherwise. Without the exact employer's SIRET, an existing request answers like a missing one."""
    headers = {}
    if who == "funder":
        client.force_login(world["funder"])
    else:
        headers = _bearer(world["funder_raw"])
    missing = LeaveRequest.objects.order_by("-pk").first().pk + 1000
    before = AttendanceProofRequest.objects.count()
    answers = []
    for pk, body in [
        (world["accepted"].pk, {}),
        (world["accepted"].pk, {"employer_siret": OrganisationFactory().siret}),
        (world["pending"].pk, {"message": "envoyez votre justificatif à evil@example.com"}),
        (missing, {}),
    ]:
        url = f"{BASE}/{pk}/attendance-proof-requests"
        response = client.post(url, body, content_type="application/json", headers=headers)
        assert response.status_code == 404, response.content
        answers.append({k: v for k, v in response.json().items() if k not in ("instance", "detail", "request_id")})
    assert all(answer == answers[-1] for answer in answers), answers
    assert AttendanceProofRequest.objects.count() == before


def test_employee_uploads_the_attendance_proof(client, world):
    client.force_login(world["employee"])
    url = f"{BASE}/{world['pending'].pk}/attendance-proof"
    response = client.post(url, {"file": SimpleUploadedFile("attestation.png", PNG)})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "attendance_attestation" and body["content_type"] == "image/png"
    # A JPEG named .pdf is a JPEG: the type comes from the content.
    jpeg = client.post(url, {"file": SimpleUploadedFile("attestation.pdf", JPEG, content_type="application/pdf")})
    assert jpeg.json()["content_type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"MZ\x90\x00 not a document", "file_type_refused", "ni un PDF, ni une image PNG ou JPEG"),
        (b"", "file_empty", "Le fichier est vide"),
    ],
)
def test_a_refused_upload_saves_nothing(client, world, content, code, message):
    client.force_login(world["employee"])
    before = LeaveAttachment.objects.count()
    response = client.post(
        f"{BASE}/{world['pending'].pk}/attendance-proof", {"file": SimpleUploadedFile("a.pdf", content)}
    )
    assert response.status_code == 422
    assert response.json()["code"] == code and message in response.json()["detail"]
    assert LeaveAttachment.objects.count() == before


def test_an_upload_with_a_part_the_route_does_not_read_is_refused_and_saves_nothing(client, world):
    client.force_login(world["employee"])
    url = f"{BASE}/{world['pending'].pk}/attendance-proof"
    before = LeaveAttachment.objects.count()
    for data in (
        {"file": pdf(), "commentaire": "Présence"},
        {"file": pdf(), "second": pdf("b.pdf")},
        {"file": [pdf("a.pdf"), pdf("b.pdf")]},
    ):
        response = client.post(url, data)
        assert response.status_code == 422 and response.json()["code"] == "invalid_request", data
        assert response["Content-Type"] == "application/problem+json"
    assert LeaveAttachment.objects.count() == before
    assert client.post(url, {"file": pdf()}).status_code == 201


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_an_upload_over_the_limit_is_refused(client, world):
    client.force_login(world["employee"])
    response = client.post(
        f"{BASE}/{world['pending'].pk}/attendance-proof", {"file": pdf(content=b"%PDF-1.4\n" + b"0" * 2048)}
    )
    assert response.status_code == 422 and response.json()["code"] == "file_too_large"
    assert "taille maximale" in response.json()["detail"]


def test_only_the_employee_uploads(client, world):
    url = f"{BASE}/{world['pending'].pk}/attendance-proof"
    assert client.post(url, {"file": pdf()}, headers=_bearer(world["raw"])).status_code == 403
    assert client.post(url, {"file": pdf()}, headers=_bearer(world["other_raw"])).status_code == 404
    client.force_login(UserFactory(candidate=True))
    assert client.post(url, {"file": pdf()}).status_code == 404
    client.force_login(world["employee"])
    missing = client.post(url, {})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_request"


def test_routes_are_documented_in_french(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {path: ops for path, ops in schema["paths"].items() if path.startswith(BASE)}
    assert len(paths) == 6
    for ops in paths.values():
        for op in ops.values():
            assert op["summary"] and op["description"] and op["tags"] == ["congé VAE"]
    answer = paths[f"{BASE}/{{leave_request_id}}/answer"]["post"]
    assert {"200", "403", "404", "409", "422"} <= set(answer["responses"])
    assert "postponement_beyond_limit" in answer["description"]
    letter = paths[f"{BASE}/{{leave_request_id}}/letter.pdf"]["get"]["responses"]
    assert letter["200"]["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert {"401", "403", "404"} <= set(letter) and "application/problem+json" in letter["404"]["content"]


def _non_iso(day: dt.date) -> list[str]:
    # French order, with a time (even midnight, which pydantic alone takes for the day), a Unix timestamp.
    midnight = int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())
    return [f"{day:%d/%m/%Y}", f"{day}T10:00", f"{day}T00:00", str(midnight)]


def test_answer_and_proof_request_refuse_unknown_keys_and_non_iso_dates(client, world):
    request, headers = world["pending"], _bearer(world["raw"])
    received = request.request_received
    proofs = f"{BASE}/{world['accepted'].pk}/attendance-proof-requests"
    refused = [
        ("answer", {"kind": "accept", "commentaire": "x"}),
        ("answer", {"kind": "postpone", "postponed_to": "2030-01-01", "reasons": "x", "raison": "x"}),
        *(("answer", {"kind": "postpone", "reasons": "x", "postponed_to": text}) for text in _non_iso(received)),
        # The answer is dated by the portal's clock: a date sent with it is refused, never applied.
        ("answer", {"kind": "accept", "answered_on": received.isoformat()}),
        ("proof", {"message": "Merci", "deadline": "2030-01-01"}),
    ]
    before = (
        LeaveAnswer.objects.count(),
        AuditEvent.objects.count(),
        world["accepted"].attendance_proof_requests.count(),
    )
    for route, body in refused:
        if route == "answer":
            response = _answer(client, request.pk, body, headers=headers)
        else:
            response = client.post(proofs, body, content_type="application/json", headers=headers)
        assert response.status_code == 422, body
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "invalid_request", body
    assert (
        LeaveAnswer.objects.count(),
        AuditEvent.objects.count(),
        world["accepted"].attendance_proof_requests.count(),
    ) == before
    # The same bodies, well formed, are accepted: the refusals above came from the schema alone.
    answer = _answer(client, request.pk, {"kind": "accept"}, headers=headers)
    assert answer.status_code == 200, answer.content
    proof = client.post(proofs, {"message": "Merci"}, content_type="application/json", headers=headers)
    assert proof.status_code == 201
