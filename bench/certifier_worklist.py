"""Benchmark of a certifier's worklist (issue 6, grown by issue 12); writes bench/results/certifier_worklist.json.

    ACQUIS_BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/certifier_worklist.py
    ACQUIS_BENCH_TOTAL=1000000 …  # the recorded figure: one million candidacies in the table (issue 12)

Seeds 100,000 synthetic candidacies (``acquis.demo.synthetic_pathways``: bulk inserts, no audit events — these
are background rows, not user actions) spread over every stage of the pathway, started over the last
three years (so both the earlier procedure and the 2024 one are present), **all addressed to one certifier**
(the worst case: the biggest certifying ministries have tens of thousands of files), then measures
``acquis.pathways.selectors.worklist(scope="certifier", …)``: counts by computed status, deadlines coming
due, and the first page of 50 rows. Each measured call is a cold start of the memo of rule answers
(``status._value.cache_clear()``), as after a restart or at the first request of a new day; the warm
figure (same day, memo filled) is reported beside it. Goal: p95 ≤ 200 ms on PostgreSQL.

With ``ACQUIS_BENCH_TOTAL`` above ``ACQUIS_BENCH_CANDIDACIES``, the table is then filled up to that many rows
by copying the synthetic rows in SQL (``INSERT … SELECT … generate_series``: seconds, not the ORM), addressed to
fifty other certifiers: the measured certifier keeps its share while the table grows to ten times today's
national volume, so the figure says whether a worklist depends on the size of the table (it should not: each
part of the scope is read through its index).

Database: its own database ``acquis_bench_pathways`` on the server of ACQUIS_BENCH_PG_URL (``make bench``
exports it), dropped and recreated on each run. Without it, a SQLite file under bench/results/tmp/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import bench_database_url  # noqa: E402 — needs ROOT on the path
from bench.support.results import run_header, write_result  # noqa: E402

CANDIDACIES = int(os.environ.get("ACQUIS_BENCH_CANDIDACIES", "100000"))
TOTAL = int(os.environ.get("ACQUIS_BENCH_TOTAL", "0"))
RUNS = int(os.environ.get("ACQUIS_BENCH_RUNS", "30"))
OTHER_CERTIFIERS = 50
PG_DATABASE = os.environ.get("ACQUIS_BENCH_PG_DATABASE", "acquis_bench_pathways")  # distinct names: parallel runs
TARGET_MS = 200


def _database_url() -> tuple[str, str]:
    return bench_database_url(PG_DATABASE, "certifier_worklist.sqlite3")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _figures(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(_percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def _fill_up_to(total: int) -> int:
    """Copy the synthetic rows (all their columns, deadlines included) in SQL until the table holds ``total``
    candidacies, each copy addressed to one of OTHER_CERTIFIERS other certifiers."""
    from django.db import connection

    from acquis.accounts.enums import OrganisationKind
    from acquis.accounts.models import Organisation
    from acquis.pathways.models import Candidacy

    others = Organisation.objects.bulk_create(
        Organisation(
            siret=f"{90_000_000_000_000 + n:014d}", name=f"Autre certificateur {n}", kind=OrganisationKind.CERTIFIER
        )
        for n in range(OTHER_CERTIFIERS)
    )
    ids = ",".join(str(other.pk) for other in others)
    columns = [f.column for f in Candidacy._meta.concrete_fields if not f.primary_key]
    chosen = ", ".join(
        f"(ARRAY[{ids}])[1 + ((c.id + g) %% {OTHER_CERTIFIERS})]" if column == "certifier_id" else f"c.{column}"
        for column in columns
    )
    table = Candidacy._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        present = cursor.fetchone()[0]
        copies = -(-(total - present) // present)  # ceiling
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {chosen} FROM {table} c CROSS JOIN generate_series(1, %s) g "
            f"ORDER BY g, c.id LIMIT %s",
            [copies, total - present],
        )
        return cursor.rowcount


def main() -> None:
    url, database = _database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from acquis.accounts.enums import OrganisationKind
    from acquis.accounts.services import organisation_create
    from acquis.audit import context
    from acquis.certifications.models import Certification, CertificationCertifier
    from acquis.demo.synthetic_pathways import synthetic_candidacies_create
    from acquis.pathways import status
    from acquis.pathways.models import Candidacy
    from acquis.pathways.selectors import worklist
    from acquis.territories.models import Department
    from acquis.territories.services import territories_load

    call_command("migrate", verbosity=0)
    with context.bind(channel="cli", role="system"):
        territories_load()
        certifier = organisation_create(
            siret="11004301500012", name="Certificateur (mesure)", kind=OrganisationKind.CERTIFIER
        )
        accompanier = organisation_create(
            siret="44306184100047", name="Accompagnateur (mesure)", kind=OrganisationKind.ACCOMPANIER
        )
    certifications = []
    for n in range(20):
        certification = Certification.objects.create(
            code=f"RNCP9{n:04d}", title=f"Certification synthétique {n}", level=4, vae_accessible=True
        )
        CertificationCertifier.objects.create(
            certification=certification, position=1, siret=certifier.siret, name=certifier.name
        )
        certifications.append(certification)
    today = dt.date(2026, 11, 15)
    start = time.perf_counter()
    synthetic_candidacies_create(
        count=CANDIDACIES,
        certifier=certifier,
        certifications=certifications,
        departments=list(Department.objects.order_by("code")),
        accompanier=accompanier,
        today=today,
        seed=6,
        email_prefix="bench",
    )
    # Attestations asked for after one jury in four, half of them issued: the worklist counts those to issue.
    from acquis.pathways.enums import Stage
    from acquis.pathways.models import Attestation

    decided = list(Candidacy.objects.filter(stage=Stage.JURY_DECIDED).order_by("pk").values_list("pk", flat=True))
    Attestation.objects.bulk_create(
        Attestation(
            candidacy_id=pk,
            kind="result",
            requested_on=today,
            issued_on=today if n % 2 else None,
            reference=f"ATT-BENCH-{pk}" if n % 2 else None,
        )
        for n, pk in enumerate(decided[::4])
    )
    seed_s = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    copied = _fill_up_to(TOTAL) if TOTAL > CANDIDACIES and connection.vendor == "postgresql" else 0
    fill_s = round(time.perf_counter() - start, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def measure(cold: bool) -> float:
        if cold:
            status._value.cache_clear()
        begin = time.perf_counter()
        result = worklist(scope="certifier", organisation=certifier, on=today)
        elapsed = (time.perf_counter() - begin) * 1000
        assert len(result.rows) == 50 and sum(result.counts.values()) > 0
        return elapsed

    for _ in range(3):
        measure(cold=True)
    cold = [measure(cold=True) for _ in range(RUNS)]
    warm = [measure(cold=False) for _ in range(RUNS)]
    sample = worklist(scope="certifier", organisation=certifier, on=today)
    results = {
        **run_header("certifier_worklist"),
        "database": database,
        "candidacies_in_database": Candidacy.objects.count(),
        "candidacies_of_the_certifier": sample.total,
        "seed_bulk_s": seed_s,
        "rows_copied_in_sql": copied,
        "fill_sql_s": fill_s,
        "on": today.isoformat(),
        "page_size": 50,
        "counts": {code: n for code, n in sample.counts.items() if n},
        "due_within_14_days": sample.due_soon,
        "attestations_to_issue": sample.attestations_to_issue,
        "runs": RUNS,
        "cold_memo": _figures(cold),
        "warm_memo": _figures(warm),
        "target_p95_ms": TARGET_MS,
        "within_target": _percentile(cold, 0.95) <= TARGET_MS,
    }
    write_result("certifier_worklist", results)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if not results["within_target"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
