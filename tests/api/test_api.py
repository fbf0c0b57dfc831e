import json

from acquis.accounts.enums import Role
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token


def _bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def test_openapi_and_docs_are_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "API Acquis"
    assert "/api/v1/me" in schema["paths"]
    assert any("bearer" in str(s).lower() for s in schema["components"]["securitySchemes"].values())
    assert client.get("/api/v1/docs").status_code == 200


def test_token_sees_only_its_own_organisation(client):
    token, raw = make_api_token(role=Role.CERTIFIER)
    other = OrganisationFactory()
    me = client.get("/api/v1/me", headers=_bearer(raw)).json()
    assert me == {
        "kind": "api_token",
        "name": "SIRH de test",
        "grants": [{"role": "certifier", "organisation_siret": token.organisation.siret, "territory": None}],
    }
    assert client.get(f"/api/v1/organisations/{token.organisation.siret}", headers=_bearer(raw)).status_code == 200
    refused = client.get(f"/api/v1/organisations/{other.siret}", headers=_bearer(raw))
    assert refused.status_code == 403


def test_errors_are_problem_details(client):
    unauthenticated = client.get("/api/v1/me", headers=_bearer("acq_faux"))
    body = json.loads(unauthenticated.content)
    assert unauthenticated.status_code == 401
    assert unauthenticated["Content-Type"] == "application/problem+json"
    assert unauthenticated["WWW-Authenticate"].startswith("Bearer")
    assert {"type", "title", "status", "instance", "detail", "request_id"} <= set(body)
    assert body["status"] == 401 and body["instance"] == "/api/v1/me"

    _token, raw = make_api_token()
    missing = client.get("/api/v1/organisations/00000000000000", headers=_bearer(raw))
    assert missing.status_code == 404 and missing.json()["title"] == "Ressource introuvable"

    client.force_login(UserFactory(gip_staff=True))
    invalid = client.get("/api/v1/audit-events")  # required query parameters missing
    assert invalid.status_code == 422
    problem = invalid.json()
    assert problem["title"] == "Requête invalide" and problem["errors"]


def test_gip_staff_reads_an_object_history_through_the_api(client):
    staff = UserFactory(gip_staff=True)
    person = UserFactory(candidate=True)
    client.force_login(staff)
    events = client.get(f"/api/v1/audit-events?object_type=accounts.user&object_id={person.pk}").json()
    assert [e["action"] for e in events] == ["user_created", "membership_granted"]


def test_revoked_token_is_refused(client):
    from acquis.accounts.services import api_token_revoke

    token, raw = make_api_token()
    api_token_revoke(token=token)
    assert client.get("/api/v1/me", headers=_bearer(raw)).status_code == 401
