"""Typed legal durations and the date arithmetic the catalogue relies on.

Two units only, because the texts we encode use only these two and mixing them silently is the classic
deadline bug (Catala refuses to compare months with days for the same reason):

* ``CALENDAR_DAYS`` — "trente jours calendaires": every day counts, weekends and public holidays included.
* ``MONTHS`` — "six mois à compter de la demande".

End-of-month policy (documented in docs/rules.md, tested in tests/rules/test_rules_durations.py):
adding or subtracting N months keeps the day of the month when the target month has it, and otherwise
**clamps to the last day of the target month**: 31 January + 1 month = 28 February (29 in a leap year);
31 August + 6 months = 28/29 February; 30 April − 2 months = 28/29 February. The result is therefore never
later than the "same day N months later", which is the reading favourable to the party that must act
before the deadline. The clamp makes month arithmetic non-invertible (31 Jan + 1 month − 1 month =
28 Jan): callers must always compute from the original date, never chain.

No rounding to the next working day is applied: no article of the current catalogue provides for it
(the Code de procédure civile art. 641-642 conventions are not imported without a jurist's confirmation).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass


class DurationUnit(enum.StrEnum):
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: DurationUnit

    def __post_init__(self) -> None:
        if not isinstance(self.amount, int) or isinstance(self.amount, bool) or self.amount < 0:
            raise ValueError(f"a duration is a non-negative integer, got {self.amount!r}")

    @classmethod
    def days(cls, amount: int) -> Duration:
        return cls(amount, DurationUnit.CALENDAR_DAYS)

    @classmethod
    def months(cls, amount: int) -> Duration:
        return cls(amount, DurationUnit.MONTHS)

    def after(self, start: dt.date) -> dt.date:
        """The date ``self`` after ``start`` (see the module docstring for the end-of-month policy)."""
        if self.unit is DurationUnit.CALENDAR_DAYS:
            return start + dt.timedelta(days=self.amount)
        return add_months(start, self.amount)

    def before(self, end: dt.date) -> dt.date:
        """The date ``self`` before ``end``."""
        if self.unit is DurationUnit.CALENDAR_DAYS:
            return end - dt.timedelta(days=self.amount)
        return add_months(end, -self.amount)

    def to_json(self) -> dict[str, object]:
        return {"amount": self.amount, "unit": self.unit.value}

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value}"


def add_months(start: dt.date, months: int) -> dt.date:
    """Add (or subtract, when negative) whole months, clamping to the end of the target month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        # The same error as date + timedelta beyond year 9999: the engine turns both into invalid_facts.
        raise OverflowError(f"{start.isoformat()} {months:+d} months is outside years 1 to 9999")
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))
