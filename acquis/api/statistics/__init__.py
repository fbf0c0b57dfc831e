"""/api/v1/open-data: the public statistical tables (issue 17, point 5), read only.

Public (``auth=None``) like the /donnees-ouvertes/ pages, and showing exactly what they show: the files of the
latest snapshot, statistical secrecy applied (a secret count is null). Thin: acquis.statistics.selectors."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema

from acquis.statistics import opendata, selectors

router = Router(tags=["données ouvertes"])

PUBLIC = (
    "**Route publique, sans authentification** : tableaux agrégés, secret statistique appliqué (un nombre "
    "inférieur à 11 et les cases qui permettraient de le retrouver sont null)."
)


class OpenDataTableSummaryOut(Schema):
    name: str = Field(description="Identifiant du tableau (nom des fichiers CSV et Parquet).")
    title: str
    columns: dict[str, str] = Field(description="Dictionnaire des données : colonne → définition.")


class OpenDataIndexOut(Schema):
    snapshot_on: dt.date | None = Field(description="Date de l'instantané publié ; null s'il n'y en a aucun.")
    tables: list[OpenDataTableSummaryOut]


class OpenDataTableOut(Schema):
    snapshot_on: dt.date
    name: str
    title: str
    columns: dict[str, str]
    rows: list[dict[str, str | int | None]] = Field(description="Une ligne par objet ; null : secret statistique.")


@router.get("", auth=None, response=OpenDataIndexOut, summary="Tableaux de données ouvertes", description=PUBLIC)
def open_data_index(request):
    snapshot = selectors.latest_snapshot()
    tables = [
        {"name": name, "title": spec["title"], "columns": spec["columns"]}
        for name, spec in opendata.DICTIONARY.items()
    ]
    return {"snapshot_on": snapshot.on if snapshot else None, "tables": tables if snapshot else []}


@router.get(
    "/{table}", auth=None, response=OpenDataTableOut, summary="Un tableau de données ouvertes", description=PUBLIC
)
def open_data_table(request, table: str):
    snapshot = selectors.latest_snapshot()
    if snapshot is None or table not in opendata.DICTIONARY:
        raise Http404
    header, rows = opendata.read_table(snapshot.opendata, table)
    text = set(opendata.TEXT_COLUMNS)

    def cell(column: str, value: str) -> str | int | None:
        if value == opendata.SECRET:
            return None
        return value if column in text else int(value)

    spec = opendata.DICTIONARY[table]
    return {
        "snapshot_on": snapshot.on,
        "name": table,
        "title": spec["title"],
        "columns": spec["columns"],
        "rows": [{c: cell(c, v) for c, v in zip(header, row, strict=True)} for row in rows],
    }
