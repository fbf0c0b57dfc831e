"""Reads of the statistics domain: the latest snapshot, the dashboards' tables, the open data files.

Dashboards read the snapshot's Parquet file through DuckDB, never the operational tables (the territories'
names and the certifiers' names aside: small reference lists)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from acquis.statistics import needs as needs_module
from acquis.statistics import opendata
from acquis.statistics.engine import DuckDBEngine
from acquis.statistics.indicators import INDICATORS, Filters, Table
from acquis.statistics.permissions import Scope
from acquis.statistics.snapshot import EVENTS_FILE, snapshot_root


@dataclass(frozen=True)
class Snapshot:
    on: dt.date
    directory: Path
    manifest: dict = field(default_factory=dict)

    @property
    def events(self) -> Path:
        return self.directory / EVENTS_FILE

    @property
    def opendata(self) -> Path:
        return self.directory / opendata.DIRECTORY


def latest_snapshot(root: Path | None = None) -> Snapshot | None:
    root = Path(root or snapshot_root())
    if not root.exists():
        return None
    for directory in sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True):
        try:
            on = dt.date.fromisoformat(directory.name)
        except ValueError:
            continue
        manifest = directory / "manifest.json"
        if manifest.exists() and (directory / EVENTS_FILE).exists():
            return Snapshot(on, directory, json.loads(manifest.read_text(encoding="utf-8")))
    return None


def scope_filters(scope: Scope, filters: Filters) -> Filters:
    """The reader's scope always wins over the query string: a regional page is its région's, a certifier's page
    its own candidates'."""
    if scope.kind == "region":
        return Filters(filters.year_from, filters.year_to, scope.code, filters.department, None)
    if scope.kind == "certifier":
        return Filters(filters.year_from, filters.year_to, None, filters.department, scope.code)
    return filters


DASHBOARD_INDICATORS = (
    "funnel_cohort",
    "funnel_yearly",
    "rates",
    "durations",
    "silence_by_certifier",
    "leave",
    "funding",
)


def dashboard_tables(snapshot: Snapshot, scope: Scope, filters: Filters) -> dict[str, Table]:
    filters = scope_filters(scope, filters)
    engine = DuckDBEngine(snapshot.events)
    try:
        tables = {name: INDICATORS[name].run(engine, filters) for name in DASHBOARD_INDICATORS}
        if scope.kind != "national":
            tables.pop("leave")  # a congé request has neither territory nor certifier
        if scope.kind == "certifier":
            tables.pop("silence_by_certifier")
            tables["silence"] = INDICATORS["silence_by_certifier"].run(engine, filters)
        tables["registrations"] = INDICATORS["registrations"].run(engine, filters, "department")
        tables["by_region"] = INDICATORS["registrations"].run(engine, filters, "region")
    finally:
        engine.close()
    return tables


def indicator_table(snapshot: Snapshot, scope: Scope, filters: Filters, indicator: str, by: str | None) -> Table:
    engine = DuckDBEngine(snapshot.events)
    try:
        return INDICATORS[indicator].run(engine, scope_filters(scope, filters), by)
    finally:
        engine.close()


@dataclass(frozen=True)
class NeedRow:
    department: str
    nsf: str
    label: str
    need: int
    pathways: int

    @property
    def ratio(self) -> float | None:
        return round(100 * self.pathways / self.need, 1) if self.need else None


def needs_against_pathways(snapshot: Snapshot | None, scope: Scope, filters: Filters) -> list[NeedRow]:
    """Each loaded need beside the pathways registered in its département and domain (NSF) — in the scope."""
    loaded = needs_module.load(snapshot_root())
    if not loaded or snapshot is None:
        return []
    filters = scope_filters(scope, filters)
    engine = DuckDBEngine(snapshot.events)
    try:
        where, params = filters.where("event_year")
        counts = dict(
            ((d, n), c)
            for d, n, c in engine.rows(
                "SELECT department, nsf, COUNT(*) FROM {events} WHERE domain = 'pathway' AND event = 'registered'"
                f"{where} GROUP BY department, nsf",
                params,
            )
        )
        visible = {d for (d,) in engine.rows(f"SELECT DISTINCT department FROM {{events}} WHERE true{where}", params)}
    finally:
        engine.close()
    rows = [NeedRow(n.department, n.nsf, n.label, n.need, counts.get((n.department, n.nsf), 0)) for n in loaded]
    if scope.kind != "national" or filters.region or filters.department:
        rows = [r for r in rows if r.department in visible]
    return rows


def opendata_files(snapshot: Snapshot | None) -> list[dict]:
    if snapshot is None:
        return []
    return [
        {
            "name": name,
            "title": spec["title"],
            "columns": spec["columns"],
            "rows": snapshot.manifest.get("open_data", {}).get(name),
        }
        for name, spec in opendata.DICTIONARY.items()
    ]
