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
