"""How documents and e-mails word dates, hours and legal citations (French, one format everywhere)."""

from __future__ import annotations

import datetime as dt

from acquis.rules.decision import Source


def numeric_date(value: dt.date | str | None) -> str:
    """dd/mm/yyyy; an ISO string (a Decision's value) is accepted; « — » when there is no date.

    Documents and e-mails use this short form; the law pages' long form (« 4 novembre 2019 ») is
    ``law.presentation.french_date``.
    """
    if value is None:
        return "—"
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def hours(value) -> str:
    """« 14 h », « 10.5 h »: a Decimal keeps its significant digits only."""
    text = f"{value:f}".rstrip("0").rstrip(".") if hasattr(value, "as_tuple") else str(value)
    return f"{text} h"


def cite(source: Source) -> str:
    """The article and the version it was read in: « Article R6412-4 du Code du travail (LEGIARTI…, en
    vigueur du 29/12/2023) »."""
    until = f" au {numeric_date(source.valid_until)}" if source.valid_until else ""
    version = f"{source.legiarti}, en vigueur du {numeric_date(source.valid_from)}{until}"
    return f"Article {source.article} du Code du travail ({version})"
