from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.rules.catalogue import default_registry
from acquis.rules.decision import Decision
from acquis.rules.errors import RulesError


def decide(rule_id: str, facts: dict[str, Any], at: dt.date) -> tuple[Decision | None, str]:
    """The Decision, or None and the rule's error code (no_version_in_force outside the article's life)."""
    try:
        return default_registry().decide(rule_id, facts, at), ""
    except RulesError as error:
        return None, error.code


def day_or_today(day: dt.date | None, *, field: str) -> dt.date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({field: ValidationError("Cette date est dans le futur.", code="date_in_future")})
    return day


def refuse(field: str, message: str, code: str, **params: Any) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})
