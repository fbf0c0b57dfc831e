"""The daily retention run (docs/deploy.md, « Tâches planifiées »). Idempotent: an anonymised candidacy is
not selected again, so running it twice a day, or late, changes nothing legal."""

from django.utils import timezone
from django_tasks import task

from acquis.audit import context
from acquis.pathways.retention import retention_run


@task(queue_name="default")
def pathways_retention_daily() -> int:
    with context.bind(channel="task", role="system"):
        return len(retention_run(on=timezone.localdate(), dry_run=False).anonymised)
