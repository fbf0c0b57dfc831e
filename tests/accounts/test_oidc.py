"""ProConnect and FranceConnect logins, end to end: Django's test Client on one side, a real OIDC provider
on 127.0.0.1 on the other (tests/accounts/oidc_provider.py). Nothing of mozilla-django-oidc is mocked: the
token, JWKS and userinfo calls are real HTTP requests, so a broken setting or signature check fails here."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from acquis.accounts.enums import IdentityProvider, Role
from acquis.accounts.models import User
from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from tests.accounts.factories import UserFactory
from tests.accounts.oidc_provider import new_signing_key

LOGIN_URL = "/connexion/"


def authorize_on_provider(client, provider: str, **params: str):
    """Start a login on Acquis and let the provider approve it; return the callback URL it sends back."""
    response = client.get(reverse("oidc:authenticate", kwargs={"provider": provider}), params)
    assert response.status_code == 302
    op_response = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert op_response.status_code == 302, op_response.text
    return op_response.headers["Location"]


def log_in(client, provider: str = "proconnect", **params: str):
    callback = urlsplit(authorize_on_provider(client, provider, **params))
    assert callback.path == reverse(f"oidc:{provider}_callback")
    return client.get(callback.path, {key: values[0] for key, values in parse_qs(callback.query).items()})


def logged_in_user_id(client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def events(user: User, action: EventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk), action=action))


def assert_not_logged_in(client, response) -> None:
    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert logged_in_user_id(client) is None
    assert not AuditEvent.objects.filter(action=EventType.USER_LOGGED_IN).exists()


# --- the test provider is strict, so the assertions below mean something


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("client_id", "un-autre-client"),
        ("redirect_uri", "http://testserver/ailleurs/"),
        ("scope", "email"),
        ("code_challenge_method", "plain"),
        ("code_challenge", ""),
    ],
)
def test_provider_refuses_a_request_that_does_not_match_the_registration(oidc_provider, param, value):
    realm = oidc_provider["proconnect"]
    params = {
        "client_id": realm.client_id,
        "redirect_uri": realm.redirect_uri,
        "response_type": "code",
        "scope": "openid email",
        "state": "etat",
        "nonce": "nonce",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
    }

    response = requests.get(realm.authorization_endpoint, {**params, param: value}, allow_redirects=False, timeout=5)

    assert response.status_code == 400
    assert requests.get(realm.authorization_endpoint, params, allow_redirects=False, timeout=5).status_code == 302


# --- the authorization request


def test_authenticate_redirects_to_the_provider_with_a_complete_request(client, oidc_provider):
    realm = oidc_provider["proconnect"]

    response = client.get("/oidc/proconnect/connexion/")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == realm.authorization_endpoint
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["client_id"] == realm.client_id
    assert query["redirect_uri"] == "http://testserver/oidc/proconnect/retour/"
    assert query["response_type"] == "code"
    assert query["scope"].split() == ["openid", "email", "given_name", "usual_name", "siret"]
    # state and nonce are remembered in the session to be checked on the way back.
    assert client.session["oidc_states"][query["state"]]["nonce"] == query["nonce"]


def test_each_provider_uses_its_own_client_and_callback(client, oidc_provider):
    realm = oidc_provider["franceconnect"]

    response = client.get("/oidc/franceconnect/connexion/")

    query = parse_qs(urlsplit(response["Location"]).query)
    assert response["Location"].startswith(realm.authorization_endpoint + "?")
    assert query["client_id"] == [realm.client_id]
    assert query["redirect_uri"] == ["http://testserver/oidc/franceconnect/retour/"]


@pytest.mark.parametrize("provider", ["inconnu", "google"])
def test_unknown_provider_is_404(client, oidc_provider, provider):
    assert client.get(f"/oidc/{provider}/connexion/").status_code == 404


def test_provider_not_configured_is_404(client, settings):
    settings.ACQUIS_OIDC_PROVIDERS = {}

    assert client.get("/oidc/proconnect/connexion/").status_code == 404
    assert client.get("/oidc/franceconnect/retour/", {"code": "x", "state": "y"}).status_code == 404


# --- successful logins


def test_proconnect_login_creates_the_account_and_logs_in(client, oidc_provider):
    response = log_in(client, "proconnect")

    assert response.status_code == 302
    assert response["Location"] == reverse("web:space")
    user = User.objects.get(email="camille.martin@entreprise.fr")
    assert logged_in_user_id(client) == user.pk
    assert (user.identity_provider, user.oidc_subject) == (IdentityProvider.PROCONNECT, "pc-sub-0001")
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert not user.has_usable_password()
    # Professionals' roles are granted by the GIP, never by the login itself.
    assert not user.memberships.exists()
    assert len(events(user, EventType.USER_CREATED)) == 1
    [login_event] = events(user, EventType.USER_LOGGED_IN)
    assert login_event.payload == {"channel": "oidc"}
    assert login_event.actor == user
    # The token request carried Acquis' client credentials and the same redirect_uri as the authorization.
    [token_request] = oidc_provider["proconnect"].token_requests
    assert token_request["redirect_uri"] == "http://testserver/oidc/proconnect/retour/"

    account_page = client.get(reverse("web:account"))
    assert account_page.status_code == 200
    assert "camille.martin@entreprise.fr" in account_page.content.decode()


def test_franceconnect_login_creates_a_candidate(client, oidc_provider):
    response = log_in(client, "franceconnect")

    assert response["Location"] == reverse("web:space")
    user = User.objects.get(email="dominique.durand@exemple.fr")
    assert logged_in_user_id(client) == user.pk
    assert (user.identity_provider, user.oidc_subject) == (IdentityProvider.FRANCECONNECT, "fc-sub-0001")
    assert (user.first_name, user.last_name) == ("Dominique", "Durand")
    assert [m.role for m in user.memberships.all()] == [Role.CANDIDATE]
    assert len(events(user, EventType.MEMBERSHIP_GRANTED)) == 1
    assert len(events(user, EventType.USER_LOGGED_IN)) == 1


def test_login_returns_to_the_safe_next_url(client, oidc_provider):
    response = log_in(client, "proconnect", next="/compte/?onglet=roles")

    assert response["Location"] == "/compte/?onglet=roles"


def test_login_ignores_an_offsite_next_url(client, oidc_provider):
    response = log_in(client, "proconnect", next="https://malveillant.example/")

    assert response["Location"] == reverse("web:space")


def test_existing_local_account_is_linked_from_its_own_session(client, oidc_provider):
    local = UserFactory(email="camille.martin@entreprise.fr", employer=True)
    client.force_login(local)
    # The identity's e-mail plays no part: the logged-in session is the proof that the account is theirs.
    oidc_provider["proconnect"].set_claims(
        sub="pc-sub-0001", email="c.martin@ailleurs.fr", given_name="Camille", usual_name="Martin"
    )

    response = log_in(client, "proconnect", next="/compte/")

    assert response["Location"] == "/compte/"
    assert User.objects.count() == 1
    local.refresh_from_db()
    assert logged_in_user_id(client) == local.pk
    assert (local.identity_provider, local.oidc_subject) == (IdentityProvider.PROCONNECT, "pc-sub-0001")
    assert local.email == "camille.martin@entreprise.fr"
    [link] = events(local, EventType.USER_OIDC_LINKED)
    assert link.payload == {"provider": "proconnect"}
    assert len(events(local, EventType.USER_CREATED)) == 1  # the factory's, not a second one
    client.logout()

    # From then on the identity logs in to that account, without a password.
    log_in(client, "proconnect")
    assert logged_in_user_id(client) == local.pk


def test_account_page_offers_to_link_each_configured_provider(client, oidc_provider):
    client.force_login(UserFactory(candidate=True))

    content = client.get(reverse("web:account")).content.decode()

    assert 'href="/oidc/proconnect/connexion/?next=/compte/"' in content
    assert 'href="/oidc/franceconnect/connexion/?next=/compte/"' in content


# --- no account is ever taken over through its e-mail address (security review C1)


@pytest.mark.parametrize(
    ("provider", "traits", "email"),
    [
        pytest.param("franceconnect", {"gip_staff": True}, "gip@acquis.example", id="franceconnect-gip"),
        pytest.param("franceconnect", {"superuser": True}, "admin@acquis.example", id="franceconnect-admin"),
        pytest.param("proconnect", {"gip_staff": True}, "gip@acquis.example", id="proconnect-gip"),
        pytest.param("proconnect", {"superuser": True}, "admin@acquis.example", id="proconnect-admin"),
        pytest.param("proconnect", {"employer": True}, "rh@entreprise.fr", id="proconnect-employer"),
        pytest.param("franceconnect", {"candidate": True}, "candidat@exemple.fr", id="franceconnect-candidate"),
    ],
)
def test_an_unknown_identity_never_opens_an_account_by_its_email(client, oidc_provider, provider, traits, email):
    victim = UserFactory(email=email, **traits)
    # The provider vouches for the victim's address, in another case, for a subject Acquis has never seen.
    oidc_provider[provider].set_claims(sub="attaquant-777", email=email.upper(), given_name="X", family_name="Y")

    response = log_in(client, provider)

    assert_not_logged_in(client, response)
    victim.refresh_from_db()
    assert (victim.identity_provider, victim.oidc_subject) == (IdentityProvider.LOCAL, "")
    assert not events(victim, EventType.USER_OIDC_LINKED)
    assert User.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "liez cette identité depuis « Mon compte »" in page


@pytest.mark.parametrize(
    "traits",
    [
        pytest.param({"gip_staff": True}, id="gip"),
        pytest.param({"superuser": True}, id="superuser"),
        pytest.param({"employer": True}, id="employer"),
        pytest.param({"funder": True}, id="funder"),
    ],
)
def test_franceconnect_never_links_to_a_professional_account_even_from_its_session(client, oidc_provider, traits):
    professional = UserFactory(**traits)
    client.force_login(professional)
    oidc_provider["franceconnect"].set_claims(sub="fc-pro", email=professional.email, given_name="P")

    response = log_in(client, "franceconnect")

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    professional.refresh_from_db()
    assert (professional.identity_provider, professional.oidc_subject) == (IdentityProvider.LOCAL, "")
    assert not events(professional, EventType.USER_OIDC_LINKED)


def test_franceconnect_identity_of_a_candidate_later_made_professional_no_longer_logs_in(client, oidc_provider):
    log_in(client, "franceconnect")
    user = User.objects.get()
    client.logout()
    User.objects.filter(pk=user.pk).update(is_staff=True)

    response = log_in(client, "franceconnect")

    assert response["Location"] == LOGIN_URL
    assert logged_in_user_id(client) is None


def test_second_login_matches_by_subject_even_after_an_email_change(client, oidc_provider):
    log_in(client, "proconnect")
    user = User.objects.get()
    client.logout()
    oidc_provider["proconnect"].set_claims(
        sub="pc-sub-0001", email="c.martin@nouvelle-entreprise.fr", given_name="Camille", usual_name="Martin"
    )

    response = log_in(client, "proconnect")

    assert response["Location"] == reverse("web:space")
    assert User.objects.count() == 1
    assert logged_in_user_id(client) == user.pk
    assert len(events(user, EventType.USER_LOGGED_IN)) == 2
    assert not events(user, EventType.USER_OIDC_LINKED)  # already linked: nothing to record


def test_same_subject_at_another_provider_is_another_person(client, oidc_provider):
    log_in(client, "proconnect")
    client.logout()
    # Subjects are only unique per provider: FranceConnect's "pc-sub-0001" is somebody else.
    oidc_provider["franceconnect"].set_claims(
        sub="pc-sub-0001", email="autre.personne@exemple.fr", given_name="Autre", family_name="Personne"
    )

    log_in(client, "franceconnect")

    candidate = User.objects.get(email="autre.personne@exemple.fr")
    assert logged_in_user_id(client) == candidate.pk
    assert User.objects.count() == 2


def test_userinfo_as_a_signed_jwt_is_accepted(client, oidc_provider):
    # ProConnect answers userinfo as application/jwt: the backend must verify and read it.
    oidc_provider["proconnect"].userinfo_as_jwt = True

    log_in(client, "proconnect")

    user = User.objects.get(email="camille.martin@entreprise.fr")
    assert logged_in_user_id(client) == user.pk


# --- refused logins


def test_wrong_state_is_refused(client, oidc_provider):
    callback = urlsplit(authorize_on_provider(client, "proconnect"))
    query = {key: values[0] for key, values in parse_qs(callback.query).items()}

    response = client.get(callback.path, {**query, "state": "un-etat-forge"})

    assert_not_logged_in(client, response)
    assert not User.objects.exists()
    # The code was never exchanged: Acquis stopped before calling the token endpoint.
    assert not oidc_provider["proconnect"].token_requests


def test_callback_without_a_login_in_progress_is_refused(client, oidc_provider):
    response = client.get("/oidc/proconnect/retour/", {"code": "x", "state": "y"})

    assert_not_logged_in(client, response)


def test_state_cannot_be_replayed(client, oidc_provider):
    callback = authorize_on_provider(client, "proconnect")
    first = client.get(callback)
    assert first["Location"] == reverse("web:space")
    client.logout()

    second = client.get(callback)

    assert second.status_code == 302
    assert second["Location"] == LOGIN_URL
    assert logged_in_user_id(client) is None


def test_provider_error_is_refused(client, oidc_provider):
    callback = urlsplit(authorize_on_provider(client, "proconnect"))
    state = parse_qs(callback.query)["state"][0]

    response = client.get(callback.path, {"error": "access_denied", "state": state})

    assert_not_logged_in(client, response)


@pytest.mark.parametrize("error", ["invalid_grant", "server_error"])
def test_token_endpoint_error_is_refused(client, oidc_provider, error):
    oidc_provider["proconnect"].token_error = error

    response = log_in(client, "proconnect")

    assert_not_logged_in(client, response)
    assert not User.objects.exists()


def test_wrong_client_secret_is_refused(client, oidc_provider, settings):
    settings.ACQUIS_OIDC_PROVIDERS["proconnect"]["OIDC_RP_CLIENT_SECRET"] = "pas-le-bon-secret"

    response = log_in(client, "proconnect")

    assert_not_logged_in(client, response)


def test_id_token_signed_by_another_key_is_refused(client, oidc_provider):
    # Same kid as the published key, so only the signature check can catch it.
    oidc_provider["proconnect"].id_token_key = new_signing_key()

    response = log_in(client, "proconnect")

    assert_not_logged_in(client, response)
    assert not User.objects.exists()


def test_id_token_with_an_unknown_kid_is_refused(client, oidc_provider):
    oidc_provider["proconnect"].id_token_kid = "une-cle-non-publiee"

    response = log_in(client, "proconnect")

    assert_not_logged_in(client, response)


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"nonce": "un-autre-nonce"}, id="nonce"),
        pytest.param({"aud": "un-autre-client"}, id="audience"),
        pytest.param({"aud": ["un-autre-client", "et-un-troisieme"]}, id="audience-list"),
        pytest.param({"iss": "http://127.0.0.1:1/imposteur"}, id="issuer"),
        pytest.param({"exp": 1_000_000_000, "iat": 999_999_000}, id="expired"),
    ],
)
def test_id_token_with_wrong_claims_is_refused(client, oidc_provider, overrides):
    oidc_provider["proconnect"].id_token_overrides = overrides

    response = log_in(client, "proconnect")

    assert_not_logged_in(client, response)
    assert not User.objects.exists()


def test_claims_without_email_are_refused(client, oidc_provider):
    oidc_provider["franceconnect"].set_claims(sub="fc-sub-0002", given_name="Sans", family_name="Courriel")

    response = log_in(client, "franceconnect")

    assert_not_logged_in(client, response)
    assert not User.objects.exists()


def test_invalid_email_claim_is_refused_without_error(client, oidc_provider):
    oidc_provider["franceconnect"].set_claims(sub="fc-sub-0003", email="pas-une-adresse", given_name="X")

    response = log_in(client, "franceconnect")

    assert_not_logged_in(client, response)
    assert not User.objects.exists()


def test_inactive_account_is_refused(client, oidc_provider):
    log_in(client, "proconnect")
    client.logout()
    User.objects.update(is_active=False)

    response = log_in(client, "proconnect")

    assert response["Location"] == LOGIN_URL
    assert logged_in_user_id(client) is None


# --- the login page


@pytest.mark.parametrize(
    ("configured", "shown", "hidden"),
    [
        pytest.param([], [], ["ProConnect", "FranceConnect"], id="aucun"),
        pytest.param(["proconnect"], ["ProConnect"], ["FranceConnect"], id="proconnect"),
        pytest.param(["franceconnect"], ["FranceConnect"], ["ProConnect"], id="franceconnect"),
        pytest.param(["proconnect", "franceconnect"], ["ProConnect", "FranceConnect"], [], id="les-deux"),
    ],
)
def test_login_page_shows_only_configured_providers(client, oidc_provider, settings, configured, shown, hidden):
    settings.ACQUIS_OIDC_PROVIDERS = {name: oidc_provider[name].django_settings() for name in configured}

    content = client.get(LOGIN_URL).content.decode()

    for label in shown:
        assert f"S'identifier avec {label}" in content
        assert f'href="/oidc/{label.lower()}/connexion/"' in content
    for label in hidden:
        assert f"S'identifier avec {label}" not in content
    # With none configured, the page says why there is no button (issue 15, point 5).
    assert ("ne sont pas encore ouverts" in content) == (not configured)


def test_issuer_is_not_required_in_settings(client, oidc_provider, settings):
    # config/settings/integrations/oidc.py does not set OIDC_OP_ISSUER yet: logins must work without it.
    for provider_settings in settings.ACQUIS_OIDC_PROVIDERS.values():
        del provider_settings["OIDC_OP_ISSUER"]
    oidc_provider["proconnect"].id_token_overrides = {"iss": "http://127.0.0.1:1/ailleurs"}

    log_in(client, "proconnect")

    assert logged_in_user_id(client) == User.objects.get().pk
