from dataclasses import replace
from datetime import date

import pytest

from acquis.law.corpus import Corpus, article_sort_key
from acquis.law.history import HistoryConflict, HistoryError, merge_records
from acquis.law.parsing.records import ArticleVersionRecord, ParsedSource, text_hash

BASE = ArticleVersionRecord(
    code="C",
    number="R1",
    article_cid="A1",
    legiarti_id="A1",
    state="VIGUEUR",
    valid_from=date(2019, 11, 4),
    valid_until=None,
    text="Un texte.",
    html=None,
    source="snapshot 2020",
    observed_on=date(2020, 1, 1),
)


def test_identical_versions_are_deduplicated_and_sources_kept():
    again = replace(BASE, source="snapshot 2023", observed_on=date(2023, 2, 17))
    (history,) = merge_records([BASE, again, BASE]).values()
    (version,) = history.versions
    assert version.sources == ("snapshot 2020", "snapshot 2023")


def test_whitespace_does_not_change_the_hash():
    assert text_hash("détient .\nFin") == text_hash("détient. Fin")


def test_conflicting_text_names_both_sources():
    other = replace(BASE, text="Un autre texte.", source="snapshot 2023", observed_on=date(2023, 2, 17))
    with pytest.raises(HistoryConflict) as error:
        merge_records([BASE, other])
    assert error.value.first_source == "snapshot 2020"
    assert error.value.second_source == "snapshot 2023"
    assert "snapshot 2020" in str(error.value) and "snapshot 2023" in str(error.value)


def test_punctuation_fix_in_newer_snapshot_is_not_a_conflict():
    fixed = replace(BASE, text="Un texte", source="snapshot 2023", observed_on=date(2023, 2, 17))
    (history,) = merge_records([BASE, fixed]).values()
    assert history.versions[0].text == "Un texte"


def test_end_date_follows_latest_observation():
    closed = replace(
        BASE, state="MODIFIE", valid_until=date(2023, 12, 29), text=None, source="s26", observed_on=date(2026, 3, 27)
    )
    (history,) = merge_records([closed, BASE]).values()
    version = history.versions[0]
    assert (version.state, version.valid_until, version.text) == ("MODIFIE", date(2023, 12, 29), "Un texte.")


def test_reached_start_date_cannot_change():
    moved = replace(BASE, valid_from=date(2019, 11, 5), source="s23", observed_on=date(2023, 2, 17))
    with pytest.raises(HistoryConflict, match="valid_from"):
        merge_records([BASE, moved])


def test_idless_text_fills_the_matching_metadata_version():
    meta = replace(BASE, legiarti_id="A0", valid_from=date(2014, 11, 15), valid_until=date(2019, 11, 4), text=None)
    old = replace(
        BASE,
        legiarti_id=None,
        article_cid=None,
        valid_from=None,
        valid_until=date(2019, 11, 4),
        text="Ancien.",
        source="r",
    )
    (history,) = merge_records([meta, BASE, old]).values()
    assert [v.legiarti_id for v in history.versions] == ["A0", "A1"]
    assert history.versions[0].text == "Ancien." and history.versions[0].sources[-1] == "r"


def test_idless_text_without_dates_or_match_is_rejected():
    lost = replace(BASE, legiarti_id=None, valid_from=None, text="Inconnu.", source="file.md")
    with pytest.raises(HistoryError, match="file.md"):
        merge_records([BASE, lost])


def _corpus(*records):
    return Corpus.from_sources([ParsedSource(source="t", versions=tuple(records))])


def test_article_at_boundaries():
    old = replace(BASE, legiarti_id="A0", valid_from=date(2014, 11, 15), valid_until=date(2019, 11, 4), text="Ancien.")
    corpus = _corpus(old, BASE)
    assert corpus.article_at("R1", date(2014, 11, 14), code="C") is None
    assert corpus.article_at("R1", date(2014, 11, 15), code="C").legiarti_id == "A0"
    assert corpus.article_at("R1", date(2019, 11, 3), code="C").legiarti_id == "A0"
    assert corpus.article_at("R1", date(2019, 11, 4), code="C").legiarti_id == "A1"
    assert corpus.article_at("R1", date(2999, 1, 1), code="C").legiarti_id == "A1"
    assert corpus.article_at("R2", date(2020, 1, 1), code="C") is None


def test_stillborn_version_is_never_in_force():
    stillborn = replace(BASE, legiarti_id="A2", state="MODIFIE_MORT_NE", valid_from=date(2020, 1, 1), text="Mort-né.")
    corpus = _corpus(BASE, stillborn)
    assert corpus.article_at("R1", date(2021, 1, 1), code="C").legiarti_id == "A1"


def test_default_corpus_versions_of(corpus):
    versions = corpus.versions_of("R6422-4")
    assert [(v.valid_from, v.valid_until) for v in versions] == [
        (date(2008, 5, 1), date(2014, 11, 15)),
        (date(2014, 11, 15), date(2019, 11, 4)),
        (date(2019, 11, 4), date(2023, 12, 29)),
        (date(2023, 12, 29), None),
    ]
    assert versions[0].text is None  # known by its metadata only
    assert "trente jours" in versions[1].text and "calendaires" not in versions[1].text
    assert corpus.versions_of("X9999") == ()


def test_default_corpus_at_date(corpus):
    assert "trente jours calendaires" in corpus.article_at("R6422-4", date(2019, 11, 10)).text
    assert "quinze jours" in corpus.article_at("R6422-4", date(2023, 12, 29)).text
    assert corpus.article_at("R6422-4", date(2023, 12, 28)).legiarti_id == "LEGIARTI000039330059"
    # Known only from the reconstructed texts: in force on 2019-11-01, start not extrapolated.
    assert corpus.article_at("R6422-10-1", date(2019, 11, 1)) is not None
    assert corpus.article_at("R6422-10-1", date(2019, 11, 4)) is None
    assert corpus.article_at("R6422-10-1", date(2019, 10, 31)) is None
    # Seed 002 (Pôle emploi wording) dedupes into the 2022-12-23 version.
    l6411_2 = corpus.article_at("L6411-2", date(2023, 6, 1))
    assert any("002-L6411-2" in s for s in l6411_2.sources)
    assert "France Travail" in corpus.article_at("L6411-2", date(2024, 1, 1)).text


def test_renumbered_article_keeps_old_number(corpus):
    assert corpus.article_at("D6324-1", date(2020, 6, 1)) is not None
    assert corpus.article_at("R6324-1", date(2026, 3, 1)) is not None


def test_section_at(corpus):
    view = corpus.section_at("Partie réglementaire > Sixième partie > Livre IV > Titre II", date(2019, 11, 4))
    assert view.path[-1].startswith("Titre II")
    assert view.articles == ()  # articles sit in chapters and sections below
    chapter = corpus.section_at(
        "Partie réglementaire > Sixième partie > Livre IV > Titre II > Chapitre II > Section 1 > Sous-section 1",
        date(2019, 11, 4),
    )
    assert "R6422-4" in chapter.articles
    assert "R6422-4" in corpus.article_numbers_under(chapter.section_id, date(2019, 11, 4))
    assert corpus.section_at("Partie réglementaire > Huitième partie", date(2019, 11, 4)) is None


def test_article_sort_key():
    numbers = ["R6422-10-1", "L6411-1", "D6422-8", "R6422-10", "R6422-8-1", "R6422-11"]
    assert sorted(numbers, key=article_sort_key) == [
        "L6411-1",
        "D6422-8",
        "R6422-8-1",
        "R6422-10",
        "R6422-10-1",
        "R6422-11",
    ]
