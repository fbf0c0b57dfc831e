"""Secondary suppression at the open data's real shape and size (``acquis.demo.synthetic_statistics``: 101
départements, the catalogue's certifications, six years of months), its determinism, and the audit
(``secrecy.exposed``, which ``protect`` relies on) checked against the independent attacker
(tests/statistics/attacker.py) on sparse and dense random data."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from acquis.demo import synthetic_statistics as synthetic
from acquis.statistics import opendata, secrecy
from tests.statistics import attacker

ROOT = Path(__file__).resolve().parents[2]


def _problems(rows) -> tuple[dict[str, secrecy.Problem], secrecy.Problem]:
    problems = opendata.registration_problems(synthetic.RowsEngine(rows))
    return problems, secrecy.combine(*problems.values())


@pytest.mark.parametrize("count", [2_000, 20_000])
def test_real_shape_is_protected_in_few_audits(count, monkeypatch):
    """The local rule leaves the exact audit (the costly step) little to add: one or two audits, not one per
    hidden cell as before (the former protect ran 100 audits at 3,000 registrations)."""
    _problems_by_table, problem = _problems(synthetic.registrations(count))
    audit, audits = secrecy.exposed, []
    monkeypatch.setattr(secrecy, "exposed", lambda *args: audits.append(args) or audit(*args))
    hidden = secrecy.protect(problem)
    primary = secrecy.primary(problem)
    assert primary <= hidden and hidden - primary  # secondary suppression was needed and done
    assert audit(problem, hidden) == set()
    assert len(audits) <= 3


def test_the_audit_finds_what_the_local_rule_cannot_see():
    """Every line of this 4 × 4 table has two hidden cells or more, yet (0, 2) joins two rectangles: rows 0 and 1
    less columns 0 and 1 give it back. ``protect`` on the same table, starting from these cells, ends safe."""
    values = [[20, 30, 40, 50], [25, 35, 45, 55], [60, 70, 12, 13], [80, 90, 14, 15]]
    cells = {(i, j): v for i, row in enumerate(values) for j, v in enumerate(row)}
    margins = {("row", i): (frozenset((i, j) for j in range(4)), sum(values[i])) for i in range(4)}
    margins |= {("col", j): (frozenset((i, j) for i in range(4)), sum(r[j] for r in values)) for j in range(4)}
    problem = secrecy.Problem(cells, margins)
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)}
    assert secrecy.exposed(problem, hidden) == {(0, 2)}
    lines = secrecy._Lines(problem, set(hidden))
    lines.settle()
    assert lines.hidden == hidden  # nothing for the local rule to do: only the audit sees it


def _shuffled(problem: secrecy.Problem, rng: random.Random) -> secrecy.Problem:
    def shuffled(mapping):
        items = list(mapping.items())
        rng.shuffle(items)
        return dict(items)

    return secrecy.Problem(
        shuffled(problem.cells), shuffled(problem.margins), rng.sample(problem.identities, len(problem.identities))
    )


PROTECT_IN_ANOTHER_PROCESS = """
from acquis.demo import synthetic_statistics as synthetic
from acquis.statistics import opendata, secrecy
problems = opendata.registration_problems(synthetic.RowsEngine(synthetic.registrations(3000, seed=5)))
print(sorted(map(repr, secrecy.protect(secrecy.combine(*problems.values())))))
"""


def test_same_tables_same_suppression():
    """Whatever order the query's rows come in and however sets iterate (another process, another hash seed)."""
    _problems_by_table, problem = _problems(synthetic.registrations(3000, seed=5))
    first = secrecy.protect(problem)
    assert secrecy.protect(_shuffled(problem, random.Random(1))) == first
    assert secrecy.protect(_shuffled(problem, random.Random(2))) == first
    for hash_seed in ("1", "4242"):
        printed = subprocess.run(
            [sys.executable, "-c", PROTECT_IN_ANOTHER_PROCESS],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert printed.strip() == str(sorted(map(repr, first)))


# A world small enough for the attacker's exact rational arithmetic: the départements of three régions (one of them
# overseas, a single département), twelve certifications over four levels, three years.
REGIONS = ("84", "11", "02")
CERTIFICATIONS = 12


def _world_rows(count: int, seed: int) -> tuple[list[tuple], dict]:
    rng = random.Random(seed)
    places = [(d, r) for d, r in synthetic.departments() if r in REGIONS]
    titles = [(code, level or 3) for code, level in synthetic.certifications()[:CERTIFICATIONS]]
    rows = []
    for _ in range(count):
        (department, region), (code, level) = rng.choice(places), rng.choice(titles)
        year, month = rng.choice((2023, 2024, 2025)), rng.choice((1, 3, 6, 9, 12))
        rows.append(("registered", "pathway", year, f"{year}-{month:02d}", department, region, code, level))
    parents = {"departement": dict(places), "certification": {code: str(level) for code, level in titles}}
    return rows, parents


def _published(problems: dict[str, secrecy.Problem], hidden: set) -> dict[str, list[dict]]:
    return {
        name: (opendata._month_rows if name == "inscriptions_mois" else opendata._nested_rows)(problem, hidden)
        for name, problem in problems.items()
    }


@pytest.mark.parametrize(
    ("count", "seed"),
    [(40, 1), (40, 2), (150, 3), (150, 4), (600, 5), (2500, 6)],
    ids=["sparse-1", "sparse-2", "middle-3", "middle-4", "dense-5", "dense-6"],
)
def test_the_attacker_recovers_nothing_sparse_or_dense(count, seed):
    rows, parents = _world_rows(count, seed)
    problems, problem = _problems(rows)
    hidden = secrecy.protect(problem)
    published = _published(problems, hidden)
    for table in published.values():
        assert all(r["inscriptions"] is None or r["inscriptions"] == 0 or r["inscriptions"] >= 11 for r in table)
    assert secrecy.primary(problem) <= hidden
    assert attacker.leaks(published, parents) == {}


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_the_audit_sees_at_least_what_the_attacker_finds(seed):
    """On random hidden sets (not protected: leaky on purpose), every value the independent attacker recovers the
    audit reports too — so a protection the audit passes, the attacker cannot break."""
    rows, parents = _world_rows(300, seed)
    problems, problem = _problems(rows)
    rng = random.Random(seed)
    keys = sorted([*problem.cells, *problem.margins], key=repr)
    for share in (0.1, 0.3, 0.6):
        hidden = {key for key in keys if rng.random() < share}
        found = attacker.leaks(_published(problems, hidden), parents)
        reported = {tuple(str(part) for part in key) for key in secrecy.exposed(problem, hidden)}
        assert found, share  # the attacker is not blind on these
        assert set(found) <= reported, set(found) - reported
