"""Dated legal parameters, loaded from each rule family's ``acquis/rules/<family>/parameters.yaml``.

Every legal number or list the catalogue uses (days, months, hours, levels, lists of codes) lives here,
never as a literal in rule code. Each parameter is a list of values; each value has a validity interval
(``valid_until`` is the last day, inclusive, or null for "still in force") and the source that sets it:
article number, LEGIARTI id of the article version, that version's in-force interval, and the sentence.

The loader is strict, because a silent fallback is how a deadline gets miscomputed:
gaps, overlaps, missing or malformed sources are rejected with the file, the parameter and the reason;
reading a parameter at a date outside every value raises (no extrapolation, cf. OpenFisca#437).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from acquis.rules.decision import CODE_DU_TRAVAIL, CODE_NAMES, Source
from acquis.rules.durations import Duration, DurationUnit
from acquis.rules.errors import ParameterFileError, ParameterNotInForce

RULES_DIR = Path(__file__).parent
FAMILY_FILE = "parameters.yaml"
LEGIARTI_RE = re.compile(r"^LEGIARTI\d{12}$")
# Code du travail numbers have four digits before the dash (R6422-4); the CRPA three (R133-4, L231-1).
ARTICLE_RE = re.compile(r"^[LRD]\d{3,4}-\d+(-\d+)?$")
KINDS = ("calendar_days", "months", "hours", "money", "level", "bool", "codes", "count", "month_day", "date")
MONTH_DAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


@dataclass(frozen=True, slots=True)
class ParameterValue:
    valid_from: dt.date
    valid_until: dt.date | None
    value: Any
    source: Source

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    kind: str
    values: tuple[ParameterValue, ...]
    path: str
    _starts: tuple[dt.date, ...] = ()

    def at(self, day: dt.date) -> ParameterValue:
        """The value in force on ``day``; raises ParameterNotInForce outside every value."""
        index = bisect.bisect_right(self._starts, day) - 1
        if index >= 0:
            candidate = self.values[index]
            if candidate.valid_until is None or day <= candidate.valid_until:
                return candidate
        first, last = self.values[0], self.values[-1]
        until = last.valid_until.isoformat() if last.valid_until else "open"
        raise ParameterNotInForce(
            f"parameter {self.name} has no value on {day.isoformat()} "
            f"(values cover {first.valid_from.isoformat()} → {until}); no extrapolation"
        )

    def boundaries(self) -> tuple[dt.date, ...]:
        """First days of each value, plus the day after each closed value (the last one, or before a gap)."""
        days = {value.valid_from for value in self.values}
        days.update(value.valid_until + dt.timedelta(days=1) for value in self.values if value.valid_until is not None)
        return tuple(sorted(days))

    def covers(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether some value is in force on every day from ``start`` to ``end`` (inclusive; None = open)."""
        day: dt.date | None = start
        for value in self.values:
            if day is None:
                break
            if value.covers(day):
                day = None if value.valid_until is None else value.valid_until + dt.timedelta(days=1)
                if end is not None and day is not None and day > end:
                    return True
        return day is None


class ParameterSet(Mapping[str, Parameter]):
    def __init__(self, parameters: Iterable[Parameter]) -> None:
        self._by_name: dict[str, Parameter] = {}
        for parameter in parameters:
            if parameter.name in self._by_name:
                other = self._by_name[parameter.name].path
                raise ParameterFileError(parameter.path, parameter.name, f"defined twice (also in {other})")
            self._by_name[parameter.name] = parameter

    def __getitem__(self, name: str) -> Parameter:
        return self._by_name[name]

    def __iter__(self):
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)


def _fail(path: str, name: str | None, reason: str) -> ParameterFileError:
    return ParameterFileError(path, name, reason)


def parse_date_field(raw: Any, path: str, name: str, what: str, *, nullable: bool) -> dt.date | None:
    if raw is None:
        if nullable:
            return None
        raise _fail(path, name, f"{what} is missing")
    if isinstance(raw, dt.datetime) or not isinstance(raw, dt.date | str):
        raise _fail(path, name, f"{what} must be a YYYY-MM-DD date, got {raw!r}")
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise _fail(path, name, f"{what} must be a YYYY-MM-DD date, got {raw!r}") from None
    return raw


