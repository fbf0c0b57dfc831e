"""A database outage (restart, failover) answers 503 with Retry-After — problem details on the API, a French
page elsewhere — instead of 500, so that clients retry rather than report a bug."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from tests.accounts.factories import UserFactory


def _database_down(error: type[Exception]):
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=error("server closed the connection")
    )


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_the_api_answers_503_problem_details(error):
    client = Client(raise_request_exception=False)
    with _database_down(error):
        response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["status"] == 503 and body["title"] == "Service momentanément indisponible"


def test_a_page_answers_a_french_503_page_even_when_the_session_cannot_be_read():
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    with _database_down(OperationalError):
        response = client.get("/compte/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Service momentanément indisponible" in response.content.decode()


def test_other_errors_stay_500():
    client = Client(raise_request_exception=False)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=ZeroDivisionError):
        api = client.get("/api/v1/health")
    assert api.status_code == 500 and api["Content-Type"] == "application/problem+json"
