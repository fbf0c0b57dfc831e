"""E-mail notifications: rendered and stored in the caller's transaction, sent by a task on commit."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.notifications.models import OutboundEmail


@service
def notification_queue(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    idempotency_key: str,
    actor: Actor = None,
    recipient: Any = None,
    path: str = "",
) -> OutboundEmail:
    """Render and store the e-mail; ``recipient`` (a User) and ``path`` (the page it is about) put it in that
    person's « Mes notifications » list."""
    full_context = {"base_url": settings.ACQUIS_BASE_URL, **context}
    subject = render_to_string(f"notifications/emails/{template}.subject.txt", full_context).strip()
    body = render_to_string(f"notifications/emails/{template}.body.txt", full_context)
    # get_or_create, not a check then an insert: two overlapping scans queueing the same notice meet on the
    # unique key, and the loser reads the winner's row instead of failing with an IntegrityError.
    email, created = OutboundEmail.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "to": to,
            "subject": subject,
            "body": body,
            "template": template,
            "recipient": recipient,
            "path": path or context.get("path", ""),
        },
    )
    existing = None if created else email
    audit_event_record(
        actor=actor,
        action=EventType.EMAIL_QUEUED,
        obj=email,
        # The address stays on the e-mail's own row (erased by retention), never in the append-only log.
        payload={"template": template, "already_queued": existing is not None},
    )
    if existing is None:
        # Imported here: the task module imports this one.
        from acquis.notifications.tasks import send_outbound_email

        transaction.on_commit(lambda: send_outbound_email.enqueue(email_id=email.pk))
    return email


class AlreadySent(Exception):
    """The e-mail went out in an earlier run of the task: nothing to do, nothing to audit."""


class NotToSend(Exception):
    """No task may send this e-mail now: it failed for good, its retry is not due, or an earlier attempt may have
    reached the server (at most once: only an operator re-sends it, ``acquis notifications recover``)."""


# Transient refusals (4xx, server unreachable) are retried after these delays, then the e-mail fails for good.
RETRY_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=8),
)


@service
def outbound_email_attempt_start(*, email_id: int, operator_resend: bool = False) -> OutboundEmail:
    """Record an attempt before the SMTP transfer; committed before the transfer starts, so that a worker killed
    during it leaves a visible trace instead of a silent re-send. The row lock serialises concurrent runs."""
    email = OutboundEmail.objects.select_for_update().get(pk=email_id)
    now = timezone.now()
    if email.sent_at is not None:
        raise AlreadySent(email_id)
    if email.attempt_started_at is not None and not operator_resend:
        raise NotToSend(f"{email_id} : une tentative du {email.attempt_started_at:%Y-%m-%d %H:%M} a peut-être abouti")
    if email.failed_at is not None and not operator_resend:
        raise NotToSend(f"{email_id} : en échec définitif")
    if email.retry_after is not None and email.retry_after > now and not operator_resend:
        raise NotToSend(f"{email_id} : nouvel essai à partir de {email.retry_after:%Y-%m-%d %H:%M}")
    email.attempts += 1
    email.attempt_started_at = now
    email.failed_at = None
    email.retry_after = None
    email.save(update_fields=["attempts", "attempt_started_at", "failed_at", "retry_after"])
    audit_event_record(
        actor=None,
        action=EventType.EMAIL_SEND_ATTEMPTED,
        obj=email,
        payload={"attempt": email.attempts, "operator_resend": operator_resend},
    )
    return email


@service
def outbound_email_deliver(*, email_id: int) -> OutboundEmail:
    """Record that the SMTP server accepted the e-mail (only called after it did)."""
    email = OutboundEmail.objects.select_for_update().get(pk=email_id)
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["sent_at", "last_error"])
    audit_event_record(actor=None, action=EventType.EMAIL_SENT, obj=email, payload={"attempt": email.attempts})
    return email


