"""The ROME job titles in memory: from a person's words to job titles, and a title's first letters to titles.

13,120 titles fit in a few megabytes; the index is built once per process from ``RomeJobTitle`` and rebuilt
when the table changes (its lowest and highest ids, read on each use: two indexed lookups).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from threading import Lock

from acquis.certifications.levels import fold
from acquis.orientation.models import RomeCode, RomeJobTitle


@dataclass(frozen=True)
class JobTitle:
    code_ogr: int
    label: str
    rome_code: str
    #: The ROME 4 parent code: titles of one family lead to the same certifications.
    family: str
    roots: frozenset[str]
    principal: bool
    folded: str


#: A root in more job titles than this ("agent", "aide", "technicien", "responsable") names no job on its own.
COMMON_ROOT = 120


class JobTitleIndex:
    def __init__(self, titles: Iterable[JobTitle]):
        self.titles = {title.code_ogr: title for title in titles}
        self._by_root: dict[str, list[JobTitle]] = defaultdict(list)
        for title in self.titles.values():
            for base in title.roots:
                self._by_root[base].append(title)

    def is_common(self, base: str) -> bool:
        return len(self._by_root.get(base, ())) > COMMON_ROOT

    def partly(self, roots: Iterable[str]) -> list[tuple[JobTitle, float]]:
        """Titles sharing with ``roots`` at least half of their roots, one of them not common; with that share.

        "ménage chez des particuliers" shares « ménag » with "Aide ménager / Aide ménagère à domicile".
        """
        given = set(roots)
        found: dict[int, tuple[JobTitle, float]] = {}
        for base in given:
            if self.is_common(base):
                continue
            for title in self._by_root.get(base, ()):
                share = len(title.roots & given) / len(title.roots)
                if share >= 0.5 and title.code_ogr not in found:
                    found[title.code_ogr] = (title, share)
        return sorted(found.values(), key=lambda item: (-item[1], not item[0].principal, item[0].label))

    def within(self, roots: Iterable[str]) -> list[JobTitle]:
        """The titles all of whose roots are among ``roots`` (most specific first)."""
        given = set(roots)
        seen: dict[int, JobTitle] = {}
        for base in given:
            for title in self._by_root.get(base, ()):
                if title.code_ogr not in seen and title.roots <= given:
                    seen[title.code_ogr] = title
        return sorted(seen.values(), key=lambda t: (-len(t.roots), not t.principal, t.label))

    def suggest(self, text: str, limit: int = 8) -> list[JobTitle]:
        """Titles containing ``text`` (accents and case ignored): main titles, then the shortest."""
        wanted = " ".join(fold(text).split())
        if len(wanted) < 2:
            return []
        found = [t for t in self.titles.values() if wanted in t.folded]
        found.sort(key=lambda t: (not t.folded.startswith(wanted), not t.principal, len(t.label), t.label))
        return found[:limit]


_cache: dict[str, object] = {}
_lock = Lock()


def job_title_index() -> JobTitleIndex:
    # The lowest and highest row ids change with every load that adds or removes rows (two index lookups; a
    # COUNT over 13,120 rows cost more than the whole search). A load that only relabels rows keeps them:
    # rome_reference_load then calls job_title_index_reset().
    ids = RomeJobTitle.objects.values_list("id", flat=True)
    signature = (ids.order_by("id").first(), ids.order_by("-id").first())
    with _lock:
        if _cache.get("signature") != signature:
            rows = RomeJobTitle.objects.values_list("code_ogr", "label", "rome_code", "roots", "principal")
            families = dict(RomeCode.objects.values_list("code", "parent_code"))
            _cache["index"] = JobTitleIndex(
                JobTitle(
                    ogr,
                    label,
                    code,
                    families.get(code, code),
                    frozenset(roots.split()),
                    principal,
                    " ".join(fold(label).split()),
                )
                for ogr, label, code, roots, principal in rows
                if roots
            )
            _cache["signature"] = signature
        return _cache["index"]  # type: ignore[return-value]


def job_title_index_reset() -> None:
    with _lock:
        _cache.clear()
