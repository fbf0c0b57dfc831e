"""Absurd dates (year 0001, 9999, before 1900, far future) are refused at entry on every page form, with the
same French message as the API's IsoDate (security review M6, issue 11.6).

Every form class of acquis/web is found by walking its modules, so a new form with a plain DateField fails here.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms

import acquis.web
from acquis.rules.facts import IMPLAUSIBLE_DAY
from acquis.web.common.fields import PlausibleDateField

ABSURD = ("0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31")


def _web_forms() -> list[type[forms.Form]]:
    # By file, not pkgutil: some page packages have no __init__.py (namespace packages pkgutil does not enter).
    root = Path(acquis.web.__path__[0])
    found = {}
    for path in sorted(root.rglob("*forms.py")):
        name = "acquis.web." + ".".join(path.relative_to(root).with_suffix("").parts)
        module = importlib.import_module(name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


def _date_fields(form_class) -> list[tuple[str, forms.Field]]:
    return [(name, field) for name, field in form_class.base_fields.items() if isinstance(field, forms.DateField)]


FORMS_WITH_DATES = [form for form in _web_forms() if _date_fields(form)]


def test_the_walk_finds_the_forms_of_every_domain():
    modules = {form.__module__ for form in FORMS_WITH_DATES}
    for domain in ("governance", "funding", "law", "orientation", "leave", "pathways", "rules"):
        assert any(f"acquis.web.{domain}." in module for module in modules), domain


@pytest.mark.parametrize("form_class", FORMS_WITH_DATES, ids=lambda form: f"{form.__module__}.{form.__name__}")
def test_every_date_field_of_the_pages_is_bounded(form_class):
    for name, field in _date_fields(form_class):
        assert isinstance(field, PlausibleDateField), f"{form_class.__name__}.{name}"


@pytest.mark.parametrize("form_class", FORMS_WITH_DATES, ids=lambda form: f"{form.__module__}.{form.__name__}")
@pytest.mark.parametrize("day", ABSURD)
def test_an_absurd_date_is_refused_with_a_french_message(form_class, day):
    for name, field in _date_fields(form_class):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(day)
        assert refused.value.messages == [IMPLAUSIBLE_DAY], f"{form_class.__name__}.{name}"


@pytest.mark.parametrize("day", ("1900-01-01", "2026-12-07", "2100-12-31"))
def test_a_plausible_date_passes(day):
    assert PlausibleDateField().clean(day).isoformat() == day
