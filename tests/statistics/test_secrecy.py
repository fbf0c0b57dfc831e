"""Statistical secrecy: an attacker holding every published value tries to recover each secret cell."""

from __future__ import annotations

import csv
import random

from acquis.statistics import secrecy
from acquis.statistics.opendata import SECRET


def grid(values: list[list[int]]) -> secrecy.Problem:
    """A table with its row totals, column totals and grand total published."""
    cells = {(i, j): v for i, row in enumerate(values) for j, v in enumerate(row)}
    rows, cols = len(values), len(values[0])
    margins = {("row", i): (frozenset((i, j) for j in range(cols)), sum(values[i])) for i in range(rows)}
    margins |= {("col", j): (frozenset((i, j) for i in range(rows)), sum(r[j] for r in values)) for j in range(cols)}
    margins[("all",)] = (frozenset(cells), sum(cells.values()))
    return secrecy.Problem(cells, margins)


def test_primary_suppression_alone_gives_the_cell_back():
    problem = grid([[3, 20, 40], [15, 30, 25], [12, 18, 50]])
    hidden = secrecy.primary(problem)
    assert hidden == {(0, 0)}
    assert secrecy.exposed(problem, hidden) == {(0, 0)}  # row total − the two others = 3: the attack works


def test_secondary_suppression_defeats_the_attack():
    problem = grid([[3, 20, 40], [15, 30, 25], [12, 18, 50]])
    hidden = secrecy.protect(problem)
    assert (0, 0) in hidden and len(hidden) >= 4  # a rectangle at least
    assert secrecy.exposed(problem, hidden) == set()
    low, high = secrecy.bounds(problem, hidden)[(0, 0)]
    assert low < 3 < high or (low <= 3 <= high and low < high)


def test_two_small_cells_in_one_row_are_not_enough():
    # Two secret cells in the same row and nothing else in their columns: the column totals give them back.
    problem = grid([[2, 4, 40], [15, 30, 25]])
    assert secrecy.exposed(problem, {(0, 0), (0, 1)})
    hidden = secrecy.protect(problem)
    assert secrecy.exposed(problem, hidden) == set()


def test_random_tables_never_leak():
    rng = random.Random(17)
    for _ in range(30):
        values = [[rng.choice([0, 1, 2, 5, 9, 12, 25, 40, 80]) for _ in range(5)] for _ in range(6)]
        problem = grid(values)
        hidden = secrecy.protect(problem)
        assert secrecy.primary(problem) <= hidden
        assert secrecy.exposed(problem, hidden) == set()


def test_a_small_total_is_secret_too():
    problem = grid([[3, 4], [2, 1]])
    hidden = secrecy.protect(problem)
    assert ("all",) in hidden and secrecy.exposed(problem, hidden) == set()


def _published(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_published_registrations_table_resists_the_attack(snapshot):
    """Rebuild, from the public CSV alone, the equations département/région/national and try every secret cell."""
    rows = _published(snapshot.opendata / "inscriptions_departement_annee.csv")
    cells, margins_rows = {}, []
    for row in rows:
        value = None if row["inscriptions"] == SECRET else int(row["inscriptions"])
        if row["niveau"] == "departement":
            cells[(row["code"], row["annee"])] = value
        else:
            margins_rows.append((row["niveau"], row["code"], row["annee"], value))
    secret = {k for k, v in cells.items() if v is None}
    assert secret  # the small data set has départements with fewer than 11 registrations
    assert all(v is None or v >= 11 or v == 0 for v in cells.values())
    # The attacker's problem: secret cells unknown (true values unknown to them: use 0 — only the structure and
    # the published values matter), published margins known.
    years = sorted({y for _d, y in cells})
    members = {}
    for level, code, year, value in margins_rows:
        if level == "national":
            chosen = [k for k in cells if year == "Total" or k[1] == year]
        else:  # région: every département of this data set is in région 76
            chosen = [k for k in cells if year == "Total" or k[1] == year]
        members[(level, code, year)] = (frozenset(chosen), value)
    known_cells = {k: (v or 0) for k, v in cells.items()}
    hidden = secret | {k for k, (_m, v) in members.items() if v is None}
    problem = secrecy.Problem(known_cells, {k: (m, v or 0) for k, (m, v) in members.items()})
    assert secrecy._determined(*secrecy._equations(problem, hidden)) == set()
    assert years
