"""In-memory legal corpus: article versions, at-date lookup and the dated section tree.

``versions_of`` is the entry point for the rules engine's source checks: it returns plain
:class:`~acquis.law.history.ArticleVersion` objects (``legiarti_id``, ``valid_from``,
``valid_until`` — ``None`` = open-ended —, ``state``, ``text``, ``sources``), sorted by start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from acquis.law.history import ArticleHistory, ArticleVersion, merge_sources
from acquis.law.loading import parse_file
from acquis.law.parsing.records import CODE_DU_TRAVAIL, MembershipRecord, ParsedSource, SectionRecord

#: Repository root, found from this file so that the vendored data works from any working dir.
REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data" / "law"

#: Versions that never applied (LEGI marks a version amended before its entry into force this way).
NEVER_IN_FORCE = frozenset({"MODIFIE_MORT_NE", "ANNULE"})

_NUMBER_PARTS = re.compile(r"\d+")


def article_sort_key(number: str) -> tuple[int, tuple[int, ...], str]:
    """Order of the code: legislative part first, then R and D articles interleaved by number."""
    part = 0 if number.startswith("L") else 1
    return part, tuple(int(n) for n in _NUMBER_PARTS.findall(number)), number


@dataclass(frozen=True, slots=True)
class SectionView:
    """A section as it stood on ``day``: its path of titles, sub-sections and articles."""

    section_id: str
    title: str
    path: tuple[str, ...]
    day: date
    subsections: tuple[str, ...]
    articles: tuple[str, ...]


class Corpus:
    """Article histories and the section tree of one or more codes, queried by date."""

    def __init__(
        self,
        histories: dict[tuple[str, str], ArticleHistory],
        sections: Iterable[tuple[SectionRecord, date | None]] = (),
        memberships: Iterable[tuple[MembershipRecord, date | None]] = (),
    ) -> None:
        self._histories = histories
        self._starts: dict[tuple[str, str], list[date]] = {}
        self._applicable: dict[tuple[str, str], list[ArticleVersion]] = {}
        for key, history in histories.items():
            applicable = [v for v in history.versions if v.state not in NEVER_IN_FORCE and v.starts_on]
            applicable.sort(key=lambda v: v.starts_on)
            self._applicable[key] = applicable
            self._starts[key] = [v.starts_on for v in applicable]
        self._sections: dict[str, tuple[SectionRecord, date | None]] = {}
        for record, seen in sections:
            known = self._sections.get(record.section_id)
            if known is None or (seen or date.min) >= (known[1] or date.min):
                self._sections[record.section_id] = (record, seen)
        self._children: dict[str | None, list[str]] = {}
        for section_id, (record, _) in self._sections.items():
            self._children.setdefault(record.parent_id, []).append(section_id)
        for ids in self._children.values():
            ids.sort(key=lambda i: (self._sections[i][0].order or 0, i))
        self._memberships: dict[str, list[tuple[MembershipRecord, date | None]]] = {}
        for record, seen in memberships:
            entries = self._memberships.setdefault(record.article_number, [])
            if all(existing != record or s != seen for existing, s in entries):
                entries.append((record, seen))

    @classmethod
    def from_sources(cls, sources: Sequence[ParsedSource]) -> Corpus:
        return cls(
            merge_sources(sources),
            sections=((s, source.observed_on) for source in sources for s in source.sections),
            memberships=((m, source.observed_on) for source in sources for m in source.memberships),
        )

    # --- articles ------------------------------------------------------------------------------
    def numbers(self, code: str = CODE_DU_TRAVAIL) -> list[str]:
        return sorted((n for c, n in self._histories if c == code), key=article_sort_key)

    def history(self, number: str, code: str = CODE_DU_TRAVAIL) -> ArticleHistory | None:
        return self._histories.get((code, number))

    def versions_of(self, number: str, code: str = CODE_DU_TRAVAIL) -> tuple[ArticleVersion, ...]:
        """Every known version of article ``number`` (empty tuple if unknown), sorted by start.

        Each version has ``legiarti_id`` (``None`` for texts known only from a reconstruction),
        ``valid_from``/``valid_until`` (dates, ``None`` = unknown start / open end), ``state``
        (LEGI ``ETAT``), ``text`` (``None`` when only metadata is known) and ``sources``.
        Use ``version.in_force_on(day)`` to test a date.
        """
        history = self._histories.get((code, number))
        return history.versions if history else ()

    def article_at(self, number: str, day: date, code: str = CODE_DU_TRAVAIL) -> ArticleVersion | None:
        """The version of ``number`` in force on ``day`` (start inclusive, end exclusive), or None.

        The returned version may have ``text=None`` when the corpus knows it only by its metadata.
        Where LEGI data overlaps (an older snapshot's stale end date), the latest start wins.
        """
        key = (code, number)
        starts = self._starts.get(key)
        if not starts:
            return None
        index = bisect_right(starts, day)
        versions = self._applicable[key]
        for candidate in reversed(versions[:index]):
            if candidate.in_force_on(day):
                return candidate
        return None

    def known_before(self, number: str, day: date, code: str = CODE_DU_TRAVAIL) -> bool:
        """True if some version of ``number`` (text known or not) started before ``day``."""
        return any(v.starts_on and v.starts_on < day for v in self.versions_of(number, code))

    # --- sections ------------------------------------------------------------------------------
    def section_at(self, path: str | Sequence[str], day: date) -> SectionView | None:
        """The section at ``path`` on ``day``; ``path`` is a section id or title prefixes.

        ``"Partie réglementaire > Sixième partie > Livre IV"`` matches each level's title by
        case-insensitive prefix, so callers need not repeat LEGI's long titles.
        """
        section_id = self.find_section(path, day)
        if section_id is None:
            return None
        record = self._sections[section_id][0]
        titles = []
        cursor: str | None = section_id
        while cursor is not None:
            titles.append(self._sections[cursor][0].title)
            cursor = self._sections[cursor][0].parent_id if cursor in self._sections else None
        direct = self.article_numbers_under(section_id, day, recursive=False)
        return SectionView(
            section_id=section_id,
            title=record.title,
            path=tuple(reversed(titles)),
            day=day,
            subsections=tuple(
                self._sections[c][0].title for c in self._children.get(section_id, []) if self._section_on(c, day)
            ),
            articles=tuple(direct),
        )

    def find_section(self, path: str | Sequence[str], day: date) -> str | None:
        if isinstance(path, str):
            if path in self._sections:
                return path
            path = [p for p in (part.strip() for part in path.split(">")) if p]
        parent: str | None = None
        for part in path:
            wanted = _fold(part)
            matches = [
                c
                for c in self._children.get(parent, [])
                if self._section_on(c, day) and _fold(self._sections[c][0].title).startswith(wanted)
            ]
            if not matches:
                return None
            parent = matches[0]
        return parent

    def article_numbers_under(self, section_id: str, day: date, *, recursive: bool = True) -> list[str]:
        """Articles in force on ``day`` placed in the section (and its sub-sections)."""
        wanted = self._subtree(section_id) if recursive else {section_id}
        numbers = [
            number
            for number in self._memberships
            if self._section_of(number, day) in wanted and self.article_at(number, day) is not None
        ]
        return sorted(numbers, key=article_sort_key)

    def placed_section(self, number: str, day: date) -> str | None:
        """The article's section on ``day``; an article the tree never listed (known only from a
        reconstruction) is placed beside its nearest preceding numbered neighbour."""
        if number in self._memberships:
            return self._section_of(number, day)
        placed = sorted(self._memberships, key=article_sort_key)
        keys = [article_sort_key(n) for n in placed]
        index = bisect_right(keys, article_sort_key(number)) - 1
        while index >= 0:
            section = self._section_of(placed[index], day)
            if section is not None:
                return section
            index -= 1
        return None

    def in_subtree(self, section_id: str | None, root_id: str) -> bool:
        while section_id is not None:
            if section_id == root_id:
                return True
            record = self._sections.get(section_id)
            section_id = record[0].parent_id if record else None
        return False

    def _section_of(self, number: str, day: date) -> str | None:
        # Of the memberships covering the day, trust the snapshot observed nearest to it: the
        # tree a snapshot shows is exact on its own date and only inferred further away.
        best: tuple[int, str] | None = None
        for record, seen in self._memberships.get(number, ()):
            if record.valid_from and day < record.valid_from:
                continue
            if record.valid_until and day >= record.valid_until:
                continue
            distance = abs((seen - day).days) if seen else 10**6
            if best is None or distance < best[0]:
                best = (distance, record.section_id)
        return best[1] if best else None

    def _section_on(self, section_id: str, day: date) -> bool:
        record = self._sections[section_id][0]
        return (record.valid_from is None or record.valid_from <= day) and (
            record.valid_until is None or day < record.valid_until
        )

    def _subtree(self, section_id: str) -> set[str]:
        found = {section_id}
        stack = [section_id]
        while stack:
            for child in self._children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def default_paths(data_dir: Path = DATA_DIR) -> list[Path]:
    """The vendored corpus: the sixth-part snapshots, the 2019-11-01 texts, seeds 000 and 002, and the
    abrogation lists that date the end of articles the later snapshots no longer carry."""
    return [
        *sorted((data_dir / "legi-data").glob("*.json.gz")),
        *sorted((data_dir / "pre-2019-11-04").glob("*.json")),
        *sorted((data_dir / "seeds").glob("*.md.txt")),
        *sorted((data_dir / "abrogations").glob("*.yaml")),
    ]


def default_sources(data_dir: Path = DATA_DIR) -> list[ParsedSource]:
    """Parse the vendored files named by :func:`default_paths`."""
    return [parse_file(path)[1] for path in default_paths(data_dir)]


@lru_cache(maxsize=1)
def load_default_corpus() -> Corpus:
    """The corpus built from ``data/law/`` (parsed once per process, then cached)."""
    return Corpus.from_sources(default_sources())
