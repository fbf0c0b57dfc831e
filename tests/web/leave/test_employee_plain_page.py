"""The employee's own congé VAE page says the next step and by when, its legal bases folded behind « Base
légale »; the employer reading the same request keeps the full citations."""

from __future__ import annotations

from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory


def _page(client, user, request) -> str:
    client.force_login(user)
    return client.get(reverse("web:leave_detail", args=[request.pk])).content.decode().replace("&#x27;", "'")


def test_the_employee_reads_the_next_step_and_the_sources_one_click_away(client):
    request = LeaveRequestFactory(sent=True, era_2023=True)  # received 2024-03-01, never answered
    page = _page(client, request.employee, request)
    assert "Prochaine étape :" in page and "Votre congé est accordé" in page
    assert "<summary" in page and "Base légale" in page
    assert "Lire l'article R6422-4" in page
    assert "Calculé par la règle" not in page


def test_the_employer_reads_the_answer_form_first_and_the_sources_folded(client):
    # Issue 15, point 8: the form on top, the legal basis one click away, the way back to the company's list.
    request = LeaveRequestFactory(sent=True, era_2023=True)
    hr = UserFactory(employer=True, organisation=request.employer)
    page = _page(client, hr, request)
    assert "Prochaine étape :" not in page
    assert "<summary" in page and "Base légale" in page and "Calculé par la règle" not in page
    assert page.index("Répondre à la demande") < page.index("Décision et délais")
    assert f"{reverse('web:leave_employer_list')}?siret={request.employer.siret}" in page


def test_the_gip_keeps_the_full_legal_detail(client):
    request = LeaveRequestFactory(sent=True, era_2023=True)
    page = _page(client, UserFactory(gip_staff=True), request)
    assert "Base légale" not in page and "Calculé par la règle" in page
    assert "Répondre à la demande" not in page
