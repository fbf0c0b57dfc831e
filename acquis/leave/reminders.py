"""The daily scan behind `acquis leave remind` and its task: which reminders and notices are due, queued once.

Nothing legal depends on it: the status is computed when read. Running the scan twice, or twice a day,
queues nothing twice (idempotency keys per request, kind and recipient); a missed day is caught up
(see LEAVE_ANSWER_REMINDER_DAYS and LEAVE_NOTICE_CATCH_UP_DAYS in config/settings/base.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from acquis.documents.text import french_date
from acquis.leave.models import LeaveRequest
from acquis.leave.notices import leave_notice_recipients
from acquis.leave.selectors import leave_notice_already_queued, leave_notices_due
from acquis.leave.services import leave_notice_queue
from acquis.notifications.runs import NoticeRun


def leave_notices_send(
    *, on: dt.date | None = None, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> NoticeRun:
    """Queue every reminder and notice due on ``on`` (today by default) not queued before; each in its own
    transaction (one failure does not undo the others, and a re-run resumes)."""
    on = on or timezone.localdate()
    run = NoticeRun(on=on)
    due = leave_notices_due(on=on)
    run.due = len(due)
    for notice in due:
        if leave_notice_already_queued(request_id=notice.request_id, kind=notice.kind):
            run.already_queued += 1
            continue
        leave_request = LeaveRequest.objects.select_related("employee", "employer").get(pk=notice.request_id)
        recipients = leave_notice_recipients(leave_request=leave_request, kind=notice.kind)
        if not recipients:
            run.without_recipient += 1
            continue
        count = len(recipients)
        if not dry_run:
            count = len(leave_notice_queue(leave_request=leave_request, kind=notice.kind))
        run.queued.append((notice.request_id, notice.kind, count))
        if progress:
            verb = "à mettre en file" if dry_run else "mis en file"
            progress(
                f"  demande n° {notice.request_id} : {notice.kind} ({count} courriel(s) {verb}, "
                f"délai de réponse jusqu'au {french_date(notice.answer_due)})"
            )
    return run
