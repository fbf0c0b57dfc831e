"""Property tests: deadlines move monotonically with their inputs, within one version of the law."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from acquis.rules.catalogue import default_registry

# Inside one rule version; across a version boundary the law itself may shorten a delay (30 → 15 days).
VERSION_2019 = st.dates(dt.date(2019, 11, 4), dt.date(2023, 12, 28))
VERSION_2023 = st.dates(dt.date(2023, 12, 29), dt.date(2030, 12, 31))
ANY_VERSION = st.one_of(VERSION_2019, VERSION_2023)


def value(rule_id, facts, at=None):
    return dt.date.fromisoformat(default_registry().decide(rule_id, facts, at).value)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.tuples(VERSION_2019, VERSION_2019), st.tuples(VERSION_2023, VERSION_2023)))
def test_answer_due_and_postponement_limit_move_with_the_receipt(pair):
    early, late = sorted(pair)
    for rule_id in ("leave.employer_answer_due", "leave.postponement_latest_date"):
        due_early = value(rule_id, {"request_received": early.isoformat()})
        due_late = value(rule_id, {"request_received": late.isoformat()})
        assert early < due_early <= due_late


@settings(max_examples=200, deadline=None)
@given(ANY_VERSION, st.dates(dt.date(2019, 1, 1), dt.date(2031, 12, 31)), st.integers(0, 400))
def test_latest_send_date_moves_with_the_start_of_the_actions(sent, start, shift):
    later = start + dt.timedelta(days=shift)
    first = value("leave.request_latest_send_date", {"actions_start": start.isoformat()}, sent)
    second = value("leave.request_latest_send_date", {"actions_start": later.isoformat()}, sent)
    assert first < start and first <= second


STATUS_ORDER = {"pending": 0, "deemed_accepted": 1}


@settings(max_examples=200, deadline=None)
@given(ANY_VERSION, st.integers(0, 60), st.integers(0, 60))
def test_without_answer_a_deemed_consent_never_reverts_to_pending(received, first, second):
    statuses = [
        default_registry()
        .decide("leave.status", {"request_received": received.isoformat(), "answer": None, "on": on.isoformat()})
        .value
        for on in sorted((received + dt.timedelta(days=first), received + dt.timedelta(days=second)))
    ]
    assert STATUS_ORDER[statuses[0]] <= STATUS_ORDER[statuses[1]]


PATHWAY_2024 = st.dates(dt.date(2024, 4, 13), dt.date(2030, 12, 31))
PATHWAY_DEADLINES = (
    ("admissibility.decision_due", "file_complete_on"),
    ("admissibility.lapse_date", "notified_on"),
    ("jury.latest_date", "validation_file_filed_on"),
    ("jury.result_notification_due", "jury_date"),
)


@settings(max_examples=100, deadline=None)
@given(PATHWAY_2024, st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)), st.integers(0, 400))
def test_pathway_deadlines_come_after_their_event_and_move_with_it(began, event, shift):
    later = event + dt.timedelta(days=shift)
    for rule_id, fact in PATHWAY_DEADLINES:
        first = value(rule_id, {fact: event.isoformat()}, began)
        second = value(rule_id, {fact: later.isoformat()}, began)
        assert event < first <= second, rule_id


@settings(max_examples=100, deadline=None)
@given(PATHWAY_2024, st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), st.integers(0, 200), st.integers(0, 200))
def test_without_decision_deemed_admissibility_never_reverts(began, complete, first, second):
    order = {"pending": 0, "deemed_admissible": 1}
    statuses = [
        default_registry()
        .decide(
            "admissibility.status",
            {"file_complete_on": complete.isoformat(), "decision": None, "on": on.isoformat()},
            began,
        )
        .value
        for on in sorted((complete + dt.timedelta(days=first), complete + dt.timedelta(days=second)))
    ]
    assert order[statuses[0]] <= order[statuses[1]]
