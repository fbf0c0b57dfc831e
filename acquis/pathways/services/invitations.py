"""Registration on a person's behalf, by invitation (security review M4): the accompanier's registration is
kept and sent to the address; it becomes a candidacy when the account holding that address accepts it.

Whoever invites learns nothing of the address: the answer is the same whether an account exists or not (no
name, no "unknown candidate"), and the e-mail goes out in both cases.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation, User, hash_token
from acquis.accounts.permissions import has_role
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.models import Certification, SkillBlock
from acquis.notifications.services import notification_queue
from acquis.pathways.models import RegistrationInvitation
from acquis.pathways.services.common import actor_user
from acquis.pathways.services.registration import candidacy_register
from acquis.territories.models import Department

# candidacy_register's arguments that name rows: kept by primary key in the invitation.
_ROWS = {"certification": Certification, "department": Department, "accompanier": Organisation}


EXPIRED_MESSAGE = (
    "Cette invitation a expiré : elle pouvait être acceptée pendant {days} jours. Demandez à la personne qui "
    "vous l'a envoyée une nouvelle invitation, ou inscrivez-vous vous-même depuis « Mes parcours »."
)


class _DryRun(Exception):
    """Raised to roll back the trial registration that checks an invitation's content."""


def _check(actor: Actor, registration: dict[str, Any]) -> None:
    """Refuse now, with the registration's own codes, what does not depend on the person: the trial runs the very
    service in a savepoint rolled back (its rows, audit events and e-mails go with it), the inviter standing in
    for the person, so the invitation and the registration can never disagree on what is valid."""
    try:
        with transaction.atomic():
            candidacy_register(actor=actor, candidate=actor_user(actor), **registration)
            raise _DryRun
    except _DryRun:
        pass


def _encode(registration: dict[str, Any]) -> dict[str, Any]:
    def value(item: Any) -> Any:
        if isinstance(item, dt.date):
            return item.isoformat()
        if isinstance(item, dict):
            return {key: value(inner) for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return [value(inner) for inner in item]
        return item

    encoded = {key: value(item) for key, item in registration.items() if key not in _ROWS and key != "blocks"}
    for key in _ROWS:
        row = registration.get(key)
        encoded[key] = row.pk if row is not None else None
    encoded["blocks"] = [block.pk for block in registration.get("blocks", ())]
    return encoded


def _decode(stored: dict[str, Any]) -> dict[str, Any]:
    def value(key: str, item: Any) -> Any:
        if isinstance(item, str) and key.endswith("_on"):
            return dt.date.fromisoformat(item)
        if isinstance(item, dict):
            return {inner_key: value(inner_key, inner) for inner_key, inner in item.items()}
        if isinstance(item, list):
            return [value(key, inner) for inner in item]
        return item

    decoded = {key: value(key, item) for key, item in stored.items() if key not in _ROWS and key != "blocks"}
    for key, model in _ROWS.items():
        decoded[key] = model.objects.get(pk=stored[key]) if stored.get(key) is not None else None
    decoded["blocks"] = list(SkillBlock.objects.filter(pk__in=stored.get("blocks", [])))
    return decoded


@service
def registration_invite(*, actor: Actor, email: str, registration: dict[str, Any]) -> RegistrationInvitation:
    """Keep a registration for the person at ``email`` and send them the link to accept it. ``registration``:
    candidacy_register's keyword arguments but ``actor`` and ``candidate``."""
    email = User.objects.normalize_email(email.strip()).lower()
    _check(actor, registration)
    key = secrets.token_urlsafe(32)
    invitation = RegistrationInvitation.objects.create(
        email=email, invited_by=actor_user(actor), registration=_encode(registration), key_hash=hash_token(key)
    )
    audit_event_record(
        actor=actor,
        action=EventType.REGISTRATION_INVITED,
        obj=invitation,
        payload={"certification": registration["certification"].code},
    )
    inviter = registration.get("accompanier") or actor_user(actor)
    notification_queue(
        actor=actor,
        to=email,
        template="registration_invitation",
        context={
            "inviter": str(inviter),
            "certification": registration["certification"].title,
            "key": key,
            "valid_days": settings.PATHWAY_INVITATION_VALID_DAYS,
        },
        idempotency_key=f"registration_invitation:{invitation.pk}",
    )
    return invitation


def registration_invitation_summary(invitation: RegistrationInvitation) -> dict[str, Any]:
    """What the person is asked to accept, as rows (for the page)."""
    return _decode(invitation.registration)


def may_accept(user: Any, invitation: RegistrationInvitation) -> bool:
    """Only the account holding the invited address may read or accept the invitation."""
    return (
        isinstance(user, User)
        and user.is_authenticated
        and user.is_active
        and user.email.lower() == invitation.email.lower()
    )


@service
def registration_invitation_accept(*, actor: User, invitation: RegistrationInvitation):
    """The invited person accepts: the candidacy is registered as the inviter proposed, on their behalf."""
    invitation = RegistrationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not may_accept(actor, invitation):
        raise PermissionDenied("Cette invitation est adressée à une autre adresse électronique.")
    if invitation.accepted_at is not None:
        raise ValidationError(
            ValidationError("Vous avez déjà accepté cette invitation.", code="invitation_already_accepted")
        )
    if invitation.is_expired():
        message = EXPIRED_MESSAGE.format(days=settings.PATHWAY_INVITATION_VALID_DAYS)
        raise ValidationError(ValidationError(message, code="invitation_expired"))
    if not has_role(actor, Role.CANDIDATE):
        raise ValidationError(
            ValidationError(
                "Ce compte n'est pas un compte de candidat : connectez-vous avec FranceConnect.",
                code="not_a_candidate",
            )
        )
    candidacy = candidacy_register(actor=invitation.invited_by, candidate=actor, **_decode(invitation.registration))
    invitation.accepted_at = timezone.now()
    invitation.candidacy = candidacy
    invitation.save(update_fields=["accepted_at", "candidacy"])
    audit_event_record(
        actor=actor,
        action=EventType.REGISTRATION_INVITATION_ACCEPTED,
        obj=invitation,
        payload={"candidacy": candidacy.pk},
    )
    return candidacy


@service
def invitations_erase(*, pks: list[int], on: dt.date) -> int:
    """Delete registration invitations past retention (acquis.pathways.retention.invitations_due)."""
    count, _ = RegistrationInvitation.objects.filter(pk__in=pks).delete()
    audit_event_record(
        actor=None,
        action=EventType.INVITATIONS_ERASED,
        object_type=RegistrationInvitation._meta.label_lower,
        object_id="retention",
        payload={"on": on.isoformat(), "count": count},
    )
    return count
