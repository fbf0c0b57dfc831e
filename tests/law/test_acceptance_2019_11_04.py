"""Issue 3 §2 acceptance: the sixth-part diff 2019-11-01 → 2019-11-04 against seed 001.

Seed 001 is Archéo Lex's page for that day, saved without its colours. The page's fragments are
coloured again by :func:`label_fragments` (common+deleted must spell the corpus's 2019-11-01
text, common+inserted its 2019-11-04 text), then compared word by word with our diff. All 24 agree,
including where a repeated word ("de", "2°", "recevabilité") could be the common one in several
places: our diff uses Archéo Lex's algorithm (see acquis/law/diff.py), not a look-alike.
"""

import re
from datetime import date

import pytest

from acquis.law.diff import SIXTH_PART, ChangeKind, diff_sections, tokenize
from acquis.law.parsing.archeo_lex import Label, label_fragments, parse_archeo_lex_diff

FROM, TO = date(2019, 11, 1), date(2019, 11, 4)
CREATED = {"R6422-8-1", "R6423-3-1"}
ABROGATED = {"R6422-10-1", "R6422-13"}
_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def page(data_dir):
    return parse_archeo_lex_diff(data_dir / "seeds/001-archeo-lex-diff-2019-11-04.txt")


@pytest.fixture(scope="module")
def changes(corpus):
    return {c.number: c for c in diff_sections(corpus, SIXTH_PART, FROM, TO)}


def test_page_dates(page):
    assert (page.date_from, page.date_to) == (FROM, TO)


def test_same_24_articles_and_kinds(page, changes):
    assert [a.number for a in page.articles] == list(changes)  # same articles, same order
    assert len(changes) == 24
    kinds = {n: c.kind for n, c in changes.items()}
    assert {n for n, k in kinds.items() if k is ChangeKind.CREATED} == CREATED
    assert {n for n, k in kinds.items() if k is ChangeKind.ABROGATED} == ABROGATED
    assert sum(k is ChangeKind.MODIFIED for k in kinds.values()) == 20


def test_created_article_is_seed_000(corpus, changes):
    seed_version = changes["R6423-3-1"].new
    assert any("000-R6423-3-1" in s for s in seed_version.sources)


def _page_words(page, changes, number):
    article = next(a for a in page.articles if a.number == number)
    change = changes[number]
    labels = label_fragments(article, change.old.text if change.old else "", change.new.text if change.new else "")

    def words(label):
        text = " ".join(f.removeprefix("[restored]") for lab, f in labels if lab is label)
        return [w for w in tokenize(text) if _WORD.fullmatch(w)]

    return words(Label.DELETED), words(Label.INSERTED)


def _our_words(change):
    return (
        [w for w in change.deleted_words if _WORD.fullmatch(w)],
        [w for w in change.inserted_words if _WORD.fullmatch(w)],
    )


NUMBERS = [
    "R6113-21", "R6113-22", "R6113-24", "R6113-26", "R6421-1", "R6422-1", "R6422-2", "R6422-3",
    "R6422-4", "R6422-5", "R6422-7", "D6422-8", "R6422-8-1", "R6422-9", "R6422-10", "R6422-10-1",
    "R6422-11", "R6422-12", "R6422-13", "R6423-1", "R6423-3", "R6423-3-1", "R6423-4", "R6423-5",
]  # fmt: skip


@pytest.mark.parametrize("number", NUMBERS)
def test_page_fragments_spell_the_corpus_texts(page, changes, number):
    # label_fragments raises unless the page's fragments spell exactly (whitespace aside) our
    # 2019-11-01 and 2019-11-04 texts: this checks the corpus texts word by word against the page.
    deleted, inserted = _page_words(page, changes, number)
    assert deleted or inserted


@pytest.mark.parametrize("number", NUMBERS)
def test_same_deleted_and_inserted_words_as_the_page(page, changes, number):
    page_deleted, page_inserted = _page_words(page, changes, number)
    our_deleted, our_inserted = _our_words(changes[number])
    assert our_deleted == page_deleted
    assert our_inserted == page_inserted
