import random
from datetime import date
from difflib import SequenceMatcher

from acquis.law.diff import ChangeKind, SegmentKind, _LongestMatch, diff_article, diff_words


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


def test_short_common_run_inside_a_change_is_not_kept():
    # " à " is common to both, but 5 characters or fewer between changes: one rewritten phrase (and
    # since no longer run is common after "Le candidat", the rest is replaced as a whole).
    segments = diff_words(
        "Le candidat remet le rapport à la commission régionale.",
        "Le candidat adresse son dossier à un jury national.",
    )
    assert [(s.kind, s.text.strip()) for s in segments] == [
        (SegmentKind.EQUAL, "Le candidat"),
        (SegmentKind.DELETED, "remet le rapport à la commission régionale."),
        (SegmentKind.INSERTED, "adresse son dossier à un jury national."),
    ]


def test_common_runs_are_cut_to_whole_words():
    # "compétent" is common to "compétente" and "compétent" as characters, not as a word.
    segments = diff_words(
        "L'autorité compétente statue sur la demande.", "L'autorité compétent statue sur la demande."
    )
    assert [(s.kind, s.text.strip()) for s in segments] == [
        (SegmentKind.EQUAL, "L'autorité"),
        (SegmentKind.DELETED, "compétente"),
        (SegmentKind.INSERTED, "compétent"),
        (SegmentKind.EQUAL, "statue sur la demande."),
    ]


def test_the_heading_anchors_the_opening():
    # As in R6422-9 on 2019-11-04: under "Article R6422-9", the common opening "Les" is anchored to
    # the heading and outweighs the same-length " frais" further on, which is replaced with the rest.
    old = "Les dépenses éligibles aux frais relatifs à la validation des acquis."
    new = "Les frais de procédure relatifs à la validation des acquis."
    without = [(s.kind, s.text.strip()) for s in diff_words(old, new)]
    assert (SegmentKind.EQUAL, "frais") in without
    assert [(s.kind, s.text.strip()) for s in diff_words(old, new, heading="Article R6422-9")] == [
        (SegmentKind.EQUAL, "Les"),
        (SegmentKind.DELETED, "dépenses éligibles aux frais"),
        (SegmentKind.INSERTED, "frais de procédure"),
        (SegmentKind.EQUAL, "relatifs à la validation des acquis."),
    ]


def test_equal_between_pure_insertions_is_kept():
    segments = diff_words("de l'Etat, dont :", "de l'Etat désignés par eux, dont au moins :")
    assert [s.kind for s in segments] == [
        SegmentKind.EQUAL,
        SegmentKind.INSERTED,
        SegmentKind.EQUAL,
        SegmentKind.INSERTED,
        SegmentKind.EQUAL,
    ]


def test_longest_match_on_grams_is_difflibs_on_characters():
    # The gram shortcut must give exactly the character-level answer, ties included.
    rng = random.Random(3)
    words = ["de", "la", "formation", "des", "acquis", "l'expérience", "2°", "par", "le", "ministère", ",", "."]
    for _ in range(200):
        a = " ".join(rng.choices(words, k=rng.randint(0, 40)))
        b = " ".join(rng.choices(words, k=rng.randint(0, 40)))
        chars, grams = SequenceMatcher(None, a, b, autojunk=False), _LongestMatch(a, b)
        alo, blo = rng.randint(0, len(a)), rng.randint(0, len(b))
        ahi, bhi = rng.randint(alo, len(a)), rng.randint(blo, len(b))
        expected = tuple(chars.find_longest_match(alo, ahi, blo, bhi))
        found = grams(alo, ahi, blo, bhi)
        assert found[2] == expected[2]
        if expected[2]:
            assert found == expected


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
