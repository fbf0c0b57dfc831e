"""The engines behind the finder's one interface: candidate certifications and a text rank for each.

Both receive the same analysed query (acquis.orientation.text) and answer ``{certification id: rank}`` for
at most ``limit`` documents, the best first; the finder (acquis.orientation.finder.search) scores and
explains them the same way whatever the engine. Words and roots are ``[a-z0-9]+`` only (the analysis keeps
nothing else), so they go into the engines' query languages without escaping problems.
"""

from __future__ import annotations

from django.db import connection


class SqliteBackend:
    """SQLite FTS5 over the documents' roots (migration orientation 0002), ranked by BM25."""

    name = "sqlite-fts5"

    def candidates(self, *, words, roots, level: int | None, limit: int) -> dict[int, float]:
        if not roots:
            return {}
        match = " OR ".join(f'"{base}"' for base in roots)
        sql = (
            "SELECT d.certification_id, -bm25(orientation_finder_fts) AS rank "
            "FROM orientation_finder_fts JOIN orientation_finderdocument d "
            "ON d.certification_id = orientation_finder_fts.rowid "
            "WHERE orientation_finder_fts MATCH %s"
        )
        params: list = [match]
        if level is not None:
            sql += " AND d.level = %s"
            params.append(level)
        sql += " ORDER BY rank DESC LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {pk: float(rank) for pk, rank in cursor.fetchall()}


class PostgresBackend:
    """PostgreSQL text search: ``acquis_french`` (french + unaccent) on the text, ``simple`` on the roots."""

    name = "postgresql-fts"

    def candidates(self, *, words, roots, level: int | None, limit: int) -> dict[int, float]:
        if not roots:
            return {}
        sql = (
            "SELECT certification_id, ts_rank(search_vector, query) AS rank FROM orientation_finderdocument, "
            "(SELECT to_tsquery('acquis_french', %s) || to_tsquery('simple', %s) AS query) AS q "
            "WHERE search_vector @@ query"
        )
        params: list = [" | ".join(words), " | ".join(roots)]
        if level is not None:
            sql += " AND level = %s"
            params.append(level)
        sql += " ORDER BY rank DESC LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {pk: float(rank) for pk, rank in cursor.fetchall()}


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Le moteur de recherche n'existe pas pour la base {connection.vendor}.")
