"""The legal figures the public information pages show, read from the rules' dated parameters for one day.

A page "as the law stood on" a day shows each number (days, months, hours, levels, counts) as the parameter
gives it on that day, with the article version that sets it; a parameter with no value on that day (its
article was not yet in force, or no longer is) is shown as such, never replaced by another day's value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from acquis.rules.catalogue import default_registry
from acquis.rules.decision import Source
from acquis.rules.durations import Duration
from acquis.rules.errors import ParameterNotInForce

# The first day the corpus holds the text of a congé VAE article (R6422-x, 2014-11-15): pages start there.
FIRST_DAY = dt.date(2014, 11, 15)

# The parameters the information pages speak of (acquis/rules/<family>/parameters.yaml).
NAMES = (
    "leave.request_notice",
    "leave.employer_answer_delay",
    "leave.postponement_max",
    "leave.employer_silence_is_consent",
    "leave.paid_hours_base",
    "leave.paid_hours_require_funding",
    "leave.paid_hours_extension_below_level",
    "admissibility.decision_delay",
    "admissibility.silence_is_admissible",
    "admissibility.lapse_period",
    "admissibility.files_per_certification_per_year",
    "admissibility.distinct_certifications_per_year",
    "admissibility.quota_exempts_blocks",
    "jury.latest_date_after_filing",
    "jury.result_notification_delay",
    "funding.eligible_expense_codes",
    "funding.cpf_excluded_expense_codes",
    "support.filing_assistance_below_level",
    "data.personal_data_retention",
)


@dataclass(frozen=True)
class Figure:
    """One parameter on one day: ``value`` is None when no value is in force (``in_force`` False)."""

    name: str
    value: Any
    source: Source | None

    @property
    def in_force(self) -> bool:
        return self.source is not None

    @property
    def amount(self) -> Any:
        """The number a sentence shows: a duration's count, hours without a useless ".0", else the value."""
        if isinstance(self.value, Duration):
            return self.value.amount
        if isinstance(self.value, Decimal):
            return int(self.value) if self.value == self.value.to_integral_value() else self.value
        return self.value


def figure_on(name: str, day: dt.date) -> Figure:
    parameter = default_registry().parameters[name]
    try:
        value = parameter.at(day)
    except ParameterNotInForce:
        return Figure(name=name, value=None, source=None)
    return Figure(name=name, value=value.value, source=value.source)


def figures_on(day: dt.date) -> dict[str, Figure]:
    """Every figure of the information pages on ``day``, keyed by the parameter's name with "." → "__"
    (templates cannot read dotted keys)."""
    return {name.replace(".", "__"): figure_on(name, day) for name in NAMES}
