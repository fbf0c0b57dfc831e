"""Cross-table secondary suppression: the registration tables (by département, by certification, by month) publish
the same national totals, so they are protected as one problem; an attacker reading them together
(tests/statistics/attacker.py, independent of the secrecy module) recovers no secret value."""

from __future__ import annotations

import csv
import random

import duckdb
import pytest

from acquis.statistics import secrecy
from acquis.statistics.opendata import registration_tables
from tests.statistics import attacker

DEPARTMENTS = {"01": "84", "03": "84", "75": "11", "77": "11", "971": "01"}
CERTIFICATIONS = {"RNCP1": 3, "RNCP2": 3, "RNCP3": 4, "RNCP4": 5}
PARENTS = {"departement": DEPARTMENTS, "certification": {k: str(v) for k, v in CERTIFICATIONS.items()}}


class EventsEngine:
    """The open data's queries on a DuckDB table of registration events made here."""

    def __init__(self, rows):
        self.con = duckdb.connect()
        self.con.execute(
            "CREATE TABLE events (event VARCHAR, domain VARCHAR, event_year INTEGER, event_month VARCHAR, "
            "department VARCHAR, region VARCHAR, certification VARCHAR, certification_level INTEGER)"
        )
        self.con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def rows(self, sql, params=()):
        return self.con.execute(sql.format(events="events"), list(params)).fetchall()


def registrations(seed: int) -> list[tuple]:
    """Registrations spread over 5 départements, 4 certifications, 2 years and a few months (small counts)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randint(20, 200)):
        department, certification = rng.choice(list(DEPARTMENTS)), rng.choice(list(CERTIFICATIONS))
        year = rng.choice([2024, 2025])
        month = rng.choice([1, 2, 3, 6, 9] if rng.random() < 0.7 else [11])
        rows.append(
            ("registered", "pathway", year, f"{year}-{month:02d}", department, DEPARTMENTS[department],
             certification, CERTIFICATIONS[certification])
        )  # fmt: skip
    return rows


def _truth(rows, name):
    """The true value of a published name (to check that what the attacker finds is the real count)."""
    level, code, *year = name
    year = year[0] if year else None
    if level == "mois":
        return sum(1 for r in rows if r[3] == code)
    column = {"departement": 4, "region": 5, "certification": 6, "niveau_rncp": 7, "national": None}[level]
    return sum(
        1 for r in rows if (column is None or str(r[column]) == code) and (year == "Total" or str(r[2]) == year)
    )


def test_table_by_table_protection_leaks_through_the_other_tables():
    """Seed 5: the département table hides the national total of 2024, the month table publishes it (90): with it
    the attacker gives back the secret counts of the département 971 (alone in its région)."""
    rows = registrations(5)
    alone = registration_tables(EventsEngine(rows), jointly=False)
    national = {(r["niveau"], r["annee"]): r["inscriptions"] for r in alone["inscriptions_departement_annee"]}
    months = {(r["niveau"], r["code"]): r["inscriptions"] for r in alone["inscriptions_mois"]}
    assert national[("national", 2024)] is None and months[("annee", "2024")] == 90
    found = attacker.leaks(alone, PARENTS)
    assert ("departement", "971", "2024") in found
    assert all(value == _truth(rows, name) for name, value in found.items())  # real counts, not artefacts
    assert any(0 < value < secrecy.THRESHOLD for value in found.values())  # a primary secret among them


@pytest.mark.parametrize("seed", [5, 10, 22, 31])  # table by table leaks: département, certification, total
def test_joint_protection_resists_the_attack_where_table_by_table_leaked(seed):
    rows = registrations(seed)
    engine = EventsEngine(rows)
    assert attacker.leaks(registration_tables(engine, jointly=False), PARENTS)
    tables = registration_tables(engine)
    assert attacker.leaks(tables, PARENTS) == {}
    # The same total has the same fate in every table that publishes it.
    totals = {}
    for table_rows in tables.values():
        for row in table_rows:
            if row["niveau"] in ("national", "annee"):
                year = row["code"] if row["niveau"] == "annee" else row.get("annee", "Total")
                totals.setdefault(str(year), set()).add(row["inscriptions"] is None)
    assert all(len(fates) == 1 for fates in totals.values()), totals


def test_random_datasets_never_leak_when_protected_together():
    for seed in range(40, 46):
        rows = registrations(seed)
        tables = registration_tables(EventsEngine(rows))
        for table_rows in tables.values():
            assert all(
                r["inscriptions"] is None or r["inscriptions"] == 0 or r["inscriptions"] >= 11 for r in table_rows
            )
        assert attacker.leaks(tables, PARENTS) == {}, seed


def test_the_attacker_finds_what_primary_suppression_alone_leaves():
    """The attacker is not blind: with only the small counts hidden it recovers them from the margins."""
    rows = registrations(5)
    tables = registration_tables(EventsEngine(rows), jointly=False)
    for table, table_rows in tables.items():
        for row in table_rows:  # every value published: then hide only the small ones
            if row["inscriptions"] is None:
                row["inscriptions"] = _truth(rows, attacker._canonical(table, row))
    primary = {
        table: [
            r | {"inscriptions": None if 0 < r["inscriptions"] < secrecy.THRESHOLD else r["inscriptions"]} for r in rs
        ]
        for table, rs in tables.items()
    }
    found = attacker.leaks(primary, PARENTS)
    assert found and all(value == _truth(rows, name) for name, value in found.items())


def test_the_published_files_of_a_snapshot_resist_the_joint_attack(snapshot):
    from acquis.territories.models import Department

    tables = {}
    for name in attacker.REGISTRATION_TABLES:
        with (snapshot.opendata / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            tables[name] = list(csv.DictReader(handle))
    assert any(r["inscriptions"] == "s" for r in tables["inscriptions_departement_annee"])
    levels = {r["code"]: None for r in tables["inscriptions_certification_annee"] if r["niveau"] == "certification"}
    from acquis.certifications.models import Certification

    # A certification without a level is published under « inconnu » (not the text "None").
    levels |= {
        c.code: None if c.level is None else str(c.level) for c in Certification.objects.filter(code__in=list(levels))
    }
    levels = {code: level or "inconnu" for code, level in levels.items()}
    parents = {
        "departement": {d.code: d.region.code for d in Department.objects.select_related("region")},
        "certification": levels,
    }
    assert attacker.leaks(tables, parents) == {}
