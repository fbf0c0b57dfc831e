"""Per-provider settings for mozilla-django-oidc, which natively knows a single provider."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from mozilla_django_oidc.utils import import_from_settings

PROVIDER_ATTR = "acquis_oidc_provider"


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
