from __future__ import annotations

import datetime as dt
import re
from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    # Pydantic reads "0" or 1700000000 as a Unix timestamp; the API documents AAAA-MM-JJ and means it.
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("date attendue au format AAAA-MM-JJ")


#: A date sent to the API: an ISO string AAAA-MM-JJ only.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


class HealthOut(Schema):
    status: str
    database: str


class GrantOut(Schema):
    role: str
    organisation_siret: str | None
    territory: str | None


class MeOut(Schema):
    kind: str  # "user" or "api_token"
    name: str
    grants: list[GrantOut]


class OrganisationOut(Schema):
    siret: str
    name: str
    kind: str


class AuditEventOut(Schema):
    occurred_at: datetime
    action: str
    object_type: str
    object_id: str
    actor: str
    role: str
    request_id: str
    payload: dict
