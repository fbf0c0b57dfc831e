"""One date format for people (docs/architecture.md, « One date format for people », issue 15 point 10).

Every template and every Python module of ``acquis`` is scanned: a date shown to people goes through
``french_date`` / ``french_datetime`` / ``french_time`` (« 1er mars 2026 à 14 h 05 »). Django's ``date``
filter is allowed only for machine forms (ISO ``Y-m-d`` in an attribute or a URL, ``c``) and for a month
heading (« F Y »); Python's ``strftime`` and ``:%d/%m/%Y`` format specs only for what is not shown to people
(parsing typed dates, files in a registry's own format, SQL).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template

from acquis.documents.text import french_date, french_datetime, french_day_and_time, french_time

ROOT = Path(__file__).resolve().parents[2] / "acquis"


MACHINE_FORMATS = {"Y-m-d", "c"}
MONTH_HEADING = {"F Y"}
DATE_FILTER = re.compile(r"""\{\{\s*([^{}]*?)\|date(?::\s*(['"])(.*?)\2)?\s*(?:\|[^{}]*)?\}\}""")
TIME_FILTER = re.compile(r"\|time\b")
# « {% now "d/m/Y" %} » writes today's date without the filters: only a machine form may use it.
NOW_TAG = re.compile(r"""\{%\s*now\s+(['"])(.*?)\1""")

# strftime directives that write a day, a month or a year for reading.
PY_DISPLAY = re.compile(r"%d[/.\- ]%m|%m/%d|%d %B|%B %Y|%A|%e\b|:%d/")
# Lines whose numeric formats are not shown to people: what forms accept, what a registry file contains,
# what SQL computes.
PY_ALLOWED_LINE = re.compile(r"input_formats|strftime\(event_date|strftime\(decided_on|strftime\('%Y-%m'\)")
PY_ALLOWED_FILES = {
    # Writes a synthetic France compétences export, in that registry's own « JJ/MM/AAAA » columns.
    "demo/synthetic_certifications.py",
}


def template_problems(relative: str, text: str) -> list[str]:
    problems = []
    for match in DATE_FILTER.finditer(text):
        fmt = match.group(3)
        line = text.count("\n", 0, match.start()) + 1
        where = f"{relative}:{line} {match.group(0)}"
        if fmt is None:
            problems.append(f"{where} : |date sans format (utilisez |french_date)")
        elif fmt in MONTH_HEADING:
            continue
        elif fmt not in MACHINE_FORMATS:
            problems.append(f"{where} : format « {fmt} » (utilisez |french_date ou |french_datetime)")
        elif text[match.start() - 1 : match.start()] not in ('"', "=", "'"):
            # An ISO form is for machines: the value of an attribute or of a URL parameter, never text.
            problems.append(f"{where} : forme ISO montrée comme texte (utilisez |french_date)")
    for match in WRITTEN_DATE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(f"{relative}:{line} : date écrite en chiffres « {match.group(0)} »")
    for match in NOW_TAG.finditer(text):
        if match.group(2) not in MACHINE_FORMATS:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{relative}:{line} {match.group(0)} : passez la date du jour au gabarit (|french_date)")
    for match in TIME_FILTER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(f"{relative}:{line} : filtre |time (utilisez |french_time)")
    return problems


# A date written out by hand in prose (« entre le 01/10/2017 et … »); « par exemple 15/03/2025 » shows what a
# form accepts as input, and is allowed.
WRITTEN_DATE = re.compile(r"(?<!exemple )\b[0-3]\d/[01]\d/(?:19|20)\d\d\b")


def python_problems(relative: str, text: str) -> list[str]:
    if relative in PY_ALLOWED_FILES:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if (PY_DISPLAY.search(line) or WRITTEN_DATE.search(line)) and not PY_ALLOWED_LINE.search(line):
            problems.append(f"{relative}:{number} : {line.strip()}")
    return problems


def _scanned(pattern: str):
    for path in sorted(ROOT.rglob(pattern)):
        relative = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts:
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_every_template_writes_dates_one_way():
    problems = [
        p for pattern in ("*.html", "*.txt") for rel, text in _scanned(pattern) for p in template_problems(rel, text)
    ]
    assert not problems, "\n".join(problems)


def test_every_python_module_writes_dates_one_way():
    problems = [p for rel, text in _scanned("*.py") for p in python_problems(rel, text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('<td>{{ day|date:"d/m/Y" }}</td>', True),
        ("<td>{{ day|date:'j F Y' }}</td>", True),
        ("<td>{{ day|date }}</td>", True),
        ("<td>{{ day|date:'Y-m-d' }}</td>", True),
        ("<p>{{ moment|time:'H:i' }}</p>", True),
        ("<time datetime=\"{{ day|date:'Y-m-d' }}\">{{ day|french_date }}</time>", False),
        ("<a href=\"?date={{ day|date:'Y-m-d' }}\">", False),
        ('<td>{{ month|date:"F Y" }}</td>', False),
        ("<p>Avant le 01/01/2024, la procédure…</p>", True),
        ('<p>Aujourd\'hui, le {% now "d/m/Y" %}</p>', True),
        ('<input value="{% now "Y-m-d" %}">', False),
    ],
)
def test_the_template_scan_can_fail(text, found):
    assert bool(template_problems("x.html", text)) is found


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ('f"reçue le {day:%d/%m/%Y}"', True),
        ('day.strftime("%d/%m/%Y %H:%M")', True),
        ('f"{day:%d %B %Y}"', True),
        ('kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])', False),
        ('f"reçue le {french_date(day)}"', False),
        ("\"ne s'applique qu'aux congés commençant entre le 01/10/2017\"", True),
        ('"Saisissez une date, par exemple 15/03/2025."', False),
    ],
)
def test_the_python_scan_can_fail(line, found):
    assert bool(python_problems("x.py", line)) is found


def test_the_one_format():
    assert french_date(dt.date(2026, 3, 1)) == "1er mars 2026"
    assert french_date("2027-12-25") == "25 décembre 2027"
    assert french_date(None) == "—"
    assert french_time(dt.time(9, 5)) == "9 h 05"
    assert french_datetime(dt.datetime(2026, 3, 1, 13, 5, tzinfo=dt.UTC)) == "1er mars 2026 à 14 h 05"
    assert french_day_and_time(dt.date(2027, 3, 3), dt.time(14, 0)) == "3 mars 2027 à 14 h 00"
    assert french_day_and_time(dt.date(2027, 3, 3), None) == "3 mars 2027"


def test_the_filters_are_builtins_of_every_template():
    rendered = Template("{{ day|french_date }} · {{ moment|french_datetime }} · {{ hour|french_time }}").render(
        Context(
            {
                "day": dt.date(2026, 3, 1),
                "moment": dt.datetime(2026, 3, 1, 13, 5, tzinfo=dt.UTC),
                "hour": dt.time(8, 30),
            }
        )
    )
    assert rendered == "1er mars 2026 · 1er mars 2026 à 14 h 05 · 8 h 30"
