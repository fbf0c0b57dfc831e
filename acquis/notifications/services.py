"""E-mail notifications: rendered and stored in the caller's transaction, sent by a task on commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.notifications.models import OutboundEmail


@service
def notification_queue(
    *, to: str, template: str, context: dict[str, Any], idempotency_key: str, actor: Any = None
) -> OutboundEmail:
    existing = OutboundEmail.objects.filter(idempotency_key=idempotency_key).first()
    full_context = {"base_url": settings.ACQUIS_BASE_URL, **context}
    subject = render_to_string(f"notifications/emails/{template}.subject.txt", full_context).strip()
    body = render_to_string(f"notifications/emails/{template}.body.txt", full_context)
    email = existing or OutboundEmail.objects.create(
        idempotency_key=idempotency_key, to=to, subject=subject, body=body, template=template
    )
    audit_event_record(
        actor=actor,
        action=EventType.EMAIL_QUEUED,
        obj=email,
        payload={"template": template, "to": to, "already_queued": existing is not None},
    )
    if existing is None:
        # Imported here: the task module imports this one.
        from acquis.notifications.tasks import send_outbound_email

        transaction.on_commit(lambda: send_outbound_email.enqueue(email_id=email.pk))
    return email


class AlreadySent(Exception):
    """The e-mail went out in an earlier run of the task: nothing to do, nothing to audit."""


@service
def outbound_email_deliver(*, email_id: int) -> OutboundEmail:
    """Send the e-mail once. The row lock makes two concurrent runs of the task send it once."""
    email = OutboundEmail.objects.select_for_update().get(pk=email_id)
    if email.sent_at is not None:
        raise AlreadySent(email_id)
    email.attempts += 1
    send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
    email.sent_at = timezone.now()
    email.save(update_fields=["attempts", "sent_at"])
    audit_event_record(actor=None, action=EventType.EMAIL_SENT, obj=email, payload={"attempt": email.attempts})
    return email
