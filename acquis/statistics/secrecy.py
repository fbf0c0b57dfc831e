"""Statistical secrecy for the open data: a count of fewer than THRESHOLD pathways is not published, and
further cells are hidden (secondary suppression) until no hidden value can be worked out from what is published.

A table is a set of interior cells and of *margins* (a published total = the sum of some interior cells: row
and column totals, a région's total over its départements). Several tables of one dataset are one problem when
they publish the same total decomposed in different ways (the national registrations of a year by département, by
certification and by month): the total is one key, hidden in all of them or in none, and each further
decomposition is an *identity* — one more equation for the attacker, who reads every table at once. An identity
may also sum margins (a région's total = the sum of its years' totals): it adds nothing the attacker cannot derive,
but it is one more *line* for the local rule below, which sees lines only.

What an attacker knows is every published cell and margin; ``exposed`` looks for hidden values they pin down, in
two ways: exactly by linear algebra (a hidden value is determined when its unit vector lies in the row space of the
margins' equations), and by bounds (counts are ≥ 0: a hidden cell whose smallest and largest possible values meet
is recovered too).

``protect`` works in two steps. (1) A local rule, to its fixed point: a published line (an equation
``total = Σ members``) with exactly one hidden value gives it back by subtraction, so a second value of that line
is hidden — chosen greedily: non-zero, then the one that leaves the fewest other lines with a single hidden value
(counting those it completes), then the smallest. Each hiding only re-examines the lines through the cell hidden.
(2) The exact audit (``exposed``) of the whole problem — every table jointly; what it still finds (a value given
back by a combination of lines, or by bounds) gets one more hidden partner on one of its lines, the local rule runs
again, and the audit again, until it finds nothing. The audit is what guarantees secrecy; the local rule only makes
it pass in a few rounds instead of one round per hidden cell.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

THRESHOLD = 11  # a cell counting fewer than 11 pathways is secret (the rule, the usual one of the SSP)

Key = Hashable


@dataclass
class Problem:
    cells: dict[Key, int]
    margins: dict[Key, tuple[frozenset, int]] = field(default_factory=dict)  # key → (cells summed, value)
    # (margin key, other keys summed — cells or margins): the same published total as another sum.
    identities: list[tuple[Key, frozenset]] = field(default_factory=list)

    def sums(self) -> Iterator[tuple[Key, frozenset, int]]:
        """Every published equation ``key = Σ members``: the margins, then the identities."""
        for key, (members, value) in self.margins.items():
            yield key, members, value
        for key, members in self.identities:
            yield key, members, self.margins[key][1]

    def value(self, key: Key) -> int:
        return self.cells[key] if key in self.cells else self.margins[key][1]


def combine(*problems: Problem) -> Problem:
    """One problem for the tables of a dataset. Cell keys must be distinct across tables; a margin key present in
    several tables is one published value (it must have the same value in each): its first decomposition is the
    margin, the others become identities."""
    cells: dict[Key, int] = {}
    margins: dict[Key, tuple[frozenset, int]] = {}
    identities: list[tuple[Key, frozenset]] = []
    seen: set[tuple[Key, frozenset]] = set()
    for problem in problems:
        if cells.keys() & problem.cells.keys():
            raise ValueError("Secret statistique : deux tables ont une case de même clé.")
        cells |= problem.cells
        for key, members, value in problem.sums():
            if key not in margins:
                margins[key] = (members, value)
                seen.add((key, members))
                continue
            if margins[key][1] != value:
                raise ValueError(f"Secret statistique : le total {key!r} diffère d'une table à l'autre.")
            if (key, members) not in seen:
                seen.add((key, members))
                identities.append((key, members))
    return Problem(cells, margins, identities)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def _equations(problem: Problem, hidden: set[Key]) -> tuple[list[Key], list[tuple[dict[Key, int], int]]]:
    """The attacker's equations Σ c·x = r over the hidden values (cells and margins)."""
    unknowns = sorted(hidden, key=repr)
    equations = []
    for key, members, value in problem.sums():
        coefficients = {m: 1 for m in members if m in hidden}
        known = sum(problem.value(m) for m in members if m not in hidden)
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
    """Hidden values fixed by the equations: reduce them to reduced row echelon form (sparse, modulo a large prime,
    which keeps the integers small; a 0/±1 system's rank modulo a 61-bit prime is its rational rank unless the prime
    divides a minor, far beyond these sizes); a value is determined when its column is a pivot whose row has no
    other column. The reduced form is unique, so the answer does not depend on the order of the work; the pivot of
    each new row is its column found in the fewest pivot rows (less fill-in), and ``where`` indexes which pivot
    rows hold a column, so that a new pivot only touches the rows that hold it."""
    index = {k: i for i, k in enumerate(unknowns)}
    pivots: dict[int, dict[int, int]] = {}  # pivot column → its row (column → coefficient); pivot's own is 1
    where: dict[int, set[int]] = {}  # non-pivot column → pivot columns whose row holds it
    for coefficients, _rhs in equations:
        row = {index[k]: c % PRIME for k, c in coefficients.items()}
        for col in [c for c in row if c in pivots]:  # pivot rows hold no other pivot column: one pass is enough
            factor = row.pop(col)
            for j, v in pivots[col].items():
                if j != col:
                    left = (row.get(j, 0) - factor * v) % PRIME
                    if left:
                        row[j] = left
                    else:
                        del row[j]
        if not row:
            continue
        col = min(row, key=lambda c: (len(where.get(c, ())), c))
        inverse = pow(row[col], PRIME - 2, PRIME)
        row = {j: v * inverse % PRIME for j, v in row.items()}
        for other_col in where.pop(col, set()):
            other = pivots[other_col]
            factor = other.pop(col)
            for j, v in row.items():
                if j == col:
                    continue
                left = (other.get(j, 0) - factor * v) % PRIME
                if left:
                    if j not in other:
                        where.setdefault(j, set()).add(other_col)
                    other[j] = left
                elif j in other:
                    del other[j]
                    where[j].discard(other_col)
        for j in row:
            if j != col:
                where.setdefault(j, set()).add(col)
        pivots[col] = row
    return {unknowns[col] for col, row in pivots.items() if len(row) == 1}


