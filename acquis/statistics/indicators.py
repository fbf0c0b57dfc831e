"""The indicators, each defined once: its French title and definition (shown beside its table on every page
and in the data dictionary), its columns, and one SQL query that runs unchanged on DuckDB and PostgreSQL
(engine.py). Rates are computed here from the counts, so both engines give the same numbers to the unit.

R6423-5 asks for two views of the same steps: the **cohort** (pathways registered in a year, followed
longitudinally through later years) and the **year of event** (how many files reached each step during a year,
whatever their year of registration). Both are here, over the same events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from acquis.statistics.engine import Engine
from acquis.statistics.enums import DIMENSIONS

# The funnel's steps: column → (French label, events counted).
FUNNEL_STEPS = {
    "registered": ("Inscrits", ("registered",)),
    "filed": ("Dossier de faisabilité déposé", ("feasibility_filed",)),
    "admissible": ("Recevables (décision ou silence)", ("admissible", "deemed_admissible")),
    "jury": ("Passés devant le jury", ("jury_held",)),
    "full": ("Validation totale", ("result_full",)),
    "partial": ("Validation partielle", ("result_partial",)),
    "refused": ("Aucune validation", ("result_refused",)),
}
CODE = re.compile(r"^[0-9A-Za-z_-]{1,32}$")


@dataclass(frozen=True)
class Filters:
    """What a page narrows an indicator to. ``region``/``certifier_siret`` also carry the reader's scope (a regional
    service's région, a certifier's own SIRET): selectors.scope_filters sets them, never the query string alone."""

    year_from: int | None = None
    year_to: int | None = None
    region: str | None = None
    department: str | None = None
    certifier_siret: str | None = None

    def where(self, year_column: str) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.year_from is not None:
            clauses.append(f"{year_column} >= ?")
            params.append(int(self.year_from))
        if self.year_to is not None:
            clauses.append(f"{year_column} <= ?")
            params.append(int(self.year_to))
        for column in ("region", "department", "certifier_siret"):
            value = getattr(self, column)
            if value is not None:
                if not CODE.match(value):
                    raise ValueError(f"Code invalide : {value!r}.")
                clauses.append(f"{column} = ?")
                params.append(value)
        return "".join(f" AND {c}" for c in clauses), params


@dataclass(frozen=True)
class Table:
    indicator: str
    columns: tuple[str, ...]
    labels: tuple[str, ...]
    rows: list[tuple]


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    run: Callable[[Engine, Filters, str | None], Table] = field(repr=False)
    by: tuple[str, ...] = ()  # the breakdowns it accepts (keys of DIMENSIONS)


def _dimension(by: str | None, allowed: Sequence[str]) -> str | None:
    if by is None:
        return None
    if by not in allowed or by not in DIMENSIONS:
        raise ValueError(f"Ventilation inconnue : {by!r}.")
    return by


def _grouped(key: str, by: str | None) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The GROUP BY list and the leading columns of a table grouped by ``key`` and the optional breakdown."""
    keys = (key,) if by is None else (key, by)
    return ", ".join(keys), keys, tuple(DIMENSIONS[k] for k in keys)


def _counts(steps: dict[str, tuple[str, ...]]) -> str:
    return ", ".join(
        f"COUNT(*) FILTER (WHERE event IN ({', '.join(repr(e) for e in events)})) AS n_{column}"
        for column, events in steps.items()
    )


def _funnel(engine: Engine, filters: Filters, by: str | None, *, key: str) -> Table:
    """Counting events counts pathways: the fact table has at most one event of each kind per pathway (one per
    step of its row; tests/statistics/test_snapshot.py checks it), and admissible / deemed_admissible exclude
    each other. So the cohort view needs no COUNT(DISTINCT) — both views are one pass over the events."""
    by = _dimension(by, FUNNEL_BY)
    group, keys, labels = _grouped(key, by)
    where, params = filters.where(key)
    steps = {column: events for column, (_label, events) in FUNNEL_STEPS.items()}
    sql = (
        f"SELECT {group}, {_counts(steps)} FROM {{events}} WHERE domain = 'pathway'{where} "
        f"GROUP BY {group} ORDER BY {group}"
    )
    labels_ = (*labels, *(label for label, _ in FUNNEL_STEPS.values()))
    return Table("", (*keys, *steps), labels_, engine.rows(sql, params))


