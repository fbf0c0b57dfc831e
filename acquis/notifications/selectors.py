"""Reads of the e-mails sent to a person: their « Mes notifications » list and one message."""

from __future__ import annotations

from django.db.models import QuerySet

from acquis.accounts.models import User
from acquis.notifications.models import OutboundEmail


def notifications_of(*, user: User) -> QuerySet[OutboundEmail]:
    """The messages sent to ``user`` about their files, newest first (account e-mails are not listed: they carry
    no recipient). Only the columns the list shows."""
    return (
        OutboundEmail.objects.filter(recipient=user)
        .order_by("-queued_at", "-id")
        .only("pk", "subject", "queued_at", "sent_at", "failed_at", "path", "recipient_id")
    )


def notification_of(*, pk: int) -> OutboundEmail | None:
    return OutboundEmail.objects.filter(pk=pk).first()
