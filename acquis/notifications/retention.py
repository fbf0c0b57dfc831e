"""Retention of outbound e-mails (R6411-6): an e-mail's address, subject and body are erased once
``data.retention_until`` has passed from the day it was sent (or given up, or queued). The row stays (its
idempotency key keeps a notice from being queued twice), with nothing of the person."""

from __future__ import annotations

import datetime as dt

from django.db.models.functions import Coalesce, TruncDate

from acquis.accounts.retention import retention_until
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.notifications.models import OutboundEmail

ERASED_ADDRESS = "efface@anonyme.invalid"


def emails_due(*, on: dt.date) -> list[int]:
    """Pks of e-mails due for erasure on ``on``, from the day they were sent, given up, or else queued (one
    never sent within the retention period never will be: retries stop after hours)."""
    finished = OutboundEmail.objects.exclude(to=ERASED_ADDRESS).annotate(
        day=TruncDate(Coalesce("sent_at", "failed_at", "queued_at"))
    )
    due = []
    for pk, day in finished.values_list("pk", "day").iterator():
        until, error = retention_until(day)
        if not error and until is not None and until < on:
            due.append(pk)
    return due


@service
def outbound_emails_erase(*, pks: list[int], on: dt.date) -> int:
    count = OutboundEmail.objects.filter(pk__in=pks).update(to=ERASED_ADDRESS, subject="", body="", last_error="")
    audit_event_record(
        actor=None,
        action=EventType.EMAILS_ERASED,
        object_type=OutboundEmail._meta.label_lower,
        object_id="retention",
        payload={"on": on.isoformat(), "count": count},
    )
    return count


def email_retention_run(*, on: dt.date, dry_run: bool = False, batch: int = 1000) -> int:
    pks = emails_due(on=on)
    if not dry_run:
        for start in range(0, len(pks), batch):
            outbound_emails_erase(pks=pks[start : start + batch], on=on)
    return len(pks)
