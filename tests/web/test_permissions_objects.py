"""Objects of another organisation (issue 11, point 1 of the second pass): candidacies.

For every role but the GIP's (which reads every file), a candidacy of another candidate, addressed to
another certifier, accompanied by another accompanier, in a programme another funder sponsors, answers
404 on every page and every API route that names it — as one that does not exist — shows nothing of its
candidate, and writes nothing. The candidacies are built by the permission matrix's own helpers
(tests/web/test_permissions_matrix.py), with the four organisations swapped for strangers.
"""

from __future__ import annotations

import pytest
from django.test import Client

from acquis.accounts.enums import Role
from acquis.audit.models import AuditEvent
from acquis.pathways.models import Candidacy
from tests.accounts.factories import UserFactory
from tests.web.test_permissions_matrix import (
    API_EXPECTATIONS,
    PATHWAY_STEPS,
    _api_body,
    _pathway_candidacy,
    _pathway_url,
)

# The GIP and the administrator read every candidacy; everyone else is a stranger to another's.
STRANGERS = sorted({r.value for r in Role} - {Role.GIP_STAFF.value})
CANDIDACY_PAGES = sorted(PATHWAY_STEPS)
CANDIDACY_ROUTES = sorted(route for route in API_EXPECTATIONS if "{candidacy_id}" in route[1])
# The four parties a candidacy names: each is, in these tests, someone the caller is not.
PARTIES = ("candidate", "accompanier", "certifier", "funder")


def _strangers_world():
    return {"actors": {role: UserFactory(role=role) for role in PARTIES}}


def _caller(client, role):
    client.force_login(UserFactory(role=role))


def _snapshot():
    return AuditEvent.objects.count(), list(
        Candidacy.objects.order_by("pk").values_list("pk", "stage", "closure", "updated_at")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("actor", STRANGERS)
@pytest.mark.parametrize("name", CANDIDACY_PAGES)
def test_page_answers_404_for_another_organisations_candidacy(client: Client, name, actor):
    from tests.web.test_permissions_matrix import WEB_EXPECTATIONS, _pathway_data

    world = _strangers_world()
    url = _pathway_url(name, world)
    _caller(client, actor)
    method, _allowed = WEB_EXPECTATIONS[name]
    before = _snapshot()

    response = getattr(client, method)(url, _pathway_data(name) if method == "post" else {})

    assert response.status_code == 404, (response.status_code, name, actor)
    assert world["actors"]["candidate"].last_name not in response.content.decode()
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("actor", STRANGERS)
@pytest.mark.parametrize("route", CANDIDACY_ROUTES)
def test_api_answers_404_for_another_organisations_candidacy(client: Client, route, actor):
    method, path = route
    world = _strangers_world()
    url = _pathway_candidacy(world, path)
    _caller(client, actor)
    before = _snapshot()

    response = getattr(client, method)(url, **_api_body(method, path, world))

    assert response.status_code == 404, (response.status_code, response.content)
    assert response["Content-Type"] == "application/problem+json"
    assert world["actors"]["candidate"].last_name.encode() not in response.content
    assert _snapshot() == before


def test_every_candidacy_route_is_covered():
    # A new route naming a candidacy joins these tests by itself: it is read from the matrix's tables.
    assert len(CANDIDACY_PAGES) >= 30 and len(CANDIDACY_ROUTES) >= 25
