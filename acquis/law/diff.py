"""Word-level diff of article texts, and of a set of articles between two dates.

Algorithm: Archéo Lex's, whose diff pages the acceptance test compares with (seed 001 was made by
``Archeo-Lex-web``, ``src/Diff/Diff.php``): a Ratcliff/Obershelp diff on *characters* — take the
longest common substring (earliest in the old text on a tie, then earliest in the new one), recurse
on both sides — where each common substring is first trimmed to word boundaries and then kept only
if it is longer than :data:`MIN_COMMON` characters, unless it is anchored (touches either text's
start or end, or spans an alinéa break). A region whose longest common substring is not kept is one
replacement as a whole: short repeated words ("de", "par l'", "2°") never split a rewritten phrase
into confetti, and which copy of a repeated word stays common follows from the longer runs around it.
Two departures from the PHP, neither of which changes seed 001: a word character is any Unicode letter
or digit, or an apostrophe (its list of letters forgets "ç"), and there is no cap on the number of
common runs (it stops after 100 and shows the rest as replaced).

The texts are compared with their whitespace normalised (a space; a blank line between alinéas, as in
Archéo Lex's Markdown) and, through :func:`diff_article`, under their common heading ``Article N``,
which anchors the texts' opening. The character-level result is then read word by word: a word is
common only if it lies wholly inside a common run on both sides, so segments always cut between words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from enum import StrEnum

from acquis.law.corpus import Corpus
from acquis.law.history import ArticleVersion
from acquis.law.parsing.records import CODE_DU_TRAVAIL

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WHITESPACE = re.compile(r"\s+")
#: Characters that make a word when a common run is trimmed to word boundaries. Apostrophes are part
#: of the word, as in Archéo Lex ("l'autorité" is not split after "l'").
_WORD_CHAR = re.compile(r"[\w'’]")
#: A common run of this many characters or fewer is not kept unless anchored (Archéo Lex's threshold).
MIN_COMMON = 5


class SegmentKind(StrEnum):
    EQUAL = "equal"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text; ``text`` keeps the source's spacing and line breaks (one alinéa a line)."""

    kind: SegmentKind
    text: str

    @property
    def words(self) -> list[str]:
        return tokenize(self.text)


def tokenize(text: str) -> list[str]:
    """Words and punctuation signs; whitespace only separates them."""
    return _TOKEN.findall(text)


def diff_words(old: str, new: str, heading: str = "") -> list[Segment]:
    """Segments turning ``old`` into ``new``; deletions come before insertions at a change.

    ``heading`` (e.g. ``"Article R6422-9"``), common to both texts, is compared with them as the line
    above the text, as Archéo Lex does; it is not part of the segments.
    """
    old_spans = [m.span() for m in _TOKEN.finditer(old)]
    new_spans = [m.span() for m in _TOKEN.finditer(new)]
    prefix = _normalise(heading) + "\n\n" if heading.strip() else ""
    skipped = len(tokenize(prefix))
    # Normalising whitespace keeps the tokens and their order, so token indices carry over.
    a, b = prefix + _normalise(old), prefix + _normalise(new)
    pairs = _common_tokens(
        [m.span() for m in _TOKEN.finditer(a)], [m.span() for m in _TOKEN.finditer(b)], _common_runs(a, b)
    )
    blocks: list[tuple[int, int, int]] = []
    for i, j in pairs:
        if i < skipped or j < skipped:
            continue
        i, j = i - skipped, j - skipped
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)
        else:
            blocks.append((i, j, 1))
    segments: list[Segment] = []
    i = j = 0
    for bi, bj, size in [*blocks, (len(old_spans), len(new_spans), 0)]:
        if bi > i:
            _append(segments, SegmentKind.DELETED, _slice(old, old_spans, i, bi))
        if bj > j:
            _append(segments, SegmentKind.INSERTED, _slice(new, new_spans, j, bj))
        if size:
            _append(segments, SegmentKind.EQUAL, _slice(new, new_spans, bj, bj + size))
        i, j = bi + size, bj + size
    return segments


def _normalise(text: str) -> str:
    return _WHITESPACE.sub(lambda m: "\n\n" if "\n" in m.group() else " ", text.strip())


