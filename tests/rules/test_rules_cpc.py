"""cpc.composition_check: every violation code is tied to the sentence it breaks, cited in the decision."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from acquis.rules import decide
from acquis.rules.cases import load_cases
from acquis.rules.catalogue import default_registry
from acquis.rules.cpc import COMPOSITION_CHECK, VIOLATION_PARAMETERS

ROOT = Path(__file__).resolve().parents[2]


def _case_facts(version: str) -> dict:
    cases = [case for case in load_cases() if case.rule_id == "cpc.composition_check" and case.expected]
    return copy.deepcopy(next(case.facts for case in cases if case.expected["valid"] and str(case.at) == version))


@pytest.mark.parametrize("version", [v.version for v in COMPOSITION_CHECK.versions])
def test_each_violation_code_cites_the_sentence_of_its_parameter(version):
    day = dt.date.fromisoformat(version)
    decision = decide(
        "cpc.composition_check",
        {"representative_unions": ["A"], "representative_employer_orgs": ["B"], "members": []},
        at=day,
    )
    cited = {(s.legiarti, s.sentence) for s in decision.sources}
    for code in decision.value["violations"]:
        source = default_registry().parameters[VIOLATION_PARAMETERS[code]].at(day).source
        assert (source.legiarti, source.sentence) in cited, code
    assert decision.value["violations"][:1] == ["union_missing"]


def test_every_violation_code_is_documented_and_labelled():
    from acquis.web.governance.presentation import VIOLATION_LABELS

    documented = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert set(VIOLATION_LABELS) == set(VIOLATION_PARAMETERS)
    assert all(f"`{code}`" in documented for code in VIOLATION_PARAMETERS)


def test_an_empty_commission_breaks_every_count_rule_of_its_version():
    facts = {"representative_unions": ["CGT"], "representative_employer_orgs": ["MEDEF"], "members": []}
    value = decide("cpc.composition_check", facts, at="2023-01-02").value
    assert value["violations"] == [
        "union_missing",
        "employer_interprofessional_missing",
        "employer_other_count",
        "state_count",
        "state_vocational_training_missing",
        "state_national_education_missing",
        "state_higher_education_missing",
        "associate_count",
        "disability_council_count",
    ]


def test_the_trace_names_what_is_missing():
    facts = _case_facts("2019-09-01")
    facts["members"] = [m for m in facts["members"] if m.get("organisation") != "CFTC"]
    decision = decide("cpc.composition_check", facts, at="2019-09-01")
    steps = {node.step: node for node in decision.trace.children[-1].children}
    assert steps["union_missing"].value == ["CFTC"]


def _with_replacement(version: str, term_years: int, *, completes: bool, college: str = "union") -> dict:
    facts = _case_facts(version)
    member = next(m for m in facts["members"] if m["college"] == college)
    member["term_years"] = term_years
    member["completes_predecessor_term"] = completes
    return facts


@pytest.mark.parametrize(
    ("term_years", "completes", "violation"),
    [
        (3, True, False),  # the rest of a predecessor's term (CRPA R133-4): shorter than five years is right
        (5, True, False),
        (6, True, True),  # never longer than the term
        (3, False, True),  # a first appointment is for exactly five years in this wording
    ],
)
def test_a_replacement_completes_its_predecessors_term_under_r133_4(term_years, completes, violation):
    decision = decide(
        "cpc.composition_check",
        _with_replacement("2021-09-01", term_years, completes=completes),
        at=dt.date(2021, 9, 1),
    )
    assert ("term_length" in decision.value["violations"]) is violation
    cites_crpa = any(s.article == "R133-4" and s.code == "LEGITEXT000031366350" for s in decision.sources)
    assert cites_crpa is completes
    assert any(note.startswith("Interpretation crpa-r133-4.replacement-completes-term") for note in decision.notes)


def test_the_cncph_member_is_named_for_five_years_by_derogation_to_r133_4():
    facts = _case_facts("2021-09-01")
    cncph = next((m for m in facts["members"] if m["college"] == "disability_council"), None)
    if cncph is None:
        pytest.skip("no CNCPH member in the worked example")
    cncph["term_years"], cncph["completes_predecessor_term"] = 3, True
    assert "term_length" in decide("cpc.composition_check", facts, at=dt.date(2021, 9, 1)).value["violations"]


def test_every_composition_version_reads_the_parameter_of_each_violation():
    # The versions' parameters are data (versions.yaml); each violation's parameter must be among them.
    expected = set(VIOLATION_PARAMETERS.values()) | {"cpc.term_is_maximum", "cpc.replacement_completes_term"}
    assert len(COMPOSITION_CHECK.versions) == 4
    for version in COMPOSITION_CHECK.versions:
        assert set(version.parameters) == expected, version.version
