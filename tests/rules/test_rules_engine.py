"""Decisions (JSON contract), registry consistency, base/exception conflicts, typed errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from acquis.rules import decide
from acquis.rules.catalogue import compute_ruleset_hash, default_registry
from acquis.rules.check import check_norm_conflicts
from acquis.rules.decision import Decision
from acquis.rules.engine import Definition, HigherNorm, Registry, Rule, RuleVersion
from acquis.rules.errors import CatalogueError, InvalidFacts, NoVersionInForce, RuleConflict, UnknownRule
from acquis.rules.facts import FactSpec, parse_bool, parse_date

STATUS_FACTS = {
    "request_received": "2024-03-01",
    "answer": {"date": "2024-03-05", "kind": "postpone", "postponed_to": "2024-03-20", "reasons": ["inventaire"]},
    "on": "2024-03-06",
}


def test_decision_round_trips_through_json_unchanged():
    decision = decide("leave.status", STATUS_FACTS)
    text = decision.to_json()
    again = Decision.from_json(text)
    assert again == decision
    assert again.to_json() == text


def test_decision_carries_version_sources_inputs_trace_and_hash():
    decision = decide("leave.status", STATUS_FACTS)
    data = json.loads(decision.to_json())
    assert data["value"] == "postponed"
    assert data["rule_version"] == "2023-12-29"
    assert data["ruleset_hash"] == default_registry().ruleset_hash and data["ruleset_hash"].startswith("sha256:")
    assert {s["legiarti"] for s in data["sources"]} == {"LEGIARTI000048721677"}
    assert any("un mois" in s["sentence"] for s in data["sources"])
    assert set(data["inputs_used"]) == {"request_received", "answer", "on"}
    steps = [child["step"] for child in data["trace"]["children"]]
    assert "parameter leave.postponement_max" in steps


def test_transitional_note_is_part_of_the_decision():
    decision = decide(
        "leave.paid_hours_cap",
        {"qualification_level": 5, "job_threatened": False, "collective_agreement_hours": None},
        at="2024-04-13",
    )
    assert decision.value == 48
    assert decision.notes and "2024-04-13" in decision.notes[0]
    assert any(source.passage == "nota" for source in decision.sources)


def test_unused_facts_are_not_reported_as_used():
    decision = decide(
        "leave.paid_hours_cap",
        {
            "qualification_level": 5,
            "job_threatened": False,
            "collective_agreement_hours": None,
            "funding_obtained": True,
        },
        at="2020-01-01",
    )
    assert "funding_obtained" not in decision.inputs_used


def test_unknown_rule_has_a_code():
    with pytest.raises(UnknownRule) as raised:
        decide("leave.nope", {}, at="2024-01-01")
    assert raised.value.to_dict()["error"] == "unknown_rule"


def test_ruleset_hash_changes_when_a_parameter_file_changes(tmp_path):
    package, parameters = tmp_path / "pkg", tmp_path / "params"
    package.mkdir(), parameters.mkdir()
    (package / "leave.py").write_text("x = 1\n")
    (parameters / "leave.yaml").write_text("a: 1\n")
    before = compute_ruleset_hash(package, parameters)
    (parameters / "leave.yaml").write_text("a: 2\n")
    assert compute_ruleset_hash(package, parameters) != before


# --- a toy catalogue for conflicts ---------------------------------------------------------------------

FLAG = FactSpec("flag", "bool", parse_bool)


def toy_rule(versions, rule_id="toy.rule"):
    return Rule(id=rule_id, title="toy", articles=(), anchor="asked", facts=(FLAG,), value="int", versions=versions)


def version(name, start, end, exceptions=()):
    return RuleVersion(name, start, end, base=Definition("base", lambda ctx: 1), exceptions=exceptions)


def test_overlapping_versions_are_rejected_at_registration():
    rule = toy_rule(
        (version("a", dt.date(2020, 1, 1), dt.date(2020, 12, 31)), version("b", dt.date(2020, 6, 1), None))
    )
    with pytest.raises(CatalogueError, match="overlap"):
        Registry(default_registry().parameters, [rule])


def test_two_versions_applying_at_one_date_is_a_conflict_not_a_choice():
    rule = toy_rule((version("a", dt.date(2020, 1, 1), None), version("b", dt.date(2020, 6, 1), None)))
    with pytest.raises(RuleConflict, match="versions a, b"):
        rule.version_at(dt.date(2021, 1, 1))


def test_two_applicable_exceptions_are_a_conflict():
    exceptions = (
        Definition("first", lambda ctx: 2, applies=lambda ctx: ctx.fact("flag")),
        Definition("second", lambda ctx: 3, applies=lambda ctx: ctx.fact("flag")),
    )
    registry = Registry(
        default_registry().parameters, [toy_rule((version("a", dt.date(2020, 1, 1), None, exceptions),))]
    )
    assert registry.decide("toy.rule", {"flag": False}, dt.date(2021, 1, 1)).value == 1
    with pytest.raises(RuleConflict, match="first, second"):
        registry.decide("toy.rule", {"flag": True}, dt.date(2021, 1, 1))


def test_one_applicable_exception_overrides_the_base():
    exceptions = (Definition("only", lambda ctx: 2, applies=lambda ctx: ctx.fact("flag")),)
    registry = Registry(
        default_registry().parameters, [toy_rule((version("a", dt.date(2020, 1, 1), None, exceptions),))]
    )
    decision = registry.decide("toy.rule", {"flag": True}, dt.date(2021, 1, 1))
    assert decision.value == 2 and decision.trace.children[-1].step == "exception only"


def test_no_version_in_force_before_the_first():
    registry = Registry(default_registry().parameters, [toy_rule((version("a", dt.date(2020, 1, 1), None),))])
    with pytest.raises(NoVersionInForce):
        registry.decide("toy.rule", {"flag": True}, dt.date(2019, 12, 31))


def test_a_version_reading_a_parameter_beyond_its_values_is_rejected_at_registration():
    bad = RuleVersion(
        "a",
        dt.date(2020, 1, 1),
        None,
        base=Definition("base", lambda ctx: 1),
        parameters=("funding.refusal_ground_codes",),
    )
    with pytest.raises(CatalogueError, match="cover only 2019-11-04 → 2023-12-28"):
        Registry(default_registry().parameters, [toy_rule((bad,))])
    bad_start = RuleVersion(
        "b", dt.date(2010, 1, 1), None, base=Definition("base", lambda ctx: 1), parameters=("leave.request_notice",)
    )
    with pytest.raises(CatalogueError):
        Registry(default_registry().parameters, [toy_rule((bad_start,))])


def test_reading_an_undeclared_parameter_is_a_catalogue_error():
    sneaky = RuleVersion(
        "a", dt.date(2024, 1, 1), None, base=Definition("base", lambda ctx: ctx.param("gip.members_by_right"))
    )
    registry = Registry(default_registry().parameters, [toy_rule((sneaky,))])
    with pytest.raises(CatalogueError, match="undeclared parameter"):
        registry.decide("toy.rule", {"flag": True}, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "raw", ["2026-W49-7", "20261206", "06/12/2026", "2026-12-06T10:00", "2026-12-6", " 2026-12-06"]
)
def test_a_fact_date_is_written_yyyy_mm_dd_only(raw):
    with pytest.raises(InvalidFacts, match="must be a date written YYYY-MM-DD"):
        parse_date("request_received", raw)


def test_a_fact_date_in_iso_form_is_read():
    assert parse_date("request_received", "2026-12-06") == dt.date(2026, 12, 6)


def test_ruleset_hash_changes_when_an_interpretation_changes(tmp_path):
    package, parameters = tmp_path / "pkg", tmp_path / "params"
    package.mkdir(), parameters.mkdir()
    (package / "interpretations.yaml").write_text("a: {chosen: x}\n")
    before = compute_ruleset_hash(package, parameters)
    (package / "interpretations.yaml").write_text("a: {chosen: y}\n")
    assert compute_ruleset_hash(package, parameters) != before


# --- hierarchy of norms ----------------------------------------------------------------------------------


def _with_norm(norm):
    registry = default_registry()
    rule = registry.get("leave.paid_hours_cap")
    versions = tuple(dataclasses.replace(version, higher_norms=(norm,)) for version in rule.versions)
    return Registry(registry.parameters, [dataclasses.replace(rule, versions=versions)])


def test_a_higher_norm_must_outrank_the_lower_one():
    # D6422-8 does not outrank L6422-2: swapping them is a catalogue error.
    swapped = HigherNorm("swapped", "leave.paid_hours_base", "leave.paid_hours_base", floor=lambda ctx: None)
    with pytest.raises(CatalogueError, match="does not outrank"):
        _with_norm(swapped)


def test_keeping_the_lower_norm_needs_a_documented_interpretation():
    def floor(ctx):
        return ctx.param("leave.absence_hours_per_session", on=dt.date(2023, 1, 10))

    kept = HigherNorm("kept", "leave.paid_hours_base", "leave.absence_hours_per_session", floor, resolution="lower")
    with pytest.raises(CatalogueError, match="documented interpretation"):
        _with_norm(kept)
    documented = dataclasses.replace(kept, interpretation="l6422-2.statute-bounds-paid-hours")
    facts = {"qualification_level": 5, "job_threatened": False, "collective_agreement_hours": None}
    decision = _with_norm(documented).decide(
        "leave.paid_hours_cap", {**facts, "leave_requested_on": "2023-01-10"}, dt.date(2021, 6, 1)
    )
    assert decision.value == 24
    assert "the décret is kept (24), interpretation l6422-2.statute-bounds-paid-hours" in decision.notes[-1]


def test_the_conflict_is_shown_with_both_sentences_and_the_loi_prevails():
    facts = {"qualification_level": 5, "job_threatened": False, "collective_agreement_hours": None}
    decision = default_registry().decide(
        "leave.paid_hours_cap", {**facts, "leave_requested_on": "2023-01-10"}, dt.date(2021, 6, 1)
    )
    assert decision.value == 48
    note = next(note for note in decision.notes if note.startswith("Conflict of norms"))
    assert "D6422-8 LEGIARTI000039330076 (décret) gives 24" in note
    assert "dans la limite de vingt-quatre heures" in note
    assert "L6422-2 LEGIARTI000046774748 (loi) guarantees 48" in note
    assert "ne peut excéder quarante-huit heures par session d'évaluation" in note


def test_check_reports_the_conflict_of_norms():
    findings = check_norm_conflicts(default_registry())
    assert [(f.code, f.subject) for f in findings] == [("norm_conflict", "rule leave.paid_hours_cap")]
    assert "LEGIARTI000039330076 gives 24" in findings[0].message
    assert "LEGIARTI000046774748 guarantees 48 from 2022-12-23" in findings[0].message
