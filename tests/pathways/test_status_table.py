"""The stage → status table (acquis/pathways/status_table.py) generates both the Python status of one candidacy
and the worklists' SQL: every YAML case of admissibility.status runs through both and must give the rule's
answer; the table covers every status a page can show, and each of its rows is the one some candidacy takes."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.pathways.deadlines import expected_deadlines
from acquis.pathways.enums import STATUS_LABELS, AdmissibilityKind, Stage
from acquis.pathways.facts import status_facts_of
from acquis.pathways.models import Candidacy
from acquis.pathways.status import compute_status
from acquis.pathways.status_table import STATUS_TABLE, decode, sql_case
from acquis.pathways.worklists import grouped_counts
from acquis.rules import decide
from acquis.rules.cases import cases_for
from tests.pathways.factories import CandidacyFactory


def _storable(case) -> bool:
    """The services refuse a decision recorded after the certifier's delay, or of an unknown kind
    (feasibility_decide): such cases exist for the rule, never in the table the worklists count."""
    if "first_step_on" in (case.missing_inputs or ()):
        return False  # a candidacy always knows whether a step was recorded (first_step_on or none)
    decision = case.facts["decision"]
    if decision is None:
        return True
    if decision["kind"] not in AdmissibilityKind.values:
        return False
    if case.error:
        return True
    due = decide("admissibility.decision_due", {"file_complete_on": case.facts["file_complete_on"]}, case.at)
    return decision["date"] <= dt.date.fromisoformat(due.value)


def _expected(case) -> str:
    if not case.error:
        return case.expected
    # The earlier procedure (no version in force): the recorded decision once known, else pending.
    decision = case.facts["decision"]
    return decision["kind"] if decision and decision["date"] <= case.facts["on"] else "pending"


CASES = [case for case in cases_for("admissibility.status") if _storable(case)]


def test_the_cases_cover_every_admissibility_status():
    assert {_expected(case) for case in CASES} >= {
        "pending",
        "admissible",
        "deemed_admissible",
        "not_admissible",
        "lapsed",
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_python_and_sql_generated_from_the_table_agree_with_the_rule_on_each_case(case):
    decision = case.facts["decision"]
    candidacy = CandidacyFactory(started_on=case.at)
    Candidacy.objects.filter(pk=candidacy.pk).update(
        stage=Stage.FEASIBILITY_FILED,
        file_complete_on=case.facts["file_complete_on"],
        admissibility_kind=decision["kind"] if decision else "",
        admissibility_decided_on=decision["date"] if decision else None,
        first_step_on=case.facts.get("first_step_on"),
        legitimate_reason_on=case.facts["on"] if case.facts.get("legitimate_reason") else None,
    )
    candidacy.refresh_from_db()
    Candidacy.objects.filter(pk=candidacy.pk).update(**expected_deadlines(candidacy))
    candidacy.refresh_from_db()
    on: dt.date = case.facts["on"]

    counts, _soon = grouped_counts(Candidacy.objects.filter(pk=candidacy.pk), on)
    assert dict(counts) == {_expected(case): 1}
    assert compute_status(status_facts_of(candidacy), on).code == _expected(case)


def test_the_table_has_a_row_for_every_status_and_no_status_twice_without_a_condition():
    assert {row.status for row in STATUS_TABLE} == set(STATUS_LABELS)
    unconditional = [(row.stage, row.closure) for row in STATUS_TABLE if not row.when]
    assert len(unconditional) == len(set(unconditional))


def test_the_sql_key_decodes_to_its_row_and_deadline():
    on = dt.date(2026, 1, 1)
    case = sql_case(on, on + dt.timedelta(days=14))
    keys = [when.result.value for when in case.cases]
    assert len(keys) == len(set(keys))  # one key per (row, due soon)
    assert {decode(key)[0] for key in keys} == {row.status for row in STATUS_TABLE}
    assert all(decode(key)[1] == bool(key % 2) for key in keys)
