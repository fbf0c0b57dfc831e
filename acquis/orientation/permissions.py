"""The orientation domain's actions, registered with acquis.accounts.permissions when the app is ready.

The information pages, the self-check and the directory are public (Action.VIEW_PUBLIC). The R6423-4
information of an accompanier is written by its own organisation's accompanier members, or by the GIP;
anyone else gets a 404 on its edit page (an organisation's edit page does not say who may edit it).
"""

from __future__ import annotations

import enum
from typing import Any

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import can, grants_of, is_user
from acquis.accounts.permissions import register as register_predicates
from acquis.pathways.permissions import PathwayAction


class OrientationAction(enum.StrEnum):
    EDIT_ACCOMPANIER_PROFILE = "edit_accompanier_profile"


def _edits_profile(actor: Actor, obj: Any) -> bool:
    if not isinstance(obj, Organisation) or not is_user(actor):
        return False
    if can(actor, PathwayAction.MANAGE_ACCOMPANIER_LIST):  # the GIP keeps the list, and may correct its entries
        return True
    return any(g.role == Role.ACCOMPANIER and g.organisation_id == obj.pk for g in grants_of(actor))


def register() -> None:
    register_predicates({OrientationAction.EDIT_ACCOMPANIER_PROFILE: _edits_profile})
