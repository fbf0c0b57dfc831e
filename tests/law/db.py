"""Database fixtures for the Django tests of acquis.law: parsed inputs are cached per session.

Parsing the three snapshots takes about two seconds; saving them about one. Tests import the
cached parsed sources through the import service (``sources=``) instead of re-reading the files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from acquis.law.corpus import DATA_DIR
from acquis.law.loading import parse_file
from acquis.law.parsing.records import ParsedSource
from acquis.law.services import law_corpus_import

SNAPSHOT_2020 = DATA_DIR / "legi-data/code-du-travail-6e-partie-2020-01-01.json.gz"
SNAPSHOT_2026 = DATA_DIR / "legi-data/code-du-travail-6e-partie-2026-03-27.json.gz"
RECONSTRUCTED = DATA_DIR / "pre-2019-11-04/articles-in-force-2019-11-01.json"
CRPA = DATA_DIR / "legi-data/code-relations-public-administration-2026-03-27.json.gz"
SEED_000 = DATA_DIR / "seeds/000-R6423-3-1.md.txt"
SEED_002 = DATA_DIR / "seeds/002-L6411-2.md.txt"
#: Enough for the 2019-11-04 acceptance and R6422-4's versions up to 2026.
PAGE_FILES = (SNAPSHOT_2020, SNAPSHOT_2026, RECONSTRUCTED, SEED_000)


@cache
def parsed(path: Path) -> tuple[str, ParsedSource]:
    return parse_file(path)


def import_files(*paths: Path):
    return law_corpus_import(sources=[parsed(p) for p in paths])


def import_small_corpus(*, crpa: bool = False):
    """22 articles (the 2019-11-01 texts, R6422-4 among them): enough for a page to answer 200; with ``crpa``
    the Code des relations entre le public et l'administration too (R133-4, L231-1)."""
    return import_files(RECONSTRUCTED, *((CRPA,) if crpa else ()))


@pytest.fixture
def law_corpus(db):
    """The sixth part as the pages need it, imported in the test's transaction."""
    return import_files(*PAGE_FILES)


@pytest.fixture(scope="module")
def law_corpus_module(django_db_setup, django_db_blocker):
    """The same corpus imported once per module, for tests that only read it.

    The import runs in an outer transaction; each test's own transaction nests inside it as a
    savepoint, and the outer one is rolled back when the module is done.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield import_files(*PAGE_FILES)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
