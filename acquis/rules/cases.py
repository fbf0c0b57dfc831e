"""Cases a jurist can read: YAML files, one per rule, under acquis/rules/<family>/cases/ (package data).

They live in the package, not under tests/, because they are also the worked examples of the public rule
pages (``cases_for``): tests read them from here, and nothing reads tests/ at run time.

    rule: leave.employer_answer_due
    cases:
      - name: last day of the 30-day delay, 2019 version
        facts: {request_received: 2019-11-04}
        expected: 2019-12-04
        sources: [R6422-4 LEGIARTI000039330059]
      - name: before the first known version
        at: 2014-11-14
        facts: {request_received: 2014-11-14}
        error: no_version_in_force

``at`` is the governing date; it may be omitted when the rule is governed by one of its facts.
``sources`` lists "ARTICLE LEGIARTI" pairs that the decision must cite (exactly that set).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from acquis.rules.engine import Registry, jsonable
from acquis.rules.errors import RulesError
from acquis.rules.facts import parse_facts


class _CaseLoader(yaml.SafeLoader):
    """YAML 1.1 reads `on`, `yes`, `no` as booleans; `on` is a fact name here, so only true/false are."""


_CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CaseLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

RULES_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Case:
    file: str
    name: str
    rule_id: str
    at: dt.date | None
    facts: dict[str, Any]
    expected: Any = None
    error: str | None = None
    sources: tuple[str, ...] | None = None
    missing_inputs: tuple[str, ...] | None = None

    def governing_date(self, registry: Registry) -> dt.date | None:
        if self.at is not None:
            return self.at
        rule = registry.get(self.rule_id)
        if not rule.governed_by_facts:
            return None
        try:
            # The YAML loader already gives dates as dates; parse_facts checks the rest as decide would.
            return rule.governing_date(parse_facts(rule.fact_specs, self.facts), None)
        except RulesError:
            return None  # a case about malformed facts has no governing date


class CaseFileError(ValueError):
    pass


def load_case_file(path: Path) -> list[Case]:
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=_CaseLoader)  # noqa: S506 (safe loader)
    if not isinstance(document, dict) or "rule" not in document or not isinstance(document.get("cases"), list):
        raise CaseFileError(f"{path.name}: a case file has 'rule' and a list of 'cases'")
    cases = []
    for index, raw in enumerate(document["cases"]):
        where = f"{path.name}: cases[{index}]"
        if not isinstance(raw, dict) or not raw.get("name") or not isinstance(raw.get("facts"), dict):
            raise CaseFileError(f"{where}: each case has a name and facts")
        if ("expected" in raw) == ("error" in raw):
            raise CaseFileError(f"{where} ({raw['name']}): give exactly one of 'expected' or 'error'")
        at = raw.get("at")
        if at is not None and not isinstance(at, dt.date):
            raise CaseFileError(f"{where}: 'at' must be a YYYY-MM-DD date")
        cases.append(
            Case(
                file=path.name,
                name=str(raw["name"]),
                rule_id=str(raw.get("rule", document["rule"])),
                at=at,
                facts=raw["facts"],
                expected=jsonable(raw.get("expected")),
                error=raw.get("error"),
                sources=tuple(raw["sources"]) if "sources" in raw else None,
                missing_inputs=tuple(raw["missing_inputs"]) if "missing_inputs" in raw else None,
            )
        )
    return cases


def case_files(directory: Path | None = None) -> list[Path]:
    """Every family's ``cases/*.yaml`` (ordered by file name), or one flat folder's ``*.yaml``."""
    if directory is None:
        return sorted(RULES_DIR.glob("*/cases/*.yaml"), key=lambda path: path.name)
    return sorted(directory.glob("*.yaml"))


def load_cases(directory: Path | None = None) -> list[Case]:
    return [case for path in case_files(directory) for case in load_case_file(path)]


@functools.cache
def _default_cases() -> tuple[Case, ...]:
    return tuple(load_cases())


def cases_for(rule_id: str) -> tuple[Case, ...]:
    """The worked examples of one rule, in file order (loaded once per process from the packaged files)."""
    return tuple(case for case in _default_cases() if case.rule_id == rule_id)
