from __future__ import annotations

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from acquis.accounts.enums import IdentityProvider, Role
from acquis.accounts.models import User
from acquis.accounts.oidc.providers import PROVIDER_ATTR, provider_settings
from acquis.accounts.services import membership_grant, user_create, user_oidc_link


class ProviderBackend(OIDCAuthenticationBackend):
    """Log people in through ProConnect or FranceConnect; accounts are matched by (provider, sub), then e-mail."""

    provider: str | None = None

    def get_settings(self, attr, *args):
        return provider_settings(self.provider, attr, *args)

    def authenticate(self, request, **kwargs):
        provider = getattr(request, PROVIDER_ATTR, None) if request is not None else None
        if provider is None:
            return None  # a password login: not ours
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = self.get_settings("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = self.get_settings("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = self.get_settings("OIDC_OP_JWKS_ENDPOINT", None)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = self.get_settings("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO", "RS256")
        return super().authenticate(request, **kwargs)

    def filter_users_by_claims(self, claims):
        subject = claims.get("sub", "")
        by_subject = User.objects.filter(identity_provider=self.provider, oidc_subject=subject) if subject else None
        if by_subject is not None and by_subject.exists():
            return by_subject
        email = (claims.get("email") or "").strip().lower()
        return User.objects.filter(email=email) if email else User.objects.none()

    def create_user(self, claims):
        user = user_create(
            email=claims["email"],
            password=None,
            first_name=claims.get("given_name", ""),
            last_name=claims.get("usual_name") or claims.get("family_name", ""),
            identity_provider=self.provider,
            oidc_subject=claims.get("sub", ""),
        )
        if self.provider == IdentityProvider.FRANCECONNECT:
            # People arriving through FranceConnect are candidates; professionals' roles are granted by the GIP.
            membership_grant(user=user, role=Role.CANDIDATE, actor=user)
        return user

    def update_user(self, user, claims):
        subject = claims.get("sub", "")
        if subject and user.oidc_subject != subject:
            user_oidc_link(user=user, provider=self.provider, subject=subject)
        return user
