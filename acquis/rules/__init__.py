"""Acquis law-as-code: effective-dated rules whose every decision cites the article versions it relies on.

Pure Python (no Django): pass plain values in, get a Decision out.

    from acquis.rules import decide
    decision = decide("leave.status", {"request_received": "2024-03-01", "answer": None, "on": "2024-03-20"})
    decision.value        # "deemed_accepted"
    decision.to_json()    # stored unchanged when a case relies on it

Domains ask through ``answer``: the Decision, or the error code and message when the rules cannot decide
(e.g. no_version_in_force for a date before the first version), never an exception to wrap.

    due = answer(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": "2024-03-01"})
    due.decision, due.error   # or: decision, error = answer(...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from acquis.rules.answer import RuleAnswer, answer_with
from acquis.rules.decision import Decision, Source, TraceNode
from acquis.rules.engine import Outcome
from acquis.rules.errors import (
    InvalidFacts,
    MissingFacts,
    NoVersionInForce,
    ParameterNotInForce,
    RuleConflict,
    RulesError,
    UnknownRule,
)

__all__ = [
    "Decision",
    "InvalidFacts",
    "MissingFacts",
    "NoVersionInForce",
    "Outcome",
    "ParameterNotInForce",
    "RuleConflict",
    "RuleAnswer",
    "RulesError",
    "Source",
    "TraceNode",
    "UnknownRule",
    "answer",
    "decide",
    "evaluate",
]


def decide(rule_id: str, facts: Mapping[str, Any], at: dt.date | str | None = None) -> Decision:
    """Decide one case with the default catalogue; ``at`` is the rule's governing date.

    For rules governed by one of their facts (e.g. ``request_received``) ``at`` may be omitted; when given
    it must equal that fact.
    """
    from acquis.rules.catalogue import default_registry

    if isinstance(at, str):
        try:
            at = dt.date.fromisoformat(at)
        except ValueError:
            raise InvalidFacts(f"'at' must be a date written YYYY-MM-DD, got {at!r}") from None
    return default_registry().decide(rule_id, facts, at)


def evaluate(rule_id: str, facts: Mapping[str, Any], at: dt.date | None = None) -> Outcome:
    """The value and version ``decide`` would give, without sources or trace: for lists of many cases."""
    from acquis.rules.catalogue import default_registry

    return default_registry().evaluate(rule_id, facts, at)


def answer(rule_id: str, facts: Mapping[str, Any], at: dt.date | str | None = None) -> RuleAnswer:
    """``decide``, with the rules' refusal (an engine error) as a value rather than an exception."""
    return answer_with(lambda: decide(rule_id, facts, at), rule_id)
