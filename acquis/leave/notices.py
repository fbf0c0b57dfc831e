"""The congé VAE's e-mails at each step of the request (sent to the employer, answered), queued by the services
in their own transaction: a refused step queues nothing, and the e-mails go out on commit. The daily scan that
finds reminders and deemed-consent notices due is ``reminders.py`` (a notice is an e-mail; reminders.py finds
the ones due).

Every date an e-mail gives is the rules' (``leave.employer_answer_due``, ``leave.status`` the day after,
``leave.postponement_latest_date``), with the article it rests on; nothing legal depends on an e-mail. Keys
``leave:<request>:<kind>:<audience>:<user>``: the same step never queues the same e-mail twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.accounts.models import User
from acquis.leave.enums import AnswerKind, NoticeKind, ReceiptMethod
from acquis.leave.models import LeaveAnswer, LeaveRequest
from acquis.leave.selectors import (
    leave_notice_context,
    leave_notice_key_prefix,
    leave_notice_recipients,
    leave_postponement_limit,
)
from acquis.notifications.models import OutboundEmail
from acquis.notifications.services import notification_queue
from acquis.rules import ids
from acquis.rules.answer import answer_with

EMPLOYEE, EMPLOYER = "employee", "employer"


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
