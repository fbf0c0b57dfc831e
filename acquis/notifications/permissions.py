"""Who reads a notification (registered with acquis.accounts.permissions when the app is ready).

A message is its recipient's only: anyone else, the GIP included, gets 404 on its page (the body is personal
data about someone's file; the GIP reads the files themselves through their own pages and the audit trail).
"""

from __future__ import annotations

import enum
from typing import Any

from acquis.accounts.actors import Actor
from acquis.accounts.permissions import is_user
from acquis.accounts.permissions import register as register_predicates


class NotificationAction(enum.StrEnum):
    VIEW_NOTIFICATION = "view_notification"


def _recipient(actor: Actor, obj: Any) -> bool:
    return is_user(actor) and obj is not None and obj.recipient_id is not None and obj.recipient_id == actor.pk


def register() -> None:
    register_predicates({NotificationAction.VIEW_NOTIFICATION: _recipient})
