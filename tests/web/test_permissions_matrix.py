"""Every URL pattern and API route, for every role: allowed or refused.

The expectations are written by hand (not derived from acquis.accounts.permissions), and the tests
fail when a URL or route exists that this table does not list: a new page must say who may see it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from acquis.accounts.enums import Role
from acquis.api.api import api
from tests.accounts.factories import UserFactory, make_api_token
from tests.leave.factories import LeaveRequestFactory, pdf

ROLES = [r.value for r in Role]
ACTORS = ["anonymous", *ROLES, "superuser"]
EVERYONE = set(ACTORS)
SIGNED_IN = EVERYONE - {"anonymous"}
GIP = {"gip_staff", "superuser"}
# The organisation under test is the employer's: its members, the GIP and the administrator may see it.
ORG_READERS = GIP | {"employer"}
ORG_TOKEN_MANAGERS = GIP | {"employer"}
# The congé VAE request under test: the candidate's, sent to the employer's company.
LEAVE_READERS = GIP | {"candidate", "employer"}
LEAVE = "/api/v1/leave-requests/{leave_request_id}"

# url name → (method, who is allowed)
WEB_EXPECTATIONS = {
    "web:home": ("get", EVERYONE),
    "web:login": ("get", EVERYONE),
    "web:logout": ("post", SIGNED_IN),
    "web:account": ("get", SIGNED_IN),
    "web:staff_dashboard": ("get", GIP),
    "web:timeline": ("get", GIP),
    "web:organisation": ("get", ORG_READERS),
    "web:token_create": ("post", ORG_TOKEN_MANAGERS),
    "web:token_revoke": ("post", ORG_TOKEN_MANAGERS),
    # Rule pages are public; their "Essayer la règle" POST is checked for everyone in tests/web/test_rule_pages.py.
    "web:rules": ("get", EVERYONE),
    "web:rule": ("get", EVERYONE),
    # The law pages are public (issue 3).
    "web:law_index": ("get", EVERYONE),
    "web:law_article": ("get", EVERYONE),
    "web:law_timeline": ("get", EVERYONE),
    "web:law_diff": ("get", EVERYONE),
}
# OIDC routes are reachable by anyone (they start or finish a login); tested in tests/accounts/test_oidc.py.
PUBLIC_PROTOCOL_URLS = {"oidc:authenticate", "oidc:proconnect_callback", "oidc:franceconnect_callback"}

API_EXPECTATIONS = {
    ("get", "/api/v1/health"): EVERYONE,
    ("get", "/api/v1/me"): SIGNED_IN,
    ("get", "/api/v1/organisations/{siret}"): ORG_READERS,
    ("get", "/api/v1/audit-events"): GIP,
    # Public by design: deciding a rule reads no personal data and keeps nothing (acquis/api/rules.py).
    ("get", "/api/v1/rules"): EVERYONE,
    ("post", "/api/v1/rules/{rule_id}/decide"): EVERYONE,
    # Each caller lists what it may read (possibly nothing): tests/api/test_leave_api.py checks the contents.
    ("get", "/api/v1/leave-requests"): SIGNED_IN,
    ("get", LEAVE): LEAVE_READERS,
    ("post", f"{LEAVE}/answer"): {"employer"},
    # R6422-5: the employer, or a funding body (which does not read the request).
    ("post", f"{LEAVE}/attendance-proof-requests"): {"employer", "funder"},
    ("post", f"{LEAVE}/attendance-proof"): {"candidate"},
}


def _names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in ("admin", "api") or str(pattern.pattern).startswith("api/"):
                continue
            yield from _names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_page_is_listed_in_the_matrix():
    assert set(_names(get_resolver())) == set(WEB_EXPECTATIONS) | PUBLIC_PROTOCOL_URLS


def test_every_api_route_is_listed_in_the_matrix():
    schema = api.get_openapi_schema()
    routes = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert routes == set(API_EXPECTATIONS)


@pytest.fixture
def world():
    actors = {role: UserFactory(role=role) for role in ROLES}
    actors["superuser"] = UserFactory(superuser=True)
    employer_org = actors["employer"].memberships.get().organisation
    token, _raw = make_api_token(organisation=employer_org)
    leave_request = LeaveRequestFactory(employee=actors["candidate"], employer=employer_org, sent=True)
    return {"actors": actors, "organisation": employer_org, "token": token, "leave_request": leave_request}


def _web_url(name, world):
    from django.urls import reverse

    org = world["organisation"]
    kwargs = {
        "web:timeline": {"object_type": "accounts.organisation", "object_id": org.pk},
        "web:organisation": {"siret": org.siret},
        "web:token_create": {"siret": org.siret},
        "web:token_revoke": {"siret": org.siret, "token_id": world["token"].pk},
        "web:law_article": {"number": "R6422-4"},
        "web:law_timeline": {"number": "R6422-4"},
        "web:rule": {"rule_id": "leave.status"},
    }.get(name, {})
    if name.startswith("web:law_"):
        from tests.law.db import import_small_corpus

        import_small_corpus()  # the article pages answer 404 for an article the corpus lacks
    return reverse(name, kwargs=kwargs)


def _login(client, world, actor):
    if actor != "anonymous":
        client.force_login(world["actors"][actor])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(WEB_EXPECTATIONS))
def test_page_permission(client, world, name, actor):
    method, allowed = WEB_EXPECTATIONS[name]
    _login(client, world, actor)
    url = _web_url(name, world)
    data = {"name": "SIRH", "role": "employer"} if name == "web:token_create" else {}
    response = getattr(client, method)(url, data)
    if actor in allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/connexion/" not in response["Location"]
    elif actor == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=")
    else:
        assert response.status_code == 403
        assert "Accès refusé" in response.content.decode()


def _api_path(path, world):
    if "{leave_request_id}" in path:
        return path.replace("{leave_request_id}", str(world["leave_request"].pk))
    if "{rule_id}" in path:
        return path.replace("{rule_id}", "leave.employer_answer_due")
    if "{siret}" in path:
        return path.replace("{siret}", world["organisation"].siret)
    if path.endswith("/audit-events"):
        return f"{path}?object_type=accounts.organisation&object_id={world['organisation'].pk}"
    return path


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", sorted(API_EXPECTATIONS))
def test_api_permission_for_people(client, world, route, actor):
    method, path = route
    _login(client, world, actor)
    response = getattr(client, method)(_api_path(path, world), **_api_body(method, path))
    if actor in API_EXPECTATIONS[route]:
        assert response.status_code in (200, 201), response.content
    else:
        assert response.status_code == _refused_status(path, actor), response.content
        assert response["Content-Type"] == "application/problem+json"


def _refused_status(path, actor):
    if actor == "anonymous":
        return 401
    # A congé VAE request the caller cannot read answers 404, like one that does not exist (acquis/api/leave.py).
    if "{leave_request_id}" in path and actor not in LEAVE_READERS:
        return 404
    return 403


def _api_body(method, path):
    # Valid input for each POST route, so that "allowed" means 200 or 201.
    if method != "post":
        return {}
    if path.endswith("/attendance-proof"):
        return {"data": {"file": pdf("attestation.pdf")}}
    if path.endswith("/answer"):
        return {"data": {"kind": "accept"}, "content_type": "application/json"}
    if path.endswith("/attendance-proof-requests"):
        return {"data": {"message": "Merci"}, "content_type": "application/json"}
    return {"data": {"at": None, "facts": {"request_received": "2024-03-01"}}, "content_type": "application/json"}


TOKEN_EXPECTATIONS = {
    ("get", "/api/v1/health"): True,
    ("get", "/api/v1/me"): True,
    ("get", "/api/v1/organisations/{siret}"): True,  # its own organisation
    ("get", "/api/v1/audit-events"): False,
    ("get", "/api/v1/rules"): True,
    ("post", "/api/v1/rules/{rule_id}/decide"): True,
    # A request sent to the token's company: the HR system lists, reads, answers, asks for the proof…
    ("get", "/api/v1/leave-requests"): True,
    ("get", LEAVE): True,
    ("post", f"{LEAVE}/answer"): True,
    ("post", f"{LEAVE}/attendance-proof-requests"): True,
    # …but only the employee uploads it (the token reads the request: 403, not 404).
    ("post", f"{LEAVE}/attendance-proof"): False,
}


def test_token_matrix_lists_every_route():
    assert set(TOKEN_EXPECTATIONS) == set(API_EXPECTATIONS)


@pytest.mark.parametrize("route", sorted(TOKEN_EXPECTATIONS))
def test_api_permission_for_machine_clients(client, route):
    token, raw = make_api_token()
    world = {
        "organisation": token.organisation,
        "leave_request": LeaveRequestFactory(employer=token.organisation, sent=True),
    }
    method, path = route
    response = getattr(client, method)(
        _api_path(path, world), headers={"Authorization": f"Bearer {raw}"}, **_api_body(method, path)
    )
    assert response.status_code in ((200, 201) if TOKEN_EXPECTATIONS[route] else (403,)), response.content
