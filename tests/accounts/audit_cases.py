"""Audit cases of the account services of acquis/accounts/signup.py (sign-up, confirmation, password reset,
accounts opened by the GIP), plugged into tests/audit/test_services.py."""

from __future__ import annotations

from acquis.accounts import signup
from acquis.accounts.enums import Role
from acquis.audit.enums import EventType
from tests.accounts.factories import OrganisationFactory, UserFactory

S = "acquis.accounts.signup."


def _signed_up():
    return signup.user_signup(
        email="inscrite@exemple.fr",
        password="Un-mot-de-passe-solide-2026",
        first_name="Inès",
        last_name="Martin",
        profile=signup.SignupProfile.CANDIDATE,
    )


def _verified():
    return signup.user_email_verify(token=signup.signup_token(_signed_up()))


def _opened():
    return signup.user_account_open(
        actor=UserFactory(gip_staff=True),
        email="pro@exemple.fr",
        first_name="Paul",
        last_name="Durand",
        role=Role.CERTIFIER,
        organisation=OrganisationFactory(certifier=True),
    )


ACCOUNT_CASES = {
    S + "user_signup": (_signed_up, EventType.USER_SIGNED_UP),
    S + "user_email_verify": (_verified, EventType.USER_EMAIL_VERIFIED),
    S + "user_password_reset_request": (
        lambda: signup.user_password_reset_request(user=UserFactory()),
        EventType.USER_PASSWORD_RESET_REQUESTED,
    ),
    S + "user_account_open": (_opened, EventType.USER_ACCOUNT_OPENED),
}
