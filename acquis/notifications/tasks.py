"""The e-mail task: at most once per e-mail, retried after transient refusals.

1. ``outbound_email_attempt_start`` records and commits an attempt (or refuses: already sent, failed, not due,
   an earlier attempt may have reached the server);
2. the SMTP transfer, outside any transaction;
3. ``outbound_email_deliver`` records ``sent_at`` — only after the server accepted the message; a refusal is
   recorded by ``outbound_email_refusal_record`` (4xx and an unreachable server are retried with back-off).

A worker killed between 1 and 3 leaves the attempt recorded and ``sent_at`` empty: the e-mail is never
recorded as sent and never sent a second time by a task; ``acquis notifications recover`` lists it.
"""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from acquis.audit import context
from acquis.notifications.services import (
    AlreadySent,
    NotToSend,
    outbound_email_attempt_start,
    outbound_email_deliver,
    outbound_email_refusal_record,
)


def _refusal(error: Exception) -> bool | None:
    """True for a transient refusal (not delivered, retry), False for a permanent one (not delivered, give up),
    None when we cannot know whether the server accepted the message."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return False
    if isinstance(error, smtplib.SMTPConnectError | ConnectionRefusedError | smtplib.SMTPServerDisconnected):
        # Refused or dropped before DATA was accepted: smtplib raises these before the final "250" only.
        return True
    return None


@task(queue_name="emails")
def send_outbound_email(*, email_id: int, operator_resend: bool = False) -> bool:
    """Returns whether this run sent the e-mail."""
    with context.bind(channel="task", role="system"):
        try:
            email = outbound_email_attempt_start(email_id=email_id, operator_resend=operator_resend)
        except (AlreadySent, NotToSend):
            return False
        try:
            send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
        except Exception as error:
            transient = _refusal(error)
            if transient is None:
                raise  # unknown outcome: the attempt stays recorded, the e-mail is not re-sent by a task
            email = outbound_email_refusal_record(email_id=email_id, error=repr(error), transient=transient)
            if email.retry_after is not None and send_outbound_email.get_backend().supports_defer:
                send_outbound_email.using(run_after=email.retry_after).enqueue(email_id=email_id)
            return False
        outbound_email_deliver(email_id=email_id)
    return True
