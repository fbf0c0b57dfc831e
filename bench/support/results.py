"""What every benchmark script shares: the nearest-rank percentile and the atomic write of its JSON result."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[1] / "results"


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
