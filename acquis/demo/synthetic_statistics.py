"""Synthetic registration events for the secrecy benchmark and tests, with a deterministic seed: the shape of the
real open data (101 départements in their régions, the France VAE catalogue's certifications and levels, six
years of months), counts spread the way real ones are — a population-like spread over départements (the largest
about 15 times the smallest) and a Zipf law over certifications, whose long tail makes the small cells secondary
suppression has to protect. Only the columns the open data's registration tables read are filled."""

from __future__ import annotations

import csv
import random
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

YEARS = range(2021, 2027)
COLUMNS = {
    "event": "VARCHAR", "domain": "VARCHAR", "event_year": "INTEGER", "event_month": "VARCHAR",
    "department": "VARCHAR", "region": "VARCHAR", "certification": "VARCHAR", "certification_level": "INTEGER",
}  # fmt: skip


def _reference() -> Path:
    return Path(__file__).resolve().parents[2] / "data" / "reference"  # no Django needed: the bench runs without


def departments() -> list[tuple[str, str]]:
    """(département, région) for the 101 départements."""
    with (_reference() / "territories.csv").open(encoding="utf-8") as handle:
        return [(row["departement_code"], row["region_code"]) for row in csv.DictReader(handle)]


def certifications(count: int | None = None) -> list[tuple[str, int | None]]:
    """(RNCP code, level) of the catalogue's certifications; with ``count`` beyond it, synthetic ones
    (RNCP9xxxxx, levels 3 to 7) up to that number — a catalogue as large as the RNCP's fiches open to VAE."""
    path = min(_reference().glob("france-vae-certifications-*.csv"))
    with path.open(encoding="utf-8") as handle:
        known = [(row["rncp_code"], int(row["level"]) if row["level"] else None) for row in csv.DictReader(handle)]
    extra = max(0, (count or 0) - len(known))
    return known + [(f"RNCP9{i:05d}", 3 + i % 5) for i in range(extra)]


def registrations(count: int, *, seed: int = 17, catalogue: int | None = None) -> list[tuple]:
    """``count`` registration events as rows in COLUMNS order."""
    rng = random.Random(seed)
    places, titles = departments(), certifications(catalogue)
    rng.shuffle(places)
    rng.shuffle(titles)
    chosen_places = rng.choices(places, [1 / (1 + i / 8) for i in range(len(places))], k=count)
    chosen_titles = rng.choices(titles, [1 / (1 + i) for i in range(len(titles))], k=count)
    rows = []
    for (department, region), (code, level) in zip(chosen_places, chosen_titles, strict=True):
        year, month = rng.choice(YEARS), rng.randint(1, 12)
        rows.append(("registered", "pathway", year, f"{year}-{month:02d}", department, region, code, level))
    return rows


class RowsEngine:
    """The open data's queries (``acquis.statistics.engine.Engine``) on an in-memory DuckDB table of such rows,
    loaded through a CSV file (row by row inserts of 100,000 events take a minute)."""

    def __init__(self, rows: Sequence[tuple]):
        self.con = duckdb.connect()
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "events.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows(rows)
            types = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items())
            self.con.execute(
                f"CREATE TABLE events AS SELECT * FROM read_csv('{path}', header = false, columns = {{{types}}})"
            )

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql.format(events="events"), list(params)).fetchall()
