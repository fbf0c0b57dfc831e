"""The matrix lines of the ways in and the GIP's account pages (issue 15, point 5), read by test_permissions_matrix."""

from __future__ import annotations

from django.urls import reverse

EVERYONE_KEY, SIGNED_IN_KEY, GIP_KEY = "everyone", "signed_in", "gip"

# url name → (method, who is allowed: a key the matrix maps to its sets)
ACCOUNT_WEB = {
    # Public; a signed-in person opening the sign-up form is sent on to their account (302).
    "web:signup": ("get", EVERYONE_KEY),
    # The link of a confirmation e-mail (a fresh inactive account's): whoever holds it confirms that address.
    "web:signup_confirm": ("get", EVERYONE_KEY),
    "web:password_reset": ("get", EVERYONE_KEY),
    "web:password_reset_done": ("get", EVERYONE_KEY),
    # An invalid link answers its own page (200, « lien plus valable »); a valid one: tests/web/accounts/.
    "web:password_reset_confirm": ("get", EVERYONE_KEY),
    "web:password_reset_complete": ("get", EVERYONE_KEY),
    "web:password_change": ("get", SIGNED_IN_KEY),
    # The GIP's account pages; the person under test is the candidate actor.
    "web:staff_accounts": ("get", GIP_KEY),
    "web:staff_account_open": ("post", GIP_KEY),
    "web:staff_account": ("get", GIP_KEY),
    "web:staff_role_grant": ("post", GIP_KEY),
    "web:staff_role_revoke": ("post", GIP_KEY),
}
DATA = {
    "web:staff_account_open": {
        "first_name": "Inès",
        "last_name": "Roux",
        "email": "ines.roux@exemple.fr",
        "role": "statistician",
    },
    "web:staff_role_grant": {"role": "statistician"},
}


def account_data(name: str, world) -> dict:
    return DATA.get(name, {})


def account_url(name: str, world) -> str:
    from acquis.accounts.signup import signup_token
    from tests.accounts.factories import UserFactory

    if name == "web:signup_confirm":
        pending = UserFactory()
        pending.is_active = False
        pending.save(update_fields=["is_active"])
        return reverse(name, kwargs={"token": signup_token(pending)})
    person = world["actors"]["candidate"]
    if name in ("web:staff_account", "web:staff_role_grant"):
        return reverse(name, kwargs={"pk": person.pk})
    if name == "web:staff_role_revoke":
        return reverse(name, kwargs={"pk": person.pk, "membership_id": person.memberships.get().pk})
    if name == "web:password_reset_confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "jeton-invalide"})
    return reverse(name)
