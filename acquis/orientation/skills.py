"""The ROME's skills and knowledge in memory: which of them a person's description names.

33,671 labels (18,317 compétences and macro-compétences, 15,354 savoirs) are read once per process from
``RomeSkill`` and ``RomeKnowledge`` (their roots are computed at load time) and rebuilt when the tables change
(lowest and highest ids of both tables, read on each use: four indexed lookups).

A label is named by a description when every one of its *meaningful* roots is in it. Skill labels start with
a verb the person rarely writes ("Réaliser", "Assurer", "Effectuer"): a root found in more than
:data:`COMMON_ROOT` labels carries no meaning on its own and is not required, but a label needs two
meaningful roots (one if it has a single word). The finder uses the labels named both by the description and by
a certification's texts to say, in the ROME's own words, what the person did that the certification covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from threading import Lock

from acquis.orientation.models import RomeKnowledge, RomeSkill

#: A root in more labels than this ("realis", "assur", "techniqu", "client") names nothing on its own.
COMMON_ROOT = 150


@dataclass(frozen=True)
class SkillLabel:
    code_ogr: int
    label: str
    #: "savoir-faire", "savoir-être" or "savoir" (a knowledge).
    kind: str
    #: The meaningful roots: all of them must be in the description.
    roots: frozenset[str]


def _kind(category: str) -> str:
    return "savoir-être" if category.startswith("Savoir-être") else "savoir-faire"


class SkillIndex:
    def __init__(self, rows: Iterable[tuple[int, str, str, frozenset[str]]]):
        rows = list(rows)
        counts: dict[str, int] = defaultdict(int)
        for *_, roots in rows:
            for base in roots:
                counts[base] += 1
        self.common = frozenset(base for base, count in counts.items() if count > COMMON_ROOT)
        self._by_root: dict[str, list[SkillLabel]] = defaultdict(list)
        self.size = 0
        for ogr, label, kind, roots in rows:
            meaningful = roots - self.common
            # One meaningful root left of several names too little ("Utiliser les aides à la conduite" would be
            # named by "aide-soignante"): such a label needs two; a one-word label ("Hygiène") its one.
            if not meaningful or (len(meaningful) < 2 and len(roots) > 1):
                continue
            item = SkillLabel(ogr, label, kind, frozenset(meaningful))
            self.size += 1
            for base in meaningful:
                self._by_root[base].append(item)

    def named(self, roots: Iterable[str]) -> list[SkillLabel]:
        """The labels all of whose meaningful roots are among ``roots``: the most specific first."""
        given = set(roots)
        seen: dict[tuple[str, int], SkillLabel] = {}
        for base in given:
            for item in self._by_root.get(base, ()):
                if (item.kind, item.code_ogr) not in seen and item.roots <= given:
                    seen[(item.kind, item.code_ogr)] = item
        return sorted(seen.values(), key=lambda item: (-len(item.roots), len(item.label), item.label))


_cache: dict[str, object] = {}
_lock = Lock()


def _signature() -> tuple:
    ends = []
    for model in (RomeSkill, RomeKnowledge):
        ids = model.objects.values_list("id", flat=True)
        ends += [ids.order_by("id").first(), ids.order_by("-id").first()]
    return tuple(ends)


def skill_index() -> SkillIndex:
    signature = _signature()
    with _lock:
        if _cache.get("signature") != signature:
            skills = (
                (ogr, label, _kind(category), frozenset(roots.split()))
                for ogr, label, category, roots in RomeSkill.objects.values_list(
                    "code_ogr", "label", "category", "roots"
                )
            )
            knowledge = (
                (ogr, label, "savoir", frozenset(roots.split()))
                for ogr, label, roots in RomeKnowledge.objects.values_list("code_ogr", "label", "roots")
            )
            _cache["index"] = SkillIndex([*skills, *knowledge])
            _cache["signature"] = signature
        return _cache["index"]  # type: ignore[return-value]


def skill_index_reset() -> None:
    with _lock:
        _cache.clear()
