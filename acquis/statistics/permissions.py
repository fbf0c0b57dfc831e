"""Who reads which statistics (issue 17, point 7), registered with acquis.accounts.permissions.

- the GIP staff and the national statisticians (a ``statistician`` membership without a région): every dashboard;
- the regional State services (a ``statistician`` membership scoped to a région, as Membership allows): their
  région's dashboard only — another région answers 404;
- a certifier's members: the dashboard of their own organisation's candidates (by SIRET) — another one, 404;
- everybody: the open data (public pages, no action needed beyond VIEW_PUBLIC).
The object is a ``Scope``; ``None`` asks "may the actor open any dashboard at all" (the menu, the index).
"""

from __future__ import annotations

from dataclasses import dataclass

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import Action, grants_of, is_gip, is_user, register


@dataclass(frozen=True)
class Scope:
    kind: str  # "national", "region", "certifier"
    code: str = ""  # région code, or certifier SIRET


def national_reader(actor: Actor) -> bool:
    return is_gip(actor) or any(g.role == Role.STATISTICIAN and g.region_id is None for g in grants_of(actor))


def regions_of(actor: Actor) -> set[str]:
    """The région codes of the actor's regional statistician memberships."""
    from acquis.territories.models import Region

    ids = {g.region_id for g in grants_of(actor) if g.role == Role.STATISTICIAN and g.region_id is not None}
    return set(Region.objects.filter(pk__in=ids).values_list("code", flat=True)) if ids else set()


def certifier_sirets_of(actor: Actor) -> set[str]:
    ids = {g.organisation_id for g in grants_of(actor) if g.role == Role.CERTIFIER and g.organisation_id}
    return set(Organisation.objects.filter(pk__in=ids).values_list("siret", flat=True)) if ids else set()


def _view(actor: Actor, scope: Scope | None) -> bool:
    if not is_user(actor):
        return False
    if national_reader(actor):
        return True
    if scope is None:
        return bool(regions_of(actor) or certifier_sirets_of(actor))
    if scope.kind == "region":
        return scope.code in regions_of(actor)
    if scope.kind == "certifier":
        return scope.code in certifier_sirets_of(actor)
    return False


register(
    {
        Action.VIEW_STATISTICS: _view,
        Action.LOAD_QUALIFICATION_NEEDS: lambda actor, obj: is_gip(actor),
    }
)