def _typed_value(kind: str, raw: Any, path: str, name: str, where: str) -> Any:
    def bad(expected: str) -> ParameterFileError:
        return _fail(path, name, f"{where}: value must be {expected}, got {raw!r}")

    if kind in ("calendar_days", "months"):
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            raise bad("a non-negative integer")
        return Duration(raw, DurationUnit(kind))
    if kind in ("hours", "money"):
        # Money and hours are exact: written as integers or strings ("37.5"), never read through float.
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise bad('an integer or a decimal string such as "37.5"')
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            raise bad("a decimal number") from None
        if not number.is_finite() or number < 0:
            raise bad("a non-negative decimal number")
        return number
    if kind == "level":
        if not isinstance(raw, int) or isinstance(raw, bool) or not 1 <= raw <= 8:
            raise bad("a qualification level between 1 and 8")
        return raw
    if kind == "bool":
        if not isinstance(raw, bool):
            raise bad("true or false")
        return raw
    if kind == "count":
        # A number of seats, of years, of mandates: a plain non-negative integer.
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            raise bad("a non-negative integer")
        return raw
    if kind == "month_day":
        # A fixed day of the year ("au plus tard le 31 janvier"), written "01-31"; the rule picks the year.
        if not isinstance(raw, str) or not MONTH_DAY_RE.match(raw):
            raise bad('a day of the year written "MM-DD", such as "01-31"')
        return raw
    if kind == "date":
        # A day fixed by a text (a rollout date): YYYY-MM-DD.
        return parse_date_field(raw, path, name, f"{where}: value", nullable=False)
    if kind == "codes":
        if not isinstance(raw, list) or not all(isinstance(code, str) and code for code in raw):
            raise bad("a list of codes")
        if len(set(raw)) != len(raw):
            raise bad("a list of distinct codes")
        return tuple(raw)
    raise _fail(path, name, f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")


def parse_source(raw: Any, path: str, name: str, where: str) -> Source:
    if not isinstance(raw, dict):
        raise _fail(path, name, f"{where}: missing source (article, legiarti, valid_from, valid_until, sentence)")
    for key in ("article", "legiarti", "valid_from", "sentence"):
        if not raw.get(key):
            raise _fail(path, name, f"{where}: source.{key} is missing")
    if "valid_until" not in raw:
        raise _fail(path, name, f"{where}: source.valid_until is missing (null if the version is still in force)")
    unknown = set(raw) - {
        "article",
        "legiarti",
        "valid_from",
        "valid_until",
        "sentence",
        "passage",
        "to_confirm",
        "code",
    }
    if unknown:
        raise _fail(path, name, f"{where}: unknown source field(s) {', '.join(sorted(unknown))}")
    if not ARTICLE_RE.match(str(raw["article"])):
        raise _fail(path, name, f"{where}: source.article {raw['article']!r} is not an article number like R6422-4")
    if not LEGIARTI_RE.match(str(raw["legiarti"])):
        raise _fail(path, name, f"{where}: source.legiarti {raw['legiarti']!r} is not a LEGIARTI id")
    code = raw.get("code", CODE_DU_TRAVAIL)
    if code not in CODE_NAMES:
        raise _fail(path, name, f"{where}: source.code {code!r} is not a known code ({', '.join(CODE_NAMES)})")
    passage = raw.get("passage", "text")
    if passage not in ("text", "nota"):
        raise _fail(path, name, f"{where}: source.passage must be 'text' or 'nota'")
    valid_from = parse_date_field(raw["valid_from"], path, name, f"{where}: source.valid_from", nullable=False)
    valid_until = parse_date_field(raw["valid_until"], path, name, f"{where}: source.valid_until", nullable=True)
    assert valid_from is not None
    if valid_until is not None and valid_until < valid_from:
        raise _fail(path, name, f"{where}: source.valid_until is before source.valid_from")
    return Source(
        article=raw["article"],
        legiarti=raw["legiarti"],
        valid_from=valid_from,
        valid_until=valid_until,
        sentence=" ".join(str(raw["sentence"]).split()),
        passage=passage,
        to_confirm=" ".join(str(raw.get("to_confirm") or "").split()),
        code=code,
    )


def _gaps(raw: Any, path: str, name: str) -> dict[tuple[dt.date, dt.date], str]:
    """Declared gaps: intervals on which the parameter has no value on purpose, each with its reason (e.g.
    the corpus lacks the text of the article version then in force). Reading the parameter there raises,
    as outside every value; an undeclared gap is still an error. Keys: (first day, first day after)."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise _fail(path, name, "gaps must be a list of {valid_from, valid_until, reason}")
    gaps: dict[tuple[dt.date, dt.date], str] = {}
    for index, item in enumerate(raw):
        where = f"gaps[{index}]"
        if not isinstance(item, dict) or not str(item.get("reason") or "").strip():
            raise _fail(path, name, f"{where}: a gap needs valid_from, valid_until and its reason")
        start = parse_date_field(item.get("valid_from"), path, name, f"{where}: valid_from", nullable=False)
        until = parse_date_field(item.get("valid_until"), path, name, f"{where}: valid_until", nullable=False)
        assert start is not None and until is not None
        gaps[(start, until + dt.timedelta(days=1))] = str(item["reason"]).strip()
    return gaps


def parse_parameter(name: str, spec: Any, path: str) -> Parameter:
    if not isinstance(spec, dict):
        raise _fail(path, name, "a parameter is a mapping with description, kind and values")
    unknown = set(spec) - {"description", "kind", "values", "note", "gaps"}
    if unknown:
        raise _fail(path, name, f"unknown field(s) {', '.join(sorted(unknown))}")
    description = spec.get("description")
    if not isinstance(description, str) or not description.strip():
        raise _fail(path, name, "description is missing")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise _fail(path, name, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    raw_values = spec.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        raise _fail(path, name, "values must be a non-empty list")

    values: list[ParameterValue] = []
    for index, raw in enumerate(raw_values):
        where = f"values[{index}]"
        if not isinstance(raw, dict):
            raise _fail(path, name, f"{where} must be a mapping")
        if "value" not in raw:
            raise _fail(path, name, f"{where}: value is missing")
        if "valid_until" not in raw:
            raise _fail(path, name, f"{where}: valid_until is missing (null for an open end)")
        valid_from = parse_date_field(raw.get("valid_from"), path, name, f"{where}: valid_from", nullable=False)
        valid_until = parse_date_field(raw.get("valid_until"), path, name, f"{where}: valid_until", nullable=True)
        assert valid_from is not None
        if valid_until is not None and valid_until < valid_from:
            raise _fail(path, name, f"{where}: valid_until {valid_until} is before valid_from {valid_from}")
        source = parse_source(raw.get("source"), path, name, where)
        # A value may not outlive the article version that sets it: that would cite a text not in force.
        if valid_from < source.valid_from or (
            source.valid_until is not None and (valid_until is None or valid_until > source.valid_until)
        ):
            raise _fail(
                path,
                name,
                f"{where}: the value's validity {valid_from} → {valid_until or 'open'} is not inside the in-force "
                f"interval of its source {source.legiarti} ({source.valid_from} → {source.valid_until or 'open'})",
            )
        values.append(
            ParameterValue(valid_from, valid_until, _typed_value(kind, raw["value"], path, name, where), source)
        )

    values.sort(key=lambda value: value.valid_from)
    declared_gaps = _gaps(spec.get("gaps"), path, name)
    for previous, current in zip(values, values[1:], strict=False):
        if previous.valid_until is None or current.valid_from <= previous.valid_until:
            raise _fail(
                path,
                name,
                f"overlap: the value from {previous.valid_from} (until {previous.valid_until or 'open'}) overlaps "
                f"the value from {current.valid_from}",
            )
        expected = previous.valid_until + dt.timedelta(days=1)
        if current.valid_from != expected and declared_gaps.pop((expected, current.valid_from), None) is None:
            raise _fail(
                path,
                name,
                f"gap: no value from {expected} to {current.valid_from - dt.timedelta(days=1)} "
                f"(the value ending {previous.valid_until} must be followed by one starting {expected})",
            )
    if declared_gaps:
        (start, end), _reason = next(iter(declared_gaps.items()))
        raise _fail(path, name, f"gaps: the gap declared from {start} does not lie between two values")
    return Parameter(
        name=name,
        description=description.strip(),
        kind=kind,
        values=tuple(values),
        path=path,
        _starts=tuple(value.valid_from for value in values),
    )


def parse_parameter_document(document: Any, path: str) -> list[Parameter]:
    if not isinstance(document, dict) or not document:
        raise _fail(path, None, "a parameter file is a non-empty mapping of parameter names")
    return [parse_parameter(str(name), spec, path) for name, spec in document.items()]


def load_parameter_file(path: Path) -> list[Parameter]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise _fail(str(path), None, f"not valid YAML: {error}") from None
    name = f"{path.parent.name}/{path.name}" if path.name == FAMILY_FILE else path.name
    return parse_parameter_document(document, name)


def family_parameter_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """One ``parameters.yaml`` per rule family folder."""
    return sorted(rules_dir.glob(f"*/{FAMILY_FILE}"))


def load_parameters(directory: Path | None = None) -> ParameterSet:
    """The families' parameters, or those of one flat folder of ``*.yaml`` files when ``directory`` is given."""
    files = family_parameter_files() if directory is None else sorted(directory.glob("*.yaml"))
    if not files:
        raise _fail(str(directory), None, "no parameter file (*.yaml) found")
    return ParameterSet(parameter for path in files for parameter in load_parameter_file(path))
