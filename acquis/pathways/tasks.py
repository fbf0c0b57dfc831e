"""The pathway's daily tasks (docs/deploy.md, « Tâches planifiées »): the retention run and the notices scan.
Both idempotent: running them twice a day, or late, changes nothing legal and sends nothing twice."""

from django.utils import timezone
from django_tasks import task

from acquis.audit import context
from acquis.pathways.reminders import pathway_notices_send
from acquis.pathways.retention import retention_run


@task(queue_name="default")
def pathways_retention_daily() -> int:
    """An anonymised candidacy is not selected again."""
    with context.bind(channel="task", role="system"):
        return len(retention_run(on=timezone.localdate(), dry_run=False).anonymised)


@task(queue_name="default")
def pathways_notices_daily() -> dict:
    """The notices scan (`acquis pathways notices --enqueue` puts it on the queue; a timer runs that daily)."""
    with context.bind(channel="task", role="system"):
        return pathway_notices_send().as_dict()
