"""ProConnect (professionals) and FranceConnect (candidates) through mozilla-django-oidc.

mozilla-django-oidc reads one provider from flat OIDC_* settings; Acquis has two, so each provider's
settings live in ACQUIS_OIDC_PROVIDERS and acquis.accounts.oidc subclasses read them by name.
"""

from __future__ import annotations

from config.env import Env


def oidc_settings(env: Env) -> dict[str, object]:
    providers = {}
    for provider in (env.proconnect, env.franceconnect):
        if not provider.enabled:
            continue
        providers[provider.name] = {
            "OIDC_RP_CLIENT_ID": provider.client_id,
            "OIDC_RP_CLIENT_SECRET": provider.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": provider.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": provider.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": provider.user_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": provider.jwks_endpoint,
            "OIDC_OP_LOGOUT_ENDPOINT": provider.logout_endpoint,
            "OIDC_RP_SIGN_ALGO": provider.sign_algo,
            "OIDC_RP_SCOPES": provider.scopes,
        }
        if provider.issuer:
            # Checked against the id_token's "iss" claim (acquis.accounts.oidc.backends).
            providers[provider.name]["OIDC_OP_ISSUER"] = provider.issuer
    return {
        "ACQUIS_OIDC_PROVIDERS": providers,
        # mozilla-django-oidc checks these exist at import time; the per-provider values above win.
        "OIDC_RP_CLIENT_ID": "unused",
        "OIDC_RP_CLIENT_SECRET": "unused",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "http://127.0.0.1/unused",
        "OIDC_OP_TOKEN_ENDPOINT": "http://127.0.0.1/unused",
        "OIDC_OP_USER_ENDPOINT": "http://127.0.0.1/unused",
        "OIDC_OP_JWKS_ENDPOINT": "http://127.0.0.1/unused",
        "OIDC_TIMEOUT": 10,
        "LOGIN_REDIRECT_URL_FAILURE": "/connexion/",
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_USE_NONCE": True,
        # Kept in the session for the logout at the provider (id_token_hint of its end_session endpoint).
        "OIDC_STORE_ID_TOKEN": True,
        # PKCE (RFC 7636, S256): a stolen authorization code is useless without the verifier kept in the session.
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
    }
