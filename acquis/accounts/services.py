"""Writes on accounts, organisations, memberships and API tokens. Each is audited (acquis.audit)."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.accounts.enums import API_TOKEN_ROLES, ORGANISATION_ROLES, IdentityProvider, OrganisationKind, Role
from acquis.accounts.models import ApiToken, Membership, Organisation, User, hash_token
from acquis.accounts.permissions import api_token_roles
from acquis.accounts.siret import normalise_siret, siret_error
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.notifications.services import notification_queue
from acquis.territories.models import Department, Region

TOKEN_PREFIX_LENGTH = 8


@service
def user_create(
    *,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    actor: User | None = None,
    identity_provider: str = IdentityProvider.LOCAL,
    oidc_subject: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    send_welcome: bool = True,
    validate: bool = True,
) -> User:
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": "Un compte existe déjà avec cette adresse électronique."})
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        identity_provider=identity_provider,
        oidc_subject=oidc_subject,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_event_record(
        actor=actor, action=EventType.USER_CREATED, obj=user, payload={"identity_provider": identity_provider}
    )
    if send_welcome:
        notification_queue(
            actor=actor,
            to=user.email,
            template="welcome",
            context={"first_name": user.first_name or user.email},
            idempotency_key=f"welcome:{user.pk}",
        )
    return user


@service
def user_login_record(*, user: User, channel: str) -> None:
    audit_event_record(actor=user, action=EventType.USER_LOGGED_IN, obj=user, payload={"channel": channel})


@service
def user_password_change(*, user: User, new_password: str, actor: User) -> User:
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_event_record(actor=actor, action=EventType.USER_PASSWORD_CHANGED, obj=user)
    return user


@service
def user_oidc_link(*, user: User, provider: str, subject: str) -> User:
    user.identity_provider, user.oidc_subject = provider, subject
    user.save(update_fields=["identity_provider", "oidc_subject"])
    audit_event_record(actor=user, action=EventType.USER_OIDC_LINKED, obj=user, payload={"provider": provider})
    return user


@service
def organisation_create(*, siret: str, name: str, kind: str, actor: User | None = None) -> Organisation:
    siret = normalise_siret(siret)
    error = siret_error(siret)
    if error:
        raise ValidationError({"siret": error})
    if kind not in OrganisationKind.values:
        raise ValidationError({"kind": f"Nature d'organisation inconnue : {kind}."})
    if Organisation.objects.filter(siret=siret).exists():
        raise ValidationError({"siret": "Une organisation existe déjà avec ce SIRET."})
    organisation = Organisation(siret=siret, name=name.strip(), kind=kind)
    organisation.full_clean()
    organisation.save()
    audit_event_record(actor=actor, action=EventType.ORGANISATION_CREATED, obj=organisation, payload={"kind": kind})
    return organisation


@service
def membership_grant(
    *,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    region: Region | None = None,
    department: Department | None = None,
    actor: User | None = None,
) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": f"Rôle inconnu : {role}."})
    if role in ORGANISATION_ROLES and organisation is None:
        raise ValidationError({"organisation": "Ce rôle s'exerce pour une organisation : indiquez son SIRET."})
    if region is not None and department is not None and department.region_id != region.pk:
        raise ValidationError({"department": "Ce département n'appartient pas à la région indiquée."})
    if Membership.objects.filter(user=user, role=role, organisation=organisation, revoked_at__isnull=True).exists():
        raise ValidationError({"role": "Cette personne détient déjà ce rôle pour cette organisation."})
    membership = Membership.objects.create(
        user=user, role=role, organisation=organisation, region=region, department=department
    )
    audit_event_record(
        actor=actor,
        action=EventType.MEMBERSHIP_GRANTED,
        obj=user,
        payload={
            "membership": membership.pk,
            "role": role,
            "organisation": organisation.siret if organisation else None,
            "territory": department.code if department else (region.code if region else None),
        },
    )
    return membership


@service
def membership_revoke(*, membership: Membership, actor: User | None = None) -> Membership:
    if membership.revoked_at is not None:
        raise ValidationError("Ce rôle a déjà été retiré.")
    membership.revoked_at = timezone.now()
    membership.save(update_fields=["revoked_at"])
    audit_event_record(
        actor=actor,
        action=EventType.MEMBERSHIP_REVOKED,
        obj=membership.user,
        payload={"membership": membership.pk, "role": membership.role},
    )
    return membership


@service
def api_token_create(
    *, organisation: Organisation, role: str, name: str, actor: User | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with its clear value, shown once and never stored."""
    if role not in API_TOKEN_ROLES:
        raise ValidationError({"role": "Ce rôle ne peut pas détenir de jeton d'API."})
    if role not in api_token_roles(actor, organisation):
        raise ValidationError(
            {
                "role": "Vous ne pouvez créer un jeton que pour un rôle que vous détenez vous-même "
                "dans cette organisation."
            }
        )
    if not name.strip():
        raise ValidationError({"name": "Nommez le système qui utilisera ce jeton (par exemple « SIRH »)."})
    raw = f"acq_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        organisation=organisation,
        role=role,
        name=name.strip(),
        prefix=raw[: 4 + TOKEN_PREFIX_LENGTH],
        key_hash=hash_token(raw),
        created_by=actor,
    )
    audit_event_record(
        actor=actor,
        action=EventType.API_TOKEN_CREATED,
        obj=organisation,
        payload={"token": token.pk, "role": role, "name": token.name},
    )
    return token, raw


@service
def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    if token.revoked_at is not None:
        raise ValidationError("Ce jeton est déjà révoqué.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_event_record(
        actor=actor, action=EventType.API_TOKEN_REVOKED, obj=token.organisation, payload={"token": token.pk}
    )
    return token


@service
def account_anonymise(*, user: User, on, actor: User | None = None) -> User:
    """Erase the person from their account once retention is over (acquis.accounts.retention): the row stays,
    because the append-only audit log refers to it, but holds nothing of them; they can no longer log in."""
    from axes.models import AccessAttempt

    from acquis.pathways.models import RegistrationInvitation

    user = User.objects.select_for_update().get(pk=user.pk)
    if user.anonymised_on is not None:
        raise ValidationError("Ce compte est déjà anonymisé.")
    former_email = user.email
    user.email = f"anonyme-{user.pk}@anonyme.invalid"
    user.first_name = user.last_name = ""
    user.oidc_subject = ""
    user.identity_provider = IdentityProvider.LOCAL
    user.is_active = False
    user.set_unusable_password()
    user.anonymised_on = on
    user.save()
    RegistrationInvitation.objects.filter(email__iexact=former_email).delete()
    # Failed logins are recorded by e-mail (django-axes): they go with the account.
    AccessAttempt.objects.filter(username__iexact=former_email).delete()
    ApiToken.objects.filter(created_by=user, revoked_at=None).update(revoked_at=timezone.now())
    audit_event_record(actor=actor, action=EventType.USER_ANONYMISED, obj=user, payload={"on": on.isoformat()})
    return user
