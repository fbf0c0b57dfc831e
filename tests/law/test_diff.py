from datetime import date

from acquis.law.diff import ChangeKind, SegmentKind, diff_article, diff_words


def test_diff_words_segments():
    segments = diff_words("Dans les trente jours suivant la réception.", "Dans les quinze jours suivant la réception.")
    assert [(s.kind, s.text.strip()) for s in segments] == [
        (SegmentKind.EQUAL, "Dans les"),
        (SegmentKind.DELETED, "trente"),
        (SegmentKind.INSERTED, "quinze"),
        (SegmentKind.EQUAL, "jours suivant la réception."),
    ]


def test_diff_words_rebuilds_both_texts():
    old, new = "a b c\nd e f.", "a x c\nd e f g."
    segments = diff_words(old, new)
    assert "".join(s.text for s in segments if s.kind is not SegmentKind.INSERTED).split() == old.split()
    assert "".join(s.text for s in segments if s.kind is not SegmentKind.DELETED).split() == new.split()


def test_short_equal_inside_a_replacement_is_folded():
    # Raw difflib keeps "par" as common; a reader sees one rewritten phrase.
    segments = diff_words("organisées par l'autorité ou", "organisée par le ministère ou")
    assert [s.kind for s in segments] == [SegmentKind.DELETED, SegmentKind.INSERTED, SegmentKind.EQUAL]


def test_equal_between_pure_insertions_is_kept():
    segments = diff_words("de l'Etat, dont :", "de l'Etat désignés par eux, dont au moins :")
    assert [s.kind for s in segments] == [
        SegmentKind.EQUAL,
        SegmentKind.INSERTED,
        SegmentKind.EQUAL,
        SegmentKind.INSERTED,
        SegmentKind.EQUAL,
    ]


def test_identical_texts():
    assert [s.kind for s in diff_words("a b.", "a  b.")] == [SegmentKind.EQUAL]


def test_unknown_earlier_text_is_not_invented(corpus):
    # R6422-4's 2008 version is known by its metadata only (no snapshot carries its text).
    change = diff_article(corpus, "R6422-4", date(2010, 1, 1), date(2019, 11, 4))
    assert change.kind is ChangeKind.UNKNOWN_EARLIER_TEXT
    assert change.segments == ()


def test_unchanged_and_created(corpus):
    assert diff_article(corpus, "R6422-4", date(2019, 11, 4), date(2020, 1, 1)).kind is ChangeKind.UNCHANGED
    created = diff_article(corpus, "R6423-3-1", date(2019, 11, 1), date(2019, 11, 4))
    assert created.kind is ChangeKind.CREATED
    assert created.inserted_words[:4] == ["Dans", "le", "cadre", "de"]
