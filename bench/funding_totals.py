"""Benchmark of a funder's totals (issue 16); writes bench/results/funding_totals.json.

    ACQUIS_BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/funding_totals.py

Seeds 10,000 synthetic candidacies (``acquis.demo.synthetic_pathways``) and 100,000 funding requests over them in
bulk (no audit events: background rows), 90 % addressed to the measured funder, spread over three years,
every département and every state, then measures ``acquis.funding.selectors.funder_totals``: the count and
sums by status, by territory (département) and by month of submission. Goal: p95 ≤ 300 ms on PostgreSQL.

Database: its own database ``acquis_bench_funding`` on the server of ACQUIS_BENCH_PG_URL (``make bench``
exports it), dropped and recreated on each run. Without it, a SQLite file under bench/results/tmp/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import bench_database_url  # noqa: E402 — needs ROOT on the path
from bench.support.results import percentile, run_header, write_result  # noqa: E402

REQUESTS = int(os.environ.get("ACQUIS_BENCH_FUNDING_REQUESTS", "100000"))
CANDIDACIES = 10_000
RUNS = int(os.environ.get("ACQUIS_BENCH_RUNS", "30"))
TARGET_MS = 300


def main() -> None:
    # ACQUIS_BENCH_FUNDING_DB: another database name, so that two runs on one server do not drop each other's.
    name = os.environ.get("ACQUIS_BENCH_FUNDING_DB", "acquis_bench_funding")
    url, database = bench_database_url(name, "funding_totals.sqlite3")
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
    from acquis.funding.models import Funder, FundingRequest
    from acquis.funding.selectors import funder_totals
    from acquis.pathways.models import Candidacy
    from acquis.territories.models import Department
    from acquis.territories.services import territories_load

    call_command("migrate", verbosity=0)
    with context.bind(channel="cli", role="system"):
        territories_load()
        certifier = organisation_create(siret="11004301500012", name="Certificateur (mesure)", kind="certifier")
        accompanier = organisation_create(
            siret="44306184100047", name="Accompagnateur (mesure)", kind=OrganisationKind.ACCOMPANIER
        )
        measured_org = organisation_create(siret="85142349800019", name="OPCO (mesure)", kind="funder")
        other_org = organisation_create(siret="13003013300016", name="Région (mesure)", kind="funder")
    certification = Certification.objects.create(code="RNCP90001", title="Certification synthétique", level=4)
    CertificationCertifier.objects.create(
        certification=certification, position=1, siret=certifier.siret, name=certifier.name
    )
    departments = list(Department.objects.order_by("code"))
    today = dt.date(2026, 11, 15)
    start = time.perf_counter()
    synthetic_candidacies_create(
        count=CANDIDACIES,
        certifier=certifier,
        certifications=[certification],
        departments=departments,
        accompanier=accompanier,
        today=today,
        seed=16,
        email_prefix="benchfunding",
    )
    measured = Funder.objects.create(kind="opco", name="OPCO (mesure)", organisation=measured_org)
    other = Funder.objects.create(kind="region", name="Région (mesure)", organisation=other_org)
    candidacies = list(Candidacy.objects.values_list("pk", "department_id"))
    rng = random.Random(16)
    states = ["draft", "submitted", "decided", "decided"]
    rows = []
    for n in range(REQUESTS):
        pk, department_id = candidacies[n % len(candidacies)]
        submitted = today - dt.timedelta(days=rng.randrange(3 * 365))
        state = rng.choice(states)
        asked = Decimal(rng.randrange(10_000, 300_000)) / 100
        rows.append(
            FundingRequest(
                funder=measured if n % 10 else other,
                candidacy_id=pk,
                department_id=department_id,
                certification_title="Certification synthétique",
                period_start=submitted,
                period_end=submitted + dt.timedelta(days=180),
                state=state,
                created_on=submitted,
                submitted_on=None if state == "draft" else submitted,
                submitted_month=None if state == "draft" else submitted.replace(day=1),
                requested_total=asked,
                granted_total=asked if state == "decided" else Decimal("0.00"),
            )
        )
    FundingRequest.objects.bulk_create(rows, batch_size=5000)
    seed_s = round(time.perf_counter() - start, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def measure() -> float:
        begin = time.perf_counter()
        totals = funder_totals(measured)
        elapsed = (time.perf_counter() - begin) * 1000
        assert totals.count > 0 and totals.by_month and totals.by_territory
        return elapsed

    for _ in range(3):
        measure()
    times = sorted(measure() for _ in range(RUNS))
    sample = funder_totals(measured)
    results = {
        **run_header("funding_totals"),
        "database": database,
        "requests_in_database": FundingRequest.objects.count(),
        "requests_of_the_funder": FundingRequest.objects.filter(funder=measured).count(),
        "requests_counted": sample.count,
        "territories": len(sample.by_territory),
        "months": len(sample.by_month),
        "seed_bulk_s": seed_s,
        "runs": RUNS,
        # The machine's load while measuring: the figures are only comparable at a similar load.
        "load_average_1_5_15": [round(x, 1) for x in os.getloadavg()],
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "target_p95_ms": TARGET_MS,
        "within_target": percentile(times, 95) <= TARGET_MS,
    }
    write_result("funding_totals", results)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if not results["within_target"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
