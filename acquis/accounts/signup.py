"""Ways in without an identity provider: sign-up with a verified address, password reset, accounts the GIP opens.

Kept apart from acquis.accounts.services (identity-provider linking lives there). Links sent by e-mail carry a
signed, dated token (django.core.signing for the address, Django's default_token_generator for passwords), so
nothing secret is stored to check them and a used or stale link is refused.
"""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation, User
from acquis.accounts.services import membership_grant, user_create
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.notifications.services import notification_queue
from acquis.territories.models import Department

SIGNUP_SALT = "acquis.accounts.signup"
# Three days to open the confirmation link: long enough for a weekend, short enough for a stale address.
SIGNUP_MAX_AGE = 3 * 24 * 3600


class SignupProfile:
    CANDIDATE = "candidate"
    EMPLOYEE = "employee"
    CHOICES = (
        (CANDIDATE, "Je veux faire valider mon expérience (candidat à la VAE)"),
        (EMPLOYEE, "Je suis salarié et je demande un congé VAE à mon employeur"),
    )


def signup_token(user: User) -> str:
    # The address is signed with the id: a token minted for an address the account no longer has is refused.
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SIGNUP_SALT)


def signup_token_user(token: str) -> User:
    """The account a confirmation link names; a clear French ValidationError when it is forged or stale."""
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            "Ce lien de confirmation a expiré (il vaut trois jours). Inscrivez-vous de nouveau avec la même "
            "adresse : un nouveau lien vous sera envoyé."
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            "Ce lien de confirmation n'est pas valide. Copiez-le en entier depuis le courriel."
        ) from error
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise ValidationError("Ce lien de confirmation ne correspond à aucun compte.")
    return user


def password_link_path(user: User) -> str:
    """The path of the page where this person chooses a password (Django's reset token: single use)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/connexion/mot-de-passe/{uid}/{default_token_generator.make_token(user)}/"


def _verification_queue(user: User) -> None:
    token = signup_token(user)
    notification_queue(
        actor=user,
        to=user.email,
        template="signup_verification",
        context={"first_name": user.first_name or user.email, "path": f"/inscription/confirmer/{token}/"},
        # A new token each time (it is dated): asking again sends a new link.
        idempotency_key=f"signup-verification:{user.pk}:{token[-16:]}",
    )


@service
def user_signup(*, email: str, password: str, first_name: str, last_name: str, profile: str) -> User | None:
    """Open an inactive account and send the confirmation link; the person's role follows their profile.

    An address that already has an account gets a different e-mail (how to sign in or reset the password)
    and the page says the same thing in both cases: the form does not tell who has an account.
    """
    if profile not in dict(SignupProfile.CHOICES):
        raise ValidationError({"profile": "Indiquez pourquoi vous créez un compte."})
    normalised = User.objects.normalize_email(email.strip()).lower()
    existing = User.objects.filter(email=normalised).first()
    if existing is not None:
        if not existing.is_active and not existing.last_login:
            _verification_queue(existing)  # never confirmed: send the link again
        else:
            notification_queue(
                actor=None,
                to=existing.email,
                template="signup_existing",
                context={"first_name": existing.first_name or existing.email},
                idempotency_key=f"signup-existing:{existing.pk}:{signing.dumps(existing.pk)[-16:]}",
            )
        audit_event_record(actor=None, action=EventType.USER_SIGNED_UP, obj=existing, payload={"existing": True})
        return None
    user = user_create(
        email=normalised,
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        send_welcome=False,
    )
    user.is_active = False  # until the address is confirmed
    user.save(update_fields=["is_active"])
    if profile == SignupProfile.CANDIDATE:
        membership_grant(user=user, role=Role.CANDIDATE, actor=user)
    audit_event_record(actor=user, action=EventType.USER_SIGNED_UP, obj=user, payload={"profile": profile})
    _verification_queue(user)
    return user


@service
def user_email_verify(*, token: str) -> User:
    user = signup_token_user(token)
    if user.is_active:
        raise ValidationError("Cette adresse est déjà confirmée : connectez-vous.", code="already_verified")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_event_record(actor=user, action=EventType.USER_EMAIL_VERIFIED, obj=user)
    notification_queue(
        actor=user,
        to=user.email,
        template="welcome",
        context={"first_name": user.first_name or user.email},
        idempotency_key=f"welcome:{user.pk}",
    )
    return user


@service
def user_password_reset_request(*, user: User) -> None:
    """Send a single-use link to choose a new password (only to an active account that has one)."""
    path = password_link_path(user)
    notification_queue(
        actor=None,
        to=user.email,
        template="password_reset",
        context={"first_name": user.first_name or user.email, "path": path},
        idempotency_key=f"password-reset:{user.pk}:{path.rstrip('/').rsplit('/', 1)[-1]}",
    )
    audit_event_record(actor=None, action=EventType.USER_PASSWORD_RESET_REQUESTED, obj=user)


@service
def user_account_open(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation | None = None,
    department: Department | None = None,
) -> User:
    """The GIP opens a professional's account with a first role; the person chooses a password from the e-mail.

    ProConnect is the usual way in for professionals; this is for those without it, and for the demo.
    """
    user = user_create(
        email=email,
        password=None,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        actor=actor,
        send_welcome=False,
    )
    membership_grant(user=user, role=role, organisation=organisation, department=department, actor=actor)
    audit_event_record(actor=actor, action=EventType.USER_ACCOUNT_OPENED, obj=user, payload={"role": role})
    notification_queue(
        actor=actor,
        to=user.email,
        template="account_opened",
        context={
            "first_name": user.first_name or user.email,
            "role": Role(role).label,
            "organisation": organisation.name if organisation else "",
            "path": password_link_path(user),
        },
        idempotency_key=f"account-opened:{user.pk}",
    )
    return user