@service
def outbound_email_refusal_record(*, email_id: int, error: str, transient: bool) -> OutboundEmail:
    """The server refused the e-mail (so it was not delivered): clear the attempt; retry later after a transient
    refusal, within ``RETRY_DELAYS``; fail for good after a permanent one."""
    email = OutboundEmail.objects.select_for_update().get(pk=email_id)
    email.attempt_started_at = None
    email.last_error = error[:2000]
    if transient and email.attempts <= len(RETRY_DELAYS):
        email.retry_after = timezone.now() + RETRY_DELAYS[email.attempts - 1]
    else:
        email.failed_at = timezone.now()
    email.save(update_fields=["attempt_started_at", "last_error", "retry_after", "failed_at"])
    audit_event_record(
        actor=None,
        action=EventType.EMAIL_SEND_REFUSED,
        obj=email,
        payload={
            "attempt": email.attempts,
            "transient": transient,
            "retry_after": email.retry_after.isoformat() if email.retry_after else None,
        },
    )
    return email


@dataclass
class Recovery:
    requeued_tasks: list[str] = field(default_factory=list)  # ids of tasks left RUNNING by a stopped worker
    enqueued_emails: list[int] = field(default_factory=list)  # unsent e-mails with no pending task, now queued
    uncertain_emails: list[int] = field(default_factory=list)  # an attempt may have reached the server

    def as_dict(self) -> dict:
        return {
            "requeued_tasks": len(self.requeued_tasks),
            "enqueued_emails": len(self.enqueued_emails),
            "uncertain_emails": self.uncertain_emails,
        }


@service
def notification_tasks_recover(*, stale_after: dt.timedelta, resend_uncertain: bool = False) -> Recovery:
    """Put back in the queue what a killed worker or a refused send left behind; safe to run at any time, by
    several processes at once (row locks, skip_locked), since a task re-run never sends an e-mail twice.

    - tasks RUNNING for longer than ``stale_after`` (the worker that claimed them stopped): READY again;
    - unsent e-mails whose retry is due and that no task waits for (a task that FAILED before this design,
      a retry planned with the immediate backend): a new task;
    - e-mails with an attempt older than ``stale_after`` and no ``sent_at``: listed, re-sent only when the
      operator asks (``resend_uncertain``) — the one case of at-least-once, by an operator's choice."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from acquis.notifications.tasks import send_outbound_email

    now = timezone.now()
    recovery = Recovery()
    stale = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - stale_after
    )
    for result in stale:
        result.status = TaskResultStatus.READY
        result.run_after = now
        result.save(update_fields=["status", "run_after"])
        recovery.requeued_tasks.append(str(result.id))
    pending = {
        kwargs.get("email_id")
        for kwargs in DBTaskResult.objects.filter(
            task_path=send_outbound_email.module_path,
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        ).values_list("args_kwargs__kwargs", flat=True)
        if isinstance(kwargs, dict)
    }
    unsent = OutboundEmail.objects.select_for_update(skip_locked=True).filter(sent_at=None, failed_at=None)
    for email in unsent:
        if email.attempt_started_at is not None:
            if email.attempt_started_at < now - stale_after:
                recovery.uncertain_emails.append(email.pk)
                if resend_uncertain:
                    transaction.on_commit(
                        functools.partial(send_outbound_email.enqueue, email_id=email.pk, operator_resend=True)
                    )
            continue
        due = email.retry_after is None or email.retry_after <= now
        if due and email.pk not in pending and email.queued_at < now - dt.timedelta(minutes=1):
            recovery.enqueued_emails.append(email.pk)
            transaction.on_commit(functools.partial(send_outbound_email.enqueue, email_id=email.pk))
    audit_event_record(
        actor=None,
        action=EventType.TASKS_RECOVERED,
        object_type="django_tasks_db.dbtaskresult",
        object_id="recovery",
        payload={**recovery.as_dict(), "resend_uncertain": resend_uncertain},
    )
    return recovery
