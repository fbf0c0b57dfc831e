"""The daily scan behind `acquis leave remind` and its task: which reminders and notices are due, queued once.

Nothing legal depends on it: the status is computed when read. Running the scan twice, or twice a day,
queues nothing twice (idempotency keys per request, kind and recipient); a missed day is caught up
(see LEAVE_ANSWER_REMINDER_DAYS and LEAVE_NOTICE_CATCH_UP_DAYS in config/settings/base.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from acquis.leave.models import LeaveRequest
from acquis.leave.selectors import leave_notice_already_queued, leave_notice_recipients, leave_notices_due
from acquis.leave.services import leave_notice_queue


@dataclass
class NoticeRun:
    on: dt.date
    due: int = 0  # notices the rules say are due today
    queued: list[tuple[int, str, int]] = field(default_factory=list)  # (request, kind, e-mails)
    already_queued: int = 0
    without_recipient: int = 0  # e.g. an employer with no account: it got the request by registered letter

    def as_dict(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "due": self.due,
            "queued": len(self.queued),
            "emails": sum(count for _pk, _kind, count in self.queued),
            "already_queued": self.already_queued,
            "without_recipient": self.without_recipient,
        }


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
                f"délai de réponse jusqu'au {notice.answer_due:%d/%m/%Y})"
            )
    return run
