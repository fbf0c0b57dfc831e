"""GET /api/v1/leave-requests/{id}/letter.pdf: the letter the site's page serves (same content, same name), for
the request's readers — the company's HR system with its token included — and 404, as for a request that does
not exist, for anyone else (another company, a funding body, the employer on the employee's draft)."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.urls import reverse

from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.leave.factories import LeaveRequestFactory

BASE = "/api/v1/leave-requests"


@pytest.fixture
def world():
    company = OrganisationFactory(name="Hôpital Nord")
    employee = UserFactory(candidate=True, first_name="Marie", last_name="Curie")
    return {
        "sent": LeaveRequestFactory(employee=employee, employer=company, sent=True),
        "draft": LeaveRequestFactory(employee=employee, employer=company),
        "employee": employee,
        "hr": UserFactory(employer=True, organisation=company),
        "raw": make_api_token(organisation=company)[1],
        "other_raw": make_api_token()[1],
        "funder_raw": make_api_token(role="funder")[1],
        "gip": UserFactory(gip_staff=True),
    }


def _bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def _text(response, pk) -> str:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="demande-conge-vae-{pk}.pdf"'
    assert response.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_company_token_downloads_the_letter_the_site_serves(client, world):
    pk = world["sent"].pk
    text = _text(client.get(f"{BASE}/{pk}/letter.pdf", headers=_bearer(world["raw"])), pk)
    assert "Objet : demande d'autorisation d'absence" in text and "Marie Curie" in text
    client.force_login(world["employee"])
    assert _text(client.get(reverse("web:leave_letter", kwargs={"pk": pk})), pk) == text


@pytest.mark.parametrize("reader", ["employee", "hr", "gip"])
def test_people_who_read_the_request_download_its_letter(client, world, reader):
    client.force_login(world[reader])
    _text(client.get(f"{BASE}/{world['sent'].pk}/letter.pdf"), world["sent"].pk)


@pytest.mark.parametrize("caller", ["other_raw", "funder_raw"])
def test_a_token_that_does_not_read_the_request_gets_404(client, world, caller):
    response = client.get(f"{BASE}/{world['sent'].pk}/letter.pdf", headers=_bearer(world[caller]))
    missing = client.get(f"{BASE}/999999/letter.pdf", headers=_bearer(world["raw"]))
    assert response.status_code == missing.status_code == 404
    assert response["Content-Type"] == missing["Content-Type"] == "application/problem+json"


def test_the_draft_letter_is_the_employee_s_only(client, world):
    pk = world["draft"].pk
    client.force_login(world["employee"])
    _text(client.get(f"{BASE}/{pk}/letter.pdf"), pk)
    client.force_login(world["hr"])
    assert client.get(f"{BASE}/{pk}/letter.pdf").status_code == 404
    client.logout()
    assert client.get(f"{BASE}/{pk}/letter.pdf").status_code == 401


def test_a_request_whose_pathway_began_before_d6422_8_serves_its_letter_and_detail(client, world):
    # Security review M6: a pathway begun on 2017-09-30, before the first version of D6422-8 (2017-10-01), made
    # the letter (page and API) and the API detail answer 500 (NoVersionInForce for leave.paid_hours_cap).
    request = world["sent"]
    request.pathway_started_on = "2017-09-30"
    request.save(update_fields=["pathway_started_on"])
    text = _text(client.get(f"{BASE}/{request.pk}/letter.pdf", headers=_bearer(world["raw"])), request.pk)
    assert "Heures rémunérées" not in text  # no cap was in force that day: the letter states none
    detail = client.get(f"{BASE}/{request.pk}", headers=_bearer(world["raw"]))
    assert detail.status_code == 200 and detail.json()["paid_hours"] is None
    client.force_login(world["employee"])
    _text(client.get(reverse("web:leave_letter", kwargs={"pk": request.pk})), request.pk)
    assert "Acquis ne peut pas appliquer" in client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})).text
