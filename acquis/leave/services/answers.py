"""The employer's one answer to a congé VAE request (R6422-4): accept, or postpone within the legal limit."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from acquis.accounts.models import ApiToken, User
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.documents.text import french_date
from acquis.leave.enums import AnswerKind, NoticeKind, RequestState
from acquis.leave.models import LeaveAnswer, LeaveRequest
from acquis.leave.notices import transition_notice_queue
from acquis.leave.services.requests import actor_user, cannot_apply, locked
from acquis.leave.transitions import ALREADY_ANSWERED, LeaveConflict, transition_check, transition_record
from acquis.rules import Decision, answer, ids


def _refused(field: str, message: str, code: str) -> ValidationError:
    """A refusal of one field, with the machine code the API returns next to the French message."""
    return ValidationError({field: ValidationError(message, code=code)})


def _postponement_error(decision: Decision, postponed_to: dt.date) -> str:
    source = decision.sources[0]
    latest = dt.date.fromisoformat(decision.value)
    return (
        f"Le report au {french_date(postponed_to)} dépasse la limite légale du {french_date(latest)} "
        f"(article {source.article} du Code du travail : « {source.sentence} »)."
    )


@service
def leave_request_answer(
    *,
    leave_request: LeaveRequest,
    actor: User | ApiToken,
    kind: str,
    postponed_to: dt.date | None = None,
    reasons: str = "",
    answered_on: dt.date | None = None,
) -> LeaveAnswer:
    """The employer's one answer: accept, or postpone for service reasons within the legal limit (R6422-4).

    The row lock makes concurrent answers run one after the other (the second sees the first and gets a
    LeaveConflict); the one-to-one key of LeaveAnswer is the backstop should a path skip the lock.
    """
    leave_request = locked(leave_request)
    transition_check("leave_request_answer", leave_request)
    # The state says SENT, but an answer recorded by a path that skipped the lock still wins.
    if LeaveAnswer.objects.filter(request=leave_request).exists():
        raise LeaveConflict(ALREADY_ANSWERED, code="already_answered")
    today = timezone.localdate()
    answered_on = answered_on or today
    received = leave_request.request_received
    if answered_on > today:
        raise _refused("answered_on", "La date de la réponse ne peut pas être dans le futur.", "answer_in_future")
    if answered_on < received:
        message = f"La réponse ne peut pas précéder la réception de la demande ({french_date(received)})."
        raise _refused("answered_on", message, "answer_before_receipt")
    reasons = (reasons or "").strip()
    kept: Decision | None = None  # a postponement keeps the limit it was checked against
    if kind == AnswerKind.ACCEPT:
        postponed_to, reasons = None, ""
    elif kind == AnswerKind.POSTPONE:
        errors = {}
        if not reasons:
            errors["reasons"] = ValidationError(
                "Un report doit être motivé : indiquez les raisons de service (article R6422-4 du Code du travail).",
                code="reasons_required",
            )
        if postponed_to is None:
            errors["postponed_to"] = ValidationError(
                "Indiquez la date à laquelle l'absence est reportée.", code="postponed_to_required"
            )
        if errors:
            raise ValidationError(errors)
        silent = answer(
            ids.LEAVE_STATUS, {"request_received": received, "answer": None, "on": answered_on}
        ).decided_or(cannot_apply)
        if silent.value == "deemed_accepted":
            # The employer's silence already became consent (R6422-4 since 2019-11-04): a postponement now
            # would have no effect, so recording one would mislead both parties.
            source = next(s for s in silent.sources if "vaut accord" in s.sentence)
            message = (
                "Le délai de réponse est écoulé : l'absence est réputée accordée et ne peut plus être reportée "
                f"(article {source.article} du Code du travail : « {source.sentence} »)."
            )
            raise _refused("postponed_to", message, "already_deemed_accepted")
        limit = answer(ids.LEAVE_POSTPONEMENT_LATEST_DATE, {"request_received": received}).decided_or(cannot_apply)
        if postponed_to > dt.date.fromisoformat(limit.value):
            raise _refused("postponed_to", _postponement_error(limit, postponed_to), "postponement_beyond_limit")
        kept = limit
    else:
        raise _refused("kind", "Choisissez une réponse : accord ou report.", "invalid_answer_kind")
    try:
        with transaction.atomic():
            recorded = LeaveAnswer.objects.create(
                request=leave_request,
                kind=kind,
                answered_on=answered_on,
                postponed_to=postponed_to,
                reasons=reasons,
                answered_by=actor_user(actor),
                answered_by_token=actor if isinstance(actor, ApiToken) else None,
            )
    except IntegrityError:
        raise LeaveConflict(ALREADY_ANSWERED, code="already_answered") from None
    leave_request.state = RequestState.ANSWERED
    leave_request.save(update_fields=["state", "updated_at"])
    transition_record(
        "leave_request_answer",
        leave_request=leave_request,
        before=RequestState.SENT,
        actor=actor,
        on=answered_on,
        decision=kept.to_dict() if kept is not None else None,
    )
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_REQUEST_ANSWERED,
        obj=leave_request,
        payload={
            "kind": kind,
            "answered_on": answered_on.isoformat(),
            "postponed_to": postponed_to.isoformat() if postponed_to else None,
            "token": actor.pk if isinstance(actor, ApiToken) else None,
        },
    )
    transition_notice_queue(leave_request=leave_request, kind=NoticeKind.REQUEST_ANSWERED, answer=recorded)
    return recorded
