from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, BeforeValidator, ConfigDict

from acquis.rules.facts import IMPLAUSIBLE_DAY, is_iso_date_text, is_plausible_day


def _iso_date_only(value: Any) -> Any:
    # Pydantic reads "0" or 1700000000 as a Unix timestamp and "2026-12-06T00:00" as a day; the API documents
    # AAAA-MM-JJ and means it.
    if (isinstance(value, dt.date) and not isinstance(value, dt.datetime)) or is_iso_date_text(value):
        return value
    raise ValueError("date attendue au format AAAA-MM-JJ")


def _plausible(day: dt.date) -> dt.date:
    if not is_plausible_day(day):
        raise ValueError(IMPLAUSIBLE_DAY)
    return day


#: A date sent to the API: an ISO string AAAA-MM-JJ only, between 1900 and 2100.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only), AfterValidator(_plausible)]


def _hour_and_minute_only(value: Any) -> Any:
    # Pydantic would read 50400 as seconds after midnight; the API documents HH:MM and means it.
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and len(value) == 5 and value[2] == ":" and value.replace(":", "").isdigit():
        return value
    raise ValueError("heure attendue au format HH:MM")


#: An hour sent to the API: « HH:MM » (24 h, local time of the place).
IsoTime = Annotated[dt.time, BeforeValidator(_hour_and_minute_only)]


class StrictIn(Schema):
    """Base of every request body: a misspelt key must not pass unnoticed, so unknown keys are refused
    (422 `invalid_request`, nothing saved)."""

    model_config = ConfigDict(extra="forbid")


def refuse_unknown_form_fields(
    request: HttpRequest, *, fields: frozenset[str] = frozenset(), files: frozenset[str]
) -> None:
    """What StrictIn does for JSON bodies, for a multipart upload: a field or file part the route does not
    read is refused (422 `invalid_request`, nothing saved) rather than silently dropped; so is a second file
    sent under a name that takes one."""
    errors: list[dict[str, Any]] = [
        {"type": "extra_forbidden", "loc": ["form", name], "msg": "Champ inconnu : il n'est pas lu par cette route."}
        for name in sorted(set(request.POST) - fields)
    ]
    errors += [
        {"type": "extra_forbidden", "loc": ["file", name], "msg": "Fichier inconnu : il n'est pas lu par cette route."}
        for name in sorted(set(request.FILES) - files)
    ]
    errors += [
        {"type": "too_many_files", "loc": ["file", name], "msg": "Un seul fichier est attendu sous ce nom."}
        for name in sorted(files)
        if len(request.FILES.getlist(name)) > 1
    ]
    if errors:
        raise NinjaValidationError(errors)


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


class ProblemOut(Schema):
    """Problème RFC 9457 (application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str
    code: str | None = Field(None, description="Code machine (p. ex. postponement_beyond_limit, already_answered).")
    errors: Any = Field(None, description="Messages en français, par champ.")
    codes: dict[str, list[str]] | None = Field(None, description="Codes machine, par champ.")
