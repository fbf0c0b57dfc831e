"""Rule versions from a family's ``versions.yaml``: spans, cited NOTA sources and transitional notes.

The reasoning stays in Python (Definitions, named); when each version applies, which article version or
transitional note dates it, and the note's wording are data, loaded and checked like the parameters:

    sources:                      # NOTA and other sentences the versions cite
      r6412_1_nota: {article: R6412-1, legiarti: LEGIARTI…, valid_from: 2023-12-29, valid_until: null,
                     passage: nota, sentence: "Conformément à…"}
    notes:
      new_procedure: The procedure of décret 2023-1275 applies to…
    rules:
      admissibility.decision_due:
        - version: "2024-01-01"
          valid_from: 2024-01-01
          valid_until: null
          base: decision_due      # a Definition passed to versions.of() where the Rule is declared
          exceptions: []
          parameters: [admissibility.decision_delay]
          sources: [r6412_1_nota]
          transitional_note: new_procedure
    definitions:                  # optional: sentences a Definition quotes
      composition: {sources: [chair_sentence]}

The file is part of the ruleset hash (catalogue.py): a changed span is a changed law-as-code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from acquis.rules.decision import Source
from acquis.rules.engine import Definition, HigherNorm, RuleVersion
from acquis.rules.errors import ParameterFileError
from acquis.rules.parameters import parse_date_field, parse_source

VERSION_KEYS = frozenset(
    {"version", "valid_from", "valid_until", "base", "exceptions", "parameters", "sources", "transitional_note"}
    | {"texts_of"}  # the surviving wording's last day (a transitional note keeping an abrogated text)
    | {"higher_norms"}  # names of HigherNorms (a loi bounding a decree's number), passed like Definitions
)


def _fail(path: str, name: str | None, reason: str) -> ParameterFileError:
    return ParameterFileError(path, name, reason)


def _version(raw: Any, path: str, rule_id: str, definitions, sources, notes) -> RuleVersion:
    if not isinstance(raw, dict) or set(raw) - VERSION_KEYS or not {"version", "valid_from", "base"} <= set(raw):
        raise _fail(path, rule_id, f"a version needs version, valid_from, base; only {sorted(VERSION_KEYS)}")
    if "valid_until" not in raw:
        raise _fail(path, rule_id, "valid_until is missing (null if the version is still in force)")

    def named(kind: str, table: Mapping[str, Any], key: str) -> Any:
        if key not in table:
            raise _fail(path, rule_id, f"unknown {kind} {key!r} (known: {', '.join(sorted(table))})")
        return table[key]

    return RuleVersion(
        version=str(raw["version"]),
        valid_from=parse_date_field(raw["valid_from"], path, rule_id, "valid_from", nullable=False),
        valid_until=parse_date_field(raw["valid_until"], path, rule_id, "valid_until", nullable=True),
        base=named("definition", definitions, raw["base"]),
        exceptions=tuple(named("definition", definitions, key) for key in raw.get("exceptions") or ()),
        parameters=tuple(raw.get("parameters") or ()),
        sources=tuple(named("source", sources, key) for key in raw.get("sources") or ()),
        transitional_note=named("note", notes, raw["transitional_note"]) if raw.get("transitional_note") else "",
        texts_of=parse_date_field(raw.get("texts_of"), path, rule_id, "texts_of", nullable=True),
        higher_norms=tuple(named("higher norm", definitions, key) for key in raw.get("higher_norms") or ()),
    )


class FamilyVersions:
    """A family's versions.yaml, parsed once; ``of(rule_id, **definitions)`` builds one rule's versions.

    The Definitions are passed where each Rule is declared (next to its reasoning); every Definition passed
    must be used by a version and every name a version uses must be passed, or loading fails.
    """

    def __init__(self, path: Path) -> None:
        self.name = f"{path.parent.name}/{path.name}"
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if set(document) - {"sources", "notes", "definitions", "rules"}:
            raise _fail(self.name, None, "top-level keys are sources, notes, definitions and rules")
        self.sources: dict[str, Source] = {
            key: parse_source(raw, self.name, key, "source") for key, raw in (document.get("sources") or {}).items()
        }
        self.notes = {key: " ".join(str(text).split()) for key, text in (document.get("notes") or {}).items()}
        # The sentences a Definition's reasoning quotes (e.g. each condition of a composition), by source key.
        self.cited = {key: raw["sources"] for key, raw in (document.get("definitions") or {}).items()}
        self.rules: dict[str, list[Any]] = dict(document.get("rules") or {})

    def of(self, rule_id: str, **definitions: Definition | HigherNorm) -> tuple[RuleVersion, ...]:
        if rule_id not in self.rules:
            raise _fail(self.name, rule_id, "no versions for this rule")
        quoted = {
            key: replace(definition, sources=tuple(self.sources[k] for k in self.cited[key]))
            if key in self.cited
            else definition
            for key, definition in definitions.items()
        }
        versions = tuple(
            _version(raw, self.name, rule_id, quoted, self.sources, self.notes) for raw in self.rules[rule_id]
        )
        used = {raw["base"] for raw in self.rules[rule_id]} | {
            key
            for raw in self.rules[rule_id]
            for field in ("exceptions", "higher_norms")
            for key in raw.get(field) or ()
        }
        if set(definitions) - used:
            raise _fail(
                self.name, rule_id, f"definitions no version uses: {', '.join(sorted(set(definitions) - used))}"
            )
        return versions


def family_versions(module_file: str) -> FamilyVersions:
    """The versions file of the family whose logic module is ``module_file`` (its folder's versions.yaml)."""
    return FamilyVersions(Path(module_file).with_name("versions.yaml"))
