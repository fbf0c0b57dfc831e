"""Statistical secrecy for the open data: a count of fewer than THRESHOLD pathways is not published, and
further cells are hidden (secondary suppression) until no hidden value can be worked out from what is published.

A table is a set of interior cells and of *margins* (a published total = the sum of some interior cells: row
and column totals, a région's total over its départements). Several tables of one dataset are one problem when
they publish the same total decomposed in different ways (the national registrations of a year by département, by
certification and by month): the total is one key, hidden in all of them or in none, and each further
decomposition is an *identity* — one more equation for the attacker, who reads every table at once.

What an attacker knows is every published cell and margin; ``exposed`` looks for hidden values they pin down, in
two ways: exactly by linear algebra (a hidden value is determined when its unit vector lies in the row space of the
margins' equations), and by bounds (counts are ≥ 0: a hidden cell whose smallest and largest possible values meet
is recovered too). ``protect`` hides the smallest published cell sharing a margin with an exposed value until
nothing is exposed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

THRESHOLD = 11  # a cell counting fewer than 11 pathways is secret (the rule, the usual one of the SSP)

Key = Hashable


@dataclass
class Problem:
    cells: dict[Key, int]
    margins: dict[Key, tuple[frozenset, int]] = field(default_factory=dict)  # key → (cells summed, value)
    # (margin key, other cells summed): the same published total as the sum of another table's cells.
    identities: list[tuple[Key, frozenset]] = field(default_factory=list)

    def sums(self) -> Iterator[tuple[Key, frozenset, int]]:
        """Every published equation ``key = Σ members``: the margins, then the identities."""
        for key, (members, value) in self.margins.items():
            yield key, members, value
        for key, members in self.identities:
            yield key, members, self.margins[key][1]


def combine(*problems: Problem) -> Problem:
    """One problem for the tables of a dataset. Cell keys must be distinct across tables; a margin key present in
    several tables is one published value (it must have the same value in each): its first decomposition is the
    margin, the others become identities."""
    cells: dict[Key, int] = {}
    margins: dict[Key, tuple[frozenset, int]] = {}
    identities: list[tuple[Key, frozenset]] = []
    for problem in problems:
        if cells.keys() & problem.cells.keys():
            raise ValueError("Secret statistique : deux tables ont une case de même clé.")
        cells |= problem.cells
        for key, members, value in problem.sums():
            if key not in margins:
                margins[key] = (members, value)
                continue
            if margins[key][1] != value:
                raise ValueError(f"Secret statistique : le total {key!r} diffère d'une table à l'autre.")
            if members != margins[key][0]:
                identities.append((key, members))
    return Problem(cells, margins, identities)


def _is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def _equations(problem: Problem, hidden: set[Key]) -> tuple[list[Key], list[tuple[dict[Key, int], int]]]:
    """The attacker's equations Σ c·x = r over the hidden values (cells and margins)."""
    unknowns = sorted((k for k in hidden), key=repr)
    equations = []
    for key, members, value in problem.sums():
        coefficients = {m: 1 for m in members if m in hidden}
        known = sum(problem.cells[m] for m in members if m not in hidden)
        if key in hidden:
            coefficients[key] = -1
            rhs = -known
        else:
            rhs = value - known
        if coefficients:
            equations.append((coefficients, rhs))
    return unknowns, equations


PRIME = (1 << 61) - 1  # ranks over GF(p) equal ranks over the rationals for these ±1 matrices (see _determined)


def _determined(unknowns: list[Key], equations) -> set[Key]:
    """Hidden values fixed by the equations: reduce them (sparse, modulo a large prime, which keeps the integers
    small; a 0/±1 system's rank modulo a 61-bit prime is its rational rank unless the prime divides a minor, far
    beyond these sizes), then a value is determined when its column is a pivot whose row has no free column."""
    pivots: dict[int, dict[int, int]] = {}  # pivot column → reduced row (column → coefficient)
    index = {k: i for i, k in enumerate(unknowns)}
    for coefficients, _rhs in equations:
        row = {index[k]: c % PRIME for k, c in coefficients.items()}
        for col, pivot_row in pivots.items():
            if col in row:
                factor = row[col]
                for j, v in pivot_row.items():
                    row[j] = (row.get(j, 0) - factor * v) % PRIME
                row = {j: v for j, v in row.items() if v}
        if not row:
            continue
        col = min(row)
        inverse = pow(row[col], PRIME - 2, PRIME)
        row = {j: v * inverse % PRIME for j, v in row.items()}
        for other_col, other in pivots.items():
            if col in other:
                factor = other[col]
                for j, v in row.items():
                    other[j] = (other.get(j, 0) - factor * v) % PRIME
                pivots[other_col] = {j: v for j, v in other.items() if v}
        pivots[col] = row
    return {unknowns[col] for col, row in pivots.items() if len(row) == 1}


