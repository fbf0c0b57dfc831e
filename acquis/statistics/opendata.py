"""The public tables (open data): written with each snapshot, secrecy applied, as CSV and Parquet.

Published: (1) registrations by département and year with the départements' totals, the régions' totals per year
and overall, the national total per year — one secrecy problem, since a région's figure is the sum of its
départements'; (1b) the same by certification (RNCP code) nested in its level; (1c) registrations by month with
each year's total; (2) the steps reached (dépôt, recevabilité, jury, résultats) by région over the whole period with
the national total of each step; (3) the congé VAE by year, national. A secret value is written « s » in the
CSV and left empty (NULL) in the Parquet file. Public pages show these files only.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from acquis.statistics import secrecy
from acquis.statistics.engine import Engine
from acquis.statistics.indicators import LEAVE_EVENTS

DIRECTORY = "opendata"
SECRET = "s"
TOTAL = "Total"
UNKNOWN = "inconnu"
TEXT_COLUMNS = ("niveau", "code", "annee", "region")
NATIONAL = ("national", "FR")  # the key prefix of the national totals, shared by the registration tables
STEP_EVENTS = {
    "deposes": ("Dossiers de faisabilité déposés", ("feasibility_filed",)),
    "recevables": ("Recevables (décision ou silence)", ("admissible", "deemed_admissible")),
    "jurys": ("Passages devant le jury", ("jury_held",)),
    "validations_totales": ("Validations totales", ("result_full",)),
    "validations_partielles": ("Validations partielles", ("result_partial",)),
    "aucune_validation": ("Aucune validation", ("result_refused",)),
}

# The data dictionary: each published file, its columns and their meaning (the page /donnees-ouvertes/ shows it).
DICTIONARY = {
    "inscriptions_departement_annee": {
        "title": "Inscriptions en parcours VAE par département et par année",
        "columns": {
            "niveau": "« departement », « region » (total des départements de la région) ou « national »",
            "code": "code INSEE du département ou de la région ; « FR » pour le total national",
            "annee": "année civile de l'inscription, ou « Total » pour toutes les années publiées",
            "inscriptions": "nombre de parcours inscrits ; « s » (vide en Parquet) : secret statistique",
        },
    },
    "inscriptions_certification_annee": {
        "title": "Inscriptions en parcours VAE par certification (code RNCP), niveau et année",
        "columns": {
            "niveau": "« certification », « niveau_rncp » (total des certifications de ce niveau) ou « national »",
            "code": "code RNCP de la certification, ou niveau du cadre national des certifications (3 à 8) ; "
            "« FR » pour le total national ; « inconnu » si non renseigné",
            "annee": "année civile de l'inscription, ou « Total » pour toutes les années publiées",
            "inscriptions": "nombre de parcours inscrits ; « s » (vide en Parquet) : secret statistique",
        },
    },
    "inscriptions_mois": {
        "title": "Inscriptions en parcours VAE par mois (national)",
        "columns": {
            "niveau": "« mois », « annee » (total des mois de l'année) ou « national »",
            "code": "mois (AAAA-MM), année (AAAA), ou « FR » pour le total de toutes les années",
            "inscriptions": "nombre de parcours inscrits ; « s » (vide en Parquet) : secret statistique",
        },
    },
    "etapes_region": {
        "title": "Étapes franchies par région (toutes années)",
        "columns": {
            "region": "code INSEE de la région, ou « FR » pour le total national",
            **{column: f"{label} ; « s » : secret statistique" for column, (label, _e) in STEP_EVENTS.items()},
        },
    },
    "conges_vae_annee": {
        "title": "Congé VAE par année (national)",
        "columns": {
            "annee": "année civile de l'événement",
            **{
                event.removeprefix("leave_"): f"{label} ; « s » : secret statistique"
                for event, label in LEAVE_EVENTS.items()
            },
        },
    },
}


def _nested(engine: Engine, member: str, parent: str, levels: tuple[str, str]) -> secrecy.Problem:
    """Registrations by ``member`` (département, certification) and year, with the totals of each member over the
    years, of each ``parent`` (région, level: a member belongs to one) per year and overall, and the national ones:
    one secrecy problem, since a parent's figure is the sum of its members'. Every key is the published row's
    (niveau, code, annee), so the national totals are the same keys in every table that publishes them."""
    counts = engine.rows(
        f"SELECT coalesce(CAST({member} AS VARCHAR), '{UNKNOWN}'), coalesce(CAST({parent} AS VARCHAR), '{UNKNOWN}'), "
        "event_year, COUNT(*) FROM {events} WHERE domain = 'pathway' AND event = 'registered' GROUP BY 1, 2, 3"
    )
    member_level, parent_level = levels
    members = {d: r for d, r, _y, _c in counts}
    years = sorted({y for _d, _r, y, _c in counts})
    cells = {(member_level, d, y): 0 for d in members for y in years}
    for d, _r, y, c in counts:
        cells[(member_level, d, y)] = c
    margins: dict = {}

    def margin(key, chosen):
        chosen = frozenset(chosen)
        margins[key] = (chosen, sum(cells[m] for m in chosen))

    for d in members:
        margin((member_level, d, TOTAL), [(member_level, d, y) for y in years])
    for r in sorted(set(members.values())):
        mine = [d for d, owner in members.items() if owner == r]
        for y in years:
            margin((parent_level, r, y), [(member_level, d, y) for d in mine])
        margin((parent_level, r, TOTAL), [(member_level, d, y) for d in mine for y in years])
    for y in years:
        margin(NATIONAL + (y,), [(member_level, d, y) for d in members])
    margin(NATIONAL + (TOTAL,), list(cells))
    # The same totals as sums of totals: nothing new for the attacker (sums of the equations above), but each
    # is a line of the table as printed, which secondary suppression checks line by line.
    parents = sorted(set(members.values()))
    identities = [((parent_level, r, TOTAL), frozenset((parent_level, r, y) for y in years)) for r in parents]
    identities += [
        ((parent_level, r, TOTAL), frozenset((member_level, d, TOTAL) for d, owner in members.items() if owner == r))
        for r in parents
    ]
    identities += [(NATIONAL + (y,), frozenset((parent_level, r, y) for r in parents)) for y in years]
    identities += [
        (NATIONAL + (TOTAL,), frozenset(NATIONAL + (y,) for y in years)),
        (NATIONAL + (TOTAL,), frozenset((parent_level, r, TOTAL) for r in parents)),
        (NATIONAL + (TOTAL,), frozenset((member_level, d, TOTAL) for d in members)),
    ]
    return secrecy.Problem(cells, margins, identities)


def _nested_rows(problem: secrecy.Problem, hidden: set) -> list[dict]:
    rows = [
        {"niveau": level, "code": code, "annee": year, "inscriptions": None if key in hidden else value}
        for key, value in sorted(problem.cells.items(), key=lambda item: tuple(map(str, item[0])))
        for level, code, year in [key]
    ]
    rows += [
        {"niveau": level, "code": code, "annee": year, "inscriptions": None if key in hidden else value}
        for key, (_m, value) in sorted(problem.margins.items(), key=lambda item: tuple(map(str, item[0])))
        for level, code, year in [key]
    ]
    return rows


def _months(engine: Engine) -> secrecy.Problem:
    """Registrations by month, with each year's total and the national total (a year is the sum of its months).
    The year's total is the national total of that year the other registration tables publish: same key."""
    counts = engine.rows(
        "SELECT event_month, event_year, COUNT(*) FROM {events} WHERE domain = 'pathway' AND event = 'registered' "
        "GROUP BY 1, 2"
    )
    cells = {("mois", month): count for month, _y, count in counts}
    margins = {
        NATIONAL + (year,): (
            frozenset(("mois", m) for m, y, _c in counts if y == year),
            sum(c for _m, y, c in counts if y == year),
        )
        for year in {y for _m, y, _c in counts}
    }
    margins[NATIONAL + (TOTAL,)] = (frozenset(cells), sum(cells.values()))
    return secrecy.Problem(cells, margins)


