"""The database a benchmark script writes to: its own database on the bench PostgreSQL server, or SQLite."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

TMP = Path(__file__).resolve().parents[1] / "results" / "tmp"


def bench_database_url(pg_database: str, sqlite_name: str) -> tuple[str, str]:
    """(DATABASE_URL, label): ``pg_database`` dropped and recreated on the server of ACQUIS_BENCH_PG_URL
    (``make bench`` exports it), else a fresh SQLite file ``bench/results/tmp/<sqlite_name>``."""
    server = os.environ.get("ACQUIS_BENCH_PG_URL", "")
    if server.startswith("postgres"):
        import psycopg
        from psycopg import sql

        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(pg_database)))
            conn.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(pg_database))
            )
            version = conn.execute("SHOW server_version").fetchone()[0]
        return urlunsplit(urlsplit(server)._replace(path="/" + pg_database)), f"postgresql {version}"
    TMP.mkdir(parents=True, exist_ok=True)
    database = TMP / sqlite_name
    database.unlink(missing_ok=True)
    return f"sqlite:///{database}", "sqlite"
