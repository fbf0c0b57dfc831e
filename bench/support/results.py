"""What every benchmark script shares: the nearest-rank percentile and the atomic write of its JSON result."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[1] / "results"


def run_header(name: str) -> dict[str, Any]:
    """What every result starts with: which benchmark, when, on which commit and which machine."""
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=RESULTS.parent, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "benchmark": name,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": commit or None,
        "machine": {"python": platform.python_version(), "machine": platform.machine(), "cpu_count": os.cpu_count()},
    }


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile: a latency that p % of the requests did not exceed."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def write_result(name: str, report: dict[str, Any]) -> Path:
    """bench/results/<name>.json, replaced in one step so that an interrupted run never leaves half a file."""
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{name}.json"
    partial = target.with_suffix(".json.tmp")
    partial.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    partial.replace(target)
    return target
