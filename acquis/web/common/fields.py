"""Form fields every domain's forms share."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from acquis.rules.facts import IMPLAUSIBLE_DAY, is_plausible_day

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_HELP = "Format : JJ/MM/AAAA"


class TextArea(forms.Textarea):
    # components/form_field.html reads the widget's input_type (templates raise on unknown variables).
    input_type = "textarea"


def plausible_day(day: dt.date) -> None:
    # 0001-01-01 or 9999-12-31 broke a request's page and the employee's calendar (security review M6), and a
    # date no person means (a mistyped year) would otherwise be stored and counted: refused at entry, in French.
    if day is not None and not is_plausible_day(day):
        raise ValidationError(IMPLAUSIBLE_DAY, code="implausible_date")


class PlausibleDateField(forms.DateField):
    """A date between 1900 and 2100 (acquis.rules.facts), the same bounds as the API's IsoDate."""

    default_validators = [plausible_day]


class DateField(PlausibleDateField):
    """A date typed as JJ/MM/AAAA (or ISO), refused when implausible."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs.setdefault("error_messages", {"invalid": "Saisissez une date au format JJ/MM/AAAA."})
        super().__init__(*args, **kwargs)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date picked in the browser's date input, refused when implausible."""
    return PlausibleDateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        help_text=help_text,
        error_messages={"required": f"Indiquez la date : {label.lower()}.", "invalid": "Saisissez une date valide."},
    )
