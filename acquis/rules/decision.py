"""The objects a decision is made of: legal sources, the trace tree and the Decision itself.

A Decision is stored unchanged when a case relies on it, so its JSON form is a contract:
``Decision.from_json(d.to_json()) == d`` and ``to_json`` is deterministic (same decision, same bytes).
Only add fields with a default; bump ``DECISION_SCHEMA`` on any incompatible change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

DECISION_SCHEMA = "acquis.rules.decision/1"

JSONValue = Any  # str | int | float | bool | None | list[JSONValue] | dict[str, JSONValue]


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


#: The codes a source may cite (LEGITEXT ids), with the URL slug of their law pages.
CODE_DU_TRAVAIL = "LEGITEXT000006072050"
CRPA = "LEGITEXT000031366350"  # Code des relations entre le public et l'administration
CODE_NAMES = {CODE_DU_TRAVAIL: "Code du travail", CRPA: "Code des relations entre le public et l'administration"}


@dataclass(frozen=True, slots=True)
class Source:
    """A citation: one sentence of one version of one article, with that version's in-force interval.

    ``valid_until`` is the **last day** the version was in force (inclusive), ``None`` when still in force.
    ``passage`` says where the sentence is: the article's text or its NOTA (transitional note).
    """

    article: str
    legiarti: str
    valid_from: dt.date
    valid_until: dt.date | None
    sentence: str
    passage: str = "text"
    # Why the value this source supports is still to be confirmed (its own text is not in the corpus).
    to_confirm: str = ""
    # The code the article is in; the Code du travail unless said (its JSON omits it, as before).
    code: str = CODE_DU_TRAVAIL

    def to_json(self) -> dict[str, JSONValue]:
        data: dict[str, JSONValue] = {
            "article": self.article,
            "legiarti": self.legiarti,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "sentence": self.sentence,
        }
        if self.passage != "text":
            data["passage"] = self.passage
        if self.to_confirm:
            data["to_confirm"] = self.to_confirm
        if self.code != CODE_DU_TRAVAIL:
            data["code"] = self.code
        return data

    @classmethod
    def from_json(cls, data: dict[str, JSONValue]) -> Source:
        return cls(
            article=data["article"],
            legiarti=data["legiarti"],
            valid_from=dt.date.fromisoformat(data["valid_from"]),
            valid_until=_date_or_none(data.get("valid_until")),
            sentence=data["sentence"],
            passage=data.get("passage", "text"),
            to_confirm=data.get("to_confirm", ""),
            code=data.get("code", CODE_DU_TRAVAIL),
        )

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True, slots=True)
class TraceNode:
    """One step of the reasoning: what was looked at, what came out, on which article versions."""

    step: str
    value: JSONValue = None
    detail: str = ""
    sources: tuple[str, ...] = ()  # LEGIARTI ids
    children: tuple[TraceNode, ...] = ()

    def to_json(self) -> dict[str, JSONValue]:
        data: dict[str, JSONValue] = {"step": self.step, "value": self.value}
        if self.detail:
            data["detail"] = self.detail
        if self.sources:
            data["sources"] = list(self.sources)
        if self.children:
            data["children"] = [child.to_json() for child in self.children]
        return data

    @classmethod
    def from_json(cls, data: dict[str, JSONValue]) -> TraceNode:
        return cls(
            step=data["step"],
            value=data.get("value"),
            detail=data.get("detail", ""),
            sources=tuple(data.get("sources", ())),
            children=tuple(cls.from_json(child) for child in data.get("children", ())),
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """The value a rule gives for one case, and everything needed to audit it later."""

    rule_id: str
    rule_version: str
    at: dt.date
    value: JSONValue
    sources: tuple[Source, ...]
    inputs_used: dict[str, JSONValue]
    missing_inputs: tuple[str, ...]
    trace: TraceNode
    ruleset_hash: str
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "schema": DECISION_SCHEMA,
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "at": self.at.isoformat(),
            "value": self.value,
            "sources": [source.to_json() for source in self.sources],
            "inputs_used": self.inputs_used,
            "missing_inputs": list(self.missing_inputs),
            "notes": list(self.notes),
            "trace": self.trace.to_json(),
            "ruleset_hash": self.ruleset_hash,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, JSONValue]) -> Decision:
        schema = data.get("schema")
        if schema != DECISION_SCHEMA:
            raise ValueError(f"unsupported decision schema {schema!r} (expected {DECISION_SCHEMA!r})")
        return cls(
            rule_id=data["rule_id"],
            rule_version=data["rule_version"],
            at=dt.date.fromisoformat(data["at"]),
            value=data["value"],
            sources=tuple(Source.from_json(source) for source in data["sources"]),
            inputs_used=data["inputs_used"],
            missing_inputs=tuple(data["missing_inputs"]),
            trace=TraceNode.from_json(data["trace"]),
            ruleset_hash=data["ruleset_hash"],
            notes=tuple(data.get("notes", ())),
        )

    @classmethod
    def from_json(cls, text: str) -> Decision:
        return cls.from_dict(json.loads(text))
