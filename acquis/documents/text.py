"""How documents and e-mails word dates, hours and legal citations (French, one format everywhere)."""

from __future__ import annotations

import datetime as dt

from acquis.rules.decision import Source

_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()  # noqa: SIM905
)


def french_date(value: dt.date | str | None) -> str:
    """The one way Acquis writes a date to people (pages, PDFs, e-mails, calendars): « 4 novembre 2019 »,
    « 1er janvier 2020 ». An ISO string (a Decision's value) is accepted; « — » when there is no date.
    The rule and its test: docs/glossary.md (« Dates »), tests/web/test_one_date_format.py."""
    if value is None or value == "":
        return "—"
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(day, dt.datetime):
        day = day.date()
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


def french_time(value: dt.time | None) -> str:
    """« 14 h 05 », « 9 h 00 »: the French typographic form of an hour."""
    return "" if value is None else f"{value.hour} h {value.minute:02d}"


def french_datetime(value: dt.datetime | None) -> str:
    """« 1er mars 2026 à 14 h 05 », in the local time zone when the moment is aware (an audit timestamp)."""
    if value is None:
        return "—"
    if value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value)
    return f"{french_date(value.date())} à {french_time(value.time())}"


def french_day_and_time(day: dt.date | None, time: dt.time | None) -> str:
    """A day with its hour when it is known: « 3 mars 2027 à 14 h 00 », else « 3 mars 2027 »."""
    return french_date(day) + (f" à {french_time(time)}" if day is not None and time is not None else "")


def hours(value) -> str:
    """« 14 h », « 10.5 h »: a Decimal keeps its significant digits only."""
    text = f"{value:f}".rstrip("0").rstrip(".") if hasattr(value, "as_tuple") else str(value)
    return f"{text} h"


def cite(source: Source) -> str:
    """The article and the version it was read in: « Article R6412-4 du Code du travail (LEGIARTI…, en
    vigueur du 29 décembre 2023) »."""
    until = f" au {french_date(source.valid_until)}" if source.valid_until else ""
    version = f"{source.legiarti}, en vigueur du {french_date(source.valid_from)}{until}"
    return f"Article {source.article} du Code du travail ({version})"
