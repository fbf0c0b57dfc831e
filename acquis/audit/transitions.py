"""What every domain's workflow table shares (acquis/pathways/transitions.py, acquis/leave/transitions.py,
acquis/funding/transitions.py): the transition log's columns, who a log row names, and the OpenAPI sentence
listing a route's refusals. The tables themselves stay in their domains: their states, targets and finer
conditions differ; the log and the refusals' wording do not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.audit import context


class TransitionEntry(models.Model):
    """One row of a domain's transition log, beside the service's AuditEvent: which action of the table, who,
    the day it has effect, and the Decision the service kept for it. A domain's log adds the object and its
    from/to states (and is erased with that object: its foreign key cascades)."""

    action = models.CharField("action", max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    on = models.DateField("date de l'action")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The Decision the service kept for this step (acquis.rules.decision/1 JSON), if any.
    decision = models.JSONField(null=True, blank=True)

    class Meta:
        abstract = True


class Refusal(NamedTuple):
    """A row's refusal when the object's state does not allow the action: its machine code, French message,
    field ("" for the whole request) and the error class it is raised as (a domain may class the loss of a race
    apart, e.g. the congé's LeaveConflict). A tuple, so that a row reads as (code, message, field)."""

    code: str
    message: str
    field: str = ""
    kind: type[ValidationError] = ValidationError

    @property
    def race(self) -> bool:
        """Raised as a conflict class of the domain (another write won), not as a plain refusal."""
        return self.kind is not ValidationError

    def error(self) -> ValidationError:
        error = self.kind(self.message, code=self.code)
        return self.kind({self.field: error}) if self.field else error


# The refusal of a row that allows every state (it is never raised; its empty code is no refusal).
NO_REFUSAL = Refusal("", "")


def entry_fields(action: str, *, actor: Actor, on: dt.date | None, decision: dict | None) -> dict:
    """The shared columns of a log row. The actor is a person's account, or none (a token, a command): the label
    is pseudonymous as in the audit log — never an e-mail, which retention (R6411-6) would have to find."""
    from acquis.accounts.models import User

    user = actor if isinstance(actor, User) and actor.is_authenticated else None
    return {
        "action": action,
        "actor": user,
        "actor_label": f"compte n° {user.pk}" if user is not None else context.current().channel,
        "on": on or timezone.localdate(),
        "decision": decision,
    }


def refusals_sentence(state_codes: Iterable[str], input_codes: Iterable[str]) -> str:
    """« Refus : 409 `a`, `b` ; 422 `c`. » — the route's refusals as its OpenAPI description lists them: 409 for
    the object's state, 422 for the caller's input (a class without any code is left out)."""
    parts = [
        f"{status} " + ", ".join(f"`{code}`" for code in sorted(codes))
        for status, codes in ((409, set(state_codes)), (422, set(input_codes)))
        if codes
    ]
    return f"Refus : {' ; '.join(parts)}." if parts else ""
