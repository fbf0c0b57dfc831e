"""Erasing the kept copies of e-mails with the personal data they are about (R6411-6). Not a service of its own:
the anonymising service calls it in its transaction and records the audit event."""

from __future__ import annotations

from django.utils import timezone

from acquis.notifications.models import OutboundEmail

ERASED_SUBJECT = "(message effacé : données personnelles anonymisées)"


def notifications_erase(*, key_prefix: str) -> int:
    """Erase the copies of the e-mails whose idempotency key starts with ``key_prefix`` (one candidacy's, say),
    called in the caller's service when it anonymises the subject (R6411-6): the body and subject carry the
    person's name and file. The rows stay, emptied, so that a scan never queues the same notice again; one not
    yet sent is never sent (nothing left to send)."""
    emails = OutboundEmail.objects.filter(idempotency_key__startswith=key_prefix)
    now = timezone.now()
    emails.filter(sent_at=None, failed_at=None).update(failed_at=now, last_error="effacé (R6411-6)")
    return emails.update(to="", subject=ERASED_SUBJECT, body="", recipient=None)
