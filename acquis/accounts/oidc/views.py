from __future__ import annotations

import logging

from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from acquis.accounts.oidc.providers import PROVIDER_ATTR, SESSION_PROVIDER_KEY, provider_settings, require_provider

logger = logging.getLogger(__name__)


class ProviderAuthenticateView(OIDCAuthenticationRequestView):
    provider: str | None = None

    def get_settings(self, attr, *args):  # instance method: the provider is known per request
        return provider_settings(self.provider, attr, *args)

    def get(self, request, provider: str):
        self.provider = require_provider(provider)
        self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    provider: str | None = None

    def get_settings(self, attr, *args):
        return provider_settings(self.provider, attr, *args)

    def get(self, request, provider: str):
        self.provider = require_provider(provider)
        # The authentication backend reads the provider from the request (Django instantiates backends itself).
        setattr(request, PROVIDER_ATTR, self.provider)
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            # An unknown state (forged, replayed, or from another browser) is a refused login: back to the
            # login page rather than mozilla-django-oidc's bare 400.
            logger.warning("Retour %s refusé : %s", self.provider, exc)
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        # Which provider to log out from at /deconnexion/ (acquis.accounts.oidc.providers.provider_logout_url).
        self.request.session[SESSION_PROVIDER_KEY] = self.provider
        return response
