from __future__ import annotations

import logging

import jwt
import requests
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from acquis.accounts.enums import IdentityProvider, Role
from acquis.accounts.models import User
from acquis.accounts.oidc.providers import PROVIDER_ATTR, provider_settings
from acquis.accounts.services import membership_grant, user_create, user_oidc_link

logger = logging.getLogger(__name__)

LINK_FROM_ACCOUNT = (
    "Cette identité n'est encore liée à aucun compte Acquis, et un compte existe déjà avec son adresse "
    "électronique. Connectez-vous avec votre mot de passe, puis liez cette identité depuis « Mon compte »."
)
NO_FRANCECONNECT_FOR_PROFESSIONALS = (
    "FranceConnect ne donne pas accès à un compte professionnel : connectez-vous avec ProConnect "
    "ou avec votre mot de passe."
)


class ProviderBackend(OIDCAuthenticationBackend):
    """Log people in through ProConnect or FranceConnect; accounts are matched by (provider, sub) only."""

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
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, jwt.InvalidTokenError) as exc:
            # mozilla-django-oidc lets a token endpoint error (HTTPError), a bad signature (SuspiciousOperation)
            # or an expired token (ExpiredSignatureError) escape as a 400 or 500 page: a refused login is the
            # provider's or the attacker's doing, not a crash, so the person goes back to the login page.
            logger.warning("Connexion %s refusée : %s", provider, exc)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # mozilla-django-oidc decodes with verify_aud=False; OpenID Connect Core §3.1.3.7 requires the client
        # to check it is the audience, or a token issued to another client of the same provider would do.
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"Jeton destiné à un autre client ({audience!r}).")
        issuer = self.get_settings("OIDC_OP_ISSUER", None)  # optional: checked when configured
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation(f"Jeton émis par {payload.get('iss')!r}, {issuer!r} attendu.")
        return payload

    def filter_users_by_claims(self, claims):
        # An identity is its (provider, sub) pair, never its e-mail claim: a provider may vouch for an address
        # the person does not control, and matching on it handed any account (GIP staff, the superuser) to
        # whoever a provider returned that address for (security review C1).
        subject = claims.get("sub", "")
        if not subject:
            return User.objects.none()
        by_subject = User.objects.filter(identity_provider=self.provider, oidc_subject=subject)
        if by_subject.exists():
            return by_subject
        # The one local proof of ownership: a person already logged in to Acquis links this identity to
        # their own account (update_user records the link).
        current = getattr(self.request, "user", None)
        if current is not None and current.is_authenticated:
            return User.objects.filter(pk=current.pk)
        return User.objects.none()

    def create_user(self, claims):
        email = User.objects.normalize_email((claims.get("email") or "").strip()).lower()
        if email and User.objects.filter(email=email).exists():
            # Never link by e-mail: the owner of the account links this identity from their own session.
            messages.error(self.request, LINK_FROM_ACCOUNT)
            raise SuspiciousOperation(f"Identité {self.provider} inconnue pour une adresse déjà inscrite.")
        try:
            user = user_create(
                email=claims["email"],
                password=None,
                first_name=claims.get("given_name", ""),
                last_name=claims.get("usual_name") or claims.get("family_name", ""),
                identity_provider=self.provider,
                oidc_subject=claims.get("sub", ""),
            )
        except ValidationError as exc:
            # Claims Acquis cannot store (an invalid e-mail, a name too long): refuse the login, don't crash.
            # mozilla-django-oidc turns SuspiciousOperation from here into a failed login.
            raise SuspiciousOperation(f"Identité {self.provider} inutilisable : {exc.messages}") from exc
        if self.provider == IdentityProvider.FRANCECONNECT:
            # People arriving through FranceConnect are candidates; professionals' roles are granted by the GIP.
            membership_grant(user=user, role=Role.CANDIDATE, actor=user)
        return user

    def update_user(self, user, claims):
        if self.provider == IdentityProvider.FRANCECONNECT and is_professional(user):
            # FranceConnect vouches for citizens: it never opens (nor links to) a professional's account,
            # whose roles act for organisations; professionals use ProConnect or their password.
            messages.error(self.request, NO_FRANCECONNECT_FOR_PROFESSIONALS)
            raise SuspiciousOperation("Identité FranceConnect refusée pour un compte professionnel.")
        subject = claims.get("sub", "")
        # Compare the pair: a subject is only unique within its provider. A differing pair is reached only
        # from the account owner's own session (filter_users_by_claims).
        if subject and (user.identity_provider, user.oidc_subject) != (self.provider, subject):
            user_oidc_link(user=user, provider=self.provider, subject=subject)
        return user


def is_professional(user: User) -> bool:
    """Staff, superusers, and anyone holding a role other than candidate."""
    if user.is_staff or user.is_superuser:
        return True
    return user.memberships.filter(revoked_at__isnull=True).exclude(role=Role.CANDIDATE).exists()
