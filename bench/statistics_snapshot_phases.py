"""Phases of the statistics snapshot (issue 17), measured one by one: generate the synthetic pathways CSV (as
bench/statistics_engine.py does), DuckDB reading that CSV alone, the two keyed hashes per pathway alone, then
snapshot.write_events whole. Wall and CPU seconds are printed; bench/results/statistics_snapshot_phases.json records
one run (written by hand with the machine's load, since the figures mean little on a shared machine without it).

    .venv/bin/python bench/statistics_snapshot_phases.py 1000000
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import duckdb  # noqa: E402

from acquis.statistics import snapshot  # noqa: E402
from bench import statistics_engine as bench  # noqa: E402

LEAVE_HEADER = (
    "request_id,employee_id,request_received,certification,certification_level,candidate_level,answer_kind,"
    "answered_on,status,answer_due\n"
)


def _timed(label: str, function) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    print(f"{label}: {time.perf_counter() - wall:.1f} s (CPU {time.process_time() - cpu:.1f} s) {result or ''}")


def main(pathways: int) -> None:
    with tempfile.TemporaryDirectory(prefix="acquis-bench-phases-") as work:
        work = Path(work)
        con = duckdb.connect()
        con.execute("SET threads = 2")
        _timed("generate", lambda: bench._generate(con, work / "pathways.csv", pathways))
        (work / "choices.csv").write_text("candidacy_id,chosen_at\n")
        (work / "leave.csv").write_text(LEAVE_HEADER)
        reader = duckdb.connect()
        reader.execute("SET threads = 2")
        csv_sql = snapshot._read_csv(work / "pathways.csv", snapshot.PATHWAY_TYPES)
        _timed("read csv", lambda: reader.execute(f"CREATE TABLE p AS SELECT * FROM {csv_sql}").fetchall())
        person = snapshot.hmac_sql(bench.KEY, "'person:' || candidate_id::VARCHAR")
        pathway = snapshot.hmac_sql(bench.KEY, "'pathway:' || candidacy_id::VARCHAR")
        keys_sql = f"SELECT sum({person}::HUGEINT + {pathway}::HUGEINT) FROM p"
        _timed("two keyed hashes", lambda: reader.execute(keys_sql).fetchall())
        _timed(
            "write_events",
            lambda: snapshot.write_events(
                pathways_csv=work / "pathways.csv",
                choices_csv=work / "choices.csv",
                leave_csv=work / "leave.csv",
                target=work / "events.parquet",
                on=bench.ON,
                key=bench.KEY,
                threads=2,
            ),
        )
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main(int(sys.argv[1]))