def _month_rows(problem: secrecy.Problem, hidden: set) -> list[dict]:
    rows = [
        {"niveau": "mois", "code": month, "inscriptions": None if key in hidden else value}
        for key, value in sorted(problem.cells.items())
        for _level, month in [key]
    ]
    years = sorted((key for key in problem.margins if key[2] != TOTAL), key=lambda key: key[2])
    rows += [
        {"niveau": "annee", "code": str(key[2]), "inscriptions": None if key in hidden else problem.margins[key][1]}
        for key in years
    ]
    total = NATIONAL + (TOTAL,)
    rows.append(
        {"niveau": "national", "code": "FR", "inscriptions": None if total in hidden else problem.margins[total][1]}
    )
    return rows


def registration_problems(engine: Engine) -> dict[str, secrecy.Problem]:
    """The three registration tables, each as its own secrecy problem (``registration_tables`` protects them
    together)."""
    return {
        "inscriptions_departement_annee": _nested(engine, "department", "region", ("departement", "region")),
        "inscriptions_certification_annee": _nested(
            engine, "certification", "certification_level", ("certification", "niveau_rncp")
        ),
        "inscriptions_mois": _months(engine),
    }


def registration_tables(engine: Engine, *, jointly: bool = True) -> dict[str, list[dict]]:
    """The registration tables, protected as **one** problem (cross-table secondary suppression): they publish the
    same national totals per year and overall, so a total hidden in one table but published in another, or a
    cell pinned by combining a table's equations with another's, would give a secret back. ``jointly=False`` is
    the former table-by-table protection, kept for the test that shows it leaks."""
    problems = registration_problems(engine)
    if jointly:
        hidden = secrecy.protect(secrecy.combine(*problems.values()))
        hiddens = dict.fromkeys(problems, hidden)
    else:
        hiddens = {name: secrecy.protect(problem) for name, problem in problems.items()}
    return {
        name: (_month_rows if name == "inscriptions_mois" else _nested_rows)(problem, hiddens[name])
        for name, problem in problems.items()
    }


