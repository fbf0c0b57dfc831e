"""Parser for the ``@socialgouv/legi-data`` JSON tree (one code per file, optionally gzipped).

Each snapshot gives the text of the versions in force on its consolidation date and the
metadata (id, state, dates) of every version of those articles; older wordings therefore come
from older snapshots, merged by :mod:`acquis.law.history`.
"""

from __future__ import annotations

import io
import json
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from acquis.documents.inflate import InflationRefused, gunzip_bounded
from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.records import (
    ArticleVersionRecord,
    MembershipRecord,
    ParsedSource,
    ProgressCallback,
    SectionRecord,
    article_key_number,
    date_from_epoch_ms,
    date_from_iso,
    html_to_text,
)

_CHUNK = 1 << 20


def read_legi_data_bytes(path: Path, progress: ProgressCallback | None = None) -> bytes:
    """Read (and gunzip) the file, reporting progress in bytes of the file on disk."""
    total = path.stat().st_size
    raw = io.BytesIO()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            raw.write(chunk)
            if progress is not None:
                progress(raw.tell(), total)
    data = raw.getvalue()
    if data[:2] == b"\x1f\x8b":
        try:
            return gunzip_bounded(data)
        except InflationRefused as exc:
            raise LawParseError(str(path), "gzip stream", str(exc)) from exc
        except (OSError, EOFError, zlib.error) as exc:
            raise LawParseError(str(path), "gzip stream", f"corrupt gzip data: {exc}") from exc
    return data


