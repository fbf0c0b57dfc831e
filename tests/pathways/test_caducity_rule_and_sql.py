"""Caducity is decided by admissibility.status (R6412-4); worklists count tens of thousands of rows in SQL by
comparing the day asked with the stored lapse_on (admissibility.lapse_date, from the same parameter). This
runs every YAML case of admissibility.status that decides caducity through both and asks the same answer."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.pathways.deadlines import expected_deadlines
from acquis.pathways.enums import Stage
from acquis.pathways.models import Candidacy
from acquis.pathways.status import compute_status, status_facts_of
from acquis.pathways.worklists import grouped_counts
from acquis.rules import decide
from acquis.rules.cases import cases_for
from tests.pathways.factories import CandidacyFactory


def _storable(case) -> bool:
    """The services refuse a decision recorded after the certifier's delay (feasibility_decision_record):
    such a case exists for the rule, never in the table the worklists count."""
    decision = case.facts["decision"]
    if decision is None:
        return True
    due = decide("admissibility.decision_due", {"file_complete_on": case.facts["file_complete_on"]}, case.at)
    return decision["date"] <= dt.date.fromisoformat(due.value)


CASES = [
    case
    for case in cases_for("admissibility.status")
    if not case.error and "first_step_on" in case.facts and _storable(case)
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_worklist_sql_and_the_rule_agree_on_each_caducity_case(case):
    decision = case.facts["decision"]
    candidacy = CandidacyFactory(started_on=case.at)
    Candidacy.objects.filter(pk=candidacy.pk).update(
        stage=Stage.FEASIBILITY_FILED,
        file_complete_on=case.facts["file_complete_on"],
        admissibility_kind=decision["kind"] if decision else "",
        admissibility_decided_on=decision["date"] if decision else None,
        first_step_on=case.facts["first_step_on"],
        legitimate_reason_on=case.facts["on"] if case.facts.get("legitimate_reason") else None,
    )
    candidacy.refresh_from_db()
    Candidacy.objects.filter(pk=candidacy.pk).update(**expected_deadlines(candidacy))
    candidacy.refresh_from_db()
    on: dt.date = case.facts["on"]

    counts, _soon = grouped_counts(Candidacy.objects.filter(pk=candidacy.pk), on)
    assert dict(counts) == {case.expected: 1}
    assert compute_status(status_facts_of(candidacy), on).code == case.expected
