"""The French wording of the rules (wording.fr.yaml per family): complete, consistent, outside the hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acquis.rules import ids
from acquis.rules.catalogue import compute_ruleset_hash, default_registry
from acquis.rules.cpc import VIOLATION_PARAMETERS
from acquis.rules.durations import Duration, DurationUnit
from acquis.rules.wording import all_wording, wording_of

RULES_DIR = Path(__file__).resolve().parents[2] / "acquis" / "rules"
WORDS = {"deux": 2, "six": 6, "douze": 12, "quinze": 15, "trente": 30}
UNITS = {"mois": DurationUnit.MONTHS, "jours": DurationUnit.CALENDAR_DAYS, "jour": DurationUnit.CALENDAR_DAYS}


def test_every_rule_is_worded_and_nothing_else():
    assert set(all_wording()) == set(ids.ALL)
    for wording in all_wording().values():
        assert wording.purpose.strip() and wording.governing_date.strip(), wording.rule_id


def test_each_duration_in_words_is_the_latest_value_of_its_parameter():
    registry = default_registry()
    checked = 0
    for wording in all_wording().values():
        for name, words in wording.durations.items():
            assert name in registry.get(wording.rule_id).versions[-1].parameters, (wording.rule_id, name)
            amount, unit = words.split(" ", 1)
            value = registry.parameters[name].values[-1].value
            assert value == Duration(WORDS[amount], UNITS[unit]), (name, words, value)
            checked += 1
    assert checked >= 2


def test_violation_labels_cover_every_code():
    assert set(wording_of(ids.CPC_COMPOSITION_CHECK).violations) == set(VIOLATION_PARAMETERS)
    assert len(wording_of(ids.JURY_COMPOSITION_CHECK).violations) == 7
    missing = wording_of(ids.LEAVE_REQUEST_MISSING_ITEMS)
    assert set(missing.values) == set(missing.letter_values)


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_rewording_does_not_change_the_ruleset_hash(tmp_path):
    copy = _copy(tmp_path)
    before = compute_ruleset_hash(copy)
    assert before == compute_ruleset_hash(RULES_DIR)
    wording = copy / "leave" / "wording.fr.yaml"
    wording.write_text(wording.read_text().replace("Donne", "Indique"))
    (copy / "leave" / "cases" / "leave.status.yaml").write_text("rule: leave.status\ncases: []\n")
    assert compute_ruleset_hash(copy) == before


@pytest.mark.parametrize(
    "changed", ["leave/parameters.yaml", "leave/logic.py", "interpretations.yaml", "admissibility/versions.yaml"]
)
def test_a_change_of_law_changes_the_ruleset_hash(tmp_path, changed):
    copy = _copy(tmp_path)
    before = compute_ruleset_hash(copy)
    path = copy / changed
    path.write_text(path.read_text() + "\n# changed\n")
    assert compute_ruleset_hash(copy) != before