def parse_legi_data(path: str | Path, progress: ProgressCallback | None = None) -> ParsedSource:
    """Parse one legi-data snapshot file (``.json`` or ``.json.gz``)."""
    path = Path(path)
    data = read_legi_data_bytes(path, progress)
    try:
        tree = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise LawParseError(str(path), f"byte {exc.start}", "not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise LawParseError(str(path), f"line {exc.lineno}, column {exc.colno}", exc.msg) from exc
    return parse_legi_data_tree(tree, str(path))


def parse_legi_data_tree(tree: Any, file: str) -> ParsedSource:
    """Parse an already decoded tree; ``file`` names it in errors and in record sources."""
    walker = _Walker(file)
    return walker.run(tree)


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.versions: list[ArticleVersionRecord] = []
        self.sections: list[SectionRecord] = []
        self.memberships: list[MembershipRecord] = []
        self.code = ""
        self.observed_on: date | None = None
        self.source = ""

    def fail(self, path: str, reason: str) -> LawParseError:
        return LawParseError(self.file, path, reason)

    def run(self, tree: Any) -> ParsedSource:
        root = self.obj(tree, "$")
        data = self.obj(root.get("data"), "$.data")
        self.code = self.string(data, "id", "$.data")
        snapshot = self.string(data, "dateDebutVersion", "$.data")
        self.observed_on = self.iso(snapshot, "$.data.dateDebutVersion")
        self.source = f"legi-data {snapshot} ({Path(self.file).name})"
        self.children(root, "$", parent_id=None, parent_interval=(None, None))
        return ParsedSource(
            source=self.source,
            versions=tuple(self.versions),
            sections=tuple(self.sections),
            memberships=tuple(self.memberships),
            observed_on=self.observed_on,
            code_title=data.get("title"),
        )

    # --- structure -------------------------------------------------------------------------
    def children(self, node: dict[str, Any], path: str, parent_id: str | None, parent_interval: tuple) -> None:
        kids = node.get("children", [])
        if not isinstance(kids, list):
            raise self.fail(f"{path}.children", "expected a list")
        for index, child in enumerate(kids):
            child_path = f"{path}.children[{index}]"
            child = self.obj(child, child_path)
            kind = child.get("type")
            if kind == "section":
                self.section(child, child_path, parent_id)
            elif kind == "article":
                if parent_id is None:
                    raise self.fail(child_path, "article outside any section")
                self.article(child, child_path, parent_id, parent_interval)
            else:
                raise self.fail(f"{child_path}.type", f"unknown node type {kind!r}")

    def section(self, node: dict[str, Any], path: str, parent_id: str | None) -> None:
        data = self.obj(node.get("data"), f"{path}.data")
        where = f"{path}.data"
        section_id = self.string(data, "id", where)
        valid_from = self.iso(self.string(data, "dateDebut", where), f"{where}.dateDebut")
        valid_until = self.iso(self.string(data, "dateFin", where), f"{where}.dateFin")
        self.sections.append(
            SectionRecord(
                code=self.code,
                section_id=section_id,
                cid=data.get("cid"),
                title=self.string(data, "title", where).strip(),
                parent_id=parent_id,
                valid_from=valid_from,
                valid_until=valid_until,
                order=self.optional_int(data, "intOrdre", where),
                source=self.source,
            )
        )
        self.children(node, path, parent_id=section_id, parent_interval=(valid_from, valid_until))

    def article(self, node: dict[str, Any], path: str, section_id: str, section_interval: tuple) -> None:
        where = f"{path}.data"
        data = self.obj(node.get("data"), where)
        current_id = self.string(data, "id", where)
        cid = self.string(data, "cid", where)
        number = article_key_number(self.string(data, "num", where).strip(), cid)
        html = data.get("texteHtml")
        if not isinstance(html, str):
            raise self.fail(f"{where}.texteHtml", "missing article HTML")
        nota = data.get("nota") or None
        versions = data.get("articleVersions")
        if not isinstance(versions, list) or not versions:
            raise self.fail(f"{where}.articleVersions", "expected a non-empty list")
        seen_current = False
        starts: list[date | None] = []
        ends: list[date | None] = []
        for index, version in enumerate(versions):
            vpath = f"{where}.articleVersions[{index}]"
            version = self.obj(version, vpath)
            version_id = self.string(version, "id", vpath)
            valid_from = self.epoch(version, "dateDebut", vpath)
            valid_until = self.epoch(version, "dateFin", vpath)
            starts.append(valid_from)
            ends.append(valid_until)
            is_current = version_id == current_id
            seen_current = seen_current or is_current
            self.versions.append(
                ArticleVersionRecord(
                    code=self.code,
                    number=number,
                    article_cid=cid,
                    legiarti_id=version_id,
                    state=self.string(version, "etat", vpath),
                    valid_from=valid_from,
                    valid_until=valid_until,
                    text=html_to_text(html) if is_current else None,
                    html=html if is_current else None,
                    source=self.source,
                    nota=nota if is_current else None,
                    observed_on=self.observed_on,
                    number_certain=is_current,
                )
            )
        if not seen_current:
            raise self.fail(f"{where}.articleVersions", f"the in-force version {current_id} is not listed")
        # Membership: the article sits in this section over its whole known life, clipped to the
        # section's own interval (the snapshot only shows where it is now; moves are rare and a
        # later snapshot's membership supersedes this one in the corpus).
        life_start = None if None in starts else min(d for d in starts if d is not None)
        life_end = None if None in ends else max(d for d in ends if d is not None)
        self.memberships.append(
            MembershipRecord(
                section_id=section_id,
                article_number=number,
                article_cid=cid,
                valid_from=_later(life_start, section_interval[0]),
                valid_until=_earlier(life_end, section_interval[1]),
                order=self.optional_int(data, "intOrdre", where),
                source=self.source,
            )
        )

    # --- field helpers ---------------------------------------------------------------------
    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, got {type(value).__name__}")
        return value

    def string(self, data: dict[str, Any], key: str, path: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{path}.{key}", "missing or empty string")
        return value

    def optional_int(self, data: dict[str, Any], key: str, path: str) -> int | None:
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self.fail(f"{path}.{key}", "expected an integer")
        return value

    def iso(self, value: str, path: str) -> date | None:
        try:
            return date_from_iso(value)
        except ValueError as exc:
            raise self.fail(path, f"not an ISO date: {value!r}") from exc

    def epoch(self, data: dict[str, Any], key: str, path: str) -> date | None:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"{path}.{key}", "expected milliseconds since the epoch")
        try:
            return date_from_epoch_ms(value)
        except (OverflowError, OSError, ValueError) as exc:
            raise self.fail(f"{path}.{key}", f"date out of range: {value}") from exc


def _later(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    return a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    return a if b is None else min(a, b)
