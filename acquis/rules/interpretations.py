"""Interpretations as data: where a sentence admits two readings, the one the catalogue applies is named.

Each interpretation (``interpretations.yaml``) has an id, the sentence read (a cited source, checked against
the corpus like any other), the readings, the one chosen and why, who should confirm it, and whether and by
whom it was confirmed. The rules it affects list it: every Decision of such a rule carries it in its notes,
the rule's page lists it, and ``acquis rules check`` lists those not yet confirmed — so a jurist reviewing the
catalogue finds every choice the code made, instead of reading comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from acquis.rules.decision import Source
from acquis.rules.errors import ParameterFileError
from acquis.rules.parameters import parse_date_field, parse_source

INTERPRETATIONS_FILE = Path(__file__).with_name("interpretations.yaml")
FIELDS = frozenset({"rules", "source", "scope", "question", "readings", "chosen", "why", "confirm_by", "confirmed"})


@dataclass(frozen=True, slots=True)
class Confirmation:
    by: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class Interpretation:
    id: str
    rules: tuple[str, ...]
    source: Source  # the sentence that admits several readings
    question: str
    readings: dict[str, str]  # code → the reading, in words
    chosen: str
    why: str
    confirm_by: str  # who should confirm it
    confirmed: Confirmation | None = None
    # The governing dates whose rule versions read the sentence: by default the span of the article version
    # cited (its reading means nothing under another wording); ``scope`` widens or moves it when the sentence
    # read governs other dates (a NOTA deciding which earlier wording applies).
    scope_from: dt.date | None = None
    scope_until: dt.date | None = None

    @property
    def span(self) -> tuple[dt.date, dt.date | None]:
        start = self.scope_from or self.source.valid_from
        return start, (self.scope_until if self.scope_from else self.source.valid_until)

    def applies_to(self, valid_from: dt.date, valid_until: dt.date | None) -> bool:
        """Whether a rule version covering [valid_from, valid_until] reads this sentence (spans overlap)."""
        start, end = self.span
        return (end is None or valid_from <= end) and (valid_until is None or start <= valid_until)

    @property
    def chosen_reading(self) -> str:
        return self.readings[self.chosen]

    def note(self) -> str:
        """The line a Decision's notes carry."""
        state = (
            f"confirmed by {self.confirmed.by} on {self.confirmed.on.isoformat()}"
            if self.confirmed
            else f"to be confirmed by {self.confirm_by}"
        )
        return (
            f"Interpretation {self.id} ({self.source.article} {self.source.legiarti}, {state}): "
            f"{self.chosen_reading} — {self.why}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rules": list(self.rules),
            "source": self.source.to_json(),
            "scope": {"from": self.span[0].isoformat(), "until": self.span[1].isoformat() if self.span[1] else None},
            "question": self.question,
            "readings": dict(self.readings),
            "chosen": self.chosen,
            "why": self.why,
            "confirm_by": self.confirm_by,
            "confirmed": ({"by": self.confirmed.by, "on": self.confirmed.on.isoformat()} if self.confirmed else None),
        }


def _fail(name: str | None, reason: str) -> ParameterFileError:
    return ParameterFileError(INTERPRETATIONS_FILE.name, name, reason)


def _text(spec: dict[str, Any], key: str, name: str) -> str:
    value = spec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, f"{key} is missing")
    return " ".join(value.split())


def parse_interpretation(name: str, spec: Any) -> Interpretation:
    path = INTERPRETATIONS_FILE.name
    if not isinstance(spec, dict):
        raise _fail(name, "an interpretation is a mapping")
    unknown = set(spec) - FIELDS
    if unknown:
        raise _fail(name, f"unknown field(s) {', '.join(sorted(unknown))}")
    rules = spec.get("rules")
    if not isinstance(rules, list) or not rules or not all(isinstance(rule, str) for rule in rules):
        raise _fail(name, "rules must list the ids of the rules that apply this reading")
    readings = spec.get("readings")
    if not isinstance(readings, dict) or len(readings) < 2:
        raise _fail(name, "readings must map at least two reading codes to their wording")
    chosen = spec.get("chosen")
    if chosen not in readings:
        raise _fail(name, f"chosen {chosen!r} is not one of the readings ({', '.join(readings)})")
    confirmed = spec.get("confirmed")
    confirmation = None
    if confirmed is not None:
        if not isinstance(confirmed, dict) or not str(confirmed.get("by") or "").strip():
            raise _fail(name, "confirmed must be null or {by, on}")
        on = parse_date_field(confirmed.get("on"), path, name, "confirmed.on", nullable=False)
        assert on is not None
        confirmation = Confirmation(str(confirmed["by"]).strip(), on)
    scope_from = scope_until = None
    scope = spec.get("scope")
    if scope is not None:
        if not isinstance(scope, dict) or set(scope) != {"from", "until"}:
            raise _fail(name, "scope must be {from: YYYY-MM-DD, until: YYYY-MM-DD or null}")
        scope_from = parse_date_field(scope["from"], path, name, "scope.from", nullable=False)
        scope_until = parse_date_field(scope["until"], path, name, "scope.until", nullable=True)
        if scope_until is not None and scope_from is not None and scope_until < scope_from:
            raise _fail(name, "scope ends before it starts")
    return Interpretation(
        id=name,
        scope_from=scope_from,
        scope_until=scope_until,
        rules=tuple(rules),
        source=parse_source(spec.get("source"), path, name, "source"),
        question=_text(spec, "question", name),
        readings={str(code): " ".join(str(text).split()) for code, text in readings.items()},
        chosen=str(chosen),
        why=_text(spec, "why", name),
        confirm_by=_text(spec, "confirm_by", name),
        confirmed=confirmation,
    )


def load_interpretations(path: Path = INTERPRETATIONS_FILE) -> tuple[Interpretation, ...]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise _fail(None, "the file is a mapping of interpretation ids")
    return tuple(parse_interpretation(str(name), spec) for name, spec in document.items())
