"""`acquis leave remind`: reminders before the answer is due, deemed-consent notices, each queued once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from acquis.documents.text import french_date
from acquis.leave.enums import NoticeKind
from acquis.leave.reminders import leave_notices_send
from acquis.leave.tasks import leave_notices_scan
from acquis.notifications.models import OutboundEmail
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory

DAY = dt.timedelta(days=1)
# (era Trait, last day to answer, whether silence is consent in that version of R6422-4)
ERAS = [
    ("era_2014", dt.date(2018, 2, 9), False),
    ("era_2019", dt.date(2021, 3, 31), True),
    ("era_2023", dt.date(2024, 3, 16), True),
]


def _sent(era="era_2023", **kwargs):
    request = LeaveRequestFactory(**{era: True}, sent=True, **kwargs)
    hr = UserFactory(employer=True, organisation=request.employer, first_name="Hélène")
    return request, hr


def _send(on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return leave_notices_send(on=on)


@pytest.mark.parametrize(("era", "due", "silence_is_consent"), ERAS)
def test_reminder_then_deemed_consent_notice_in_each_era(
    era, due, silence_is_consent, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LEAVE_ANSWER_REMINDER_DAYS = 3
    request, hr = _sent(era)
    assert _send(due - 4 * DAY, django_capture_on_commit_callbacks).queued == []  # too early
    run = _send(due - 3 * DAY, django_capture_on_commit_callbacks)
    assert run.queued == [(request.pk, NoticeKind.ANSWER_REMINDER, 1)]
    reminder = mailoutbox[-1]
    assert reminder.to == [hr.email]
    assert reminder.subject == f"Congé VAE : répondez à la demande n° {request.pk} au plus tard le {french_date(due)}"
    assert ("réputée accordée à compter du" in reminder.body) is silence_is_consent
    assert "article R6422-4 du Code du travail" in reminder.body or "Article R6422-4" in reminder.body
    run = _send(due + DAY, django_capture_on_commit_callbacks)
    if silence_is_consent:
        assert run.queued == [(request.pk, NoticeKind.DEEMED_CONSENT, 2)]
        employee_mail, employer_mail = mailoutbox[-2:]
        assert employee_mail.to == [request.employee.email] and employer_mail.to == [hr.email]
        assert "votre demande" in employee_mail.subject and "est réputée accordée" in employer_mail.subject
        assert f"réputée accordée depuis le {french_date(due + DAY)}" in employee_mail.body
        assert "vaut accord" in employee_mail.body  # the sentence of the version in force
    else:
        # Before 2019-11-04 the employer's silence has no meaning: no notice, ever.
        assert run.due == 0 and run.queued == []
    assert len(mailoutbox) == (3 if silence_is_consent else 1)


def test_running_twice_sends_nothing_twice(mailoutbox, django_capture_on_commit_callbacks):
    request, _hr = _sent()
    due = dt.date(2024, 3, 16)
    first = _send(due - 2 * DAY, django_capture_on_commit_callbacks)
    again = _send(due - 2 * DAY, django_capture_on_commit_callbacks)
    next_day = _send(due - DAY, django_capture_on_commit_callbacks)
    assert len(first.queued) == 1 and again.queued == [] and next_day.queued == []
    assert again.already_queued == next_day.already_queued == 1
    # The scan's e-mails only (sending the request queued the employee's own « demande transmise » e-mail).
    scanned = OutboundEmail.objects.filter(idempotency_key__startswith=f"leave:{request.pk}:answer_reminder:")
    assert (
        len(mailoutbox) == 1
        and scanned.count() == OutboundEmail.objects.exclude(template__startswith="leave_request_").count() == 1
    )
    # The task runs the same scan: nothing more either.
    assert leave_notices_scan.call()["queued"] == 0
    _send(due + DAY, django_capture_on_commit_callbacks)
    _send(due + 2 * DAY, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 3  # the reminder, then the notice to both, once


def test_a_missed_day_is_caught_up_but_old_requests_get_no_notice(django_capture_on_commit_callbacks, settings):
    settings.LEAVE_NOTICE_CATCH_UP_DAYS = 7
    request, _hr = _sent()
    due = dt.date(2024, 3, 16)
    assert _send(due + 9 * DAY, django_capture_on_commit_callbacks).queued == []  # too old: not sent
    run = _send(due + 8 * DAY, django_capture_on_commit_callbacks)  # consent arose on due + 1: 7 days late
    assert run.queued == [(request.pk, NoticeKind.DEEMED_CONSENT, 2)]


@pytest.mark.parametrize("traits", [{"answered_accept": True}, {"postponed": True}])
def test_nothing_for_answered_requests(traits, mailoutbox, django_capture_on_commit_callbacks):
    request = LeaveRequestFactory(era_2023=True, **traits)
    UserFactory(employer=True, organisation=request.employer)
    for day in (dt.date(2024, 3, 14), dt.date(2024, 3, 17)):
        assert _send(day, django_capture_on_commit_callbacks).due == 0
    assert mailoutbox == []


def test_an_employer_without_account_gets_no_reminder_but_the_employee_gets_the_notice(
    mailoutbox, django_capture_on_commit_callbacks
):
    request = LeaveRequestFactory(era_2023=True, sent=True)  # received by registered letter, no HR account
    reminder = _send(dt.date(2024, 3, 14), django_capture_on_commit_callbacks)
    assert reminder.queued == [] and reminder.without_recipient == 1
    notice = _send(dt.date(2024, 3, 17), django_capture_on_commit_callbacks)
    assert notice.queued == [(request.pk, NoticeKind.DEEMED_CONSENT, 1)]
    assert [m.to for m in mailoutbox] == [[request.employee.email]]


def test_command_prints_progress_and_dry_run_writes_nothing(django_capture_on_commit_callbacks):
    request, _hr = _sent()
    out = io.StringIO()
    call_command("leave_remind", "--date", "2024-03-14", "--dry-run", stdout=out)
    assert f"demande n° {request.pk} : answer_reminder (1 courriel(s) à mettre en file" in out.getvalue()
    # Only the employee's « demande transmise » e-mail of the send itself: the dry run queued nothing.
    assert list(OutboundEmail.objects.values_list("template", flat=True)) == ["leave_request_sent_employee"]
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("leave_remind", "--date", "2024-03-14", stdout=out)
    assert "1 mis en file (1 courriel(s)) ; 0 déjà envoyé(s)" in out.getvalue()
    out = io.StringIO()
    call_command("leave_remind", "--date", "2024-03-14", stdout=out)
    assert "0 mis en file (0 courriel(s)) ; 1 déjà envoyé(s)" in out.getvalue()


def test_command_enqueues_the_task(django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("leave_remind", "--enqueue", stdout=out)
    assert "confié au travailleur de tâches" in out.getvalue()
