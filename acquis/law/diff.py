"""Word-level diff of article texts, and of a set of articles between two dates.

Algorithm: the standard library's ``difflib.SequenceMatcher`` (no junk heuristic) on tokens —
words (``\\w+``) and single punctuation signs —, followed by a small *semantic cleanup*: an
equal run of at most :data:`SHORT_EQUAL` tokens next to a replacement ("par", "de l'") is folded
into it. Raw difflib keeps such short repeated words as equal and chops a rewritten phrase into
confetti; a reader (and Archéo Lex, whose diff page the acceptance test compares with) sees
one deleted phrase and one inserted phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from enum import StrEnum

from acquis.law.corpus import Corpus
from acquis.law.history import ArticleVersion
from acquis.law.parsing.records import CODE_DU_TRAVAIL

_TOKEN = re.compile(r"\w+|[^\w\s]")


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


def diff_words(old: str, new: str) -> list[Segment]:
    """Segments turning ``old`` into ``new``; deletions come before insertions at a change."""
    old_spans = [m.span() for m in _TOKEN.finditer(old)]
    new_spans = [m.span() for m in _TOKEN.finditer(new)]
    old_tokens = [old[a:b] for a, b in old_spans]
    new_tokens = [new[a:b] for a, b in new_spans]
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    blocks = _cleanup([(i, j, n) for i, j, n in matcher.get_matching_blocks() if n])
    segments: list[Segment] = []
    i = j = 0
    for bi, bj, size in [*blocks, (len(old_tokens), len(new_tokens), 0)]:
        if bi > i:
            _append(segments, SegmentKind.DELETED, _slice(old, old_spans, i, bi))
        if bj > j:
            _append(segments, SegmentKind.INSERTED, _slice(new, new_spans, j, bj))
        if size:
            _append(segments, SegmentKind.EQUAL, _slice(new, new_spans, bj, bj + size))
        i, j = bi + size, bj + size
    return segments


#: Longest equal run (in tokens) folded into a neighbouring replacement. Tuned on the Archéo Lex
#: page of 2019-11-04 (seed 001): 2 reproduces its word choices for 15 of the 20 modified
#: articles; 0 (raw difflib) for 10; the diff-match-patch rule (equal run no longer than the
#: changes around it) over-merges long common phrases.
SHORT_EQUAL = 2


def _cleanup(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Fold short equal runs ("par", "de l'") that sit next to a replacement, until stable.

    A replacement is a change that both deletes and inserts. Equal runs between pure insertions
    (", dont" in R6113-22) are kept, and so are the text's first and last equal runs.
    """
    changed = True
    while changed:
        changed = False
        for index in range(len(blocks) - 1):
            i, j, size = blocks[index]
            if size > SHORT_EQUAL:
                continue
            prev_i, prev_j = (
                (0, 0)
                if index == 0
                else (blocks[index - 1][0] + blocks[index - 1][2], blocks[index - 1][1] + blocks[index - 1][2])
            )
            next_i, next_j, _ = blocks[index + 1]
            deleted_before, inserted_before = i - prev_i, j - prev_j
            deleted_after, inserted_after = next_i - i - size, next_j - j - size
            if not (deleted_before or inserted_before):
                continue
            if (deleted_before and inserted_before) or (deleted_after and inserted_after):
                del blocks[index]
                changed = True
                break
    return blocks


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
    return ArticleChange(number, ChangeKind.MODIFIED, old, new, tuple(diff_words(old.text, new.text)))


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
