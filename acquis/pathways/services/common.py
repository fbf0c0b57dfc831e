"""Helpers shared by the pathway services (not services themselves)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.models import User
from acquis.pathways.enums import Closure
from acquis.pathways.models import Candidacy
from acquis.rules import Decision


def actor_user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def today() -> dt.date:
    return timezone.localdate()


def day_or_today(day: dt.date | None, *, field: str, what: str) -> dt.date:
    """A date of an event recorded now or earlier: never in the future (a record cannot anticipate)."""
    current = today()
    if day is None:
        return current
    if day > current:
        raise ValidationError(
            {
                field: ValidationError(
                    f"La date {what} ne peut pas être postérieure à aujourd'hui.", code="date_in_future"
                )
            }
        )
    return day


def locked(candidacy: Candidacy) -> Candidacy:
    """Re-read the row under a lock so that concurrent writes on one candidacy run one after the other."""
    return Candidacy.objects.select_for_update().get(pk=candidacy.pk)


def require_open(candidacy: Candidacy) -> None:
    if candidacy.anonymised_on is not None:
        raise ValidationError(
            "Les données de cette candidature ont été anonymisées : elle ne peut plus évoluer.",
            code="candidacy_anonymised",
        )
    if candidacy.closure != Closure.OPEN:
        raise ValidationError(
            f"Cette candidature est clôturée ({candidacy.get_closure_display().lower()}) : rouvrez-la d'abord.",
            code="candidacy_closed",
        )


def stored(decision: Decision | None) -> dict | None:
    """A Decision as stored unchanged (acquis.rules.decision/1 JSON)."""
    return decision.to_dict() if decision is not None else None


def escaped(text: str) -> str:
    """Text quoted in a ValidationError that carries ``params`` (Django formats its message with them)."""
    return text.replace("%", "%%")


def first_sentence(decision: Decision, article: str) -> str:
    """The cited sentence of ``article`` in a Decision, for French error messages that quote the law."""
    return next((source.sentence for source in decision.sources if source.article == article), "")
