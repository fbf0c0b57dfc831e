from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone


def day_or_today(day: dt.date | None, *, field: str) -> dt.date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({field: ValidationError("Cette date est dans le futur.", code="date_in_future")})
    return day


def refuse(field: str, message: str, code: str, **params: Any) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})
