"""Runs every YAML case of acquis/rules/<family>/cases/ against the catalogue (value, error code, cited sources)."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.rules import RulesError
from acquis.rules.cases import load_cases
from acquis.rules.catalogue import default_registry
from acquis.rules.check import check_case_coverage

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule_id}: {case.name}" for case in CASES])
def test_case(case):
    registry = default_registry()
    if case.error:
        with pytest.raises(RulesError) as raised:
            registry.decide(case.rule_id, case.facts, case.at)
        assert raised.value.code == case.error, raised.value.message
        return
    decision = registry.decide(case.rule_id, case.facts, case.at)
    assert decision.value == case.expected
    if case.sources is not None:
        assert {f"{s.article} {s.legiarti}" for s in decision.sources} == set(case.sources)
    assert decision.missing_inputs == (case.missing_inputs or ())
    # Every source cited was in force on the governing date, or on a date of the case read by the rule (a loi
    # or an earlier wording applied by the ordinary rule on the day the leave was requested).
    days = {decision.at} | {value for value in case.facts.values() if isinstance(value, dt.date)}
    # …or on the day whose texts a surviving wording keeps (R6423-3-1 under the R6412-1 NOTA).
    version = next(v for v in registry.get(case.rule_id).versions if v.version == decision.rule_version)
    days |= {version.texts_of} if version.texts_of else set()
    assert all(any(source.in_force_on(day) for day in days) for source in decision.sources)


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule_id}: {case.name}" for case in CASES])
def test_bulk_evaluation_agrees_with_decide(case):
    """The value-only path (lists) gives decide's value and version, and the same error, on every case."""
    registry = default_registry()
    if case.error:
        with pytest.raises(RulesError) as raised:
            registry.evaluate(case.rule_id, case.facts, case.at)
        assert raised.value.code == case.error
        return
    decision = registry.decide(case.rule_id, case.facts, case.at)
    outcome = registry.evaluate(case.rule_id, case.facts, case.at)
    assert (outcome.value, outcome.rule_version) == (decision.value, decision.rule_version)


def test_every_rule_has_cases_on_both_sides_of_each_boundary():
    assert check_case_coverage(default_registry(), CASES) == []


def test_a_missing_boundary_case_is_reported():
    registry = default_registry()
    kept = [case for case in CASES if not (case.rule_id == "gip.member_by_right" and str(case.at) == "2023-12-31")]
    findings = check_case_coverage(registry, kept)
    assert [(f.code, f.subject) for f in findings] == [("boundary_untested", "rule gip.member_by_right")]
    assert "2023-12-31" in findings[0].message


def test_every_catalogue_rule_has_a_case_file():
    assert {case.rule_id for case in CASES} == {rule.id for rule in default_registry()}
