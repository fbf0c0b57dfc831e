"""Where the indicator queries run: DuckDB over a snapshot's Parquet (the dashboards), or PostgreSQL over a
table with the same columns (the comparison test and the benchmark). The SQL of indicators.py is written
once, in the subset both understand (FILTER, percentile_cont … WITHIN GROUP, date - date in days); the table is
named ``{events}`` and parameters are ``?``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import duckdb


class Engine(Protocol):
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...


class DuckDBEngine:
    """An in-memory DuckDB with a view ``events`` over the snapshot's Parquet file: nothing is loaded, DuckDB
    reads the columns and row groups each query needs."""

    def __init__(self, parquet: Path, *, threads: int | None = None):
        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self.con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet('{Path(parquet)}')")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql.format(events="events"), list(params)).fetchall()

    def close(self) -> None:
        self.con.close()


class PostgresEngine:
    """The same queries on a PostgreSQL table (a Django connection or a psycopg one)."""

    def __init__(self, connection, table: str):
        self.connection = connection
        self.table = table

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.format(events=self.table).replace("?", "%s"), list(params))
            return [tuple(row) for row in cursor.fetchall()]


EVENTS_TABLE_DDL = """
CREATE TABLE {table} (
  event VARCHAR(32) NOT NULL, domain VARCHAR(16) NOT NULL, event_date DATE NOT NULL, event_year INTEGER,
  event_month VARCHAR(7), cohort_year INTEGER, pathway_key BIGINT, person_key BIGINT,
  department VARCHAR(3), region VARCHAR(3), certification VARCHAR(32), certification_level INTEGER,
  candidate_level INTEGER, nsf VARCHAR(16), employment_status VARCHAR(16), accompanied BOOLEAN,
  programme_kind VARCHAR(24), funder VARCHAR(24), certifier_siret VARCHAR(14), reason VARCHAR(32),
  blocks_acquired INTEGER, amount_band VARCHAR(24)
)
"""
