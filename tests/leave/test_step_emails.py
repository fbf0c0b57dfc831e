"""The congé VAE's e-mails at each step (issue 15, point 4): the request sent (employee and the employer's
accounts) and answered (accepted or postponed: the employee), queued in the step's own transaction; the daily
scan's deemed-consent notice lands in the same « Mes notifications » lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from acquis.documents.text import french_date
from acquis.leave import selectors, services
from acquis.leave.enums import AnswerKind, ReceiptMethod
from acquis.leave.reminders import leave_notices_send
from acquis.notifications.models import OutboundEmail
from acquis.notifications.selectors import notifications_of
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory

pytestmark = pytest.mark.django_db


def _day(decision) -> str:
    return french_date(decision.value)


def _sent_through_acquis(django_capture_on_commit_callbacks):
    request = LeaveRequestFactory()
    hr = UserFactory(employer=True, organisation=request.employer, first_name="Hélène")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.leave_request_send(
            leave_request=request, actor=request.employee, receipt_method=ReceiptMethod.PLATFORM
        )
    return request, hr


def test_sending_emails_the_employee_and_the_employer_with_the_rules_dates(
    mailoutbox, django_capture_on_commit_callbacks
):
    request, hr = _sent_through_acquis(django_capture_on_commit_callbacks)
    due = _day(selectors.leave_answer_due(request))
    limit = _day(selectors.leave_postponement_limit(request))
    employee_mail, employer_mail = mailoutbox
    assert employee_mail.to == [request.employee.email] and employer_mail.to == [hr.email]
    assert f"réponse attendue au plus tard le {due}" in employee_mail.subject
    assert f"à répondre au plus tard le {due}" in employer_mail.subject
    deemed_from = french_date(dt.date.fromisoformat(selectors.leave_answer_due(request).value) + dt.timedelta(days=1))
    assert f"accordée d'office à partir du {deemed_from}" in employee_mail.body
    assert "Prochaine étape" in employee_mail.body and "Prochaine étape" in employer_mail.body
    assert f"le report ne peut pas dépasser le {limit}" in employer_mail.body
    assert "ne peut pas être refusé" in employer_mail.body
    path = reverse("web:leave_detail", kwargs={"pk": request.pk})
    assert path in employee_mail.body and path in employer_mail.body
    emails = OutboundEmail.objects.filter(idempotency_key__startswith=f"leave:{request.pk}:request_sent:")
    assert {(email.recipient, email.path) for email in emails} == {(request.employee, path), (hr, path)}


def test_a_refused_send_emails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    request = LeaveRequestFactory()
    request.actions.all().delete()
    UserFactory(employer=True, organisation=request.employer)
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.leave_request_send(
            leave_request=request, actor=request.employee, receipt_method=ReceiptMethod.PLATFORM
        )
    assert mailoutbox == [] and OutboundEmail.objects.count() == 0


def test_an_acceptance_emails_the_employee_the_next_step(mailoutbox, django_capture_on_commit_callbacks):
    request, hr = _sent_through_acquis(django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_request_answer(leave_request=request, actor=hr, kind=AnswerKind.ACCEPT)
    (mail,) = mailoutbox
    assert mail.to == [request.employee.email]
    assert "votre employeur a accordé votre absence" in mail.subject
    start = request.actions.order_by("start").first().start
    assert f"à partir du {french_date(start)}" in mail.body and "attestation de présence" in mail.body


def test_a_postponement_emails_the_employee_the_new_date_and_the_legal_limit(
    mailoutbox, django_capture_on_commit_callbacks
):
    request, hr = _sent_through_acquis(django_capture_on_commit_callbacks)
    mailoutbox.clear()
    limit = selectors.leave_postponement_limit(request)
    postponed_to = dt.date.fromisoformat(limit.value)
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_request_answer(
            leave_request=request,
            actor=hr,
            kind=AnswerKind.POSTPONE,
            postponed_to=postponed_to,
            reasons="Inventaire annuel",
        )
    (mail,) = mailoutbox
    assert f"reporté votre absence au {french_date(postponed_to)}" in mail.subject
    assert "« Inventaire annuel »" in mail.body
    assert f"Un report ne peut pas dépasser le {_day(limit)} (article R6422-4" in mail.body
    assert notifications_of(user=request.employee).first().template == "leave_request_answered_employee"


def test_a_refused_postponement_emails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    request, hr = _sent_through_acquis(django_capture_on_commit_callbacks)
    mailoutbox.clear()
    beyond = dt.date.fromisoformat(selectors.leave_postponement_limit(request).value) + dt.timedelta(days=1)
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.leave_request_answer(
            leave_request=request, actor=hr, kind=AnswerKind.POSTPONE, postponed_to=beyond, reasons="Inventaire"
        )
    assert mailoutbox == []


def test_the_deemed_consent_notice_is_in_both_notification_lists(django_capture_on_commit_callbacks):
    # Deemed consent is no step anybody takes: the date passes (leave.status); the daily scan tells both parties.
    request = LeaveRequestFactory(era_2023=True, sent=True)
    hr = UserFactory(employer=True, organisation=request.employer)
    with django_capture_on_commit_callbacks(execute=True):
        leave_notices_send(on=dt.date(2024, 3, 17))
    assert notifications_of(user=request.employee).first().template == "leave_deemed_consent_employee"
    assert [email.template for email in notifications_of(user=hr)] == ["leave_deemed_consent_employer"]
