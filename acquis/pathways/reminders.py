"""The daily scan behind `acquis pathways notices` and its task: the pathway notices no transition triggers.

* the GIP's « recevable » notice, once the status the rules compute on that day reads ``deemed_admissible``
  (no decision at the end of the certifier's delay, R6412-4) — never a stored flag;
* a reminder to the certifier before the last day of its decision on admissibility, and before the latest
  jury date while no jury is scheduled;
* a warning to the candidate and accompanier before admissibility lapses for want of a recorded step.

Lists are narrowed in SQL with the deadlines the rules gave when they were fixed (as the worklists do), then
each candidacy's status and deadline are computed for the day. Nothing legal depends on the e-mails. Running
the scan twice, or twice a day, queues nothing twice (idempotency keys per candidacy, notice, subject and
recipient); a missed day is caught up: a reminder is due on every day of its window until its date, the
GIP's notice for PATHWAY_NOTICE_CATCH_UP_DAYS (config/settings/base.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from acquis.documents.text import french_date
from acquis.notifications.runs import NoticeRun
from acquis.pathways.enums import Closure, NoticeKind, Stage
from acquis.pathways.facts import status_facts_of
from acquis.pathways.models import Candidacy, FeasibilityFile, ValidationFile
from acquis.pathways.notices import notice_already_queued, notice_recipients
from acquis.pathways.services.reminders import pathway_notice_queue
from acquis.pathways.status import admissibility_notified_on, compute_status, era_of

ADMITTED = ("admissible", "deemed_admissible")


@dataclass(frozen=True)
class DueNotice:
    candidacy_id: int
    kind: str
    subject_id: int  # the admissibility file; the validation file for the jury reminder
    day: dt.date  # the date the notice is about: last day to decide, to hold the jury, to record a step…


def _days(name: str) -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, name))


def _open() -> Q:
    return Q(closure=Closure.OPEN, anonymised_on__isnull=True)


def _admissibility_notices(on: dt.date) -> list[DueNotice]:
    """Decision reminders and the GIP's notice, for complete files without a decision known on ``on``."""
    reminder, catch_up = _days("PATHWAY_DECISION_REMINDER_DAYS"), _days("PATHWAY_NOTICE_CATCH_UP_DAYS")
    rows = (
        Candidacy.objects.filter(
            _open(),
            Q(admissibility_kind="") | Q(admissibility_decided_on__gt=on),
            stage=Stage.FEASIBILITY_FILED,
            file_complete_on__lte=on,
            decision_due_on__gte=on - catch_up - dt.timedelta(days=1),
            decision_due_on__lte=on + reminder,
        )
        .select_related("feasibility")
        .order_by("decision_due_on", "pk")
    )
    notices = []
    for candidacy in rows:
        facts = status_facts_of(candidacy)
        status = compute_status(facts, on)
        file_id = candidacy.feasibility.pk
        if status.code == "pending" and status.deadline and on >= status.deadline - reminder:
            notices.append(DueNotice(candidacy.pk, NoticeKind.DECISION_REMINDER, file_id, status.deadline))
        elif status.code == "deemed_admissible":
            deemed_from = admissibility_notified_on(facts, era_of(candidacy.started_on))
            if on <= deemed_from + catch_up:
                notices.append(DueNotice(candidacy.pk, NoticeKind.DEEMED_ADMISSIBLE, file_id, deemed_from))
    return notices


def _lapse_notices(on: dt.date) -> list[DueNotice]:
    """Admissible files (explicitly or by silence) with no step and no legitimate reason, near caducity."""
    warning = _days("PATHWAY_LAPSE_WARNING_DAYS")
    rows = (
        Candidacy.objects.filter(
            _open(),
            stage=Stage.FEASIBILITY_FILED,
            legitimate_reason_on__isnull=True,
            lapse_on__gt=on,
            lapse_on__lte=on + warning + dt.timedelta(days=1),
        )
        .select_related("feasibility")
        .order_by("lapse_on", "pk")
    )
    notices = []
    for candidacy in rows:
        status = compute_status(status_facts_of(candidacy), on)
        # The deadline of an admitted file is the last day to record a step; none when a step keeps it.
        if status.code in ADMITTED and status.deadline and on >= status.deadline - warning:
            kind = NoticeKind.LAPSE_WARNING
            notices.append(DueNotice(candidacy.pk, kind, candidacy.feasibility.pk, status.deadline))
    return notices


def _jury_notices(on: dt.date) -> list[DueNotice]:
    """Validation files waiting for a jury whose latest date is near."""
    reminder = _days("PATHWAY_JURY_REMINDER_DAYS")
    rows = Candidacy.objects.filter(
        _open(), stage=Stage.VALIDATION_FILED, latest_jury_on__gte=on, latest_jury_on__lte=on + reminder
    ).order_by("latest_jury_on", "pk")
    notices = []
    for candidacy in rows:
        status = compute_status(status_facts_of(candidacy), on)
        if status.code == "validation_filed" and status.deadline and on >= status.deadline - reminder:
            current = (
                ValidationFile.objects.filter(candidacy=candidacy, filed_on=candidacy.validation_filed_on)
                .order_by("-id")
                .values_list("pk", flat=True)
                .first()
            )
            notices.append(DueNotice(candidacy.pk, NoticeKind.JURY_REMINDER, current, status.deadline))
    return notices


def pathway_notices_due(*, on: dt.date) -> list[DueNotice]:
    """Every scanned notice due on ``on``, decided from the status of that day. Whether one was already
    queued is ``notice_already_queued``'s business."""
    return _admissibility_notices(on) + _lapse_notices(on) + _jury_notices(on)


def pathway_notices_send(
    *, on: dt.date | None = None, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> NoticeRun:
    """Queue every notice due on ``on`` (today by default) not queued before; each in its own transaction
    (one failure does not undo the others, and a re-run resumes)."""
    on = on or timezone.localdate()
    run = NoticeRun(on=on)
    due = pathway_notices_due(on=on)
    run.due = len(due)
    for notice in due:
        if notice_already_queued(candidacy_id=notice.candidacy_id, kind=notice.kind, ref=notice.subject_id):
            run.already_queued += 1
            continue
        candidacy = Candidacy.objects.select_related("candidate", "certification", "certifier", "accompanier").get(
            pk=notice.candidacy_id
        )
        recipients = notice_recipients(candidacy, notice.kind)
        if not recipients:
            run.without_recipient += 1
            continue
        count = len(recipients)
        if not dry_run:
            model = ValidationFile if notice.kind == NoticeKind.JURY_REMINDER else FeasibilityFile
            subject = model.objects.get(pk=notice.subject_id)
            count = len(pathway_notice_queue(candidacy=candidacy, kind=notice.kind, subject=subject, on=on))
        run.queued.append((notice.candidacy_id, notice.kind, count))
        if progress:
            verb = "à mettre en file" if dry_run else "mis en file"
            progress(
                f"  candidature n° {notice.candidacy_id} : {NoticeKind(notice.kind).label} "
                f"({count} courriel(s) {verb}, échéance du {french_date(notice.day)})"
            )
    return run
