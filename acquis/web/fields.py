"""Form fields shared by the pages of every domain."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from acquis.rules.facts import IMPLAUSIBLE_DAY, is_plausible_day


def plausible_day(day: dt.date) -> None:
    # 0001-01-01 or 9999-12-31 broke a request's page and the employee's calendar (security review M6), and a
    # date no person means (a mistyped year) would otherwise be stored and counted: refused at entry, in French.
    if not is_plausible_day(day):
        raise ValidationError(IMPLAUSIBLE_DAY, code="implausible_date")


class PlausibleDateField(forms.DateField):
    """A date between 1900 and 2100 (acquis.rules.facts), the same bounds as the API's IsoDate."""

    default_validators = [plausible_day]
