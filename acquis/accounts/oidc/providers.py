"""Per-provider settings for mozilla-django-oidc, which natively knows a single provider."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from mozilla_django_oidc.utils import import_from_settings

PROVIDER_ATTR = "acquis_oidc_provider"
SESSION_PROVIDER_KEY = "acquis_oidc_provider"


def provider_settings(provider: str | None, attr: str, *default):
    if provider:
        values = settings.ACQUIS_OIDC_PROVIDERS.get(provider, {})
        if attr in values:
            return values[attr]
        if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
            return f"oidc:{provider}_callback"
    return import_from_settings(attr, *default)


def require_provider(provider: str) -> str:
    if provider not in settings.ACQUIS_OIDC_PROVIDERS:
        raise Http404("Ce fournisseur d'identité n'est pas configuré.")
    return provider


def provider_logout_url(session, *, post_logout_redirect_uri: str) -> str | None:
    """The provider's end_session URL for the person logged in through it (OpenID Connect RP-Initiated Logout
    1.0), or None after a password login. Read before the local logout flushes the session: logging out of
    Acquis alone would leave the ProConnect or FranceConnect session open on a shared computer."""
    provider = session.get(SESSION_PROVIDER_KEY)
    id_token = session.get("oidc_id_token")
    endpoint = settings.ACQUIS_OIDC_PROVIDERS.get(provider, {}).get("OIDC_OP_LOGOUT_ENDPOINT") if provider else None
    if not (endpoint and id_token):
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": secrets.token_urlsafe(16),  # FranceConnect requires one; nothing is bound to it on return
            "post_logout_redirect_uri": post_logout_redirect_uri,
        }
    )
    return f"{endpoint}?{query}"
