"""`acquis rules list|decide|check` through cli.main: exit codes and JSON on stdout."""

from __future__ import annotations

import io
import json

import pytest

from acquis.rules.cli import main
from acquis.rules.decision import Decision
from tests.rules.hostile import HOSTILE_AT, HOSTILE_FACTS


def run(argv, stdin_text=""):
    out = io.StringIO()
    code = main(argv, stdout=out, stdin=io.StringIO(stdin_text))
    return code, json.loads(out.getvalue())


def test_list_gives_every_rule_of_the_contract():
    code, rules = run(["list"])
    assert code == 0
    assert {rule["id"] for rule in rules} == {
        "leave.request_latest_send_date",
        "leave.employer_answer_due",
        "leave.postponement_latest_date",
        "leave.status",
        "leave.paid_hours_cap",
        "leave.request_missing_items",
        "leave.new_authorisation_wait",
        "leave.fixed_term_contract_window",
        "leave.absence_cap",
        "funding.eligible_expenses",
        "funding.refusal_grounds",
        "funding.agreement",
        "funding.request_parts",
        "support.admissibility_filing_assistance",
        "gip.member_by_right",
        "admissibility.decision_due",
        "admissibility.status",
        "admissibility.lapse_date",
        "admissibility.annual_quota",
        "jury.latest_date",
        "jury.result_notification_due",
        "jury.composition_check",
        "data.retention_until",
        "cpc.composition_check",
        "cpc.programme_deadline",
        "cpc.branch_proposal_windows",
    }


def test_decide_from_a_file_prints_a_decision(tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"request_received": "2019-11-04", "answer": None, "on": "2019-12-05"}))
    code, data = run(["decide", "leave.status", "--at", "2019-11-04", "--facts", str(facts)])
    assert code == 0
    assert data["value"] == "deemed_accepted"
    assert Decision.from_dict(data).rule_version == "2019-11-04"


def test_decide_from_stdin():
    code, data = run(
        ["decide", "gip.member_by_right", "--at", "2024-01-01", "--facts", "-"], '{"organisation_kind": "afpa"}'
    )
    assert (code, data["value"]) == (0, True)


@pytest.mark.parametrize(
    ("argv", "stdin_text", "error"),
    [
        (["decide", "leave.nope", "--at", "2024-01-01", "--facts", "-"], "{}", "unknown_rule"),
        (
            ["decide", "leave.status", "--at", "2024-01-01", "--facts", "-"],
            '{"request_received": "2024-01-01"}',
            "missing_facts",
        ),
        (["decide", "gip.member_by_right", "--at", "2024-01-01", "--facts", "-"], "{not json", "invalid_facts"),
        (
            ["decide", "gip.member_by_right", "--at", "2024-01-01", "--facts", "-"],
            '{"organisation_kind": 3}',
            "invalid_facts",
        ),
        (
            ["decide", "gip.member_by_right", "--at", "2020-01-01", "--facts", "-"],
            '{"organisation_kind": "state"}',
            "no_version_in_force",
        ),
        (["decide", "gip.member_by_right", "--at", "01/01/2024", "--facts", "-"], "{}", "invalid_arguments"),
        (["decide", "gip.member_by_right", "--at", "2024-W01-1", "--facts", "-"], "{}", "invalid_arguments"),
        (["decide", "gip.member_by_right", "--facts", "-"], '{"organisation_kind": "state"}', "invalid_arguments"),
        (
            ["decide", "gip.member_by_right", "--at", "2024-01-01", "--facts", "/nonexistent/facts.json"],
            "",
            "invalid_facts",
        ),
    ],
)
def test_errors_exit_2_with_a_json_code(argv, stdin_text, error):
    code, data = run(argv, stdin_text)
    assert code == 2
    assert data["error"] == error and data["message"]


def test_check_passes_on_the_vendored_corpus_and_shipped_cases():
    pytest.importorskip("acquis.law.corpus")
    code, report = run(["check"])
    assert code == 0, [f for f in report["findings"] if f["level"] == "error"]
    assert report["errors"] == 0


@pytest.mark.parametrize(("rule_id", "facts"), HOSTILE_FACTS)
def test_hostile_facts_are_exit_2_with_a_json_error(rule_id, facts):
    argv = ["decide", rule_id, "--facts", "-"]
    if rule_id in HOSTILE_AT:
        argv += ["--at", HOSTILE_AT[rule_id]]
    code, data = run(argv, facts)
    assert code == 2
    assert data["error"] == "invalid_facts", data


def test_a_facts_file_that_is_not_utf8_is_exit_2(tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_bytes(b'{"request_received":"2024-03-01\xff"}')
    code, data = run(["decide", "leave.employer_answer_due", "--at", "2024-03-01", "--facts", str(facts)])
    assert code == 2
    assert data["error"] == "invalid_facts"
    assert "UTF-8" in data["message"]


def test_a_rule_governed_by_its_facts_needs_no_at_and_the_asking_day_changes_nothing():
    # cpc.programme_deadline (audit D7): the 2026 programme's arrêté is published in 2026 → R6113-24-1.
    code, data = run(["decide", "cpc.programme_deadline", "--facts", "-"], '{"year": 2026}')
    assert code == 0 and data["value"] == "2025-12-31" and data["at"] == "2026-01-01"
    code, data = run(["decide", "cpc.programme_deadline", "--at", "2025-06-01", "--facts", "-"], '{"year": 2026}')
    assert code == 2 and data["error"] == "invalid_facts"


def test_find_lists_every_rule_parameter_case_and_interpretation_citing_an_article():
    out = io.StringIO()
    assert main(["find", "R6412-4"], stdout=out) == 0
    text = out.getvalue()
    assert text.startswith("R6412-4\n")
    assert "admissibility.status — État de la recevabilité" in text
    assert "admissibility.lapse_period: 2024-01-01 → open LEGIARTI000048699561" in text
    assert "admissibility.status: the day after the sixth month without a step, lapsed" in text
    assert "r6412-4.lapse-period (LEGIARTI000048699561): chosen period_from_notification, to confirm" in text
    assert "leave.status" not in text


def test_find_as_json_and_with_the_article_written_as_in_the_texts():
    code, found = run(["find", "L. 6422-2", "--json"])
    assert code == 0 and found["article"] == "L6422-2"
    assert [rule["id"] for rule in found["rules"]] == ["leave.paid_hours_cap", "leave.absence_cap"]
    assert {p["name"] for p in found["parameters"]} == {
        "leave.absence_hours_per_session",
        "leave.absence_extension_unconditional",
    }
    assert any(case["sources"] == ["L6422-2 LEGIARTI000046774748"] for case in found["cases"])
    assert [item["id"] for item in found["interpretations"]] == ["l6422-2.statute-bounds-paid-hours"]


def test_find_an_article_nobody_cites_and_a_bad_article_number():
    out = io.StringIO()
    assert main(["find", "R6999-1"], stdout=out) == 0
    assert "cited by no rule" in out.getvalue()
    code, data = run(["find", "article quatre"])
    assert code == 2 and data["error"] == "invalid_arguments"
