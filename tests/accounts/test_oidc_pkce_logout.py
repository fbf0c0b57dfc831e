"""PKCE on the authorization code flow and the logout at the provider (security review L3), end to end against
the local provider (tests/accounts/oidc_provider.py), which refuses a token request without the right verifier
and a logout without its own id_token_hint and a registered return address."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import requests
from django.contrib.auth import SESSION_KEY

from tests.accounts.factories import UserFactory
from tests.accounts.test_oidc import authorize_on_provider, log_in


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_the_authorization_request_carries_an_s256_challenge(client, oidc_provider):
    response = client.get("/oidc/proconnect/connexion/")

    query = _query(response["Location"])
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256, unpadded


def test_the_token_request_proves_the_challenge(client, oidc_provider):
    realm = oidc_provider["proconnect"]

    response = log_in(client, "proconnect")

    assert response.status_code == 302 and client.session.get(SESSION_KEY)
    challenge = realm.authorize_requests[-1]["code_challenge"]
    verifier = realm.token_requests[-1]["code_verifier"]
    assert base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode() == challenge


def test_a_code_stolen_from_the_redirect_is_useless_without_the_verifier(client, oidc_provider, settings):
    """Another browser (the attacker's) starts its own login, then substitutes the victim's code: its verifier
    does not match the victim's challenge, so the provider refuses the exchange."""
    victim = client.__class__()
    stolen = _query(authorize_on_provider(victim, "proconnect"))["code"]
    attacker_callback = _query(authorize_on_provider(client, "proconnect"))

    response = client.get("/oidc/proconnect/retour/", {"code": stolen, "state": attacker_callback["state"]})

    assert response.status_code == 302 and response["Location"] == "/connexion/"
    assert client.session.get(SESSION_KEY) is None
    assert oidc_provider["proconnect"].token_requests[-1]["code"] == stolen


def test_logout_after_a_provider_login_ends_the_provider_session(client, oidc_provider):
    realm = oidc_provider["franceconnect"]
    log_in(client, "franceconnect")
    id_token = client.session["oidc_id_token"]

    response = client.post("/deconnexion/")

    assert client.session.get(SESSION_KEY) is None  # logged out of Acquis first
    assert response.status_code == 302
    assert response["Location"].startswith(realm.logout_endpoint + "?")
    query = _query(response["Location"])
    assert query["id_token_hint"] == id_token
    assert query["post_logout_redirect_uri"] == "http://testserver/"
    assert query["state"]
    # The provider accepts it and sends the person back home.
    back = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302, back.text
    assert back.headers["Location"].startswith("http://testserver/?state=")


def test_logout_after_a_password_login_stays_on_acquis(client, oidc_provider):
    client.force_login(UserFactory())

    response = client.post("/deconnexion/")

    assert response["Location"] == "/"
    assert oidc_provider["proconnect"].logouts == [] and oidc_provider["franceconnect"].logouts == []
