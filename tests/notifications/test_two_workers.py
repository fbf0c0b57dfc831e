"""Two task workers (separate processes, as in production) against one PostgreSQL: every e-mail task runs once
and every e-mail is attempted once — the workers claim tasks with SKIP LOCKED, and the e-mail's attempt record
would stop a second send anyway."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.notifications.models import OutboundEmail
from acquis.notifications.tasks import send_outbound_email

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 40


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_run_a_task_twice():
    for index in range(EMAILS):
        email = OutboundEmail.objects.create(
            idempotency_key=f"two-workers:{index}", to=f"p{index}@exemple.fr", subject="s", body="b", template="t"
        )
        DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {"email_id": email.pk}},
            task_path=send_outbound_email.module_path,
            queue_name="emails",
            backend_name="default",
            run_after=timezone.now(),
        )
    settings = connection.settings_dict
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    url = f"postgres://{settings['USER']}@{host}/{settings['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ACQUIS_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "ACQUIS_ENV": "development",
        "DATABASE_URL": url,
        "EMAIL_URL": "locmem://",
        "PYTHONWARNINGS": "ignore",
    }
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--batch", "--no-startup-delay"]
    workers = [
        subprocess.Popen([*command, "--worker-id", f"w{n}"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        for n in (1, 2)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err[-2000:]
    results = list(DBTaskResult.objects.all())
    assert all(r.status == TaskResultStatus.SUCCESSFUL and len(r.worker_ids) == 1 for r in results)
    assert len({r.worker_ids[0] for r in results}) == 2  # both workers took part
    assert set(OutboundEmail.objects.values_list("attempts", flat=True)) == {1}
    assert OutboundEmail.objects.filter(sent_at=None).count() == 0
    # One attempt recorded per e-mail, before its one transfer: none sent twice.
    assert AuditEvent.objects.filter(action=EventType.EMAIL_SEND_ATTEMPTED).count() == EMAILS
