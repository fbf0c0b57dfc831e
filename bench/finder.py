"""Benchmark of the certification finder (issue 14); writes bench/results/finder.json.

    .venv/bin/python bench/finder.py          # SQLite only (the shipped catalogue)
    make bench                                # both: ACQUIS_BENCH_PG_URL is set by scripts/bench.sh

Two runs, each in its own process and database, after ``manage.py migrate`` and ``acquis reference load``
(ROME v4.60, France VAE's catalogue, the reva list, computed ROME links, the finder's index):

- **SQLite** (a fresh file under bench/results/tmp/): the shipped catalogue only. Quality on the evaluation
  set ``tests/orientation/finder_eval.yaml`` (hit@5: an accepted certification among the first five;
  MRR: mean of 1 / rank of the first accepted one) and the latency of ``find`` (p50/p95, in process).
- **PostgreSQL** (its own database ``acquis_bench_finder`` on the bench server): the same, plus 40,000
  synthetic fiches (acquis.demo.synthetic_certifications, their generic titles compete with the real ones) imported
  and indexed, then the latency of ``find`` over the evaluation descriptions; goal p95 ≤ 50 ms.

Every description is asked :data:`ROUNDS` times after one warm-up pass (the job-title index is built once
per process, as in a served Acquis); the figure is the time of ``find`` with its ``limit=10`` results.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import bench_database_url  # noqa: E402 — needs ROOT on the path
from bench.support.results import percentile, run_header, write_result  # noqa: E402

CASES = ROOT / "tests" / "orientation" / "finder_eval.yaml"
DATA = ROOT / "bench" / "data"
SYNTHETIC = int(os.environ.get("ACQUIS_BENCH_FINDER_FICHES", "40000"))
ROUNDS = 5
TARGET_P95_MS = 50


def _timed(function):
    start = time.perf_counter()
    value = function()
    return value, round(time.perf_counter() - start, 2)


def _latencies(texts: list[str]) -> dict:
    from acquis.orientation.finder import find

    for text in texts:  # warm-up: the job-title index, the engine's caches
        find(text)
    samples = []
    for _ in range(ROUNDS):
        for text in texts:
            start = time.perf_counter()
            find(text)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "queries": len(samples),
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "max_ms": round(samples[-1], 2),
    }


def run_engine(engine: str) -> dict:
    """One engine, in this process: set up its database, load, measure; returns the figures."""
    url, database = bench_database_url("acquis_bench_finder", "finder.sqlite3")
    if engine == "sqlite" and not url.startswith("sqlite"):
        raise SystemExit("run_engine(sqlite) needs ACQUIS_BENCH_PG_URL unset")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from acquis.audit import context
    from acquis.certifications.models import Certification
    from acquis.certifications.services import certification_registry_import
    from acquis.demo.synthetic_certifications import write_synthetic_export
    from acquis.orientation.finder.evaluation import evaluate, read_cases
    from acquis.orientation.models import FinderDocument
    from acquis.orientation.services import finder_refresh

    call_command("migrate", verbosity=0)
    _, load_s = _timed(lambda: call_command("reference_load", stdout=open(os.devnull, "w")))  # noqa: SIM115
    cases = read_cases(CASES)
    quality = evaluate(cases)
    figures = {
        "database": database,
        "reference_load_s": load_s,
        "catalogue": {
            "documents": FinderDocument.objects.count(),
            "hit_at_5": quality.hit_at_5,
            "mrr": quality.mrr,
            "cases": quality.cases,
            "misses": quality.misses,
            "latency": _latencies([case["text"] for case in cases]),
        },
    }
    if engine == "postgresql":
        DATA.mkdir(parents=True, exist_ok=True)
        export = DATA / "synthetic-export-fiches-csv-2026-11-01.zip"
        if SYNTHETIC != 40000 or not export.exists():
            export = write_synthetic_export(DATA, fiches=SYNTHETIC, export_date=date(2026, 11, 1))
        real = set(Certification.objects.values_list("code", flat=True))
        with context.bind(channel="cli", role="system"):
            _, import_s = _timed(lambda: certification_registry_import(path=export))
            # The synthetic export is complete: it marks the real fiches absent. Keep them, as if it listed them.
            Certification.objects.filter(code__in=real).update(absent_since=None)
            refreshed, refresh_s = _timed(finder_refresh)
        quality = evaluate(cases)
        latency = _latencies([case["text"] for case in cases])
        figures["with_synthetic"] = {
            "synthetic_fiches": SYNTHETIC,
            "documents": refreshed.documents,
            "import_s": import_s,
            "finder_refresh_s": refresh_s,
            "hit_at_5": quality.hit_at_5,
            "mrr": quality.mrr,
            "latency": latency,
            "target_p95_ms": TARGET_P95_MS,
            "within_target": latency["p95_ms"] <= TARGET_P95_MS,
        }
    return figures


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--engine":
        print(json.dumps(run_engine(sys.argv[2]), ensure_ascii=False))
        return
    report = {**run_header("finder"), "evaluation_set": str(CASES.relative_to(ROOT)), "rounds": ROUNDS}
    env = {k: v for k, v in os.environ.items() if k != "ACQUIS_BENCH_PG_URL"}
    sqlite = subprocess.run(
        [sys.executable, __file__, "--engine", "sqlite"], env=env, capture_output=True, text=True, check=True
    )
    report["sqlite"] = json.loads(sqlite.stdout.strip().splitlines()[-1])
    if os.environ.get("ACQUIS_BENCH_PG_URL", "").startswith("postgres"):
        pg = subprocess.run(
            [sys.executable, __file__, "--engine", "postgresql"], capture_output=True, text=True, check=True
        )
        report["postgresql"] = json.loads(pg.stdout.strip().splitlines()[-1])
    write_result("finder", report)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if "postgresql" in report and not report["postgresql"]["with_synthetic"]["within_target"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
