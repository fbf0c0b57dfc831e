"""Parser for an Archéo Lex "modifications" page saved as plain text (seed 001).

The page lost its red/green colours: what remains is a table whose row headers hold one or two
line numbers ("old new", or one number for a line of a single side), and whose cells hold text
fragments, one per line. :func:`parse_archeo_lex_diff` recovers that structure faithfully;
:func:`label_fragments` then recovers the colours by aligning the fragments on the two texts
(every fragment is common, deleted or inserted, and common+deleted must spell the old text,
common+inserted the new one), which is what the acceptance test compares our diff with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from acquis.law.parsing.errors import LawParseError

_ROW = re.compile(r"^(\d+)(?: (\d+))?$")
_HEADING = re.compile(r"^#+ Article (?P<num>[LRDA]\*?\d+(?:-\d+)*)$")
_VERSION = re.compile(r"^Version consolidée au (?P<date>.+?)(?: \(version (?P<commit>\w+)\))?$")
_PREVIOUS = re.compile(r"^La précédente version était la version consolidée au (?P<date>.+?)\.$")
_FRENCH_DATE = re.compile(r"^(?P<day>\d{1,2})(?:er)? (?P<month>\w+) (?P<year>\d{4})$")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ]
    )
}


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One table row: its line number(s) and its fragments, spacing kept."""

    line: int
    numbers: tuple[int, ...]
    fragments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DiffArticle:
    number: str
    line: int
    rows: tuple[DiffRow, ...]

    @property
    def fragments(self) -> list[tuple[int, str]]:
        """(row index, fragment) of every fragment, in page order."""
        return [(index, f) for index, row in enumerate(self.rows) for f in row.fragments]


@dataclass(frozen=True, slots=True)
class ArcheoLexDiff:
    title: str
    date_from: date
    date_to: date
    commit: str | None
    articles: tuple[DiffArticle, ...]


def _parse_french_date(text: str, file: str, line: int) -> date:
    match = _FRENCH_DATE.match(text.strip())
    if match is None or match.group("month") not in _MONTHS:
        raise LawParseError(file, f"line {line}, column 1", f"not a French date: {text!r}")
    return date(int(match.group("year")), _MONTHS[match.group("month")], int(match.group("day")))


