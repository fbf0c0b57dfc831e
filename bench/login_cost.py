"""CPU cost of one password check at login (security review M3), with the production hasher.

Django's default hasher (PBKDF2-SHA256, the iteration count of the installed Django) is what production uses
(config/settings/base.py sets no PASSWORD_HASHERS; the tests use MD5 for speed). Every refused password costs
one full check: this is what login throttling (django-axes, AXES_FAILURE_LIMIT) bounds per account and per
address. Single process, single thread; the figure is one core's time.

Writes bench/results/login_cost.json (median and p95 in ms, iterations, guesses per core-second).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402

RUNS = int(os.environ.get("ACQUIS_BENCH_RUNS", "20"))
RESULT = Path(__file__).parent / "results" / "login_cost.json"


def main() -> None:
    hasher = PBKDF2PasswordHasher()
    encoded = hasher.encode("Un-mot-de-passe-solide-2026", hasher.salt())
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        assert not hasher.verify("mauvais-mot-de-passe", encoded)  # what check_password does for this hasher
        times.append((time.process_time() - start) * 1000)
    median = statistics.median(times)
    result = {
        "benchmark": "login_cost",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} CPU, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "hasher": hasher.algorithm,
        "iterations": hasher.iterations,
        "runs": RUNS,
        "cpu_ms_median": round(median, 1),
        "cpu_ms_p95": round(sorted(times)[int(0.95 * (RUNS - 1))], 1),
        "wrong_guesses_per_core_second": round(1000 / median, 1),
        "throttle": {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": settings.AXES_COOLOFF_TIME.total_seconds() / 60,
            "cpu_seconds_per_address_or_account_per_cooloff": round(settings.AXES_FAILURE_LIMIT * median / 1000, 2),
        },
        "note": "CPU time of the process (time.process_time), on a machine shared with other jobs.",
    }
    RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
