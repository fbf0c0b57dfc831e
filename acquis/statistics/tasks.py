"""The daily snapshot (docs/deploy.md, « Tâches planifiées »): statistics then read that day's Parquet files."""

from django_tasks import task

from acquis.audit import context
from acquis.statistics.services import statistics_snapshot_create


@task(queue_name="default")
def statistics_snapshot_daily() -> int:
    with context.bind(channel="task", role="system"):
        return statistics_snapshot_create().events