def bounds(problem: Problem, hidden: set[Key]) -> dict[Key, tuple[int, int]]:
    """The tightest [low, high] that propagating the published values and non-negativity through the equations
    gives each hidden value — run to its fixed point (which does not depend on the order: each step only narrows),
    re-examining an equation only when one of its values' bounds moved. Counts and coefficients (±1) are integers,
    so each move narrows an interval by at least 1 and the propagation ends."""
    unknowns, equations = _equations(problem, hidden)
    index = {k: i for i, k in enumerate(unknowns)}
    total = sum(problem.cells.values())
    low = [0] * len(unknowns)
    high = [total] * len(unknowns)
    rows = [([(index[k], c) for k, c in coefficients.items()], rhs) for coefficients, rhs in equations]
    through: list[list[int]] = [[] for _ in unknowns]
    for e, (terms, _rhs) in enumerate(rows):
        for j, _c in terms:
            through[j].append(e)
    queue = deque(range(len(rows)))
    queued = [True] * len(rows)
    while queue:
        e = queue.popleft()
        queued[e] = False
        terms, rhs = rows[e]
        # c·x ranges over [c·low, c·high] for c = 1 and [−high, −low] for c = −1.
        spans = [(low[j], high[j]) if c == 1 else (-high[j], -low[j]) for j, c in terms]
        all_min = sum(s[0] for s in spans)
        all_max = sum(s[1] for s in spans)
        for (j, c), (own_min, own_max) in zip(terms, spans, strict=True):
            # c·x = rhs − (the others' sum), which lies in [all_min − own_min, all_max − own_max].
            lo, hi = rhs - (all_max - own_max), rhs - (all_min - own_min)
            if c == -1:
                lo, hi = -hi, -lo
            if lo > low[j] or hi < high[j]:
                low[j], high[j] = max(lo, low[j]), min(hi, high[j])
                for other in through[j]:
                    if not queued[other]:
                        queued[other] = True
                        queue.append(other)
    return {k: (low[i], high[i]) for k, i in index.items()}


