"""Who may do what with the certification commissions (registered with acquis.accounts.permissions when the app
loads)."""

from __future__ import annotations

import enum
from typing import Any

from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import in_organisation, is_gip, is_user, register


class CommissionAction(enum.StrEnum):
    VIEW_COMMISSIONS = "view_commissions"
    MANAGE_COMMISSION = "manage_commission"


def _secretariat(obj: Any) -> Organisation | None:
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


register(
    {
        # The composition of a CPC, its opinions and its programme are public (arrêtés and bulletins officiels).
        CommissionAction.VIEW_COMMISSIONS: lambda actor, obj: True,
        # obj: a Commission, or the Organisation (secretariat) a commission is created for. The GIP oversees all.
        CommissionAction.MANAGE_COMMISSION: lambda actor, obj: (
            is_gip(actor)
            or (is_user(actor) and in_organisation(actor, _secretariat(obj), frozenset({Role.CPC_SECRETARIAT})))
        ),
    }
)
