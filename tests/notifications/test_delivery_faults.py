"""E-mail delivery under faults: a transient SMTP refusal is retried with back-off, a permanent one fails for
good, a worker that dies after the server accepted a message never sends it twice nor records it as sent, and
``acquis notifications recover`` puts back in the queue what a killed worker left RUNNING."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from acquis.notifications.models import OutboundEmail
from acquis.notifications.services import notification_queue
from acquis.notifications.tasks import send_outbound_email
from tests.concurrency import run_concurrently

REAL_SEND_MAIL = mail.send_mail


def _queue(key: str = "welcome:1") -> OutboundEmail:
    return notification_queue(
        to="marie@exemple.fr", template="welcome", context={"first_name": "Marie"}, idempotency_key=key
    )


def test_a_4xx_answer_is_retried_with_back_off_then_sent(mailoutbox):
    email = _queue()
    busy = smtplib.SMTPDataError(451, b"4.3.0 Try again later")
    with mock.patch("acquis.notifications.tasks.send_mail", side_effect=busy):
        assert send_outbound_email.call(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.sent_at is None and email.failed_at is None and email.attempt_started_at is None
    assert email.attempts == 1 and "451" in email.last_error
    assert email.retry_after - timezone.now() == pytest.approx(dt.timedelta(minutes=1), abs=dt.timedelta(seconds=5))
    assert send_outbound_email.call(email_id=email.pk) is False  # not due yet
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        with mock.patch("acquis.notifications.tasks.send_mail", side_effect=busy):
            assert send_outbound_email.call(email_id=email.pk) is False
        email.refresh_from_db()
        assert email.attempts == 2
        assert email.retry_after - timezone.now() == pytest.approx(
            dt.timedelta(minutes=5), abs=dt.timedelta(seconds=5)
        )
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=8)):
        assert send_outbound_email.call(email_id=email.pk) is True
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 3 and len(mailoutbox) == 1


def test_a_5xx_answer_fails_for_good(mailoutbox):
    email = _queue()
    refused = smtplib.SMTPDataError(554, b"5.7.1 Rejected")
    with mock.patch("acquis.notifications.tasks.send_mail", side_effect=refused):
        assert send_outbound_email.call(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.failed_at is not None and email.retry_after is None
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        assert send_outbound_email.call(email_id=email.pk) is False
    assert mailoutbox == []


def test_a_crash_after_the_server_accepted_never_records_sent_nor_sends_twice(mailoutbox):
    """The worker dies between the SMTP "250 OK" and the record: simulated by a send that raises after it sent."""
    email = _queue()

    def send_then_die(*args, **kwargs):
        REAL_SEND_MAIL(*args, **kwargs)
        raise SystemExit("travailleur tué après l'envoi")

    with mock.patch("acquis.notifications.tasks.send_mail", side_effect=send_then_die), pytest.raises(SystemExit):
        send_outbound_email.call(email_id=email.pk)
    email.refresh_from_db()
    assert len(mailoutbox) == 1
    assert email.sent_at is None  # never recorded "sent" on a guess…
    assert email.attempt_started_at is not None  # …but the attempt was committed before the transfer
    assert send_outbound_email.call(email_id=email.pk) is False  # a re-run (task re-queued) sends nothing
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        recovery_output = _recover()
        assert f"non renvoyés (--resend-uncertain pour les renvoyer) : {email.pk}" in recovery_output
        assert len(mailoutbox) == 1
        # Only the operator's explicit choice re-sends it (at least once, for that e-mail).
        _recover("--resend-uncertain")
    assert len(mailoutbox) == 2
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2


def _recover(*args: str) -> str:
    from io import StringIO

    out = StringIO()

    with mock.patch("django.db.transaction.on_commit", side_effect=lambda fn, using=None, robust=False: fn()):
        call_command("notifications_recover", *args, stdout=out)
    return out.getvalue()


def test_a_task_left_running_by_a_killed_worker_is_put_back_and_runs_once(mailoutbox):
    email = _queue()
    mailoutbox.clear()
    OutboundEmail.objects.filter(pk=email.pk).update(sent_at=None, attempt_started_at=None, attempts=0)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    stuck = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=long_ago,
        args_kwargs={"args": [], "kwargs": {"email_id": email.pk}},
        task_path=send_outbound_email.module_path,
        queue_name="emails",
        backend_name="default",
        run_after=long_ago,
        worker_ids=["tué"],
    )
    fresh = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        args_kwargs={"args": [], "kwargs": {"email_id": email.pk}},
        task_path=send_outbound_email.module_path,
        queue_name="emails",
        backend_name="default",
        run_after=timezone.now(),
    )
    output = _recover("--stale-after", "15")
    assert "Tâches interrompues remises en file : 1" in output
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY and fresh.status == TaskResultStatus.RUNNING
    assert "Courriels non envoyés remis en file : 0" in output  # a task waits for it already
    # What the worker runs for the re-queued task: the e-mail goes out once, whatever the number of runs.
    assert send_outbound_email.call(**stuck.args_kwargs["kwargs"]) is True
    assert send_outbound_email.call(**fresh.args_kwargs["kwargs"]) is False
    assert len(mailoutbox) == 1


def test_an_unsent_email_without_task_is_queued_again(mailoutbox):
    email = _queue()
    mailoutbox.clear()
    OutboundEmail.objects.filter(pk=email.pk).update(sent_at=None, attempt_started_at=None)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert "Courriels non envoyés remis en file : 1" in _recover()
    assert len(mailoutbox) == 1


def test_recover_refuses_a_bad_delay():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="au moins 1 minute") as error:
        call_command("notifications_recover", "--stale-after", "0")
    assert error.value.returncode == 2


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_overlapping_scans_queue_one_email_and_do_not_crash():
    results, errors = run_concurrently(lambda: _queue("overlap:1").pk, 4)
    assert errors == [] and len(set(results)) == 1
    assert OutboundEmail.objects.filter(idempotency_key="overlap:1").count() == 1
