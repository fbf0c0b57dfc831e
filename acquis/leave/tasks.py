from django_tasks import task

from acquis.audit import context
from acquis.leave.reminders import leave_notices_send


@task()
def leave_notices_scan() -> dict:
    """The daily scan (`acquis leave remind --enqueue` puts it on the queue; a timer runs that daily).
    Idempotent: a second run the same day queues nothing."""
    with context.bind(channel="task", role="system"):
        return leave_notices_send().as_dict()