def _steps(engine: Engine) -> list[dict]:
    measures = ", ".join(
        f"COUNT(*) FILTER (WHERE event IN ({', '.join(repr(e) for e in events)}))"
        for _label, events in STEP_EVENTS.values()
    )
    counts = engine.rows(f"SELECT region, {measures} FROM {{events}} WHERE domain = 'pathway' GROUP BY region")
    columns = list(STEP_EVENTS)
    cells = {(r, column): row[i + 1] for row in counts for r in [row[0]] for i, column in enumerate(columns)}
    margins = {
        ("FR", column): (frozenset((r, column) for r, *_ in counts), sum(row[i + 1] for row in counts))
        for i, column in enumerate(columns)
    }
    hidden = secrecy.protect(secrecy.Problem(cells, margins))
    regions = sorted(r for r, *_ in counts)
    rows = [{"region": r, **{c: None if (r, c) in hidden else cells[(r, c)] for c in columns}} for r in regions]
    rows.append({"region": "FR", **{c: None if ("FR", c) in hidden else margins[("FR", c)][1] for c in columns}})
    return rows


def _leave(engine: Engine) -> list[dict]:
    measures = ", ".join(f"COUNT(*) FILTER (WHERE event = '{event}')" for event in LEAVE_EVENTS)
    counts = engine.rows(f"SELECT event_year, {measures} FROM {{events}} WHERE domain = 'leave' GROUP BY 1 ORDER BY 1")
    names = [event.removeprefix("leave_") for event in LEAVE_EVENTS]
    # No margin is published (the columns do not add up): primary suppression is all it takes.
    return [
        {"annee": row[0], **{n: None if secrecy.is_small(v) else v for n, v in zip(names, row[1:], strict=True)}}
        for row in counts
    ]


# The tables protected on their own (they share no published total with another table).
BUILDERS = {
    "etapes_region": _steps,
    "conges_vae_annee": _leave,
}


def _write(rows: list[dict], columns: list[str], directory: Path, name: str) -> None:
    with (directory / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([SECRET if row[c] is None else row[c] for c in columns])
    # Typed Parquet: the codes as text, the counts as integers (NULL where secret).
    types = ", ".join(f'"{c}" VARCHAR' if c in TEXT_COLUMNS else f'"{c}" BIGINT' for c in columns)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE published ({types})")
    if rows:
        placeholders = ", ".join("?" for _ in columns)
        con.executemany(
            f"INSERT INTO published VALUES ({placeholders})",
            [[str(row[c]) if c in TEXT_COLUMNS else row[c] for c in columns] for row in rows],
        )
    con.execute(f"COPY published TO '{directory / name}.parquet' (FORMAT parquet)")
    con.close()


def publish(engine: Engine, directory: Path) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    tables = registration_tables(engine) | {name: build(engine) for name, build in BUILDERS.items()}
    for name in DICTIONARY:
        rows = tables[name]
        columns = list(DICTIONARY[name]["columns"])
        _write(rows, columns, directory, name)
        written[name] = len(rows)
    return written


def read_table(directory: Path, name: str) -> tuple[list[str], list[list[str]]]:
    """A published CSV as header and rows (what the public pages show)."""
    with (directory / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, list(reader)
