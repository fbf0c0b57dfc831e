"""The engines behind the finder's one interface: candidate certifications and a text rank for each.

Both receive the same analysed query (acquis.orientation.text) and answer ``{certification id: rank}`` for
at most ``limit`` documents, the best first; the finder (acquis.orientation.finder.search) scores and
explains them the same way whatever the engine. Words and roots are ``[a-z0-9]+`` only (the analysis keeps
nothing else), so they go into the engines' query languages without escaping problems.
"""

from __future__ import annotations

from django.db import connection

#: Ids per ``IN (…)`` list (SQLite caps the parameters of a statement).
CHUNK = 900


class SqliteBackend:
    """SQLite FTS5 over the documents' roots (migration orientation 0002), ranked by BM25."""

    name = "sqlite-fts5"

    def candidates(self, *, words, roots, level: int | None, limit: int) -> dict[int, tuple[float, str, str]]:
        if not roots:
            return {}
        match = " OR ".join(f'"{base}"' for base in roots)
        sql = (
            "SELECT d.certification_id, -bm25(orientation_finder_fts) AS rank, d.title_roots, d.roots "
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
            return {pk: (float(rank), title_roots, roots) for pk, rank, title_roots, roots in cursor.fetchall()}


class PostgresBackend:
    """PostgreSQL text search: ``acquis_french`` (french + unaccent) on the text, ``simple`` on the roots."""

    name = "postgresql-fts"

    def candidates(self, *, words, roots, level: int | None, limit: int) -> dict[int, tuple[float, str, str]]:
        if not roots:
            return {}
        # The query is written out twice rather than joined from a subquery: only a constant expression on
        # the right of @@ lets the planner use the GIN index (a joined one made it scan every document).
        query = "(to_tsquery('acquis_french', %s) || to_tsquery('simple', %s))"
        sql = (
            f"SELECT certification_id, ts_rank(search_vector, {query}) AS rank, title_roots, roots "
            f"FROM orientation_finderdocument WHERE search_vector @@ {query}"
        )
        params: list = [" | ".join(words), " | ".join(roots)] * 2
        if level is not None:
            sql += " AND level = %s"
            params.append(level)
        sql += " ORDER BY rank DESC LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {pk: (float(rank), title_roots, roots) for pk, rank, title_roots, roots in cursor.fetchall()}


def linked_documents(*, codes: list[str], level: int | None) -> list[tuple[int, str, str, str, str]]:
    """(certification id, ROME code, link source, title roots, roots) of the indexed fiches linked to ``codes``.

    Two indexed reads rather than one join: the links by code, then their documents by primary key (a join
    made PostgreSQL hash every document of a 40,000-fiche registry for a few hundred links).
    """
    if not codes:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT certification_id, code, source FROM certifications_certificationromecode "
            f"WHERE code IN ({', '.join(['%s'] * len(codes))})",
            codes,
        )
        links = cursor.fetchall()
        ids = sorted({link[0] for link in links})
        documents: dict[int, tuple] = {}
        select = "SELECT certification_id, level, title_roots, roots FROM orientation_finderdocument "
        if connection.vendor == "postgresql":
            # One array parameter: hundreds of bound values cost more to send than the read itself.
            cursor.execute(select + "WHERE certification_id = ANY(%s)", [ids])
            documents.update((pk, rest) for pk, *rest in cursor.fetchall())
        else:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                cursor.execute(select + f"WHERE certification_id IN ({', '.join(['%s'] * len(chunk))})", chunk)
                documents.update((pk, rest) for pk, *rest in cursor.fetchall())
    return [
        (pk, code, source, documents[pk][1], documents[pk][2])
        for pk, code, source in links
        if pk in documents and (level is None or documents[pk][0] == level)
    ]


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Le moteur de recherche n'existe pas pour la base {connection.vendor}.")
