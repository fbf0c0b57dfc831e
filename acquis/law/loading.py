"""Choosing the parser for each input file, and the JSON form of parsed sources (pure Python).

The Django loader stores each source's records as JSON (``LawSource.records``) so that a later
import can merge with exactly what was imported before; this module owns that round trip.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from acquis.law.parsing.abrogations import parse_abrogations
from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.legi_data import parse_legi_data
from acquis.law.parsing.legi_xml import parse_legi_xml
from acquis.law.parsing.markdown import parse_article_markdown
from acquis.law.parsing.reconstructed import parse_reconstructed
from acquis.law.parsing.records import (
    ArticleVersionRecord,
    MembershipRecord,
    ParsedSource,
    ProgressCallback,
    SectionRecord,
)

LEGI_DATA = "legi-data"
RECONSTRUCTED = "reconstructed"
ARTICLE_MARKDOWN = "article-markdown"
LEGI_XML = "legi-xml"
ABROGATIONS = "abrogations"

#: Callback per file: (path, format) → a progress callback for that file, or None.
FileProgress = Callable[[Path, str], ProgressCallback | None]

_SUFFIXES = (".json.gz", ".json", ".md.txt", ".md", ".xml", ".yaml", ".yml")


def input_format(path: Path) -> str:
    """The format of ``path``, from its name and, for plain JSON, its first character."""
    name = path.name.lower()
    if name.endswith(".json.gz"):
        return LEGI_DATA
    if name.endswith(".json"):
        try:
            with path.open("rb") as handle:
                head = handle.read(4096).lstrip()
        except OSError as exc:
            raise LawParseError(str(path), "file", str(exc)) from exc
        # The reconstructed texts are a JSON array of articles; a legi-data tree is an object.
        return RECONSTRUCTED if head.startswith(b"[") else LEGI_DATA
    if name.endswith((".md.txt", ".md")):
        return ARTICLE_MARKDOWN
    if name.endswith(".xml"):
        return LEGI_XML
    if name.endswith((".yaml", ".yml")):
        return ABROGATIONS
    raise LawParseError(
        str(path), "file name", "format non reconnu (attendu : .json, .json.gz, .md, .md.txt, .xml ou .yaml)"
    )


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and the supported files found under the directories named."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.name.lower().endswith(_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise LawParseError(str(path), "file", "fichier introuvable")
    return files


def parse_file(path: Path, progress: ProgressCallback | None = None) -> tuple[str, ParsedSource]:
    kind = input_format(path)
    if kind == LEGI_DATA:
        return kind, parse_legi_data(path, progress)
    if kind == RECONSTRUCTED:
        return kind, parse_reconstructed(path, progress=progress)
    if kind == ARTICLE_MARKDOWN:
        return kind, parse_article_markdown(path)
    if kind == ABROGATIONS:
        return kind, parse_abrogations(path)
    return kind, parse_legi_xml(path)


def parse_paths(paths: Sequence[str | Path], progress: FileProgress | None = None) -> list[tuple[str, ParsedSource]]:
    """Parse every input; the first malformed one raises :class:`LawParseError` for the whole batch."""
    parsed = []
    for path in expand_paths(paths):
        kind = input_format(path)
        parsed.append(parse_file(path, progress(path, kind) if progress else None))
    return parsed


# --- JSON round trip ---------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _record_to_json(record: Any) -> dict[str, Any]:
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


_DATE_FIELDS = {"valid_from", "valid_until", "observed_on", "known_in_force_on"}


def _record_from_json(cls: type, data: dict[str, Any]) -> Any:
    values = {k: (date.fromisoformat(v) if k in _DATE_FIELDS and v else v) for k, v in data.items()}
    values.pop("text_hash", None)  # derived in __post_init__, never trusted
    return cls(**values)


def source_to_json(source: ParsedSource) -> dict[str, Any]:
    return {
        "source": source.source,
        "observed_on": _encode(source.observed_on),
        "code_title": source.code_title,
        "extra": dict(source.extra),
        "versions": [_record_to_json(r) for r in source.versions],
        "sections": [_record_to_json(r) for r in source.sections],
        "memberships": [_record_to_json(r) for r in source.memberships],
    }


def source_from_json(data: dict[str, Any]) -> ParsedSource:
    return ParsedSource(
        source=data["source"],
        observed_on=date.fromisoformat(data["observed_on"]) if data.get("observed_on") else None,
        code_title=data.get("code_title"),
        extra=dict(data.get("extra") or {}),
        versions=tuple(_record_from_json(ArticleVersionRecord, r) for r in data.get("versions", ())),
        sections=tuple(_record_from_json(SectionRecord, r) for r in data.get("sections", ())),
        memberships=tuple(_record_from_json(MembershipRecord, r) for r in data.get("memberships", ())),
    )