FUNNEL_BY = ("region", "department", "certification", "certification_level", "nsf", "accompanied", "funder")


def funnel_cohort(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    return _funnel(engine, filters, by, key="cohort_year")


def funnel_yearly(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    return _funnel(engine, filters, by, key="event_year")


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def rates(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    by = _dimension(by, FUNNEL_BY)
    group, keys, labels = _grouped("cohort_year", by)
    where, params = filters.where("cohort_year")
    measures = {
        "registered": ("registered",),
        "dropped": ("dropped_out",),
        "admissible": ("admissible", "deemed_admissible"),
        "lapsed": ("lapsed",),
    }
    sql = (
        f"SELECT {group}, {_counts(measures)} FROM {{events}} WHERE domain = 'pathway'{where} "
        f"GROUP BY {group} ORDER BY {group}"
    )
    rows = []
    for row in engine.rows(sql, params):
        head, (registered, dropped, admissible, lapsed) = row[: len(keys)], row[len(keys) :]
        rows.append(
            (
                *head,
                registered,
                dropped,
                _percent(dropped, registered),
                admissible,
                lapsed,
                _percent(lapsed, admissible),
            )
        )
    return Table(
        "",
        (*keys, "registered", "dropped_out", "dropout_rate", "admissible", "lapsed", "lapse_rate"),
        (*labels, "Inscrits", "Abandons", "Taux d'abandon (%)", "Recevables", "Caducités", "Taux de caducité (%)"),
        rows,
    )


# Durations between two steps of the same pathway, in days: (column, French label, from events, to events).
DURATIONS = (
    (
        "registration_to_filing",
        "De l'inscription au dépôt du dossier de faisabilité",
        ("registered",),
        ("feasibility_filed",),
    ),
    (
        "filing_to_admissibility",
        "Du dépôt à la recevabilité (décision ou silence)",
        ("feasibility_filed",),
        ("admissible", "deemed_admissible", "not_admissible"),
    ),
    ("admissibility_to_jury", "De la recevabilité au jury", ("admissible", "deemed_admissible"), ("jury_held",)),
    (
        "registration_to_result",
        "De l'inscription au résultat du jury",
        ("registered",),
        ("result_full", "result_partial", "result_refused"),
    ),
)


def durations(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    del by  # one national (or scoped) line per segment
    where, params = filters.where("cohort_year")
    pivots = ", ".join(
        f"MIN(event_date) FILTER (WHERE event IN ({', '.join(repr(e) for e in start)})) AS {name}_start, "
        f"MIN(event_date) FILTER (WHERE event IN ({', '.join(repr(e) for e in end)})) AS {name}_end"
        for name, _label, start, end in DURATIONS
    )
    parts = []
    for name, _label, _start, _end in DURATIONS:
        days = f"({name}_end - {name}_start)"
        parts.append(
            f"SELECT '{name}' AS segment, COUNT({days}) AS n,"
            f" percentile_cont(0.25) WITHIN GROUP (ORDER BY {days}) AS q1,"
            f" percentile_cont(0.5) WITHIN GROUP (ORDER BY {days}) AS median,"
            f" percentile_cont(0.75) WITHIN GROUP (ORDER BY {days}) AS q3 FROM paths"
        )
    sql = (
        f"WITH paths AS (SELECT pathway_key, {pivots} FROM {{events}} WHERE domain = 'pathway'{where} "
        f"GROUP BY pathway_key) {' UNION ALL '.join(parts)}"
    )
    labels = {name: label for name, label, _s, _e in DURATIONS}
    order = [name for name, *_ in DURATIONS]
    rows = sorted(engine.rows(sql, params), key=lambda row: order.index(row[0]))
    rows = [(labels[r[0]], r[1], *(None if v is None else round(float(v), 1) for v in r[2:])) for r in rows]
    return Table(
        "",
        ("segment", "pathways", "q1", "median", "q3"),
        ("Étape", "Parcours", "1er quartile (jours)", "Médiane (jours)", "3e quartile (jours)"),
        rows,
    )


def silence_by_certifier(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    del by
    where, params = filters.where("event_year")
    sql = (
        "SELECT certifier_siret, COUNT(*) FILTER (WHERE event IN ('admissible', 'not_admissible')),"
        " COUNT(*) FILTER (WHERE event = 'deemed_admissible')"
        " FROM {events} WHERE domain = 'pathway' AND event IN ('admissible', 'not_admissible', 'deemed_admissible')"
        f"{where} GROUP BY certifier_siret ORDER BY certifier_siret"
    )
    rows = [
        (siret, explicit, deemed, _percent(deemed, explicit + deemed))
        for siret, explicit, deemed in engine.rows(sql, params)
    ]
    return Table(
        "",
        ("certifier_siret", "decided", "deemed", "silence_rate"),
        ("Certificateur (SIRET)", "Décisions notifiées", "Recevables par silence", "Part des silences (%)"),
        rows,
    )


LEAVE_EVENTS = {
    "leave_sent": "Demandes reçues",
    "leave_accepted": "Accords",
    "leave_postponed": "Reports",
    "leave_deemed_consent": "Accords par silence",
}


def leave(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    del by
    # A congé request has no territory nor certifier: only the period filters apply.
    where, params = Filters(year_from=filters.year_from, year_to=filters.year_to).where("event_year")
    measures = ", ".join(f"COUNT(*) FILTER (WHERE event = '{event}')" for event in LEAVE_EVENTS)
    sql = (
        f"SELECT event_year, {measures} FROM {{events}} WHERE domain = 'leave'{where} "
        "GROUP BY event_year ORDER BY event_year"
    )
    return Table(
        "", ("event_year", *LEAVE_EVENTS), (DIMENSIONS["event_year"], *LEAVE_EVENTS.values()), engine.rows(sql, params)
    )


FUNDING_EVENTS = {
    "funding_decided": ("Décisions", ("funding_full", "funding_partial", "funding_refused")),
    "funding_full": ("Prises en charge totales", ("funding_full",)),
    "funding_partial": ("Prises en charge partielles", ("funding_partial",)),
    "funding_refused": ("Refus", ("funding_refused",)),
}
FUNDING_BY = ("region", "department", "certification", "amount_band")


def funding(engine: Engine, filters: Filters, by: str | None = None) -> Table:
    """Decisions of each funder kind per year (the funder breakdown); a certifier's page sees none (a funding
    request has no certifier)."""
    by = _dimension(by, FUNDING_BY)
    keys = ("event_year", "funder") if by is None else ("event_year", "funder", by)
    group = ", ".join(keys)
    where, params = filters.where("event_year")
    steps = {column: events for column, (_label, events) in FUNDING_EVENTS.items()}
    sql = (
        f"SELECT {group}, {_counts(steps)} FROM {{events}} WHERE domain = 'funding'{where} "
        f"GROUP BY {group} ORDER BY {group}"
    )
    labels = (*(DIMENSIONS[k] for k in keys), *(label for label, _ in FUNDING_EVENTS.values()))
    return Table("", (*keys, *steps), labels, engine.rows(sql, params))


BREAKDOWN_BY = (
    "region",
    "department",
    "certification",
    "certification_level",
    "candidate_level",
    "nsf",
    "employment_status",
    "accompanied",
    "programme_kind",
    "funder",
    "event_month",
)


def registrations(engine: Engine, filters: Filters, by: str | None = "region") -> Table:
    by = _dimension(by or "region", BREAKDOWN_BY)
    where, params = filters.where("event_year")
    sql = (
        f"SELECT {by}, COUNT(*) FROM {{events}} WHERE domain = 'pathway' AND event = 'registered'{where} "
        f"GROUP BY {by} ORDER BY {by}"
    )
    return Table("", (by, "registered"), (DIMENSIONS[by], "Inscriptions"), engine.rows(sql, params))


def _indicator(id: str, title: str, definition: str, run, by: Sequence[str] = ()) -> Indicator:
    def bound(engine: Engine, filters: Filters, by_: str | None = None) -> Table:
        table = run(engine, filters, by_)
        return Table(id, table.columns, table.labels, table.rows)

    return Indicator(id, title, definition, bound, tuple(by))


INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in (
        _indicator(
            "funnel_cohort",
            "Entonnoir par cohorte d'inscription",
            "Pour les parcours inscrits une année donnée (la cohorte), nombre de parcours distincts ayant atteint "
            "chaque étape à la date de l'instantané, quelle que soit l'année où l'étape a été franchie : suivi "
            "longitudinal (R6423-5). « Recevables » compte la décision favorable du certificateur et la "
            "recevabilité acquise par son silence (R6412-4).",
            funnel_cohort,
            FUNNEL_BY,
        ),
        _indicator(
            "funnel_yearly",
            "Nombre d'étapes franchies par année",
            "Pour chaque année civile, nombre d'étapes franchies pendant l'année (inscriptions, dépôts, "
            "recevabilités, jurys, résultats), quelle que soit l'année d'inscription du parcours : les nombres "
            "annuels reçus à chaque étape (R6423-5).",
            funnel_yearly,
            FUNNEL_BY,
        ),
        _indicator(
            "rates",
            "Taux d'abandon et de caducité par cohorte",
            "Taux d'abandon : parcours de la cohorte clôturés par un abandon ÷ parcours inscrits. Taux de "
            "caducité : parcours devenus caducs faute de démarche (R6412-4) ÷ parcours recevables (par décision "
            "ou par silence). À la date de l'instantané.",
            rates,
            FUNNEL_BY,
        ),
        _indicator(
            "durations",
            "Durées entre les étapes",
            "Pour les parcours ayant franchi les deux étapes, nombre de jours entre la première date de l'une et "
            "la première date de l'autre : premier quartile, médiane et troisième quartile (interpolés).",
            durations,
        ),
        _indicator(
            "silence_by_certifier",
            "Décisions de recevabilité par silence, par certificateur",
            "Par certificateur, décisions de recevabilité notifiées dans le délai et recevabilités acquises "
            "par le silence du certificateur à la fin du délai (R6412-4), dans les années choisies.",
            silence_by_certifier,
        ),
        _indicator(
            "leave",
            "Congé VAE : demandes, accords, reports, accords par silence",
            "Par année : demandes reçues par l'employeur, accords et reports enregistrés, et accords réputés "
            "acquis faute de réponse dans le délai (leave.status, R6422-4) à la date de l'instantané.",
            leave,
        ),
        _indicator(
            "funding",
            "Décisions de financement par financeur",
            "Par année de décision et nature de financeur (OPCO, Transitions Pro, Région, État, GIP…) : décisions "
            "sur les demandes de prise en charge, dont prises en charge totales, partielles et refus. Le financeur "
            "d'un parcours (dimension « Financeur » des autres tableaux) est celui de sa dernière décision "
            "favorable, à défaut celui de son accompagnement collectif.",
            funding,
            FUNDING_BY,
        ),
        _indicator(
            "registrations",
            "Inscriptions",
            "Nombre de parcours inscrits pendant les années choisies, ventilé selon la dimension choisie.",
            registrations,
            BREAKDOWN_BY,
        ),
    )
}
