"""Writes of the statistics domain: a snapshot of the event table, and the GIP's table of qualification needs.

Neither touches an operational row: the snapshot reads the operational database once and writes files; the
needs table is a file too. Both are audited like every write (the audit log says who took which snapshot)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.documents.text import french_date
from acquis.statistics import facts, needs, opendata
from acquis.statistics.engine import DuckDBEngine
from acquis.statistics.snapshot import EVENTS_FILE, snapshot_root, write_events


@dataclass(frozen=True)
class SnapshotResult:
    on: dt.date
    directory: Path
    events: int
    pathways: int
    leave_requests: int
    pruned: tuple[str, ...] = ()


SNAPSHOT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _snapshots_prune(root: Path, *, keep_days: int, today: dt.date, keep: str = "") -> tuple[str, ...]:
    """Delete the snapshot directories dated more than ``keep_days`` days before ``today`` (the retention of
    pseudonymised data, R6411-6), except ``keep`` (the one just asked for, even of a past date); other files of
    the directory (the needs table, work files) are left alone."""
    limit = today - dt.timedelta(days=keep_days)
    pruned = []
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and entry.name != keep and SNAPSHOT_NAME.match(entry.name):
            try:
                day = dt.date.fromisoformat(entry.name)
            except ValueError:
                continue
            if day < limit:
                shutil.rmtree(entry)
                pruned.append(entry.name)
    return tuple(pruned)


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)


@service
def statistics_snapshot_create(
    *,
    actor=None,
    on: dt.date | None = None,
    root: Path | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> SnapshotResult:
    """Extract the operational rows as of ``on`` (today by default), write the pseudonymised events as Parquet,
    then the public tables (secrecy applied). A second snapshot of the same day replaces the first."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValueError("Un instantané ne peut pas être daté d'un jour futur.")
    root = Path(root or snapshot_root())
    root.mkdir(parents=True, exist_ok=True)
    target = root / on.isoformat()
    with tempfile.TemporaryDirectory(dir=root, prefix=".extraction-") as work:
        work = Path(work)
        progress("Lecture des parcours…")
        pathways_csv = facts.extract_pathways(work, on=on)
        choices_csv = facts.extract_accompanier_choices(work)
        progress("Lecture des demandes de congé VAE…")
        leave_csv = facts.extract_leave_requests(work, on=on)
        funding_csv = facts.extract_funding_decisions(work, on=on)
        pathways, leave_requests = _lines(pathways_csv), _lines(leave_csv)
        progress(f"{pathways} parcours, {leave_requests} demandes de congé VAE lus ; écriture Parquet…")
        staging = root / f".{on.isoformat()}.new"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        events = write_events(
            pathways_csv=pathways_csv,
            choices_csv=choices_csv,
            leave_csv=leave_csv,
            funding_csv=funding_csv,
            target=staging / EVENTS_FILE,
            on=on,
            key=settings.STATS_PSEUDONYM_KEY.encode(),
        )
    progress(f"{events} événements écrits ; tables publiques (secret statistique)…")
    engine = DuckDBEngine(staging / EVENTS_FILE)
    try:
        published = opendata.publish(engine, staging / opendata.DIRECTORY)
    finally:
        engine.close()
    manifest = {
        "on": on.isoformat(),
        "created_at": timezone.now().isoformat(),
        "events": events,
        "pathways": pathways,
        "leave_requests": leave_requests,
        "open_data": published,
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.replace(target)
    pruned = _snapshots_prune(
        root, keep_days=settings.STATS_SNAPSHOT_RETENTION_DAYS, today=timezone.localdate(), keep=target.name
    )
    audit_event_record(
        actor=actor,
        action=EventType.STATISTICS_SNAPSHOT_CREATED,
        object_type="statistics.snapshot",
        object_id=on.isoformat(),
        payload={"events": events, "pathways": pathways, "leave_requests": leave_requests, "pruned": list(pruned)},
    )
    if pruned:
        progress(f"{len(pruned)} instantané(s) de plus de {settings.STATS_SNAPSHOT_RETENTION_DAYS} jours supprimé(s).")
    progress(f"Instantané du {french_date(on)} prêt : {target}")
    return SnapshotResult(on, target, events, pathways, leave_requests, pruned)


@service
def qualification_needs_load(
    *, actor=None, content: bytes, name: str = "besoins.csv", root: Path | None = None
) -> int:
    """Replace the table of qualification needs by territory with this CSV (needs.py documents the format).
    Refused whole on the first bad line: nothing is half-loaded."""
    rows = needs.parse(content)
    count = needs.store(rows, Path(root or snapshot_root()))
    audit_event_record(
        actor=actor,
        action=EventType.QUALIFICATION_NEEDS_LOADED,
        object_type="statistics.needs",
        object_id=name[:64],
        payload={"rows": count},
    )
    return count
