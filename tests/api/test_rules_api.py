"""/api/v1/rules: the catalogue, and decide returning exactly what `acquis rules decide` prints."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acquis.api import rules as rules_api
from acquis.api.api import api
from acquis.audit.models import AuditEvent
from acquis.rules.catalogue import default_registry
from acquis.rules.cli import main as rules_cli
from acquis.rules.engine import Definition, Registry, Rule, RuleVersion
from acquis.rules.facts import FactSpec, parse_bool
from tests.rules.hostile import HOSTILE_AT, HOSTILE_FACTS

NO_ANSWER = {"answer": None}


def _cli(rule_id: str, at: str, facts: dict) -> tuple[int, dict]:
    out = io.StringIO()
    code = rules_cli(["decide", rule_id, "--at", at, "--facts", "-"], stdout=out, stdin=io.StringIO(json.dumps(facts)))
    return code, json.loads(out.getvalue())


def _decide(client, rule_id: str, body, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/api/v1/rules/{rule_id}/decide", data=data, content_type="application/json", **headers)


# Both sides of the R6422-4 boundaries (2019-11-04, 2023-12-29), of D6422-8's 2024-04-13, and a status.
PARITY_CASES = [
    ("leave.employer_answer_due", "2019-11-03", {"request_received": "2019-11-03"}, "2014-11-15"),
    ("leave.employer_answer_due", "2019-11-04", {"request_received": "2019-11-04"}, "2019-11-04"),
    ("leave.employer_answer_due", "2023-12-28", {"request_received": "2023-12-28"}, "2019-11-04"),
    ("leave.employer_answer_due", "2023-12-29", {"request_received": "2023-12-29"}, "2023-12-29"),
    (
        "leave.paid_hours_cap",
        "2024-04-12",
        {"qualification_level": 5, "job_threatened": False, "collective_agreement_hours": None},
        "2019-11-04",
    ),
    (
        "leave.paid_hours_cap",
        "2024-04-13",
        {"qualification_level": 5, "job_threatened": False, "collective_agreement_hours": None},
        "2024-04-13",
    ),
    ("leave.status", "2024-03-01", {"request_received": "2024-03-01", **NO_ANSWER, "on": "2024-03-20"}, "2023-12-29"),
]


@pytest.mark.parametrize(("rule_id", "at", "facts", "version"), PARITY_CASES)
def test_decide_returns_the_same_json_as_the_cli(client, rule_id, at, facts, version):
    exit_code, printed = _cli(rule_id, at, facts)
    assert exit_code == 0

    response = _decide(client, rule_id, {"at": at, "facts": facts})

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json() == printed
    assert printed["rule_version"] == version and printed["at"] == at


def test_version_boundary_changes_the_answer_and_the_cited_version(client):
    before = _decide(client, "leave.employer_answer_due", {"at": None, "facts": {"request_received": "2023-12-28"}})
    after = _decide(client, "leave.employer_answer_due", {"at": None, "facts": {"request_received": "2023-12-29"}})
    assert (before.json()["value"], after.json()["value"]) == ("2024-01-27", "2024-01-13")
    assert [s["legiarti"] for s in before.json()["sources"]] == ["LEGIARTI000039330059"]
    assert [s["legiarti"] for s in after.json()["sources"]] == ["LEGIARTI000048721677"]


def test_at_may_be_omitted_for_a_rule_governed_by_a_fact(client):
    response = _decide(
        client, "leave.status", {"facts": {"request_received": "2024-03-01", **NO_ANSWER, "on": "2024-03-20"}}
    )
    assert response.status_code == 200
    assert response.json()["value"] == "deemed_accepted"


DUE = "leave.employer_answer_due"
ERROR_CASES = [
    ("leave.nope", {"at": "2024-01-01", "facts": {}}, 404, "unknown_rule"),
    (DUE, {"at": "2024-01-01", "facts": {}}, 422, "missing_facts"),
    (DUE, {"at": "2024-01-01", "facts": {"request_received": "01/01/2024"}}, 422, "invalid_facts"),
    (DUE, {"at": "2024-01-01", "facts": {"request_recieved": "2024-01-01"}}, 422, "invalid_facts"),  # typo
    (DUE, {"at": "2024-01-02", "facts": {"request_received": "2024-01-01"}}, 422, "invalid_facts"),
    (DUE, {"at": "2010-01-01", "facts": {"request_received": "2010-01-01"}}, 422, "no_version_in_force"),
    (DUE, {"at": "le 1er janvier", "facts": {"request_received": "2024-01-01"}}, 422, "invalid_arguments"),
]


@pytest.mark.parametrize(("rule_id", "body", "status", "code"), ERROR_CASES)
def test_each_error_is_a_problem_with_its_code(client, rule_id, body, status, code):
    response = _decide(client, rule_id, body)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == code and problem["status"] == status
    assert problem["type"].startswith("https://acquis.beta.gouv.fr/problemes/")
    assert problem["title"] and problem["detail"]
    assert problem["error"] == problem["detail"]
    # The CLI gives the same code for the same input.
    exit_code, printed = _cli(rule_id, body["at"], body["facts"])
    assert exit_code == 2 and printed == {"error": code, "message": printed["message"]}
    if code != "invalid_arguments":
        assert printed["message"] == problem["detail"]


def test_missing_facts_names_them(client):
    problem = _decide(client, "leave.status", {"facts": {"request_received": "2024-03-01"}}).json()
    assert problem["code"] == "missing_facts"
    assert problem["fields"] == ["answer", "on"]


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[]",
        json.dumps({"at": "2024-01-01"}),
        json.dumps({"at": "2024-01-01", "facts": {}, "extra": 1}),
        json.dumps({"at": 20240101, "facts": {}}),
    ],
)
def test_a_malformed_body_is_invalid_arguments(client, raw):
    response = _decide(client, "leave.employer_answer_due", raw)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_arguments"


@pytest.mark.parametrize(
    "body",
    [
        {"at": "2024-03-01", "facts": {"request_received": "2024-03-01"}, "commentaire": "x"},
        # The same day written otherwise; Python's fromisoformat alone takes the compact and the week forms.
        *({"at": at, "facts": {"request_received": "2024-03-01"}} for at in ("01/03/2024", "2024-03-01T10:00")),
        *({"at": at, "facts": {"request_received": "2024-03-01"}} for at in ("20240301", "2024-W09-5")),
        {"at": "2024-03-01\n", "facts": {"request_received": "2024-03-01"}},
    ],
)
def test_an_unknown_key_or_a_non_iso_at_is_a_problem_and_nothing_is_kept(client, body):
    before = AuditEvent.objects.count()
    response = _decide(client, "leave.employer_answer_due", body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_arguments"
    assert AuditEvent.objects.count() == before
    # Well formed, the same case is decided: the refusal came from the key or the date's writing alone.
    well_formed = {"at": "2024-03-01", "facts": body["facts"]}
    assert _decide(client, "leave.employer_answer_due", well_formed).status_code == 200


def test_facts_that_are_not_an_object_are_invalid_facts(client):
    response = _decide(client, "leave.employer_answer_due", {"at": None, "facts": ["2024-01-01"]})
    assert response.status_code == 422 and response.json()["code"] == "invalid_facts"


FLAG = FactSpec("flag", "bool", parse_bool)


def _toy_registry(version: RuleVersion) -> Registry:
    rule = Rule(
        id="toy.rule", title="jouet", articles=(), anchor="asked", facts=(FLAG,), value="int", versions=(version,)
    )
    return Registry(default_registry().parameters, [rule])


def test_rule_conflict_is_a_problem(client, monkeypatch):
    both = (
        Definition("first", lambda ctx: 2, applies=lambda ctx: ctx.fact("flag")),
        Definition("second", lambda ctx: 3, applies=lambda ctx: ctx.fact("flag")),
    )
    registry = _toy_registry(RuleVersion("a", dt.date(2020, 1, 1), None, Definition("base", lambda c: 1), both))
    monkeypatch.setattr(rules_api, "default_registry", lambda: registry)

    response = _decide(client, "toy.rule", {"at": "2024-01-01", "facts": {"flag": True}})

    assert response.status_code == 422 and response.json()["code"] == "rule_conflict"


def test_parameter_not_in_force_is_a_problem(client, monkeypatch):
    def reads_too_early(ctx):
        return ctx.param("leave.employer_answer_delay", on=dt.date(1990, 1, 1))

    version = RuleVersion(
        "a",
        dt.date(2020, 1, 1),
        None,
        Definition("base", reads_too_early),
        parameters=("leave.employer_answer_delay",),
    )
    monkeypatch.setattr(rules_api, "default_registry", lambda: _toy_registry(version))

    response = _decide(client, "toy.rule", {"at": "2024-01-01", "facts": {"flag": True}})

    assert response.status_code == 422 and response.json()["code"] == "parameter_not_in_force"


def test_decide_writes_nothing(client):
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = _decide(
            client, "leave.status", {"facts": {"request_received": "2024-03-01", **NO_ANSWER, "on": "2024-03-20"}}
        )
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before
    assert not [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]


def test_a_write_during_a_decision_is_refused(client, monkeypatch, caplog):
    class WritingRegistry:
        def decide(self, *args):
            AuditEvent.objects.create(action="should.not", object_type="x", object_id="1")

    monkeypatch.setattr(rules_api, "default_registry", lambda: WritingRegistry())

    response = _decide(client, "leave.status", {"facts": {}})

    # The INSERT never reached the database: refuse_writes raised before executing it.
    assert response.status_code == 500
    assert "INSERT INTO" in caplog.text and "lecture seule" in caplog.text


def test_catalogue_lists_every_rule_with_its_dated_versions(client):
    response = client.get("/api/v1/rules")

    assert response.status_code == 200
    rules = {rule["id"]: rule for rule in response.json()}
    assert set(rules) == {rule.id for rule in default_registry()}
    answer_due = rules["leave.employer_answer_due"]
    assert answer_due["articles"] == ["R6422-4"]
    assert answer_due["governing_date"] == "request_received"
    assert answer_due["facts"] == {"request_received": "date"}
    assert answer_due["versions"] == [
        {"version": "2014-11-15", "valid_from": "2014-11-15", "valid_until": "2019-11-03"},
        {"version": "2019-11-04", "valid_from": "2019-11-04", "valid_until": "2023-12-28"},
        {"version": "2023-12-29", "valid_from": "2023-12-29", "valid_until": None},
    ]


def test_catalogue_matches_the_cli_listing(client):
    out = io.StringIO()
    assert rules_cli(["list"], stdout=out) == 0
    assert client.get("/api/v1/rules").json() == json.loads(out.getvalue())


def test_both_routes_are_public_and_say_so_in_openapi():
    paths = api.get_openapi_schema()["paths"]
    for operation in (paths["/api/v1/rules"]["get"], paths["/api/v1/rules/{rule_id}/decide"]["post"]):
        assert "security" not in operation
        assert "Route publique" in operation["description"]
    decide_doc = paths["/api/v1/rules/{rule_id}/decide"]["post"]
    assert set(decide_doc["requestBody"]["content"]["application/json"]["schema"]["properties"]) == {"at", "facts"}
    decision = api.get_openapi_schema()["components"]["schemas"]["DecisionOut"]["properties"]
    example = default_registry().decide("leave.employer_answer_due", {"request_received": "2024-01-01"})
    assert set(decision) == set(example.to_dict())
    rule_problem = api.get_openapi_schema()["components"]["schemas"]["RuleProblemOut"]
    assert {"code", "error"} <= set(rule_problem["required"])


@pytest.mark.parametrize(("rule_id", "facts"), HOSTILE_FACTS)
def test_hostile_facts_are_422_never_500(client, rule_id, facts):
    at = f'"{HOSTILE_AT[rule_id]}"' if rule_id in HOSTILE_AT else "null"
    response = _decide(client, rule_id, f'{{"at": {at}, "facts": {facts}}}')
    assert response.status_code == 422
    problem = response.json()
    # A date whose deadline overflows is a fact the rule cannot use; an unreadable body is a bad request.
    assert problem["code"] in {"invalid_facts", "invalid_arguments"}
    # Issue 13's words: 422 with {"error": …}, a French message, beside the RFC 9457 fields.
    assert problem["error"] and problem["error"] == problem["detail"]


def test_a_body_that_is_not_utf8_is_422(client):
    response = _decide(client, "leave.employer_answer_due", b'{"facts": {"request_received": "2024-03-01\xff"}}')
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_arguments"
    assert "UTF-8" in response.json()["detail"]
    assert response.json()["error"] == response.json()["detail"]


def test_a_rule_governed_by_its_facts_is_decided_without_at(client):
    response = _decide(client, "cpc.programme_deadline", {"facts": {"year": 2027}})
    assert response.status_code == 200
    assert response.json()["value"] == "2026-12-31"
