"""Importing legal-corpus files into the database (the only write of ``acquis.law``).

Parsing is pure Python (``acquis.law.parsing``); merging too (``acquis.law.history``). Here we keep
each source's records (``LawSource``), merge every stored source with the new ones, and bring the
article, version, section and membership rows in line with that merge, in one transaction. A
malformed file (:class:`LawParseError`) or an inconsistent merge (:class:`HistoryError`) raises
before anything is written, and the transaction leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.law import sync
from acquis.law.loading import FileProgress, parse_paths, source_from_json, source_to_json
from acquis.law.models import LawSource
from acquis.law.parsing.records import ParsedSource


@dataclass
class LawImportResult:
    """Row counts per kind: {"articles": {"created": 3, "updated": 0, "unchanged": 12, "deleted": 0}, …}."""

    sources: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] or c["deleted"] for c in self.counts.values())


def _content_hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


@service
def law_corpus_import(
    *,
    paths: Sequence[str | Path] = (),
    sources: Sequence[tuple[str, ParsedSource]] = (),
    progress: FileProgress | None = None,
    actor=None,
) -> LawImportResult:
    """Parse ``paths`` (plus already parsed ``sources``, as ``(format, source)``), merge with the
    sources imported before, and save. Importing the same input again changes no row."""
    parsed = [*parse_paths(paths, progress), *sources]
    stored = {row.key: row for row in LawSource.objects.all()}
    source_counts = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    merged: dict[str, ParsedSource] = {key: source_from_json(row.records) for key, row in stored.items()}
    for kind, source in parsed:
        payload = source_to_json(source)
        digest = _content_hash(payload)
        row = stored.get(source.source)
        if row is None:
            stored[source.source] = LawSource.objects.create(
                key=source.source,
                file_name=_file_name(source),
                format=kind,
                observed_on=source.observed_on,
                content_hash=digest,
                records=payload,
            )
            source_counts["created"] += 1
        elif row.content_hash != digest:
            row.format, row.observed_on, row.content_hash, row.records = kind, source.observed_on, digest, payload
            row.save(update_fields=["format", "observed_on", "content_hash", "records"])
            source_counts["updated"] += 1
        else:
            source_counts["unchanged"] += 1
        merged[source.source] = source
    result = LawImportResult(sources=[s.source for _, s in parsed], counts={"sources": source_counts})
    result.counts.update(sync.corpus_sync(list(merged.values())))
    audit_event_record(
        actor=actor,
        action=EventType.LAW_CORPUS_IMPORTED,
        object_type="law.corpus",
        object_id="code-du-travail",
        payload={"sources": result.sources, "counts": result.counts},
    )
    return result


def _file_name(source: ParsedSource) -> str:
    # Sources are named "… (file name)" by the parsers; keep the file name alone when present.
    name = source.source
    return name[name.rfind("(") + 1 : -1] if name.endswith(")") and "(" in name else name[:255]
