"""law_corpus_import: merge with what is stored, idempotence, rejection of malformed files."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.law import selectors
from acquis.law.corpus import Corpus
from acquis.law.diff import SIXTH_PART, diff_sections
from acquis.law.history import HistoryError
from acquis.law.loading import parse_file
from acquis.law.models import Article, ArticleVersion, LawSource, Section, SectionMembership
from acquis.law.parsing.errors import LawParseError
from acquis.law.services import law_corpus_import
from tests.law.db import (
    PAGE_FILES,
    RECONSTRUCTED,
    SEED_000,
    SNAPSHOT_2020,
    SNAPSHOT_2026,
    import_files,
    law_corpus_module,  # noqa: F401 (fixture)
    parsed,
)

pytestmark = pytest.mark.django_db

MODELS = (LawSource, Article, ArticleVersion, Section, SectionMembership)


def _snapshot_rows():
    return {
        model.__name__: sorted(tuple(row.values()) for row in model.objects.values().order_by("pk"))
        for model in MODELS
        if model is not LawSource
    }


def test_import_from_files_creates_rows_and_an_audit_event():
    result = law_corpus_import(paths=[RECONSTRUCTED])
    assert result.counts["sources"]["created"] == 1
    assert result.counts["articles"]["created"] == Article.objects.count() == 22
    event = AuditEvent.objects.get(action=EventType.LAW_CORPUS_IMPORTED)
    assert event.payload["counts"]["versions"]["created"] == ArticleVersion.objects.count()


def test_reimporting_the_same_input_changes_nothing():
    first = import_files(*PAGE_FILES)
    assert first.changed
    before = _snapshot_rows()
    again = import_files(*PAGE_FILES)
    assert not again.changed
    assert again.counts["sources"] == {"created": 0, "updated": 0, "unchanged": 4, "deleted": 0}
    assert again.counts["versions"]["unchanged"] == ArticleVersion.objects.count()
    assert _snapshot_rows() == before


def test_importing_one_by_one_gives_the_merge_of_all():
    import_files(SNAPSHOT_2020)
    import_files(RECONSTRUCTED, SEED_000)
    later = import_files(SNAPSHOT_2026)
    assert later.counts["versions"]["updated"] > 0  # 2020's in-force versions now have an end date
    expected = Corpus.from_sources([parsed(p)[1] for p in PAGE_FILES])
    stored = selectors.db_corpus()
    assert stored.numbers() == expected.numbers()
    for number in expected.numbers():
        assert stored.versions_of(number) == expected.versions_of(number), number
    assert diff_sections(stored, SIXTH_PART, date(2019, 11, 1), date(2019, 11, 4)) == diff_sections(
        expected, SIXTH_PART, date(2019, 11, 1), date(2019, 11, 4)
    )


def test_a_malformed_file_is_rejected_with_file_position_reason_and_nothing_is_saved(tmp_path):
    broken = tmp_path / "code-du-travail-casse.json.gz"
    broken.write_bytes(gzip.compress(b'{"type": "section", "data": {"id": "LEGITEXT000006072050",\n  "title": }'))
    with pytest.raises(LawParseError) as caught:
        law_corpus_import(paths=[RECONSTRUCTED, broken])
    assert caught.value.file == str(broken)
    assert caught.value.position == "line 2, column 12"
    assert caught.value.reason
    assert all(not model.objects.exists() for model in MODELS)
    assert not AuditEvent.objects.filter(action=EventType.LAW_CORPUS_IMPORTED).exists()


def test_a_broken_file_after_valid_ones_keeps_the_stored_corpus(tmp_path):
    import_files(RECONSTRUCTED)
    before = _snapshot_rows()
    broken = tmp_path / "R6422-4.xml"
    broken.write_text("<ARTICLE><META>")
    with pytest.raises(LawParseError) as caught:
        law_corpus_import(paths=[SEED_000, broken])
    assert caught.value.position.startswith("line ")
    assert _snapshot_rows() == before
    assert LawSource.objects.count() == 1


def test_an_unknown_format_is_rejected(tmp_path):
    odd = tmp_path / "notes.csv"
    odd.write_text("a,b\n")
    with pytest.raises(LawParseError, match="format non reconnu"):
        law_corpus_import(paths=[odd])


def test_conflicting_sources_are_rejected_and_nothing_is_saved(tmp_path):
    # Seed 000's article with other words and no dates: no version to attach it to.
    fake = tmp_path / "R6423-3-1.md.txt"
    fake.write_text("# Article R6423-3-1\n\n<p>Un texte qui n'a jamais été en vigueur.</p>\n", encoding="utf-8")
    with pytest.raises(HistoryError):
        law_corpus_import(sources=[parsed(SNAPSHOT_2020), parse_file(fake)])
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("day", "legiarti_id"),
    [
        (date(2014, 11, 14), "LEGIARTI000018522188"),
        (date(2014, 11, 15), "LEGIARTI000029756168"),
        (date(2019, 11, 3), "LEGIARTI000029756168"),
        (date(2019, 11, 4), "LEGIARTI000039330059"),
        (date(2023, 12, 28), "LEGIARTI000039330059"),
        (date(2023, 12, 29), "LEGIARTI000048721677"),
    ],
)
@pytest.mark.usefixtures("law_corpus_module")
def test_article_at_date_on_both_sides_of_each_boundary(day, legiarti_id):
    assert selectors.article_at("R6422-4", day).legiarti_id == legiarti_id


@pytest.mark.usefixtures("law_corpus_module")
def test_article_at_before_the_first_version_and_unknown_article():
    assert selectors.article_at("R6422-4", date(2008, 4, 30)) is None
    assert selectors.article_at("R9999-1", date(2020, 1, 1)) is None
    assert selectors.article_versions("R9999-1") == ()
    assert [v.legiarti_id for v in selectors.article_versions("R6422-4")] == [
        "LEGIARTI000018522188",
        "LEGIARTI000029756168",
        "LEGIARTI000039330059",
        "LEGIARTI000048721677",
    ]


@pytest.mark.usefixtures("law_corpus_module")
def test_abrogated_article_known_only_from_the_reconstruction():
    version = selectors.article_at("R6422-13", date(2019, 11, 1))
    assert version.legiarti_id is None and version.valid_until == date(2019, 11, 4)
    assert selectors.article_at("R6422-13", date(2019, 11, 4)) is None
