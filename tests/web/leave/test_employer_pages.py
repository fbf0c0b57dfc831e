"""The employer's list, acknowledgement, answer (limit, reasons, conflict) and the funder's proof request."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from acquis.documents.text import french_date
from acquis.leave.enums import RequestState
from acquis.leave.models import AttendanceProofRequest, LeaveAnswer
from acquis.leave.selectors import leave_postponement_limit
from acquis.leave.services import leave_request_answer, leave_request_send
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import LeaveRequestFactory

TODAY = timezone.localdate


def _html(response) -> str:
    return response.content.decode()


@pytest.fixture
def company():
    return OrganisationFactory(name="Clinique des Lilas")


@pytest.fixture
def hr(client, company):
    user = UserFactory(employer=True, organisation=company)
    client.force_login(user)
    return user


def _pending(company, **kwargs):
    return LeaveRequestFactory(employer=company, sent=True, received=TODAY() - dt.timedelta(days=2), **kwargs)


def test_list_counts_by_status_and_filters(client, hr, company):
    pending = _pending(company)
    LeaveRequestFactory(employer=company, sent=True, era_2024=True)  # deemed accepted long ago
    LeaveRequestFactory(employer=company)  # a draft: never shown to the employer
    LeaveRequestFactory(sent=True)  # another company
    html = _html(client.get(reverse("web:leave_employer_list")))
    assert "2 demandes reçues" in html
    assert "en attente de la réponse de l&#x27;employeur : 1" in html
    assert "accordé (absence de réponse de l&#x27;employeur) : 1" in html
    filtered = _html(client.get(reverse("web:leave_employer_list"), {"status": "pending"}))
    assert "1 demande affichée" in filtered and f"n° {pending.pk}" in filtered
    due = TODAY() - dt.timedelta(days=2) + dt.timedelta(days=15)
    by_due = _html(client.get(reverse("web:leave_employer_list"), {"due_from": due.isoformat()}))
    assert "1 demande affichée" in by_due


def test_other_company_list_is_refused(client, hr):
    other = OrganisationFactory()
    assert client.get(reverse("web:leave_employer_list"), {"siret": other.siret}).status_code == 404


def test_acknowledge_a_platform_request(client, hr, company):
    draft = LeaveRequestFactory(employer=company)
    request = leave_request_send(leave_request=draft, actor=draft.employee, receipt_method="platform")
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "Confirmer la réception" in html
    assert client.post(reverse("web:leave_acknowledge", kwargs={"pk": request.pk})).status_code == 302
    request.refresh_from_db()
    assert request.acknowledged_by == hr


def test_postponement_beyond_the_limit_is_refused_with_the_article_nothing_saved(client, hr, company):
    request = _pending(company, actions_start=TODAY() + dt.timedelta(days=5))  # a start within the limit
    url = reverse("web:leave_answer", kwargs={"pk": request.pk})
    limit = dt.date.fromisoformat(leave_postponement_limit(request).value)  # one month since 2023-12-29
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert f"Report possible jusqu'au {french_date(limit)} au plus tard." in html
    too_late = (limit + dt.timedelta(days=1)).isoformat()
    response = client.post(url, {"kind": "postpone", "postponed_to": too_late, "reasons": "Inventaire"})
    assert response.status_code == 400
    assert "dépasse la limite légale" in _html(response) and "article R6422-4" in _html(response)
    assert not LeaveAnswer.objects.exists()
    later = (request.actions_start + dt.timedelta(days=1)).isoformat()
    no_reasons = client.post(url, {"kind": "postpone", "postponed_to": later})
    assert "raisons de service" in _html(no_reasons) and not LeaveAnswer.objects.exists()
    ok = client.post(url, {"kind": "postpone", "postponed_to": later, "reasons": "Inventaire"})
    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED and request.answer.reasons == "Inventaire"
    assert "Reporté au" in _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))


def test_second_answer_gets_the_conflict_message(client, hr, company):
    request = _pending(company)
    # A colleague answers while this page is open; this employer's answer then arrives.
    leave_request_answer(leave_request=request, actor=UserFactory(employer=True, organisation=company), kind="accept")
    response = client.post(reverse("web:leave_answer", kwargs={"pk": request.pk}), {"kind": "accept"})
    assert response.status_code == 409
    assert "L&#x27;employeur a déjà répondu à cette demande" in _html(response)
    assert "Accord du" in _html(response)  # the answer that was recorded
    assert LeaveAnswer.objects.filter(request=request).count() == 1


def test_only_the_employer_may_answer(client, company):
    request = LeaveRequestFactory(employer=company, answered_accept=True)
    client.force_login(request.employee)
    assert client.post(reverse("web:leave_answer", kwargs={"pk": request.pk}), {"kind": "accept"}).status_code == 403


def test_employer_requests_attendance_proof(client, hr, company):
    request = LeaveRequestFactory(employer=company, answered_accept=True)
    url = reverse("web:leave_attendance_request", kwargs={"pk": request.pk})
    assert client.post(url, {"message": "Merci de déposer l'attestation"}).status_code == 302
    assert AttendanceProofRequest.objects.get().organisation == company


def test_funder_reaches_a_request_by_number_and_siret_only(client):
    funder = UserFactory(funder=True)
    client.force_login(funder)
    request = LeaveRequestFactory(sent=True)
    url = reverse("web:leave_funder")
    wrong = client.post(url, {"reference": request.pk, "employer_siret": OrganisationFactory().siret})
    assert wrong.status_code == 400 and "Aucune demande envoyée" in _html(wrong)
    draft = LeaveRequestFactory()
    assert client.post(url, {"reference": draft.pk, "employer_siret": draft.employer.siret}).status_code == 400
    assert not AttendanceProofRequest.objects.exists()
    ok = client.post(url, {"reference": request.pk, "employer_siret": request.employer.siret})
    assert ok.status_code == 200 and "Justificatif demandé" in _html(ok)
    proof = AttendanceProofRequest.objects.get()
    assert proof.request == request and proof.organisation == funder.memberships.get().organisation
    # The funder sees no detail page: only the proof request.
    assert client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})).status_code == 404


@pytest.mark.parametrize("message", ["a\x00b", "envoyez votre justificatif à evil@example.com"])
def test_funder_cannot_read_or_act_through_the_request_page(client, message):
    """Security review H1: the request page's proof form took any funder; an invalid form rendered the whole
    request (employee, employer, deadlines, attachments), a valid one acted without the SIRET."""
    client.force_login(UserFactory(funder=True))
    request = LeaveRequestFactory(sent=True)
    url = reverse("web:leave_attendance_request", kwargs={"pk": request.pk})

    response = client.post(url, {"message": message})

    # 400 for the NUL (refused before any view, acquis.web.middleware.RefuseNulMiddleware), 404 otherwise.
    assert response.status_code in (400, 404)
    assert request.employee.last_name not in _html(response)
    assert request.employer.siret not in _html(response)
    assert not AttendanceProofRequest.objects.exists()


def test_list_is_paginated_keeping_the_filters(client, hr, company, monkeypatch):
    from acquis.web.leave import employer

    monkeypatch.setattr(employer, "PAGE_SIZE", 2)
    for _ in range(3):
        _pending(company)
    html = _html(client.get(reverse("web:leave_employer_list"), {"status": "pending"}))
    assert "3 demandes affichées" in html and "page 1 sur 2" in html
    assert f"?status=pending&amp;siret={company.siret}&amp;page=2" in html
    second = _html(client.get(reverse("web:leave_employer_list"), {"status": "pending", "page": 2}))
    assert "page 2 sur 2" in second and len(re.findall(r'href="/conges-vae/\d+/"', second)) == 1


def test_the_answer_form_says_accept_or_postpone_and_refuses_a_postponement_before_the_start(client, hr, company):
    request = _pending(company)
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "ne peut pas la refuser (article R6422-4" in re.sub(r"<[^>]+>", "", html)
    before = (request.actions_start - dt.timedelta(days=7)).isoformat()
    response = client.post(
        reverse("web:leave_answer", kwargs={"pk": request.pk}),
        {"kind": "postpone", "postponed_to": before, "reasons": "Inventaire"},
    )
    assert response.status_code == 400
    assert f"postérieure au début des actions demandé par le salarié ({french_date(request.actions_start)})" in _html(
        response
    )
    assert not LeaveAnswer.objects.exists()


def test_a_second_request_within_the_year_shows_why_the_employer_may_refuse(client, hr, company):
    first = LeaveRequestFactory(employer=company, answered_accept=True, received=TODAY() - dt.timedelta(days=100))
    second = _pending(company, employee=first.employee)
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": second.pk})))
    earliest = first.answer.answered_on.replace(year=first.answer.answered_on.year + 1)
    assert f"ne peut pas prétendre à une nouvelle autorisation avant le {french_date(earliest)}" in html
    assert "Article R6422-6" in html and "Base légale" in html
    assert "vous pouvez aussi ne pas l'accorder" in html
    # The first request had no earlier authorisation: nothing to refuse on this ground.
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": first.pk})))
    assert "Aucune autorisation d&#x27;absence pour VAE n&#x27;a été donnée" in html


def test_a_complementary_evaluation_is_not_refusable(client, hr, company):
    first = LeaveRequestFactory(employer=company, answered_accept=True, received=TODAY() - dt.timedelta(days=100))
    second = _pending(company, employee=first.employee, complementary_evaluation=True)
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": second.pk})))
    assert "le délai d&#x27;un an ne s&#x27;applique pas" in html
    assert "vous pouvez aussi ne pas l'accorder" not in html


def test_fixed_term_contract_after_2023_is_not_governed_by_r6422_7_1(client, hr, company):
    request = _pending(company, fixed_term_contract_end=TODAY() - dt.timedelta(days=30))
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "ne s&#x27;applique qu&#x27;aux congés commençant entre le 1er octobre 2017 et le 28 décembre 2023" in html
