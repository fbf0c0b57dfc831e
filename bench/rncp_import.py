"""Benchmark of the RNCP registry import; writes bench/results/rncp_import.json.

    .venv/bin/python bench/rncp_import.py            # SQLite file under bench/results/tmp/
    ACQUIS_BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/rncp_import.py

Generates a synthetic export of 40,000 fiches (``bench/data/synthetic-export-fiches-csv-2026-11-01.zip``,
git-ignored, every title says "synthétique"), then measures through the real service
(``certification_registry_import``, one transaction, audit event included): the parse alone, the first
import into empty tables, the re-import of the same export (nothing to write), and a newer export where
1 % of the fiches changed. Target (issue 4): first import and re-import ≤ 60 s each.

Database: ``make bench`` exports ACQUIS_BENCH_PG_URL (its PostgreSQL server); the script then uses its
own database ``acquis_bench_rncp`` there, dropped and recreated on each run, so the HTTP benchmark's
database is untouched. Without it, a fresh SQLite file under bench/results/tmp/.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import bench_database_url  # noqa: E402 — needs ROOT on the path
from bench.support.results import run_header, write_result  # noqa: E402

FICHES = int(os.environ.get("ACQUIS_BENCH_RNCP_FICHES", "40000"))
DATA = ROOT / "bench" / "data"
PG_DATABASE = "acquis_bench_rncp"
TARGET_S = 60


def _database_url() -> tuple[str, str]:
    return bench_database_url(PG_DATABASE, "rncp_import.sqlite3")


def _timed(function):
    start = time.perf_counter()
    value = function()
    return value, round(time.perf_counter() - start, 2)


def main() -> None:
    url, database = _database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from acquis.audit import context
    from acquis.certifications.export import parse_export
    from acquis.certifications.models import Certification, CertificationRomeCode, SkillBlock
    from acquis.certifications.services import certification_registry_import
    from acquis.demo.synthetic_certifications import write_synthetic_export

    call_command("migrate", verbosity=0)
    DATA.mkdir(parents=True, exist_ok=True)
    first_export, generate_s = _timed(
        lambda: write_synthetic_export(DATA, fiches=FICHES, export_date=date(2026, 11, 1))
    )
    newer_export = write_synthetic_export(DATA, fiches=FICHES, export_date=date(2026, 11, 2), revise_every=100)
    parsed, parse_s = _timed(lambda: parse_export(first_export))

    def run(path):
        with context.bind(channel="cli", role="system"):
            return certification_registry_import(path=path)

    first, first_s = _timed(lambda: run(first_export))
    again, again_s = _timed(lambda: run(first_export))
    newer, newer_s = _timed(lambda: run(newer_export))
    assert first.counts.created == FICHES and again.counts.unchanged == FICHES
    assert newer.counts.updated == len(range(0, FICHES, 100))

    results = {
        **run_header("rncp_import"),
        "database": database,
        "export": {
            "file": first_export.name,
            "bytes": first_export.stat().st_size,
            "fiches": len(parsed.fiches),
            "skill_blocks": SkillBlock.objects.count(),
            "rome_links": CertificationRomeCode.objects.count(),
            "generate_s": generate_s,
        },
        "parse_only_s": parse_s,
        "first_import_s": first_s,
        "reimport_same_export_s": again_s,
        "newer_export_1_percent_changed_s": newer_s,
        "newer_export_counts": {"updated": newer.counts.updated, "unchanged": newer.counts.unchanged},
        "target_s": TARGET_S,
        "within_target": first_s <= TARGET_S and again_s <= TARGET_S,
        "certifications_in_database": Certification.objects.count(),
    }
    write_result("rncp_import", results)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if not results["within_target"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
