"""The service behind the daily scan (acquis/pathways/reminders.py): its notices queued with an audit event on the
candidacy, so that its timeline shows, for instance, the day the GIP's « recevable » notice went out. The
notices' wording and recipients are acquis/pathways/notices.py's."""

from __future__ import annotations

import datetime as dt

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.notifications.models import OutboundEmail
from acquis.pathways.enums import NoticeKind
from acquis.pathways.models import Candidacy, FeasibilityFile, ValidationFile
from acquis.pathways.notices import notice_queue

SCANNED = (
    NoticeKind.DEEMED_ADMISSIBLE,
    NoticeKind.DECISION_REMINDER,
    NoticeKind.JURY_REMINDER,
    NoticeKind.LAPSE_WARNING,
)


@service
def pathway_notice_queue(
    *, candidacy: Candidacy, kind: str, subject: FeasibilityFile | ValidationFile, on: dt.date
) -> list[OutboundEmail]:
    """Queue a notice the scan found due on ``on`` (about the admissibility file, or the validation file for
    the jury reminder) to each of its recipients, once. Informative only: nothing legal depends on it."""
    if kind not in SCANNED:
        raise ValueError(f"not a scanned pathway notice: {kind!r}")
    emails = notice_queue(candidacy=candidacy, kind=kind, subject=subject, on=on)
    audit_event_record(
        actor=None,
        action=EventType.PATHWAY_NOTICE_QUEUED,
        obj=candidacy,
        payload={"kind": kind, "on": on.isoformat(), "emails": [email.pk for email in emails]},
    )
    return emails
