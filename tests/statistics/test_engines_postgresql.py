"""DuckDB over the Parquet snapshot and PostgreSQL over a table of the same rows give the same numbers."""

from __future__ import annotations

import duckdb
import pytest
from django.db import connection

from acquis.statistics.engine import EVENTS_TABLE_DDL, DuckDBEngine, PostgresEngine
from acquis.statistics.indicators import INDICATORS, Filters
from acquis.statistics.snapshot import EVENT_COLUMNS

pytestmark = pytest.mark.postgresql


def _normalise(rows):
    return [
        tuple(float(v) if hasattr(v, "as_integer_ratio") and not isinstance(v, int | bool) else v for v in r)
        for r in rows
    ]


def test_duckdb_equals_postgresql(snapshot):
    assert connection.vendor == "postgresql"
    rows = (
        duckdb.connect()
        .execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM read_parquet('{snapshot.events}')")
        .fetchall()
    )
    with connection.cursor() as cursor:
        cursor.execute(EVENTS_TABLE_DDL.format(table="stats_events_test"))
        cursor.executemany(f"INSERT INTO stats_events_test VALUES ({', '.join(['%s'] * len(EVENT_COLUMNS))})", rows)
    duck, postgres = DuckDBEngine(snapshot.events), PostgresEngine(connection, "stats_events_test")
    compared = 0
    for indicator in INDICATORS.values():
        for by in (None, *indicator.by[:3]):
            for filters in (Filters(), Filters(year_from=2025), Filters(region="76")):
                expected = _normalise(indicator.run(duck, filters, by).rows)
                assert _normalise(indicator.run(postgres, filters, by).rows) == expected, (indicator.id, by)
                compared += 1
    assert compared > 40
