"""The one place that answers "may this actor do X on this object".

Every page (acquis.web) and API route (acquis.api) asks ``can(actor, Action.X, obj)``; an actor is a
User (web session) or an ApiToken (machine client). Roles come from active Memberships, scoped to an
organisation and a territory. Add an Action and its predicate here before adding the page or route.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from acquis.accounts.actors import Actor
from acquis.accounts.enums import API_TOKEN_ROLES, Role
from acquis.accounts.models import ApiToken, Organisation, User


class Action(enum.StrEnum):
    VIEW_PUBLIC = "view_public"
    VIEW_ACCOUNT = "view_account"
    VIEW_STAFF_DASHBOARD = "view_staff_dashboard"
    VIEW_AUDIT_TIMELINE = "view_audit_timeline"
    VIEW_ORGANISATION = "view_organisation"
    MANAGE_API_TOKENS = "manage_api_tokens"
    USE_API = "use_api"
    VIEW_GIP_MEMBERS = "view_gip_members"
    MANAGE_GIP_MEMBERS = "manage_gip_members"
    MANAGE_ACCOUNTS = "manage_accounts"
    # acquis.statistics (predicates in acquis/statistics/permissions.py): obj is a statistics Scope.
    VIEW_STATISTICS = "view_statistics"
    LOAD_QUALIFICATION_NEEDS = "load_qualification_needs"


@dataclass(frozen=True)
class Grant:
    role: str
    organisation_id: int | None
    region_id: int | None
    department_id: int | None


def grants_of(actor: Actor) -> tuple[Grant, ...]:
    if isinstance(actor, ApiToken):
        if not actor.is_active:
            return ()
        return (Grant(actor.role, actor.organisation_id, None, None),)
    if not isinstance(actor, User) or not actor.is_authenticated or not actor.is_active:
        return ()
    cached = getattr(actor, "_acquis_grants", None)
    if cached is None:
        cached = tuple(
            Grant(m.role, m.organisation_id, m.region_id, m.department_id)
            for m in actor.memberships.filter(revoked_at__isnull=True).order_by("id")
        )
        actor._acquis_grants = cached
    return cached


def is_user(actor: Actor) -> bool:
    return isinstance(actor, User) and actor.is_authenticated and actor.is_active


def has_role(actor: Actor, role: Role) -> bool:
    return any(grant.role == role for grant in grants_of(actor))


def is_gip(actor: Actor) -> bool:
    return (is_user(actor) and actor.is_superuser) or (is_user(actor) and has_role(actor, Role.GIP_STAFF))


def in_organisation(actor: Actor, organisation: Organisation | None, roles: frozenset[str] | None = None) -> bool:
    if organisation is None:
        return False
    return any(
        grant.organisation_id == organisation.pk and (roles is None or grant.role in roles)
        for grant in grants_of(actor)
    )


_PREDICATES: dict[Action, Callable[[Any, Any], bool]] = {
    Action.VIEW_PUBLIC: lambda actor, obj: True,
    Action.VIEW_ACCOUNT: lambda actor, obj: is_user(actor),
    Action.VIEW_STAFF_DASHBOARD: lambda actor, obj: is_gip(actor),
    Action.VIEW_AUDIT_TIMELINE: lambda actor, obj: is_gip(actor),
    Action.VIEW_ORGANISATION: lambda actor, obj: is_gip(actor) or in_organisation(actor, obj),
    # Only people manage tokens: a machine client must not mint its own credentials.
    Action.MANAGE_API_TOKENS: lambda actor, obj: (
        is_gip(actor) or (is_user(actor) and in_organisation(actor, obj, API_TOKEN_ROLES))
    ),
    Action.VIEW_GIP_MEMBERS: lambda actor, obj: True,
    Action.MANAGE_GIP_MEMBERS: lambda actor, obj: is_gip(actor),
    Action.MANAGE_ACCOUNTS: lambda actor, obj: is_gip(actor),
    Action.USE_API: lambda actor, obj: is_user(actor) or (isinstance(actor, ApiToken) and actor.is_active),
}


def api_token_roles(actor: Actor, organisation: Organisation) -> list[str]:
    """The API roles the actor may give a token of this organisation: those it holds there itself, since a token
    acts with its role (a funder minting an employer token would answer its colleagues' leave requests); every
    API role for the GIP, which grants roles. ``None`` is an operator's script (demo data, shell)."""
    if actor is None or is_gip(actor):
        return sorted(API_TOKEN_ROLES)
    if not is_user(actor):
        return []
    return sorted(
        {g.role for g in grants_of(actor) if g.organisation_id == organisation.pk and g.role in API_TOKEN_ROLES}
    )


def leave_employer_organisation_ids(actor: Actor) -> list[int]:
    """The organisations whose sent leave requests the actor reads as the employer (members or tokens)."""
    return sorted({g.organisation_id for g in grants_of(actor) if g.role == Role.EMPLOYER and g.organisation_id})


def funder_organisation_ids(actor: Actor) -> list[int]:
    """The funding bodies (L6316-1) the actor acts for, first granted first."""
    return [g.organisation_id for g in grants_of(actor) if g.role == Role.FUNDER and g.organisation_id]


def organisation_ids_of(actor: Actor, role: Role) -> set[int]:
    return {g.organisation_id for g in grants_of(actor) if g.role == role and g.organisation_id is not None}


def register(predicates: dict[Any, Callable[[Any, Any], bool]]) -> None:
    """A domain's own actions (an enum.StrEnum of its ``permissions.py``, registered from its app's ready()) join
    the table, so that ``can`` answers them like the actions above; a name is taken once (registering the same
    predicate again is harmless)."""
    taken = {
        str(action)
        for action, predicate in predicates.items()
        if str(action) in {str(known) for known in _PREDICATES} and _PREDICATES.get(action) is not predicate
    }
    if taken:
        raise ValueError(f"Actions déjà enregistrées : {sorted(taken)}")
    _PREDICATES.update(predicates)


def can(actor: Actor, action: enum.StrEnum, obj: Any = None) -> bool:
    return _PREDICATES[action](actor, obj)


def acting_role(actor: Actor) -> str:
    """The role stamped on audit events: the token's role, or the user's first active role."""
    grants = grants_of(actor)
    if grants:
        return grants[0].role
    if is_user(actor) and actor.is_superuser:
        return "admin"
    return ""


# One visibility policy for pages and API (issue 12 point 3). Ids are sequential: answering 403 for an object the
# caller may not read would tell anyone that object n° 1234 exists, so an unreadable object answers 404, exactly
# as a missing one; a reader that may not do the action gets 403. Reading a model means any of these actions
# (a funder reads a candidacy's funding view only); a model not listed is public (commissions, organisations'
# names), and refusals on it stay 403.
# A domain's read action is named by its value (its enum lives in the domain, above accounts): a StrEnum member
# equals, and hashes as, its value, so the table finds the predicate the domain registered.
_READ_ACTIONS: dict[str, tuple[str, ...]] = {
    "leave.LeaveRequest": ("view_leave_request",),
    "pathways.Candidacy": ("view_candidacy", "view_candidacy_funding"),
    "funding.FundingRequest": ("view_funding_request",),
    "accounts.Organisation": (Action.VIEW_ORGANISATION,),
}


def may_read(actor: Actor, obj: Any) -> bool:
    actions = _READ_ACTIONS.get(getattr(getattr(obj, "_meta", None), "label", ""))
    return actions is None or any(can(actor, action, obj) for action in actions)


class NotVisible(Exception):
    """The object does not exist for this caller (pages and API turn it into 404)."""


def judge(actor: Actor, action: Action | None, obj: Any) -> None:
    """Raise NotVisible when ``obj`` is missing or the actor may neither read it nor do ``action`` on it, and
    PermissionDenied when it reads it without the right to do ``action``."""
    from django.core.exceptions import PermissionDenied

    if obj is None or not (may_read(actor, obj) or (action is not None and can(actor, action, obj))):
        raise NotVisible
    if action is not None and not can(actor, action, obj):
        raise PermissionDenied("Votre compte ou votre jeton ne permet pas cette action.")


def load_for(actor: Actor, action: Action | None, obj: Any, *, missing: str) -> Any:
    """The one loader of an object a page or a route acts on: ``obj`` (already fetched, None when the key names
    nothing) if the actor may do ``action`` on it; a 404 saying ``missing`` if it may not even read it — the very
    answer a missing key gets —; PermissionDenied if it reads it without the right to act."""
    from django.http import Http404

    try:
        judge(actor, action, obj)
    except NotVisible:
        raise Http404(missing) from None
    return obj
