"""Typed parse errors: every rejection says which file, where in it, and why."""

from __future__ import annotations


class LawParseError(ValueError):
    """A malformed legal-corpus input.

    ``position`` is whatever locates the fault best for the format: ``line 3, column 7`` for
    text and JSON syntax, a JSON path (``$.children[0].data.num``) for JSON structure, an XPath
    for XML. Parsers raise before returning anything, so callers never see partial results.
    """

    def __init__(self, file: str, position: str, reason: str) -> None:
        self.file = file
        self.position = position
        self.reason = reason
        super().__init__(f"{file}: {position}: {reason}")