def parse_archeo_lex_diff(path: str | Path, text: str | None = None) -> ArcheoLexDiff:
    path = Path(path)
    file = str(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    title = lines[0].strip() if lines else ""
    if not title:
        raise LawParseError(file, "line 1, column 1", "missing code title")
    date_to = date_from = None
    commit = None
    articles: list[DiffArticle] = []
    current: tuple[str, int] | None = None
    rows: list[DiffRow] = []
    row: tuple[int, tuple[int, ...], list[str]] | None = None
    row_floor: int | None = None

    def close_row() -> None:
        nonlocal row
        if row is not None:
            rows.append(DiffRow(row[0], row[1], tuple(row[2])))
            row = None

    def close_article() -> None:
        nonlocal rows
        close_row()
        if current is not None:
            articles.append(DiffArticle(current[0], current[1], tuple(rows)))
        rows = []

    for index, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if date_to is None or date_from is None:
            if match := _VERSION.match(stripped):
                date_to = _parse_french_date(match.group("date"), file, index)
                commit = match.group("commit")
            elif match := _PREVIOUS.match(stripped):
                date_from = _parse_french_date(match.group("date"), file, index)
            continue
        if not stripped:
            continue  # layout whitespace between cells and rows
        match = _ROW.match(stripped)
        # A cell may hold a bare number ("IV" → "4"): line numbers never go backwards, so a
        # number below both numbers of the last two-sided row is text, not a row header.
        if match and (row_floor is None or min(int(n) for n in match.groups() if n) >= row_floor):
            close_row()
            if match.group(2):
                row_floor = min(int(match.group(1)), int(match.group(2)))
            row = (index, tuple(int(n) for n in match.groups() if n), [])
            continue
        if row is None:
            raise LawParseError(file, f"line {index}, column 1", "text outside any numbered row")
        if match := _HEADING.match(stripped):
            if row[2]:
                raise LawParseError(file, f"line {index}, column 1", "article heading in the middle of a row")
            row = None
            close_article()
            current = (match.group("num"), index)
            continue
        if current is None:
            raise LawParseError(file, f"line {index}, column 1", "text before the first article heading")
        row[2].append(raw)
    if date_to is None or date_from is None:
        raise LawParseError(file, f"line {len(lines)}, column 1", "missing 'Version consolidée au …' header")
    close_article()
    if not articles:
        raise LawParseError(file, f"line {len(lines)}, column 1", "no article in the page")
    return ArcheoLexDiff(title, date_from, date_to, commit, tuple(articles))


class Label(StrEnum):
    COMMON = "common"
    DELETED = "deleted"
    INSERTED = "inserted"


_ITEM_NUMBER = re.compile(r"\d+°")


class LabellingError(ValueError):
    pass


def label_fragments(article: DiffArticle, old_text: str, new_text: str) -> list[tuple[Label, str]]:
    """Colour the page's fragments so that they spell ``old_text`` and ``new_text``.

    Texts are compared without whitespace. Constraints of the page's layout: inside a row, two
    neighbouring fragments never share a label, and an insertion is never directly followed by
    a deletion (a replacement is written deletion first). The plain-text page drops fragments
    made only of an item number ("1° "); up to a few may be restored, marked by a fragment text
    starting with "[restored]". Among valid labellings the one with the fewest restorations,
    then the fewest change blocks, then the most common text wins.
    """
    old = re.sub(r"\s+", "", old_text)
    new = re.sub(r"\s+", "", new_text)
    pieces = [(row, fragment, re.sub(r"\s+", "", fragment)) for row, fragment in article.fragments]
    pieces = [p for p in pieces if p[2]]

    @cache
    def best(k: int, i: int, j: int, previous: Label | None) -> tuple[tuple[int, int, int], tuple] | None:
        if k == len(pieces):
            return ((0, 0, 0), ()) if i == len(old) and j == len(new) else None
        row, fragment, compact = pieces[k]
        same_row = k > 0 and pieces[k - 1][0] == row
        before = previous if same_row else None
        options = []
        for label in Label:
            if before is label or (before is Label.INSERTED and label is Label.DELETED):
                continue
            on_old = label is not Label.INSERTED
            on_new = label is not Label.DELETED
            if on_old and not old.startswith(compact, i):
                continue
            if on_new and not new.startswith(compact, j):
                continue
            rest = best(k + 1, i + len(compact) * on_old, j + len(compact) * on_new, label)
            if rest is not None:
                (restored, blocks, common), labels = rest
                blocks += previous is not label and label is not Label.COMMON
                common -= len(compact) if label is Label.COMMON else 0
                options.append(((restored, blocks, common), ((label, fragment), *labels)))
        # An item number missing from the page, restored before this fragment.
        for label, side in ((Label.COMMON, "both"), (Label.DELETED, "old"), (Label.INSERTED, "new")):
            number_old = _ITEM_NUMBER.match(old, i)
            number_new = _ITEM_NUMBER.match(new, j)
            if side == "both" and not (number_old and number_new and number_old.group() == number_new.group()):
                continue
            if side == "old" and not number_old:
                continue
            if side == "new" and not number_new:
                continue
            digits = (number_old or number_new).group()
            rest = best(
                k,
                i + (len(digits) if side in ("both", "old") else 0),
                j + (len(digits) if side in ("both", "new") else 0),
                previous,
            )
            if rest is not None:
                (restored, blocks, common), labels = rest
                options.append(((restored + 1, blocks, common), ((label, f"[restored]{digits} "), *labels)))
        return min(options, key=lambda o: o[0]) if options else None

    result = best(0, 0, 0, None)
    best.cache_clear()
    if result is None:
        raise LabellingError(f"{article.number}: the page's fragments do not spell the given old and new texts")
    return list(result[1])
