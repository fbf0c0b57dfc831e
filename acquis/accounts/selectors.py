from __future__ import annotations

from django.db.models import QuerySet

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
