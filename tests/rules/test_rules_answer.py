"""rules.answer(): the one way domains ask a rule — the Decision, or the refusal as a value; one kept shape."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.rules import RuleAnswer, answer, decide, ids


def test_a_decided_answer_carries_the_decision_and_no_error():
    got = answer(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": "2024-03-01"})
    assert got.decision == decide(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": "2024-03-01"})
    assert (got.error, got.message, got.value) == ("", "", got.decision.value)
    decision, error = got
    assert decision is got.decision and error == ""


def test_a_refusal_is_a_value_with_the_engine_code_and_message():
    got = answer(ids.ADMISSIBILITY_DECISION_DUE, {"file_complete_on": "2023-06-01"}, dt.date(2023, 6, 1))
    assert got.decision is None and got.value is None
    assert got.error == "no_version_in_force" and "2023-06-01" in got.message


def test_decided_or_raises_the_callers_refusal():
    refused = answer(ids.ADMISSIBILITY_DECISION_DUE, {"file_complete_on": "2023-06-01"}, dt.date(2023, 6, 1))
    with pytest.raises(LookupError, match="no version"):
        refused.decided_or(LookupError)
    decided = answer(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": "2024-03-01"})
    assert decided.decided_or(LookupError) is decided.decision


@pytest.mark.parametrize(
    "got",
    [
        answer(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": "2024-03-01"}),
        answer(ids.ADMISSIBILITY_DECISION_DUE, {"file_complete_on": "2023-06-01"}, dt.date(2023, 6, 1)),
    ],
)
def test_the_kept_shape_reads_back_the_same_answer(got):
    kept = got.kept()
    assert set(kept) == {"rule_id", "decision", "error", "message"}
    assert RuleAnswer.from_kept(kept) == got
