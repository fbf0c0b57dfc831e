"""The congé VAE's e-mails, their wording and recipients: at each step of the request (sent to the employer,
answered), queued by the services in their own transaction — a refused step queues nothing, and the e-mails go
out on commit —, and the reminders and deemed-consent notices whose due days the daily scan (``reminders.py``)
finds (a notice is an e-mail; reminders.py finds the ones due).

Every date an e-mail gives is the rules' (``leave.employer_answer_due``, ``leave.status`` the day after,
``leave.postponement_latest_date``), with the article it rests on; nothing legal depends on an e-mail. Keys
``leave:<request>:<kind>:<audience>:<user>``: the same step never queues the same e-mail twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from acquis.accounts.enums import Role
from acquis.accounts.models import User
from acquis.leave.enums import AnswerKind, NoticeKind, ReceiptMethod
from acquis.leave.models import LeaveAnswer, LeaveRequest
from acquis.leave.selectors import leave_notice_key_prefix, leave_postponement_limit
from acquis.notifications.models import OutboundEmail
from acquis.notifications.services import notification_queue
from acquis.rules import decide, ids
from acquis.rules.answer import answer_with

EMPLOYEE, EMPLOYER = "employee", "employer"


def leave_notice_recipients(*, leave_request: LeaveRequest, kind: str) -> list[tuple[str, User]]:
    """(audience, person): the company's active employer accounts, and for a deemed consent the employee."""
    employers = (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=leave_request.employer_id,
            memberships__role=Role.EMPLOYER,
            memberships__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )
    recipients = [("employer", user) for user in employers]
    if kind == NoticeKind.DEEMED_CONSENT and leave_request.employee.is_active:
        recipients.insert(0, ("employee", leave_request.employee))
    return recipients


def leave_notice_context(*, leave_request: LeaveRequest) -> dict[str, Any]:
    """What a reminder or notice says: the dates, and what the employer's silence means in the version in
    force, quoted from the R6422-4 sentence leave.status cites the day after the delay."""
    received = leave_request.request_received
    due = dt.date.fromisoformat(decide(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": received}).value)
    silence = decide(
        ids.LEAVE_STATUS, {"request_received": received, "answer": None, "on": due + dt.timedelta(days=1)}
    )
    employee = leave_request.employee
    return {
        "number": leave_request.pk,
        "employee_name": f"{employee.first_name} {employee.last_name}".strip() or employee.email,
        "employer_name": leave_request.employer.name,
        "certification_title": leave_request.target_title,
        "received": received,
        "due": due,
        "deemed_from": due + dt.timedelta(days=1),
        "silence_is_consent": silence.value == "deemed_accepted",
        "article": silence.sources[-1].article,
        "sentence": silence.sources[-1].sentence,
        "path": reverse("web:leave_detail", kwargs={"pk": leave_request.pk}),
    }


def transition_recipients(*, leave_request: LeaveRequest, kind: str) -> list[tuple[str, User]]:
    """The employee (both steps), and for a request sent the company's active employer accounts (none when the
    employer has no account: the request then went by registered letter or by hand)."""
    employee = leave_request.employee
    recipients = [(EMPLOYEE, employee)] if employee.is_active and employee.email else []
    if kind == NoticeKind.REQUEST_SENT:
        recipients += leave_notice_recipients(leave_request=leave_request, kind=NoticeKind.ANSWER_REMINDER)
    return recipients


def _limit(leave_request: LeaveRequest) -> dict[str, Any]:
    """The latest date a postponement may reach (R6422-4), or nothing in an era without one."""
    decision = answer_with(
        lambda: leave_postponement_limit(leave_request), ids.LEAVE_POSTPONEMENT_LATEST_DATE
    ).decision
    if decision is None:
        return {"limit": None}
    source = decision.sources[0]
    return {
        "limit": dt.date.fromisoformat(decision.value),
        "limit_article": source.article,
        "limit_sentence": source.sentence,
    }


def transition_context(*, leave_request: LeaveRequest, kind: str, answer: LeaveAnswer | None = None) -> dict[str, Any]:
    actions = list(leave_request.actions.order_by("start"))
    context = {
        **leave_notice_context(leave_request=leave_request),
        **_limit(leave_request),
        "kind": kind,
        "by_platform": leave_request.receipt_method == ReceiptMethod.PLATFORM,
        "receipt_method": leave_request.get_receipt_method_display().lower(),
        "first_day": actions[0].start if actions else None,
        "last_day": max(action.end for action in actions) if actions else None,
    }
    if answer is not None:
        context.update(
            accepted=answer.kind == AnswerKind.ACCEPT,
            answered_on=answer.answered_on,
            postponed_to=answer.postponed_to,
            reasons=answer.reasons,
        )
    return context


def transition_notice_queue(
    *, leave_request: LeaveRequest, kind: str, answer: LeaveAnswer | None = None
) -> list[OutboundEmail]:
    """Queue the e-mails of a step (``NoticeKind.REQUEST_SENT`` or ``REQUEST_ANSWERED``) to each recipient, in
    the caller's transaction; template ``leave_<kind>_<audience>``."""
    if kind not in (NoticeKind.REQUEST_SENT, NoticeKind.REQUEST_ANSWERED):
        raise ValueError(f"not a congé VAE step notice: {kind!r}")
    recipients = transition_recipients(leave_request=leave_request, kind=kind)
    if not recipients:
        return []
    context = transition_context(leave_request=leave_request, kind=kind, answer=answer)
    prefix = leave_notice_key_prefix(request_id=leave_request.pk, kind=kind)
    return [
        notification_queue(
            to=person.email,
            template=f"leave_{kind}_{audience}",
            context={**context, "audience": audience, "first_name": person.first_name or person.email},
            idempotency_key=f"{prefix}{audience}:{person.pk}",
            recipient=person,
        )
        for audience, person in recipients
    ]
