"""The date filters of every template (a builtin, see config/settings/base.py): one way to write a date to people.

``{{ day|french_date }}`` → « 1er mars 2026 »; ``{{ moment|french_datetime }}`` → « 1er mars 2026 à 14 h 05 »;
``{{ hour|french_time }}`` → « 14 h 05 ». Machine forms (``date:'Y-m-d'`` in a ``datetime`` attribute or a URL,
``date:'c'``) stay Django's. tests/web/test_one_date_format.py fails on any other format.
"""

from __future__ import annotations

from django import template

from acquis.documents import text

register = template.Library()


@register.filter
def french_date(value) -> str:
    return text.french_date(value) if value else ""


@register.filter
def french_datetime(value) -> str:
    return text.french_datetime(value) if value else ""


@register.filter
def french_time(value) -> str:
    return text.french_time(value) if value else ""
