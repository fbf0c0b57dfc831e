"""The finder's full-text indexes, one per engine (acquis.orientation.finder.backends).

PostgreSQL: the ``unaccent`` extension, a text search configuration ``acquis_french`` (the ``french``
stemmer after ``unaccent``), a generated ``tsvector`` column on the search documents and its GIN index.
SQLite: an FTS5 table over the documents' roots (external content: ``finder_refresh`` rebuilds it).
Other engines get nothing and the finder refuses them.
"""

from django.db import migrations

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'acquis_french') THEN
        CREATE TEXT SEARCH CONFIGURATION acquis_french (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION acquis_french
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END $$
    """,
    """
    ALTER TABLE orientation_finderdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('acquis_french'::regconfig, text), 'A') ||
      setweight(to_tsvector('simple'::regconfig, roots), 'B')
    ) STORED
    """,
    "CREATE INDEX orientation_finderdocument_search ON orientation_finderdocument USING GIN (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS orientation_finderdocument_search",
    "ALTER TABLE orientation_finderdocument DROP COLUMN IF EXISTS search_vector",
]
SQLITE = [
    "CREATE VIRTUAL TABLE orientation_finder_fts USING fts5("
    "roots, content='orientation_finderdocument', content_rowid='certification_id', tokenize='unicode61')"
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS orientation_finder_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("orientation", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
