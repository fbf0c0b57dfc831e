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


def test_bounds_give_back_what_linear_algebra_does_not():
    """Hidden: 5 and 40 with two zeros as partners. No value is determined by the equations alone (a rectangle), but
    the zeros' column adds up to 0 and counts are ≥ 0: both zeros are pinned, then 5 and 40 by their rows."""
    problem = grid([[5, 0, 30], [40, 0, 50]])
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert secrecy._determined(*secrecy._equations(problem, hidden)) == set()
    assert secrecy.bounds(problem, hidden)[(0, 0)] == (5, 5)
    assert secrecy.exposed(problem, hidden) == {(0, 0), (1, 0)}
    protected = secrecy.protect(problem)
    assert (0, 0) in protected and secrecy.exposed(problem, protected) == set()
    assert secrecy.bounds(problem, protected)[(0, 0)] != (5, 5)


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


class _Counts:
    """An engine answering the open data's one query with fixed counts (the tables' secrecy is tested on them)."""

    def __init__(self, rows):
        self.rows_ = rows

    def rows(self, sql, params=()):
        del sql, params
        return self.rows_


CERTIFICATION_COUNTS = [
    # (RNCP code, level, year, registrations): hand-made, with small cells in a row and a column.
    ("RNCP1", 3, 2024, 4),
    ("RNCP1", 3, 2025, 30),
    ("RNCP2", 3, 2024, 25),
    ("RNCP2", 3, 2025, 40),
    ("RNCP3", 4, 2024, 12),
    ("RNCP3", 4, 2025, 7),
    ("RNCP4", 4, 2024, 50),
    ("RNCP4", 4, 2025, 60),
    ("RNCP5", 5, 2024, 2),
]


def test_published_certification_table_resists_the_attack():
    from acquis.statistics.opendata import _nested, _nested_rows

    table = _nested(
        _Counts(CERTIFICATION_COUNTS), "certification", "certification_level", ("certification", "niveau_rncp")
    )
    rows = _nested_rows(table, secrecy.protect(table))
    owners = {code: level for code, level, _y, _c in CERTIFICATION_COUNTS}
    truth = {(code, year): count for code, _l, year, count in CERTIFICATION_COUNTS}
    # The member's own totals over the years are margins too: the table nests them under niveau "certification".
    members = {(r["code"], r["annee"]) for r in rows if r["niveau"] == "certification" and r["annee"] != "Total"}
    published = [r for r in rows if not (r["niveau"] == "certification" and r["annee"] == "Total")]
    cell_rows = [r for r in published if r["niveau"] == "certification"]
    assert {(r["code"], r["annee"]) for r in cell_rows} == members
    # Primary secrecy: every published count is 0 or at least 11.
    assert all(r["inscriptions"] is None or r["inscriptions"] == 0 or r["inscriptions"] >= 11 for r in rows)
    secret = {(r["code"], r["annee"]) for r in cell_rows if r["inscriptions"] is None}
    assert {("RNCP1", 2024), ("RNCP3", 2025), ("RNCP5", 2024)} <= secret
    # Attack with every published equation, the members' totals included.
    cells = {(r["code"], r["annee"]): truth.get((r["code"], r["annee"]), 0) for r in cell_rows}
    margins, hidden = {}, set(secret)
    for r in rows:
        if r["niveau"] == "certification" and r["annee"] != "Total":
            continue
        if r["niveau"] == "certification":
            chosen = {c for c in cells if c[0] == r["code"]}
        elif r["niveau"] == "niveau_rncp":
            chosen = {c for c in cells if owners[c[0]] == r["code"] and (r["annee"] == "Total" or c[1] == r["annee"])}
        else:
            chosen = {c for c in cells if r["annee"] == "Total" or c[1] == r["annee"]}
        key = (r["niveau"], r["code"], r["annee"])
        margins[key] = (frozenset(chosen), sum(cells[c] for c in chosen))
        if r["inscriptions"] is None:
            hidden.add(key)
        else:
            assert r["inscriptions"] == margins[key][1]
    problem = secrecy.Problem(cells, margins)
    assert secrecy.exposed(problem, secrecy.primary(problem)), "primary suppression alone must leak here"
    assert secrecy.exposed(problem, hidden) == set()


def test_published_month_table_resists_the_attack():
    from acquis.statistics.opendata import _month_rows, _months

    counts = [("2024-05", 2024, 30), ("2024-06", 2024, 3), ("2024-07", 2024, 25), ("2025-01", 2025, 40)]
    table = _months(_Counts(counts))
    rows = _month_rows(table, secrecy.protect(table))
    by = {(r["niveau"], r["code"]): r["inscriptions"] for r in rows}
    assert by[("mois", "2024-06")] is None  # 3 < 11
    assert by[("annee", "2024")] == 58 or by[("mois", "2024-05")] is None or by[("mois", "2024-07")] is None
    cells = {m: c for m, _y, c in counts}
    margins = {
        ("annee", "2024"): (frozenset({"2024-05", "2024-06", "2024-07"}), 58),
        ("annee", "2025"): (frozenset({"2025-01"}), 40),
        ("national", "FR"): (frozenset(cells), 98),
    }
    hidden = {m for m in cells if by[("mois", m)] is None} | {k for k in margins if by[k] is None}
    problem = secrecy.Problem(cells, margins)
    assert secrecy.exposed(problem, secrecy.primary(problem)) == {"2024-06"}  # 58 − 30 − 25: the attack works
    assert secrecy.exposed(problem, hidden) == set()
    for key, (_m, value) in margins.items():
        assert by[key] in (None, value)
