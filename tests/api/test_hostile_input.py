"""Hostile input on the API (issue 11, point 6; security review M5 and M6): a small corpus of hostile values sent
into a few representative bodies and parameters of each domain. Every answer is a success or a 4xx problem in
French — never a 5xx — and a refused write leaves nothing behind. Django's request limits, deep JSON and page
overflow are tested by name."""

from __future__ import annotations

import json

import pytest

from acquis.audit.models import AuditEvent
from tests.accounts.factories import UserFactory, make_api_token
from tests.leave.factories import LeaveRequestFactory
from tests.web.test_permissions_matrix import PATHWAY_API_BODIES, _pathway_candidacy

# One hostile value of each kind the review probed (strings past a column, numbers past a type, absurd dates,
# wrong types, control and bidi characters, markup, SQL).
CORPUS = [
    "x" * 300,
    "é" * 5000,
    10**15,
    2**63,
    -1,
    1.5,
    "1e400",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "\u202egnp.exe",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "",
    None,
    True,
    [],
    {"a": 1},
]
EXPERIENCES = "/api/v1/candidacies/{candidacy_id}/experiences"
EXPERIENCE_FIELDS = sorted(PATHWAY_API_BODIES[EXPERIENCES])


def _assert_answer(response, *accepted):
    assert response.status_code < 500, (response.status_code, response.content[:300])
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["title"]  # a French title, and detail where the route gives one
    if accepted:
        assert response.status_code in accepted, (response.status_code, response.content[:300])


@pytest.mark.parametrize("field", EXPERIENCE_FIELDS)
@pytest.mark.parametrize("value", CORPUS, ids=repr)
def test_an_experience_field_holds_against_the_corpus(client, field, value):
    actors = {role: UserFactory(role=role) for role in ("candidate", "accompanier", "certifier", "funder")}
    world = {"actors": actors}
    url = _pathway_candidacy(world, EXPERIENCES)
    client.force_login(actors["candidate"])
    before = AuditEvent.objects.count()

    response = client.post(url, {**PATHWAY_API_BODIES[EXPERIENCES], field: value}, content_type="application/json")

    _assert_answer(response)
    if response.status_code >= 400:
        assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x" * 256),
        ("hours", 10**15),
        ("hours", 2**31),
        ("started_on", "0001-01-01"),
        ("ended_on", "9999-12-31"),
    ],
)
def test_an_experience_out_of_range_is_refused_at_entry(client, field, value):
    # On SQLite these were stored as is; on PostgreSQL the title and hours answered 500 (review M5).
    actors = {role: UserFactory(role=role) for role in ("candidate", "accompanier", "certifier", "funder")}
    url = _pathway_candidacy({"actors": actors}, EXPERIENCES)
    client.force_login(actors["candidate"])

    response = client.post(url, {**PATHWAY_API_BODIES[EXPERIENCES], field: value}, content_type="application/json")

    _assert_answer(response, 422)


@pytest.mark.parametrize("value", CORPUS, ids=repr)
@pytest.mark.parametrize("field", ["kind", "reasons"])
def test_a_leave_answer_holds_against_the_corpus(client, field, value):
    token, raw = make_api_token()
    request = LeaveRequestFactory(employer=token.organisation, sent=True)
    body = {"kind": "refuse", "reasons": "Service"} | {field: value}
    _assert_answer(
        client.post(
            f"/api/v1/leave-requests/{request.pk}/answer",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
    )


@pytest.mark.parametrize("value", CORPUS, ids=repr)
def test_the_rules_decide_holds_against_the_corpus(client, value):
    body = {"at": value, "facts": {"request_received": value}}
    _assert_answer(
        client.post("/api/v1/rules/leave.employer_answer_due/decide", body, content_type="application/json")
    )


@pytest.mark.parametrize("value", CORPUS[:3] + ["0001-01-01"], ids=repr)
def test_the_certification_search_holds_against_the_corpus(client, value):
    _assert_answer(client.get("/api/v1/certifications", {"q": value, "level": value, "page": value}))


@pytest.mark.parametrize("page", ["99999999999999999999", "9223372036854775807", "9" * 5000])
@pytest.mark.parametrize("path", ["/api/v1/candidacies", "/api/v1/certifications"])
def test_a_huge_page_number_is_refused(client, path, page):
    client.force_login(UserFactory(role="certifier"))
    _assert_answer(client.get(path, {"page": page}), 422)


def _candidacies_post(client, **kwargs):
    client.force_login(UserFactory(role="candidate"))
    return client.post("/api/v1/candidacies", **kwargs)


def test_a_body_past_django_s_memory_limit_answers_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _candidacies_post(client, data=json.dumps({"x": "y" * 2000}), content_type="application/json")
    _assert_answer(response, 413)
    assert response.json()["code"] == "request_too_large"


def test_too_many_form_fields_answer_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    token, raw = make_api_token()
    request = LeaveRequestFactory(employer=token.organisation, sent=True)
    response = client.post(
        f"/api/v1/leave-requests/{request.pk}/attendance-proof",
        {f"f{i}": "x" for i in range(50)},
        headers={"Authorization": f"Bearer {raw}"},
    )
    _assert_answer(response, 400)
    assert response.json()["code"] == "unreadable_request"


def test_a_json_body_nested_too_deep_answers_422(client):
    deep = "[" * 100_000 + "]" * 100_000
    response = _candidacies_post(client, data=deep, content_type="application/json")
    _assert_answer(response, 400, 422)
