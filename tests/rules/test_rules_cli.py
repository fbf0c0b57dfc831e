"""`acquis rules list|decide|check` through cli.main: exit codes and JSON on stdout."""

from __future__ import annotations

import io
import json

import pytest

from acquis.rules.cli import main
from acquis.rules.decision import Decision


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
        "funding.eligible_expenses",
        "funding.refusal_grounds",
        "funding.agreement",
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
        (["decide", "gip.member_by_right", "--facts", "-"], "{}", "invalid_arguments"),
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