def bounds(problem: Problem, hidden: set[Key]) -> dict[Key, tuple[int, int]]:
    """The tightest [low, high] the published values and non-negativity give each hidden value."""
    unknowns, equations = _equations(problem, hidden)
    total = sum(problem.cells.values())
    low = dict.fromkeys(unknowns, 0)
    high = dict.fromkeys(unknowns, total)
    for _ in range(100):
        changed = False
        for coefficients, rhs in equations:
            all_min = sum(min(c * low[j], c * high[j]) for j, c in coefficients.items())
            all_max = sum(max(c * low[j], c * high[j]) for j, c in coefficients.items())
            # The sums are taken before this equation's updates: a bound drawn from the other values' older
            # (wider) intervals is still a valid bound, only looser, and the next pass tightens it.
            own = {
                key: (min(c * low[key], c * high[key]), max(c * low[key], c * high[key]))
                for key, c in coefficients.items()
            }
            for key, c in coefficients.items():
                rest_min = all_min - own[key][0]
                rest_max = all_max - own[key][1]
                lo, hi = (rhs - rest_max, rhs - rest_min) if c == 1 else (rest_min - rhs, rest_max - rhs)
                if lo > low[key] or hi < high[key]:
                    low[key], high[key], changed = max(lo, low[key]), min(hi, high[key]), True
        if not changed:
            break
    return {k: (low[k], high[k]) for k in unknowns}


def _value(problem: Problem, key: Key) -> int:
    return problem.cells[key] if key in problem.cells else problem.margins[key][1]


def exposed(problem: Problem, hidden: set[Key]) -> set[Key]:
    """The hidden non-zero values an attacker recovers exactly from the published ones (a zero hidden as a
    secondary cell tells nothing about anyone: it may be recovered)."""
    unknowns, equations = _equations(problem, hidden)
    pinned = {k for k, (lo, hi) in bounds(problem, hidden).items() if lo == hi}
    return {k for k in _determined(unknowns, equations) | pinned if _value(problem, k) != 0}


def primary(problem: Problem) -> set[Key]:
    small = {k for k, v in problem.cells.items() if _is_small(v)}
    return small | {k for k, (_m, v) in problem.margins.items() if _is_small(v)}


def protect(problem: Problem) -> set[Key]:
    """Primary then secondary suppression; returns every hidden key (cells and margins).

    Each round hides, for every value still exposed, the smallest published cell sharing an equation with it,
    all at once: one exposure check per round instead of one per hidden cell (on a national table with thousands
    of small cells the check is what costs), at the price of a few more cells hidden than strictly needed."""
    hidden = primary(problem)
    around = _sums_around(problem)
    while True:
        leaks = exposed(problem, hidden)
        if not leaks:
            return hidden
        chosen: set[Key] = set()
        for leak in sorted(leaks, key=repr):
            following = _next_to_hide(problem, hidden | chosen, leak, around)
            if following is not None:
                chosen.add(following)
        if not chosen:
            raise RuntimeError("Secret statistique : aucune case ne peut plus être masquée.")  # not reachable
        hidden |= chosen


def _sums_around(problem: Problem) -> dict[Key, list[tuple[Key, frozenset]]]:
    """For each key, the published equations it appears in (as their total or as one of their members)."""
    around: dict[Key, list[tuple[Key, frozenset]]] = {}
    for key, members, _value in problem.sums():
        for k in (key, *members):
            around.setdefault(k, []).append((key, members))
    return around


def _next_to_hide(problem: Problem, hidden: set[Key], leak: Key, around) -> Key | None:
    """The smallest published cell (non-zero first) in an equation that involves the leaked value; failing that,
    a published total involving it; failing that, any published value."""
    candidates: list[tuple[bool, int, str, Key]] = []
    totals = []
    for key, members in around.get(leak, ()):
        totals.append(key)
        for m in members:
            if m not in hidden:
                value = problem.cells[m]
                candidates.append((value == 0, value, repr(m), m))
    if candidates:
        return min(candidates)[3]
    published = sorted((k for k in totals if k not in hidden), key=repr)
    if published:
        return published[0]
    rest = sorted((k for k in (*problem.cells, *problem.margins) if k not in hidden), key=repr)
    return rest[0] if rest else None
