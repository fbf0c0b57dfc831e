"""Who acts, in every service and predicate: a person (User), an organisation's API token (ApiToken, acting
with its role), or None — an operator's script (demo data, a management command, the daily scan)."""

from __future__ import annotations

from typing import TypeAlias

from acquis.accounts.models import ApiToken, User

Actor: TypeAlias = User | ApiToken | None