def exposed(problem: Problem, hidden: set[Key]) -> set[Key]:
    """The hidden non-zero values an attacker recovers exactly from the published ones (a zero hidden as a
    secondary cell tells nothing about anyone: it may be recovered)."""
    unknowns, equations = _equations(problem, hidden)
    pinned = {k for k, (lo, hi) in bounds(problem, hidden).items() if lo == hi}
    return {k for k in _determined(unknowns, equations) | pinned if problem.value(k) != 0}


def primary(problem: Problem) -> set[Key]:
    small = {k for k, v in problem.cells.items() if is_small(v)}
    return small | {k for k, (_m, v) in problem.margins.items() if is_small(v)}


def protect(problem: Problem) -> set[Key]:
    """Primary then secondary suppression; returns every hidden key (cells and margins). The same problem gives
    the same answer: every choice is ordered by value and then by the keys' repr, never by a set's order."""
    hidden = primary(problem)
    lines = _Lines(problem, hidden)
    lines.settle()
    while leaks := exposed(problem, hidden):
        added = [partner for leak in sorted(leaks, key=repr) if (partner := lines.partner(leak)) is not None]
        if not added:
            published = [k for k in lines.order if k not in hidden]
            if not published:
                raise RuntimeError("Secret statistique : aucune case ne peut plus être masquée.")  # not reachable
            added = [published[0]]
        for key in added:
            lines.hide(key)
        lines.settle()
    return hidden


class _Lines:
    """The published equations as lines of values, with how many of each line's values are hidden; ``hide``
    updates the lines through one value and queues those left with a single hidden value, ``settle`` gives each
    of them a second one."""

    def __init__(self, problem: Problem, hidden: set[Key]):
        self.problem = problem
        self.hidden = hidden
        self.order = sorted([*problem.cells, *problem.margins], key=repr)
        rank = {k: i for i, k in enumerate(self.order)}
        self.rank = rank
        # Sorted by the keys' order, not taken in the order the tables were read (a query's rows come in any
        # order): the queue of lines to settle, hence every choice, follows it.
        self.lines = sorted([rank[key], *sorted(rank[m] for m in members)] for key, members, _v in problem.sums())
        self.lines = [[self.order[i] for i in sorted(set(line))] for line in self.lines]
        self.through: dict[Key, list[int]] = {}
        for number, line in enumerate(self.lines):
            for key in line:
                self.through.setdefault(key, []).append(number)
        self.count = [sum(1 for key in line if key in hidden) for line in self.lines]
        self.single = deque(number for number, count in enumerate(self.count) if count == 1)

    def hide(self, key: Key) -> None:
        if key in self.hidden:
            return
        self.hidden.add(key)
        for number in self.through.get(key, ()):
            self.count[number] += 1
            if self.count[number] == 1:
                self.single.append(number)

    def settle(self) -> None:
        while self.single:
            number = self.single.popleft()
            if self.count[number] == 1:
                choice = self._best([k for k in self.lines[number] if k not in self.hidden], number)
                if choice is None:  # every other value of the line is hidden already: not reachable
                    raise RuntimeError("Secret statistique : une ligne n'a qu'une valeur à masquer.")
                self.hide(choice)

    def partner(self, leak: Key) -> Key | None:
        """For a value the audit still finds: the best published value on one of its lines."""
        candidates = {k for number in self.through.get(leak, ()) for k in self.lines[number] if k not in self.hidden}
        return self._best(sorted(candidates, key=self.rank.__getitem__), None)

    def _best(self, candidates: list[Key], line: int | None) -> Key | None:
        """Non-zero first; then the fewest lines left with a single hidden value once it is hidden (the lines it
        would open, less those it completes); then the smallest; then the first by key."""
        best, best_score = None, None
        for key in candidates:
            balance = 0
            for number in self.through[key]:
                if number != line:
                    balance += 1 if self.count[number] == 0 else -1 if self.count[number] == 1 else 0
            value = self.problem.value(key)
            score = (value == 0, balance, value, self.rank[key])
            if best_score is None or score < best_score:
                best, best_score = key, score
        return best
