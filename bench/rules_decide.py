"""Benchmark: one in-process `leave.status` decision, with sources and trace (goal: median ≤ 50 µs).

Standalone: `.venv/bin/python bench/rules_decide.py` writes bench/results/rules_decide.json.
Measures `Registry.decide` (parse facts, select the version, read dated parameters, build the Decision with
its sources and trace tree) and, separately, the same plus `Decision.to_json()`.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from acquis.rules.catalogue import default_registry  # noqa: E402

FACTS = {
    "request_received": "2024-03-01",
    "answer": {"date": "2024-03-05", "kind": "postpone", "postponed_to": "2024-03-25", "reasons": ["inventaire"]},
    "on": "2024-03-06",
}
RUNS = 20_000


def measure(fn, runs: int = RUNS) -> dict[str, float]:
    for _ in range(1_000):  # warm-up
        fn()
    samples = []
    clock = time.perf_counter_ns
    for _ in range(runs):
        start = clock()
        fn()
        samples.append(clock() - start)
    samples.sort()
    return {
        "median_us": round(statistics.median(samples) / 1000, 2),
        "p95_us": round(samples[int(0.95 * len(samples)) - 1] / 1000, 2),
        "runs": runs,
    }


def main() -> int:
    registry = default_registry()
    decision = registry.decide("leave.status", FACTS)
    assert decision.value == "postponed" and decision.sources and decision.trace.children
    results = {
        "benchmark": "leave.status decision, in process, with sources and trace",
        "goal_median_us": 50,
        "decide": measure(lambda: registry.decide("leave.status", FACTS)),
        "decide_and_to_json": measure(lambda: registry.decide("leave.status", FACTS).to_json()),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "ruleset_hash": registry.ruleset_hash,
    }
    out = ROOT / "bench" / "results" / "rules_decide.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
