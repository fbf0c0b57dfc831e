"""The pathway's daily tasks (docs/deploy.md, « Tâches planifiées »): the retention run and the notices scan.
Both idempotent: running them twice a day, or late, changes nothing legal and sends nothing twice."""

from django.utils import timezone
from django_tasks import task

from acquis.accounts.retention import personal_data_retention_run
from acquis.audit import context
from acquis.pathways.reminders import pathway_notices_send


@task(queue_name="default")
def pathways_retention_daily() -> int:
    """Every store of personal data (acquis.accounts.retention); nothing erased is selected again."""
    with context.bind(channel="task", role="system"):
        return sum(personal_data_retention_run(on=timezone.localdate()).counts.values())


@task(queue_name="default")
def pathways_notices_daily() -> dict:
    """The notices scan (`acquis pathways notices --enqueue` puts it on the queue; a timer runs that daily)."""
    with context.bind(channel="task", role="system"):
        return pathway_notices_send().as_dict()
