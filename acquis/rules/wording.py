"""The French wording of the rules, one ``wording.fr.yaml`` per family, kept outside the ruleset hash.

The engine speaks English to developers; pages, letters and API descriptions speak French. What a rule is
for, how its governing date reads, and the labels of the codes its values carry sit next to the rule, in
the family's folder, but rewording them must not look like a change of law: catalogue.py leaves these files
out of the hash. Each entry may hold:

    purpose: ...            one sentence, what the rule answers
    governing_date: ...     the day that chooses the version, in words
    values: {code: label}   labels of the codes in the rule's value (e.g. missing items)
    violations: {code: label}
    letter_values: {code: label}   shorter labels for printed letters
    durations: {parameter: words}  a dated parameter in words (« deux mois ») for French prose;
                                   tests/rules/test_rules_wording.py checks it against the parameter
    facts: {fact: label}    the question each fact answers, for the rule pages' form (every fact has one)
    choices: {fact: {code: label}}  labels of the codes a fact may take (enums, lists of codes)
    fields: {key: label}    labels of the keys of a value that is an object ({"allowed": …} → « Autorisé »)
    trace: {step: label}    the engine's trace steps and details (English, for developers) in French
    value: ...              what the rule's value is, in words (the engine's Rule.value is English)
    cases: {name: title}    the French title of each worked case (cases/*.yaml names them in English)

The interpretations (interpretations.yaml) have their French in this folder's own wording.fr.yaml, keyed by
interpretation code: question, readings {code: text}, why, confirm_by (interpretation_wording below).

A legal duration written in prose anywhere else fails tests/test_consistency.py (see PROSE_DURATION there).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent
WORDING_FILE = "wording.fr.yaml"
LABELS = ("values", "violations", "letter_values", "durations", "facts", "choices", "fields", "trace", "cases")
KEYS = frozenset({"purpose", "governing_date", "value", *LABELS})
INTERPRETATION_KEYS = frozenset({"question", "readings", "why", "confirm_by"})


@dataclass(frozen=True)
class RuleWording:
    rule_id: str
    purpose: str
    governing_date: str
    values: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    violations: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    letter_values: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    durations: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    facts: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    choices: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    fields: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    trace: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    cases: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    value: str = ""


def _entry(path: Path, rule_id: str, raw: Any) -> RuleWording:
    if not isinstance(raw, dict) or not {"purpose", "governing_date"} <= set(raw) or set(raw) - KEYS:
        raise ValueError(f"{path}: {rule_id}: needs purpose and governing_date, and only {sorted(KEYS)}")
    labels = {key: MappingProxyType(dict(raw.get(key) or {})) for key in LABELS}
    return RuleWording(
        rule_id, str(raw["purpose"]), str(raw["governing_date"]), value=str(raw.get("value") or ""), **labels
    )


def wording_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    return sorted(rules_dir.glob(f"*/{WORDING_FILE}"))


@functools.cache
def all_wording() -> MappingProxyType:
    """Rule id → its French wording, for every family (loaded once per process)."""
    found: dict[str, RuleWording] = {}
    for path in wording_files():
        for rule_id, raw in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if not rule_id.startswith(path.parent.name + "."):
                raise ValueError(f"{path}: {rule_id} is not a rule of the {path.parent.name} family")
            found[rule_id] = _entry(path, rule_id, raw)
    return MappingProxyType(found)


def wording_of(rule_id: str) -> RuleWording:
    return all_wording()[rule_id]


@dataclass(frozen=True)
class InterpretationWording:
    question: str
    readings: MappingProxyType
    why: str
    confirm_by: str


@functools.cache
def interpretation_wording(rules_dir: Path = RULES_DIR) -> MappingProxyType:
    """Interpretation code → its French wording (this folder's wording.fr.yaml, outside the hash)."""
    path = rules_dir / WORDING_FILE
    found: dict[str, InterpretationWording] = {}
    for code, raw in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
        if not isinstance(raw, dict) or set(raw) != INTERPRETATION_KEYS:
            raise ValueError(f"{path}: {code}: needs exactly {sorted(INTERPRETATION_KEYS)}")
        readings = MappingProxyType({str(k): str(v) for k, v in (raw["readings"] or {}).items()})
        found[code] = InterpretationWording(str(raw["question"]), readings, str(raw["why"]), str(raw["confirm_by"]))
    return MappingProxyType(found)
