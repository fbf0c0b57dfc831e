"""Fact declarations and parsing: the typed inputs of a rule.

Fact names are a public contract (CLI, API, stored decisions). Facts arrive as JSON values (dates as ISO
strings); each FactSpec turns one into a Python value or raises InvalidFacts naming the fact and the
problem. Unknown fact names are rejected too: a typo ("request_recieved") must not silently become
"fact absent".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from acquis.rules.errors import InvalidFacts, MissingFacts

Parser = Callable[[str, Any], Any]


@dataclass(frozen=True, slots=True)
class FactSpec:
    """One input of a rule.

    ``required``: the key must be present. ``nullable``: ``null`` is a meaningful value (e.g. "no answer").
    A required, non-nullable fact that is absent or null is *missing*; a value of the wrong shape is *invalid*.
    """

    name: str
    kind: str  # for documentation and the CLI listing: date, bool, level, number, string, enum, object, list
    parse: Parser
    required: bool = True
    nullable: bool = False
    description: str = ""


# YYYY-MM-DD only: date.fromisoformat also takes ISO week dates ("2026-W49-7" is ten characters too).
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_iso_date_text(value: Any) -> bool:
    """True for a string written YYYY-MM-DD and nothing else (fullmatch: "$" would allow a trailing newline).
    The API's date fields use it too (acquis.api.schemas.IsoDate)."""
    return isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None


# The days a person's file may name: no career, pathway or leave began before 1900 or is planned after 2100.
# Outside them date arithmetic overflows (0001-01-01 minus a day, 9999-12-31 plus one: security review M6), so
# forms, API schemas and services refuse such a day at entry.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)
IMPLAUSIBLE_DAY = "Indiquez une date entre le 1er janvier 1900 et le 31 décembre 2100."


def is_plausible_day(day: dt.date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def load_facts_json(raw: str | bytes) -> Any:
    """JSON text (or UTF-8 bytes) → a JSON value; every unreadable input is InvalidFacts, never a crash.

    One reader for the CLI, the API and the rule pages' form, so that hostile inputs get the same answer on
    every path: bytes that are not UTF-8, invalid JSON, a number longer than Python reads (4,300 digits:
    a ValueError, not a JSONDecodeError), an array nested 100,000 deep (RecursionError).
    """
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidFacts(f"facts are not UTF-8 text (invalid byte at position {error.start})") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidFacts(f"facts are not valid JSON: {error}") from None
    except ValueError as error:
        raise InvalidFacts(f"facts contain a number too long to read: {error}") from None
    except RecursionError:
        raise InvalidFacts("facts are nested too deeply to be read") from None


def parse_date(name: str, raw: Any) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    if is_iso_date_text(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise InvalidFacts(f"fact {name!r} must be a date written YYYY-MM-DD, got {raw!r}")


def parse_bool(name: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    raise InvalidFacts(f"fact {name!r} must be true or false, got {raw!r}")


def parse_level(name: str, raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 8:
        return raw
    raise InvalidFacts(f"fact {name!r} must be a qualification level from 1 to 8 (cadre national), got {raw!r}")


def parse_number(name: str, raw: Any) -> Decimal:
    # Numbers go through str() so that 37.5 stays exactly 37.5 (no binary float arithmetic on hours).
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise InvalidFacts(f"fact {name!r} must be a number, got {raw!r}")
    try:
        number = Decimal(str(raw))
    except InvalidOperation:
        raise InvalidFacts(f"fact {name!r} must be a number, got {raw!r}") from None
    if not number.is_finite() or number < 0:
        raise InvalidFacts(f"fact {name!r} must be a non-negative number, got {raw!r}")
    return number


def parse_text(name: str, raw: Any) -> str:
    if isinstance(raw, str):
        return raw.strip()
    raise InvalidFacts(f"fact {name!r} must be a string, got {raw!r}")


def enum_parser(*choices: str) -> Parser:
    def parse(name: str, raw: Any) -> str:
        if raw in choices:
            return raw
        raise InvalidFacts(f"fact {name!r} must be one of {', '.join(choices)}, got {raw!r}")

    parse.choices = choices  # read by the rule pages' form to offer the codes (acquis.web.rules.fact_form)
    return parse


def parse_facts(specs: Mapping[str, FactSpec], raw_facts: Any) -> dict[str, Any]:
    """Check and convert the facts of one case; raise MissingFacts or InvalidFacts."""
    if not isinstance(raw_facts, Mapping):
        raise InvalidFacts(f"facts must be a JSON object, got {type(raw_facts).__name__}")
    unknown = [name for name in raw_facts if name not in specs]
    if unknown:
        raise InvalidFacts(f"unknown fact(s) {', '.join(sorted(map(str, unknown)))}; expected: {', '.join(specs)}")
    missing = tuple(
        spec.name
        for spec in specs.values()
        if (spec.required and spec.name not in raw_facts)
        or (raw_facts.get(spec.name, 0) is None and not spec.nullable)
    )
    if missing:
        raise MissingFacts(f"missing fact(s): {', '.join(missing)}", missing)
    parsed: dict[str, Any] = {}
    for name, raw in raw_facts.items():
        parsed[name] = None if raw is None else specs[name].parse(name, raw)
    return parsed
