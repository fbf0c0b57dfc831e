"""Benchmark of the law corpus import into the database and of the reads the law pages make; writes
bench/results/law_import.json.

    .venv/bin/python bench/law_import.py            # SQLite file under bench/results/tmp/
    ACQUIS_BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/law_import.py

``bench/law_corpus.py`` times the pure layer (parse, merge, in-memory lookups); this one goes through what
`acquis law import` runs (``law_corpus_import``: parse, merge with the stored sources, sync of the tables in
one transaction, audit event) and through the selectors the pages call (one fingerprint query, then the
per-process corpus). Targets (issue 3): import of the full Code du travail snapshot (11,545 articles) ≤ 60 s;
article-at-date lookup ≤ 1 ms; the 2019-11-01 → 2019-11-04 diff of the sixth part ≤ 1 s.

Steps, on a fresh database: (1) the full snapshot alone into empty tables; (2) the same file again (nothing
to write); (3) the corpus shipped with Acquis (``--default``: legi-data extracts of the sixth part, the
reconstructed 2019-11-01 texts, seeds, LEGI XML) merged over it; then the selectors, cold (corpus rebuilt from
the tables) and warm.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import bench_database_url  # noqa: E402 — needs ROOT on the path
from bench.support.results import percentile, run_header, write_result  # noqa: E402

FULL = ROOT / "bench" / "data" / "code-du-travail-full-2026-03-27.json.gz"
PG_DATABASE = "acquis_bench_law"
TARGETS = {"import_s": 60, "article_at_ms": 1, "sixth_part_diff_s": 1}
DAYS = (date(2019, 11, 1), date(2019, 11, 4), date(2021, 6, 1), date(2024, 1, 1), date(2026, 3, 1))


def _timed(function):
    start = time.perf_counter()
    value = function()
    return value, round(time.perf_counter() - start, 2)


def _samples_ms(function, calls) -> list[float]:
    samples = []
    for call in calls:
        start = time.perf_counter()
        function(*call)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    url, database = bench_database_url(PG_DATABASE, "law_import.sqlite3")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from acquis.audit import context
    from acquis.law import selectors
    from acquis.law.corpus import default_paths
    from acquis.law.models import Article, ArticleVersion
    from acquis.law.services import law_corpus_import

    call_command("migrate", verbosity=0)

    def run(paths):
        with context.bind(channel="cli", role="system"):
            return law_corpus_import(paths=paths)

    print(f"law_import: {FULL.name} into empty tables ({database})…", flush=True)
    first, first_s = _timed(lambda: run([FULL]))
    articles_after_first = Article.objects.count()
    print(f"  first import {first_s} s, {articles_after_first} articles; same file again…", flush=True)
    again, again_s = _timed(lambda: run([FULL]))
    assert not again.changed, "re-importing the same snapshot changed rows"
    print(f"  re-import {again_s} s; shipped corpus merged over it…", flush=True)
    _merged, default_s = _timed(lambda: run(default_paths()))

    _corpus, cold_s = _timed(selectors.db_corpus)
    numbers = selectors.db_corpus().numbers()
    calls = [(number, day) for number in numbers[:: max(1, len(numbers) // 400)] for day in DAYS]
    lookups = _samples_ms(selectors.article_at, calls)
    diffs = _samples_ms(lambda: selectors.section_diff(None, date(2019, 11, 1), date(2019, 11, 4)), [()] * 7)
    changes = selectors.section_diff(None, date(2019, 11, 1), date(2019, 11, 4))

    results = {
        **run_header("law_import"),
        "database": database,
        "snapshot": {"file": FULL.name, "bytes": FULL.stat().st_size, "articles": articles_after_first},
        "first_import_s": first_s,
        "first_import_counts": first.counts,
        "reimport_same_snapshot_s": again_s,
        "shipped_corpus_merged_over_it_s": default_s,
        "articles_in_database": Article.objects.count(),
        "article_versions_in_database": ArticleVersion.objects.count(),
        "selectors": {
            "corpus_rebuild_from_tables_s": cold_s,
            "article_at_lookups": len(lookups),
            "article_at_median_ms": round(statistics.median(lookups), 3),
            "article_at_p95_ms": round(percentile(sorted(lookups), 95), 3),
            "sixth_part_diff_2019_11_01_to_04_median_s": round(statistics.median(diffs) / 1000, 3),
            "sixth_part_diff_articles": len(changes),
        },
        "targets": TARGETS,
    }
    results["within_targets"] = (
        first_s <= TARGETS["import_s"]
        and again_s <= TARGETS["import_s"]
        and results["selectors"]["article_at_median_ms"] <= TARGETS["article_at_ms"]
        and results["selectors"]["sixth_part_diff_2019_11_01_to_04_median_s"] <= TARGETS["sixth_part_diff_s"]
    )
    write_result("law_import", results)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if not results["within_targets"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
