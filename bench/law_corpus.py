"""Benchmark of the law corpus layer; writes bench/results/law_corpus.json.

    .venv/bin/python bench/law_corpus.py

Measures: parse time of the whole Code du travail snapshot (bench/data/, 11,545 articles) and its
merge into histories, default-corpus build, article-at-date lookup (median), and the
2019-11-01 → 2019-11-04 diff of the sixth part (median). Targets (issue 3): import ≤ 60 s,
lookup ≤ 1 ms, sixth-part diff ≤ 1 s.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from acquis.law.corpus import Corpus, default_sources  # noqa: E402
from acquis.law.diff import SIXTH_PART, diff_sections  # noqa: E402
from acquis.law.parsing.legi_data import parse_legi_data  # noqa: E402

FULL = ROOT / "bench" / "data" / "code-du-travail-full-2026-03-27.json.gz"


def timed(function, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    start = time.perf_counter()
    full = parse_legi_data(FULL)
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    full_corpus = Corpus.from_sources([full])
    merge_seconds = time.perf_counter() - start

    start = time.perf_counter()
    corpus = Corpus.from_sources(default_sources())
    default_seconds = time.perf_counter() - start

    numbers = corpus.numbers()
    days = [date(2019, 11, 1), date(2019, 11, 4), date(2021, 6, 1), date(2024, 1, 1), date(2026, 3, 1)]
    queries = [(n, d) for n in numbers[:400] for d in days]
    lookups = timed(lambda: [corpus.article_at(n, d) for n, d in queries], 5)
    per_lookup = [t / len(queries) for t in lookups]
    diffs = timed(lambda: diff_sections(corpus, SIXTH_PART, date(2019, 11, 1), date(2019, 11, 4)), 7)

    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "full_code_articles": len({v.number for v in full.versions}),
        "full_code_versions": len(full.versions),
        "full_code_parse_s": round(parse_seconds, 3),
        "full_code_merge_s": round(merge_seconds, 3),
        "full_code_articles_in_corpus": len(full_corpus.numbers()),
        "default_corpus_build_s": round(default_seconds, 3),
        "article_at_median_us": round(statistics.median(per_lookup) * 1e6, 2),
        "sixth_part_diff_2019_11_01_to_04_median_ms": round(statistics.median(diffs) * 1e3, 1),
    }
    out = ROOT / "bench" / "results" / "law_corpus.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
