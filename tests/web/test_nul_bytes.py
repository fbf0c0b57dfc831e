"""NUL characters in any address, form or API body answer 400, never reach the database (PostgreSQL refuses
them: 20 routes answered 500 in the security review, M5), and save nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from acquis.leave.models import AttendanceProofRequest
from acquis.pathways.models import Candidacy
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/certifications?q=a%00b",
        "/api/v1/certifications/RNCP%00",
        "/organisations/%00/",
        "/conges-vae/entreprise/?siret=%00",
        "/parcours/inscription/?recherche=a%00",
        "/gip/historique/a%00/b/",
    ],
)
def test_anonymous_get_with_a_nul_is_refused(client, url):
    response = client.get(url)

    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "nul_character"
    else:
        assert "caractère nul" in response.content.decode()


def test_login_form_with_a_nul_is_refused(client):
    response = client.post("/connexion/", {"username": "a\x00@exemple.fr", "password": "x"})
    assert response.status_code == 400


def test_api_json_body_with_a_nul_is_refused_and_saves_nothing(client):
    client.force_login(UserFactory(candidate=True))
    body = {
        "certification": "RNCP35506",
        "department": "31",
        "qualification_level": 3,
        "accompaniment_mode": "autonomous",
        "in_initial_training": False,
        "experiences": [{"title": "a\x00b", "started_on": "2018-01-01", "hours": 10, "employment_status": "employee"}],
    }

    response = client.post("/api/v1/candidacies", body, content_type="application/json")

    assert response.status_code == 400 and response.json()["code"] == "nul_character"
    assert not Candidacy.objects.exists()


def test_page_form_with_a_nul_is_refused_and_saves_nothing(client):
    hr = UserFactory(employer=True)
    request = LeaveRequestFactory(employer=hr.memberships.get().organisation, answered_accept=True)
    client.force_login(hr)

    response = client.post(reverse("web:leave_attendance_request", kwargs={"pk": request.pk}), {"message": "a\x00b"})

    assert response.status_code == 400
    assert not AttendanceProofRequest.objects.exists()
