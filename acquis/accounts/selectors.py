from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from acquis.accounts.enums import Role
from acquis.accounts.models import ApiToken, Membership, Organisation, User, hash_token


def active_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("organisation", "region", "department")
        .order_by("granted_at", "id")
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, revoked_at__isnull=True)
        .select_related("user")
        .order_by("user__last_name", "user__email", "id")
    )


def organisation_tokens(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).order_by("-created_at", "-id")


def api_token_by_key(*, raw: str) -> ApiToken | None:
    return (
        ApiToken.objects.filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .select_related("organisation")
        .first()
    )


def api_tokens_beyond_their_creator() -> list[tuple[ApiToken, str]]:
    """Active tokens whose role their creator does not hold (any more) in the token's organisation, with why.

    The rule api_token_create applies since the security review (H2): before it, any member could mint a token
    of any API role; a role revoked since also leaves its tokens beyond the rule. GIP staff and superusers
    grant roles, so their tokens are within it; a token with no recorded creator cannot be vouched for.
    """
    from acquis.accounts.permissions import api_token_roles

    found = []
    tokens = ApiToken.objects.filter(revoked_at__isnull=True).select_related("organisation", "created_by")
    for token in tokens.order_by("organisation__siret", "id"):
        creator = token.created_by
        if creator is None:
            found.append((token, "créateur inconnu"))
        elif not creator.is_active:
            found.append((token, f"compte du créateur {creator.email} désactivé"))
        elif token.role not in api_token_roles(creator, token.organisation):
            found.append((token, f"{creator.email} ne détient pas ce rôle dans l'organisation"))
    return found


def session_kind(*, user: User) -> str:
    """Which lifetime of settings.ACQUIS_SESSION_AGES a session of this account gets (fixed at login)."""
    roles = set(Membership.objects.filter(user=user, revoked_at__isnull=True).values_list("role", flat=True))
    if user.is_staff or user.is_superuser or Role.GIP_STAFF in roles:
        return "admin"
    if roles - {Role.CANDIDATE}:
        return "professional"
    return "personal"


def session_age(*, user: User) -> int:
    return settings.ACQUIS_SESSION_AGES[session_kind(user=user)]
