"""Measuring the finder on an evaluation set: hit@k (an accepted certification among the first k) and MRR."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from acquis.orientation.finder.search import find


@dataclass
class Evaluation:
    cases: int
    hit_at_5: float
    mrr: float
    misses: list[dict] = field(default_factory=list)


def read_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def evaluate(cases: list[dict], *, k: int = 5) -> Evaluation:
    hits, reciprocal, misses = 0, 0.0, []
    for case in cases:
        found = [result.code for result in find(case["text"], limit=10).results]
        ranks = [rank for rank, code in enumerate(found, start=1) if code in case["accept"]]
        first = ranks[0] if ranks else None
        hits += bool(first and first <= k)
        reciprocal += 1 / first if first else 0.0
        if not first or first > k:
            misses.append({"text": case["text"], "accept": case["accept"], "found": found[:k]})
    n = len(cases)
    return Evaluation(n, round(hits / n, 3), round(reciprocal / n, 3), misses)
