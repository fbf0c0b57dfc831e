"""One way for the domains to ask a rule: ``answer()`` gives the Decision, or why the rules cannot decide.

Before it, each domain wrapped ``decide`` its own way (a pair, None, a date holder, a ValidationError). A
RuleAnswer is that one shape: it unpacks as ``(decision, error_code)`` for the call sites that only need
both, and ``kept()`` is what a record stores with itself (the Decision's JSON, or the refusal) — the one
shape of a kept Decision, read back with ``RuleAnswer.from_kept``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from acquis.rules.decision import Decision
from acquis.rules.errors import RulesError


@dataclass(frozen=True)
class RuleAnswer:
    rule_id: str
    decision: Decision | None
    error: str = ""  # the engine's error code (no_version_in_force, missing_facts…), "" when decided
    message: str = ""  # the engine's message, in English, for logs and the French sentence around it

    def __iter__(self) -> Iterator[Any]:
        return iter((self.decision, self.error))

    @property
    def value(self) -> Any:
        return self.decision.value if self.decision is not None else None

    def decided_or(self, refusal: Callable[[str], Exception]) -> Decision:
        """The Decision, or ``refusal(message)`` raised when the rules could not decide."""
        if self.decision is None:
            raise refusal(self.message)
        return self.decision

    def kept(self) -> dict[str, Any]:
        """What a record keeps of this answer (JSON): the full Decision, or the error code and message."""
        return {
            "rule_id": self.rule_id,
            "decision": self.decision.to_dict() if self.decision is not None else None,
            "error": self.error,
            "message": self.message,
        }

    @classmethod
    def from_kept(cls, kept: Mapping[str, Any]) -> RuleAnswer:
        decision = Decision.from_dict(kept["decision"]) if kept.get("decision") else None
        return cls(kept["rule_id"], decision, kept.get("error", ""), kept.get("message", ""))


def answer_with(decide: Callable[[], Decision], rule_id: str) -> RuleAnswer:
    try:
        return RuleAnswer(rule_id, decide())
    except RulesError as error:
        return RuleAnswer(rule_id, None, error.code, error.message)
