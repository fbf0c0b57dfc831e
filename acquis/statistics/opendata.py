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


def _nested(engine: Engine, member: str, parent: str, levels: tuple[str, str]) -> list[dict]:
    """Registrations by ``member`` (département, certification) and year, with the totals of each member over the
    years, of each ``parent`` (région, level: a member belongs to one) per year and overall, and the national ones:
    one secrecy problem, since a parent's figure is the sum of its members'."""
    counts = engine.rows(
        f"SELECT coalesce(CAST({member} AS VARCHAR), '{UNKNOWN}'), coalesce(CAST({parent} AS VARCHAR), '{UNKNOWN}'), "
        "event_year, COUNT(*) FROM {events} WHERE domain = 'pathway' AND event = 'registered' GROUP BY 1, 2, 3"
    )
    members = {d: r for d, r, _y, _c in counts}
    years = sorted({y for _d, _r, y, _c in counts})
    cells = {(d, y): 0 for d in members for y in years}
    for d, _r, y, c in counts:
        cells[(d, y)] = c
    margins: dict = {}
    member_level, parent_level = levels

    def margin(key, chosen):
        chosen = frozenset(chosen)
        margins[key] = (chosen, sum(cells[m] for m in chosen))

    for d in members:
        margin((member_level, d, TOTAL), [(d, y) for y in years])
    for r in sorted(set(members.values())):
        mine = [d for d, owner in members.items() if owner == r]
        for y in years:
            margin((parent_level, r, y), [(d, y) for d in mine])
        margin((parent_level, r, TOTAL), [(d, y) for d in mine for y in years])
    for y in years:
        margin(("national", "FR", y), [(d, y) for d in members])
    margin(("national", "FR", TOTAL), list(cells))
    hidden = secrecy.protect(secrecy.Problem(cells, margins))
    rows = [
        {"niveau": member_level, "code": d, "annee": y, "inscriptions": None if (d, y) in hidden else v}
        for (d, y), v in sorted(cells.items())
    ]
    rows += [
        {"niveau": level, "code": code, "annee": year, "inscriptions": None if key in hidden else value}
        for key, (_m, value) in sorted(margins.items(), key=lambda item: tuple(map(str, item[0])))
        for level, code, year in [key]
    ]
    return rows


def _registrations(engine: Engine) -> list[dict]:
    return _nested(engine, "department", "region", ("departement", "region"))


def _certifications(engine: Engine) -> list[dict]:
    return _nested(engine, "certification", "certification_level", ("certification", "niveau_rncp"))


def _months(engine: Engine) -> list[dict]:
    """Registrations by month, with each year's total and the national total (a year is the sum of its months)."""
    counts = engine.rows(
        "SELECT event_month, event_year, COUNT(*) FROM {events} WHERE domain = 'pathway' AND event = 'registered' "
        "GROUP BY 1, 2"
    )
    cells = {month: count for month, _y, count in counts}
    margins = {
        ("annee", str(year)): (
            frozenset(m for m, y, _c in counts if y == year),
            sum(c for _m, y, c in counts if y == year),
        )
        for year in {y for _m, y, _c in counts}
    }
    margins[("national", "FR")] = (frozenset(cells), sum(cells.values()))
    hidden = secrecy.protect(secrecy.Problem(cells, margins))
    rows = [
        {"niveau": "mois", "code": m, "inscriptions": None if m in hidden else v} for m, v in sorted(cells.items())
    ]
    rows += [
        {"niveau": level, "code": code, "inscriptions": None if (level, code) in hidden else value}
        for (level, code), (_m, value) in sorted(margins.items())
    ]
    return rows


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
        {"annee": row[0], **{n: None if secrecy._is_small(v) else v for n, v in zip(names, row[1:], strict=True)}}
        for row in counts
    ]


BUILDERS = {
    "inscriptions_departement_annee": _registrations,
    "inscriptions_certification_annee": _certifications,
    "inscriptions_mois": _months,
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
    for name, build in BUILDERS.items():
        rows = build(engine)
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
