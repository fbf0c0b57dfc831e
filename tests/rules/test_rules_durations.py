"""Calendar-day and month arithmetic, including the documented end-of-month policy (clamp)."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.rules.durations import Duration, add_months

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),  # clamp to the last day of February
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 1, 15), 1, D(2024, 2, 15)),  # the day is kept when the month has it
        (D(2024, 11, 30), 2, D(2025, 1, 30)),  # year change
        (D(2024, 4, 30), -2, D(2024, 2, 29)),  # subtraction clamps too
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 5, 15), 0, D(2024, 5, 15)),
    ],
)
def test_add_months_clamps_to_end_of_month(start, months, expected):
    assert add_months(start, months) == expected


def test_clamped_month_arithmetic_is_not_invertible_so_callers_compute_from_the_origin():
    there = Duration.months(1).after(D(2023, 1, 31))
    assert there == D(2023, 2, 28)
    assert Duration.months(1).before(there) == D(2023, 1, 28)


def test_calendar_days_count_every_day():
    assert Duration.days(15).after(D(2024, 2, 20)) == D(2024, 3, 6)
    assert Duration.days(60).before(D(2020, 3, 1)) == D(2020, 1, 1)


@pytest.mark.parametrize("amount", [-1, 1.5, True])
def test_durations_are_non_negative_integers(amount):
    with pytest.raises(ValueError):
        Duration.days(amount)