def _common_runs(a: str, b: str) -> list[tuple[int, int, int]]:
    """Archéo Lex's common runs ``(i, j, size)`` of characters of ``a`` and ``b``, sorted."""
    longest = _LongestMatch(a, b)
    runs: list[tuple[int, int, int]] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        alo, ahi, blo, bhi = regions.pop()
        i, j, size = longest(alo, ahi, blo, bhi)
        kept = _trim(a, b, i, j, size) if size else None
        if kept is None:
            continue  # the whole region is one replacement
        i, j, size = kept
        runs.append(kept)
        if alo < i and blo < j:
            regions.append((alo, i, blo, j))
        if i + size < ahi and j + size < bhi:
            regions.append((i + size, ahi, j + size, bhi))
    return sorted(runs)


class _LongestMatch:
    """Longest common substring of ``a[alo:ahi]`` and ``b[blo:bhi]``: earliest in a, then in b, on a tie.

    That is difflib's ``find_longest_match`` on characters (and Archéo Lex's solver's tie-breaking).
    On characters, each letter occurs hundreds of times and a call visits every occurrence in b of
    every character of a: seconds on the longest articles. So it runs first on :data:`_GRAM`-character
    grams, which rarely repeat: a run of K common grams is exactly a common substring of
    K + _GRAM - 1 characters at the same place, so the answer is the same whenever the longest match
    is at least _GRAM long; only below does it fall back to characters.
    """

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.grams = SequenceMatcher(None, _grams(a), _grams(b), autojunk=False)
        self.chars: SequenceMatcher[str] | None = None

    def __call__(self, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
        if ahi - alo >= _GRAM and bhi - blo >= _GRAM:
            i, j, size = self.grams.find_longest_match(alo, ahi - _GRAM + 1, blo, bhi - _GRAM + 1)
            if size:
                return i, j, size + _GRAM - 1
        if self.chars is None:
            self.chars = SequenceMatcher(None, self.a, self.b, autojunk=False)
        i, j, size = self.chars.find_longest_match(alo, ahi, blo, bhi)
        return i, j, size


#: Gram length for :class:`_LongestMatch`: runs this long or longer are the ones worth keeping.
_GRAM = MIN_COMMON + 1


def _grams(text: str) -> list[str]:
    return [text[i : i + _GRAM] for i in range(len(text) - _GRAM + 1)]


def _inside_word(text: str, position: int) -> bool:
    return 0 < position < len(text) and bool(_WORD_CHAR.match(text[position - 1]) and _WORD_CHAR.match(text[position]))


def _trim(a: str, b: str, i: int, j: int, size: int) -> tuple[int, int, int] | None:
    """The run cut back to whole words on both sides, or None if it is too short to be kept."""
    anchored = "\n" in a[i : i + size] or i == 0 or j == 0 or i + size == len(a) or j + size == len(b)
    if size <= MIN_COMMON and not anchored:
        return None
    shift = j - i
    start, end = i, i + size
    # A run that starts (ends) at either text's start (end) is not trimmed on that side.
    if i > 0 and j > 0:
        while start < end and (_inside_word(a, start) or _inside_word(b, start + shift)):
            start += 1
    if i + size < len(a) and j + size < len(b):
        while start < end and (_inside_word(a, end) or _inside_word(b, end + shift)):
            end -= 1
    if end == start or (end - start <= MIN_COMMON and not anchored):
        return None
    return start, start + shift, end - start


def _common_tokens(
    a_spans: list[tuple[int, int]], b_spans: list[tuple[int, int]], runs: list[tuple[int, int, int]]
) -> list[tuple[int, int]]:
    """Pairs of token indices ``(in a, in b)`` whose characters lie wholly in the same common run."""
    b_index = {span: index for index, span in enumerate(b_spans)}
    starts = [i for i, _, _ in runs]
    pairs = []
    for index, (s, e) in enumerate(a_spans):
        run = bisect_right(starts, s) - 1
        if run < 0:
            continue
        i, j, size = runs[run]
        if e <= i + size:
            other = b_index.get((s - i + j, e - i + j))
            if other is not None:
                pairs.append((index, other))
    return pairs


def _slice(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    # Keep the whitespace before the run's first token (except at the very start) so that
    # joining segments reproduces the text's spacing and alinéa breaks.
    begin = spans[start - 1][1] if start > 0 else spans[start][0]
    return text[begin : spans[end - 1][1]]


def _append(segments: list[Segment], kind: SegmentKind, text: str) -> None:
    if segments and segments[-1].kind is kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


class ChangeKind(StrEnum):
    MODIFIED = "modified"
    CREATED = "created"
    ABROGATED = "abrogated"
    UNCHANGED = "unchanged"
    #: A version was in force on the earlier date but the corpus lacks its text: say so rather
    #: than show the whole new text as inserted.
    UNKNOWN_EARLIER_TEXT = "unknown_earlier_text"
    #: Symmetric case on the later date (metadata-only version).
    UNKNOWN_LATER_TEXT = "unknown_later_text"


@dataclass(frozen=True, slots=True)
class ArticleChange:
    number: str
    kind: ChangeKind
    old: ArticleVersion | None
    new: ArticleVersion | None
    segments: tuple[Segment, ...] = ()

    @property
    def deleted_words(self) -> list[str]:
        return [w for s in self.segments if s.kind is SegmentKind.DELETED for w in s.words]

    @property
    def inserted_words(self) -> list[str]:
        return [w for s in self.segments if s.kind is SegmentKind.INSERTED for w in s.words]


def diff_article(
    corpus: Corpus, number: str, date_from: date, date_to: date, code: str = CODE_DU_TRAVAIL
) -> ArticleChange:
    """How article ``number`` changed between the two dates (each read as "in force that day")."""
    old = corpus.article_at(number, date_from, code)
    new = corpus.article_at(number, date_to, code)
    if old is None and new is None:
        return ArticleChange(number, ChangeKind.UNCHANGED, None, None)
    if old is None:
        assert new is not None
        if corpus.known_before(number, new.starts_on or date_to, code) and not _gap(corpus, number, date_from, code):
            return ArticleChange(number, ChangeKind.UNKNOWN_EARLIER_TEXT, None, new)
        return ArticleChange(number, ChangeKind.CREATED, None, new, _whole(SegmentKind.INSERTED, new.text))
    if new is None:
        return ArticleChange(number, ChangeKind.ABROGATED, old, None, _whole(SegmentKind.DELETED, old.text))
    if old is new or (old.text_hash is not None and old.text_hash == new.text_hash):
        return ArticleChange(number, ChangeKind.UNCHANGED, old, new, _whole(SegmentKind.EQUAL, new.text))
    if old.text is None:
        return ArticleChange(number, ChangeKind.UNKNOWN_EARLIER_TEXT, old, new)
    if new.text is None:
        return ArticleChange(number, ChangeKind.UNKNOWN_LATER_TEXT, old, new)
    segments = diff_words(old.text, new.text, heading=f"Article {number}")
    return ArticleChange(number, ChangeKind.MODIFIED, old, new, tuple(segments))


def _gap(corpus: Corpus, number: str, day: date, code: str) -> bool:
    """True if every version that started before ``day`` had ended by then (a real gap)."""
    return all(
        v.valid_until is not None and v.valid_until <= day
        for v in corpus.versions_of(number, code)
        if v.starts_on and v.starts_on <= day
    )


def _whole(kind: SegmentKind, text: str | None) -> tuple[Segment, ...]:
    return (Segment(kind, text),) if text else ()


def diff_articles(
    corpus: Corpus,
    numbers: Iterable[str],
    date_from: date,
    date_to: date,
    *,
    include_unchanged: bool = False,
    code: str = CODE_DU_TRAVAIL,
) -> list[ArticleChange]:
    changes = (diff_article(corpus, number, date_from, date_to, code) for number in numbers)
    return [c for c in changes if include_unchanged or c.kind is not ChangeKind.UNCHANGED]


def section_numbers(corpus: Corpus, paths: Sequence[str], date_from: date, date_to: date) -> list[str]:
    """Articles placed under any of the sections ``paths`` on either date."""
    from acquis.law.corpus import article_sort_key

    roots = []
    for path in paths:
        found = {corpus.find_section(path, date_from), corpus.find_section(path, date_to)} - {None}
        if not found:
            raise KeyError(f"no section {path!r} on {date_from} or {date_to}")
        roots.extend(found)
    numbers = set()
    for number in corpus.numbers():
        for day in (date_from, date_to):
            if corpus.article_at(number, day) is None:
                continue
            placed = corpus.placed_section(number, day)
            if any(corpus.in_subtree(placed, root) for root in roots):
                numbers.add(number)
    return sorted(numbers, key=article_sort_key)


#: The sixth part of the Code du travail (professional training), legislative and regulatory.
SIXTH_PART = ("Partie législative > Sixième partie", "Partie réglementaire > Sixième partie")


def diff_sections(
    corpus: Corpus, paths: Sequence[str], date_from: date, date_to: date, *, include_unchanged: bool = False
) -> list[ArticleChange]:
    """Diff of every article of the sections (e.g. :data:`SIXTH_PART`) between two dates."""
    return diff_articles(
        corpus,
        section_numbers(corpus, paths, date_from, date_to),
        date_from,
        date_to,
        include_unchanged=include_unchanged,
    )
