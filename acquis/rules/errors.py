"""Typed errors of the rules engine.

Every error carries a stable machine ``code`` (the CLI and the API expose it as ``{"error": code}``)
and a human message that says what to fix. Codes are a public contract: add new ones, never rename.
"""

from __future__ import annotations


class RulesError(Exception):
    """Base class: ``code`` is machine-readable, ``message`` is for people."""

    code = "rules_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class UnknownRule(RulesError):
    code = "unknown_rule"


class MissingFacts(RulesError):
    code = "missing_facts"

    def __init__(self, message: str, fields: tuple[str, ...]) -> None:
        super().__init__(message)
        self.fields = fields


class InvalidFacts(RulesError):
    code = "invalid_facts"


class NoVersionInForce(RulesError):
    """The governing date falls outside every version of the rule (no extrapolation)."""

    code = "no_version_in_force"


class RuleConflict(RulesError):
    """Two versions or two definitions apply at once: an error, never a silent choice."""

    code = "rule_conflict"


class ParameterNotInForce(RulesError):
    """A parameter was read at a date outside every one of its dated values."""

    code = "parameter_not_in_force"


class ParameterFileError(RulesError):
    """A parameter file is malformed: gap, overlap, missing source, bad value…"""

    code = "invalid_parameter_file"

    def __init__(self, path: str, parameter: str | None, reason: str) -> None:
        where = f"{path}: {parameter}" if parameter else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.parameter = parameter
        self.reason = reason


class CatalogueError(RulesError):
    """The rule catalogue itself is inconsistent (duplicate id, overlapping versions…)."""

    code = "invalid_catalogue"
