"""DuckDB over the Parquet snapshot and PostgreSQL over a table of the same rows give the same numbers."""

from __future__ import annotations

import duckdb
import pytest
from django.db import connection

from acquis.statistics.engine import EVENTS_TABLE_DDL, DuckDBEngine, PostgresEngine
from acquis.statistics.indicators import INDICATORS, Filters
from acquis.statistics.snapshot import EVENT_COLUMNS
from tests.statistics.test_funding import funded  # noqa: F401 — the funding decisions' snapshot

pytestmark = pytest.mark.postgresql


def _normalise(rows):
    return [
        tuple(float(v) if hasattr(v, "as_integer_ratio") and not isinstance(v, int | bool) else v for v in r)
        for r in rows
    ]


def _compare(parquet, table: str) -> int:
    """Every indicator, by its first breakdowns, under three filters, on both engines; how many were compared."""
    rows = duckdb.connect().execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM read_parquet('{parquet}')").fetchall()
    with connection.cursor() as cursor:
        cursor.execute(EVENTS_TABLE_DDL.format(table=table))
        cursor.executemany(f"INSERT INTO {table} VALUES ({', '.join(['%s'] * len(EVENT_COLUMNS))})", rows)
    duck, postgres = DuckDBEngine(parquet), PostgresEngine(connection, table)
    compared = 0
    try:
        for indicator in INDICATORS.values():
            for by in (None, *indicator.by[:3]):
                for filters in (Filters(), Filters(year_from=2025), Filters(region="76")):
                    expected = _normalise(indicator.run(duck, filters, by).rows)
                    assert _normalise(indicator.run(postgres, filters, by).rows) == expected, (indicator.id, by)
                    compared += 1
    finally:
        duck.close()
    return compared


def test_duckdb_equals_postgresql(snapshot):
    assert connection.vendor == "postgresql"
    assert _compare(snapshot.events, "stats_events_test") > 40


@pytest.mark.usefixtures("funded")
def test_duckdb_equals_postgresql_on_leave_and_funding_events():
    """The small world has neither congé requests nor funding decisions: here both indicators have rows."""
    from django.utils import timezone

    from acquis.statistics.selectors import latest_snapshot
    from acquis.statistics.services import statistics_snapshot_create
    from tests.leave.factories import LeaveRequestFactory

    LeaveRequestFactory(answered_accept=True, era_2024=True)
    LeaveRequestFactory(postponed=True, era_2024=True)
    LeaveRequestFactory(sent=True, era_2024=True)
    statistics_snapshot_create(on=timezone.localdate())
    events = latest_snapshot().events
    duck = DuckDBEngine(events)
    try:
        assert INDICATORS["leave"].run(duck, Filters()).rows and INDICATORS["funding"].run(duck, Filters()).rows
    finally:
        duck.close()
    assert _compare(events, "stats_events_leave_funding_test") > 40
