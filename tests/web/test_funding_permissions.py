"""The funding pages and routes, for every role (expectations in tests/web/funding_matrix.py)."""

from __future__ import annotations

import pytest

from acquis.accounts.enums import Role
from tests.accounts.factories import UserFactory, make_api_token
from tests.built_once import built_once, fresh_copy
from tests.web import funding_matrix as matrix

ACTORS = ["anonymous", *[r.value for r in Role], "superuser"]


def _build_people():
    actors = {role.value: UserFactory(role=role) for role in Role}
    actors["superuser"] = UserFactory(superuser=True)
    return actors


people_once = built_once(_build_people)


@pytest.fixture
def people(people_once, db):
    return fresh_copy(people_once)


def _org(actors, role):
    return actors[role].memberships.get().organisation


def _employer(actors, route):
    return _org(actors, "employer") if route in matrix.LEAVE_ROUTES else None


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(matrix.FUNDING_WEB))
def test_funding_page_permission(client, people, name, actor):
    method, state, allowed, readers = matrix.FUNDING_WEB[name]
    actors = people
    ids = matrix.funding_world(
        actors["candidate"], _org(actors, "accompanier"), _org(actors, "funder"), state, _employer(actors, name)
    )
    sirets = {"funder": _org(actors, "funder").siret, "accompanier": _org(actors, "accompanier").siret}
    if actor != "anonymous":
        client.force_login(actors[actor])
    response = getattr(client, method)(matrix.web_url(name, ids, sirets), matrix.web_data(name, ids))
    if actor in allowed:
        assert response.status_code in (200, 302), (response.status_code, response.content[:500])
        if response.status_code == 302:
            assert "/connexion/" not in response["Location"]
    elif actor == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=")
    elif readers is not None and actor not in readers:
        assert response.status_code == 404
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", sorted(matrix.FUNDING_API))
def test_funding_api_permission(client, people, route, actor):
    method, path = route
    state, allowed, readers = matrix.FUNDING_API[route]
    actors = people
    ids = matrix.funding_world(
        actors["candidate"],
        _org(actors, "accompanier"),
        _org(actors, "funder"),
        state or "decided",
        _employer(actors, route),
    )
    if actor != "anonymous":
        client.force_login(actors[actor])
    response = getattr(client, method)(matrix.api_path(path, ids), **matrix.api_body(method, path, ids))
    if actor in allowed:
        assert response.status_code in (200, 201), response.content[:800]
    else:
        expected = 401 if actor == "anonymous" else 404 if readers is not None and actor not in readers else 403
        assert response.status_code == expected, response.content[:800]
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("route", sorted(matrix.FUNDING_TOKEN))
def test_funding_api_for_a_funder_token(client, people, route):
    method, path = route
    token, raw = make_api_token(role="funder")
    state = matrix.FUNDING_API[route][0] or "decided"
    ids = matrix.funding_world(
        people["candidate"], _org(people, "accompanier"), token.organisation, state, _employer(people, route)
    )
    response = getattr(client, method)(
        matrix.api_path(path, ids), headers={"Authorization": f"Bearer {raw}"}, **matrix.api_body(method, path, ids)
    )
    assert response.status_code == matrix.FUNDING_TOKEN[route], response.content[:800]


def test_token_table_lists_every_route():
    assert set(matrix.FUNDING_TOKEN) == set(matrix.FUNDING_API)
