"""Benchmark of the open data's statistical secrecy (issue 17); writes bench/results/statistics_secrecy.json.

    .venv/bin/python bench/statistics_secrecy.py     # 20,000 and 100,000 registrations, then the stress case
    ACQUIS_BENCH_SECRECY_SIZES=20000,100000x4000 .venv/bin/python bench/statistics_secrecy.py
    ACQUIS_BENCH_SECRECY_PROFILE=1 .venv/bin/python bench/statistics_secrecy.py   # + cProfile's top functions

For each size, synthetic registration events (``acquis.demo.synthetic_statistics``, fixed seed) are put in a DuckDB
table with the snapshot's columns: 101 départements with their régions, weighted like a population, the 243
certifications of the France VAE catalogue with their levels, weighted by a Zipf law (a few popular, a long tail
of rare ones), over six years and their 72 months; ``NxM`` takes M certifications instead (the catalogue's, then
synthetic ones: a stress case as large as the RNCP). ``opendata.registration_problems`` builds the three
registration tables exactly as the open data publishes them (département × year with région and national totals,
certification × year with level and national totals, month with year totals), and ``secrecy.protect`` protects
them **jointly** (one problem) — the measured step, including its own exact audits (their number is recorded).
The result is audited once more by ``secrecy.exposed`` (timed apart; it must find nothing) and the hidden cells
are counted. Goal: 20,000 registrations within 5 s, 100,000 within 30 s. Wall and CPU time and the load average
before and after are recorded: the machine is shared, the CPU time is the fairer figure.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.results import run_header, write_result  # noqa: E402

# registrations[xcertifications]: the catalogue's 243 certifications unless given.
SIZES = os.environ.get("ACQUIS_BENCH_SECRECY_SIZES", "20000,100000,100000x4000").split(",")
PROFILE = os.environ.get("ACQUIS_BENCH_SECRECY_PROFILE") == "1"
TARGETS_S = {20000: 5, 100000: 30}


def _timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, round(time.perf_counter() - wall, 3), round(time.process_time() - cpu, 3)


def measure(size: str) -> dict:
    from acquis.demo import synthetic_statistics as synthetic
    from acquis.statistics import opendata, secrecy

    count, _x, certifications = size.partition("x")
    count = int(count)
    engine = synthetic.RowsEngine(
        synthetic.registrations(count, catalogue=int(certifications) if certifications else None)
    )
    problems = opendata.registration_problems(engine)
    problem = secrecy.combine(*problems.values())
    primary = secrecy.primary(problem)
    profile = cProfile.Profile() if PROFILE else None
    audit, rounds = secrecy.exposed, []

    def counted(*args):  # how many times protect runs the exact audit
        rounds.append(1)
        return audit(*args)

    load_before = os.getloadavg()[0]
    secrecy.exposed = counted
    if profile:
        profile.enable()
    try:
        hidden, wall, cpu = _timed(secrecy.protect, problem)
    finally:
        secrecy.exposed = audit
        if profile:
            profile.disable()
    load_after = os.getloadavg()[0]
    leaks, audit_wall, audit_cpu = _timed(secrecy.exposed, problem, hidden)
    cells_hidden = {name: sum(1 for key in p.cells if key in hidden) for name, p in problems.items()}
    result = {
        "registrations": count,
        "certifications": len({key[1] for key in problems["inscriptions_certification_annee"].cells}),
        "cells": {name: len(p.cells) for name, p in problems.items()},
        "published_totals": len(problem.margins),
        "identities": len(problem.identities),
        "primary_hidden": len(primary),
        "hidden_total": len(hidden),
        "hidden_cells_by_table": cells_hidden,
        "hidden_totals": sum(1 for key in problem.margins if key in hidden),
        "registrations_in_hidden_cells": sum(v for k, v in problem.cells.items() if k in hidden),
        "protect_s": wall,
        "protect_cpu_s": cpu,
        "audit_rounds_in_protect": len(rounds),
        "audit_s": audit_wall,
        "audit_cpu_s": audit_cpu,
        "exposed_after_protect": len(leaks),
        "load_average_1min": [round(load_before, 1), round(load_after, 1)],
        "target_s": TARGETS_S.get(count) if not certifications else None,
    }
    if profile:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(15)
        print(out.getvalue())
    return result


def main() -> None:
    report = run_header("statistics_secrecy")
    report["runs"] = []
    for size in SIZES:
        run = measure(size)
        report["runs"].append(run)
        print(
            f"{size:>11} registrations: protect {run['protect_s']} s (cpu {run['protect_cpu_s']} s), "
            f"{run['audit_rounds_in_protect']} audit rounds, final audit {run['audit_s']} s, "
            f"hidden {run['hidden_total']} (primary {run['primary_hidden']}), "
            f"exposed {run['exposed_after_protect']}, load {run['load_average_1min']}"
        )
    report["within_target"] = all(
        run["exposed_after_protect"] == 0 and (run["target_s"] is None or run["protect_s"] <= run["target_s"])
        for run in report["runs"]
    )
    print(write_result("statistics_secrecy", report))


if __name__ == "__main__":
    main()
