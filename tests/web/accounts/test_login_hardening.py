"""Login throttling (django-axes), session lifetime by role and the Content-Security-Policy header (security
review M3, L2)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from acquis.accounts.enums import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

LOCKED_MESSAGE = "Trop de tentatives de connexion"


def _login(client, email: str, password: str, **extra):
    return client.post("/connexion/", {"email": email, "password": password}, **extra)


def _admin_login(client, email: str, password: str, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password}, **extra)


# --- throttling


def test_an_account_is_locked_after_the_failure_limit_and_says_so_in_french(client):
    user = UserFactory(candidate=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, user.email, "mauvais-mot-de-passe")
        assert response.status_code == 400
        assert LOCKED_MESSAGE not in response.content.decode()

    response = _login(client, user.email, "mauvais-mot-de-passe")

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_MESSAGE in page and "bloquée pendant 15 minutes" in page
    # Even the right password is refused now, without a password check.
    response = _login(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert client.session.get(SESSION_KEY) is None


def test_the_count_is_per_account_whatever_the_case_and_the_address(client):
    user = UserFactory(candidate=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        address = f"10.0.0.{n}"  # a different address each time: the account's count still grows
        _login(client, user.email.upper() if n % 2 else user.email, "faux", REMOTE_ADDR=address)

    assert _login(client, user.email, DEFAULT_PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 429


def test_one_address_guessing_many_accounts_is_locked(client):
    users = UserFactory.create_batch(settings.AXES_FAILURE_LIMIT, candidate=True)
    for user in users:
        _login(client, user.email, "faux", REMOTE_ADDR="203.0.113.7")

    other = UserFactory(candidate=True)
    assert _login(client, other.email, DEFAULT_PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
    # Another address is not concerned.
    assert _login(client, other.email, DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 302


def test_a_success_before_the_limit_resets_the_count(client):
    user = UserFactory(candidate=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.email, "faux")
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302
    client.post("/deconnexion/")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.email, "faux").status_code == 400
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, time_machine):
    user = UserFactory(candidate=True)
    time_machine.move_to("2026-12-07 10:00:00+01:00", tick=False)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.email, "faux")
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 429

    time_machine.move_to("2026-12-07 10:16:00+01:00", tick=False)

    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(client):
    admin = UserFactory(superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _admin_login(client, admin.email, "faux")
        assert response.status_code in (200, 429)

    response = _admin_login(client, admin.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()
    assert client.session.get(SESSION_KEY) is None


def test_failures_are_recorded_by_lower_cased_email_only(client):
    user = UserFactory(candidate=True)
    _login(client, user.email.upper(), "faux")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == user.email
    assert attempt.failures_since_start == 1


# --- session lifetime


@pytest.mark.parametrize(
    ("traits", "kind"),
    [
        ({"candidate": True}, "personal"),
        ({}, "personal"),
        ({"employer": True}, "professional"),
        ({"accompanier": True}, "professional"),
        ({"certifier": True}, "professional"),
        ({"funder": True}, "professional"),
        ({"statistician": True}, "professional"),
        ({"gip_staff": True}, "admin"),
        ({"superuser": True}, "admin"),
    ],
)
def test_a_session_lasts_as_long_as_the_roles_allow(client, traits, kind):
    user = UserFactory(**traits)

    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302

    assert client.session.get_expiry_age() == settings.ACQUIS_SESSION_AGES[kind]
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.ACQUIS_SESSION_AGES[kind]


def test_the_more_an_account_can_reach_the_shorter_its_session():
    ages = settings.ACQUIS_SESSION_AGES
    assert ages["admin"] < ages["professional"] < ages["personal"] <= settings.SESSION_COOKIE_AGE
    assert ages["personal"] <= 12 * 3600  # was Django's default of two weeks


def test_a_session_expires_at_its_end(client, time_machine):
    user = UserFactory(gip_staff=True)
    time_machine.move_to("2026-12-07 09:00:00+01:00", tick=False)
    _login(client, user.email, DEFAULT_PASSWORD)
    assert client.get("/gip/comptes/").status_code == 200

    time_machine.move_to("2026-12-07 11:01:00+01:00", tick=False)

    response = client.get("/gip/comptes/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_a_candidate_session_outlives_the_admin_lifetime(client, time_machine):
    user = UserFactory(candidate=True)
    time_machine.move_to("2026-12-07 09:00:00+01:00", tick=False)
    _login(client, user.email, DEFAULT_PASSWORD)

    time_machine.move_to("2026-12-07 17:00:00+01:00", tick=False)

    assert client.get("/compte/").status_code == 200


def test_role_kind_uses_only_active_roles():
    from acquis.accounts.selectors import session_kind
    from acquis.accounts.services import membership_revoke

    user = UserFactory(employer=True)
    assert session_kind(user=user) == "professional"
    membership_revoke(membership=user.memberships.get(role=Role.EMPLOYER))
    assert session_kind(user=user) == "personal"


# --- Content-Security-Policy


@pytest.mark.parametrize("path", ["/", "/connexion/", "/admin/login/"])
def test_every_page_carries_a_policy_without_inline_script_or_style(client, path):
    policy = client.get(path)["Content-Security-Policy"]

    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
