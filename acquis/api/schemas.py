from __future__ import annotations

from datetime import datetime

from ninja import Schema


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
