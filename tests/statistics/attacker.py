"""An attacker of the published registration tables, written independently of acquis.statistics.secrecy: it reads
the three tables together (by département, by certification, by month), writes every equation their structure gives
(a member's total over the years, a région's or level's total over its members, the national totals — the same
value in the three tables — and a year's total over its months), and tries to recover each secret value exactly
(Gauss-Jordan over the rationals) or by bounds (counts are ≥ 0).

It knows what any reader knows: the published values, which département is in which région (INSEE) and which
certification has which level (RNCP)."""

from __future__ import annotations

from fractions import Fraction

REGISTRATION_TABLES = ("inscriptions_departement_annee", "inscriptions_certification_annee", "inscriptions_mois")
SECRET = "s"


def _value(raw) -> int | None:
    if raw is None or raw == SECRET or raw == "":
        return None
    return int(raw)


def _canonical(table: str, row: dict) -> tuple:
    """One name per published value: the national totals of the three tables are one value."""
    if table == "inscriptions_mois":
        if row["niveau"] == "mois":
            return ("mois", str(row["code"]))
        if row["niveau"] == "annee":
            return ("national", "FR", str(row["code"]))
        return ("national", "FR", "Total")
    return (row["niveau"], str(row["code"]), str(row["annee"]))


def equations(tables: dict[str, list[dict]], parents: dict[str, dict[str, str]]) -> tuple[dict, list]:
    """(published values by name — None when secret —, equations as (total's name, [members' names]))."""
    values: dict[tuple, int | None] = {}
    for table in REGISTRATION_TABLES:
        for row in tables[table]:
            name, value = _canonical(table, row), _value(row["inscriptions"])
            if name in values and values[name] is not None and value is not None:
                assert values[name] == value, f"{name} published with two values"
            if name not in values or values[name] is None:
                values[name] = value
    sums: list[tuple[tuple, list[tuple]]] = []
    for member_level, parent_level, table in (
        ("departement", "region", "inscriptions_departement_annee"),
        ("certification", "niveau_rncp", "inscriptions_certification_annee"),
    ):
        cells = [_canonical(table, r) for r in tables[table] if r["niveau"] == member_level]
        inner = [c for c in cells if c[2] != "Total"]
        years = sorted({c[2] for c in inner})
        for name in cells:
            if name[2] == "Total":
                sums.append((name, [c for c in inner if c[1] == name[1]]))
        owner = parents[member_level]
        for parent in sorted({owner[c[1]] for c in inner}):
            for year in [*years, "Total"]:
                members = [c for c in inner if owner[c[1]] == parent and year in ("Total", c[2])]
                sums.append(((parent_level, parent, year), members))
        for year in [*years, "Total"]:
            sums.append((("national", "FR", year), [c for c in inner if year in ("Total", c[2])]))
    months = [_canonical("inscriptions_mois", r) for r in tables["inscriptions_mois"] if r["niveau"] == "mois"]
    for year in sorted({m[1][:4] for m in months}):
        sums.append((("national", "FR", year), [m for m in months if m[1].startswith(year)]))
    sums.append((("national", "FR", "Total"), months))
    return values, sums


def _linear_system(values: dict, sums: list) -> tuple[list[tuple], list[tuple[dict, Fraction]]]:
    unknowns = sorted(name for name, value in values.items() if value is None)
    rows = []
    for total, members in sums:
        coefficients: dict[tuple, Fraction] = {}
        rhs = Fraction(0)
        for name, sign in [(total, -1), *((m, 1) for m in members)]:
            if values[name] is None:
                coefficients[name] = coefficients.get(name, Fraction(0)) + sign
            else:
                rhs -= sign * values[name]
        coefficients = {k: v for k, v in coefficients.items() if v}
        if coefficients:
            rows.append((coefficients, rhs))
    return unknowns, rows


def recovered_exactly(values: dict, sums: list) -> dict[tuple, Fraction]:
    """Gauss-Jordan over the rationals: a secret is recovered when its reduced row has no other unknown."""
    _unknowns, rows = _linear_system(values, sums)
    pivots: dict[tuple, tuple[dict, Fraction]] = {}
    for coefficients, rhs in rows:
        coefficients = dict(coefficients)
        for name, (pivot_row, pivot_rhs) in pivots.items():
            factor = coefficients.get(name)
            if factor:
                for k, v in pivot_row.items():
                    coefficients[k] = coefficients.get(k, Fraction(0)) - factor * v
                rhs -= factor * pivot_rhs
                coefficients = {k: v for k, v in coefficients.items() if v}
        if not coefficients:
            continue
        name = min(coefficients)
        factor = coefficients[name]
        coefficients = {k: v / factor for k, v in coefficients.items()}
        rhs /= factor
        for other, (other_row, other_rhs) in list(pivots.items()):
            f = other_row.get(name)
            if f:
                merged = {
                    k: other_row.get(k, Fraction(0)) - f * coefficients.get(k, Fraction(0))
                    for k in other_row.keys() | coefficients.keys()
                }
                pivots[other] = ({k: v for k, v in merged.items() if v}, other_rhs - f * rhs)
        pivots[name] = (coefficients, rhs)
    return {name: rhs for name, (row, rhs) in pivots.items() if len(row) == 1}


def recovered_by_bounds(values: dict, sums: list) -> dict[tuple, int]:
    """Interval propagation over the equations with every count ≥ 0: a secret whose bounds meet is recovered."""
    unknowns, rows = _linear_system(values, sums)
    low = dict.fromkeys(unknowns, Fraction(0))
    high = dict.fromkeys(unknowns, Fraction(10**12))  # no upper bound but the equations' own
    for _ in range(200):
        changed = False
        for coefficients, rhs in rows:
            for name, c in coefficients.items():
                rest_low = sum(min(k * low[n], k * high[n]) for n, k in coefficients.items() if n != name)
                rest_high = sum(max(k * low[n], k * high[n]) for n, k in coefficients.items() if n != name)
                # c·x = rhs − rest
                a, b = (rhs - rest_high) / c, (rhs - rest_low) / c
                lo, hi = min(a, b), max(a, b)
                if lo > low[name]:
                    low[name], changed = lo, True
                if hi < high[name]:
                    high[name], changed = hi, True
        if not changed:
            break
    return {name: int(low[name]) for name in unknowns if low[name] == high[name]}


def leaks(tables: dict[str, list[dict]], parents: dict[str, dict[str, str]]) -> dict[tuple, int]:
    """Every secret value the attacker recovers, a zero excepted (a zero hidden as a secondary cell says nothing
    about anyone)."""
    values, sums = equations(tables, parents)
    found = {name: int(v) for name, v in recovered_exactly(values, sums).items()}
    found |= recovered_by_bounds(values, sums)
    return {name: v for name, v in found.items() if v != 0}
