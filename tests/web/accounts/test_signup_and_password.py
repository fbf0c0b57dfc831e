"""Sign-up with a verified address, « mot de passe oublié » and password change (issue 15, point 5)."""

from __future__ import annotations

import re

import pytest
from django.core import signing

from acquis.accounts.enums import Role
from acquis.accounts.models import User
from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.notifications.models import OutboundEmail
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Un-nouveau-mot-de-passe-2026"


def _signup(client, *, email="lea.martin@exemple.fr", profile="candidate", password=NEW_PASSWORD, **extra):
    data = {
        "profile": profile,
        "first_name": "Léa",
        "last_name": "Martin",
        "email": email,
        "password1": password,
        "password2": password,
        **extra,
    }
    return client.post("/inscription/", data)


def _link(email, pattern):
    body = OutboundEmail.objects.filter(to=email).latest("pk").body
    return re.search(pattern, body).group(1)


def test_candidate_signup_waits_for_the_address_then_logs_in(client):
    response = _signup(client)
    assert response.status_code == 200
    assert "Confirmez votre adresse" in response.content.decode()
    user = User.objects.get(email="lea.martin@exemple.fr")
    assert not user.is_active
    assert user.memberships.get().role == Role.CANDIDATE
    # Not confirmed yet: the password does not open the account.
    assert client.post("/connexion/", {"email": user.email, "password": NEW_PASSWORD}).status_code == 400

    link = _link(user.email, r"(/inscription/confirmer/[^/\s]+/)")
    assert "Confirmer mon adresse" in client.get(link).content.decode()  # a GET (a mail scanner) changes nothing
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/mon-espace/"
    user.refresh_from_db()
    assert user.is_active
    assert AuditEvent.objects.filter(action=EventType.USER_EMAIL_VERIFIED, object_id=str(user.pk)).exists()
    assert client.get("/compte/").status_code == 200
    # The link served once: opened again, it says so.
    assert "déjà confirmée" in client.post(link).content.decode()


def test_employee_signup_has_no_role(client):
    _signup(client, profile="employee", email="salarie@exemple.fr")
    user = User.objects.get(email="salarie@exemple.fr")
    assert not user.memberships.exists()


def test_signup_errors_in_one_round_and_nothing_saved(client):
    response = _signup(client, email="pas-une-adresse", password="123", profile="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Le formulaire contient 3 erreurs" in page
    assert "Saisissez une adresse e-mail valide" in page or "adresse" in page
    assert not User.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_signup_with_a_known_address_does_not_say_so_on_the_page(client):
    existing = UserFactory(email="deja@exemple.fr")
    response = _signup(client, email="deja@exemple.fr")
    assert response.status_code == 200 and "Confirmez votre adresse" in response.content.decode()
    assert User.objects.filter(email="deja@exemple.fr").count() == 1
    assert existing.check_password(DEFAULT_PASSWORD)
    assert OutboundEmail.objects.get(to="deja@exemple.fr").template == "signup_existing"


def test_forged_or_expired_link_is_refused(client):
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.post("/inscription/confirmer/nimporte-quoi/")
    assert response.status_code == 400 and "pas valide" in response.content.decode()
    stale = signing.dumps({"u": user.pk, "e": user.email}, salt="acquis.accounts.signup")
    from acquis.accounts import signup

    original = signup.SIGNUP_MAX_AGE
    signup.SIGNUP_MAX_AGE = -1
    try:
        response = client.post(f"/inscription/confirmer/{stale}/")
    finally:
        signup.SIGNUP_MAX_AGE = original
    assert response.status_code == 400 and "expiré" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_password_reset_by_email_link(client):
    user = UserFactory(email="oubli@exemple.fr")
    response = client.post("/connexion/mot-de-passe-oublie/", {"email": "oubli@exemple.fr"})
    assert response.status_code == 302 and response["Location"] == "/connexion/mot-de-passe-oublie/envoye/"
    link = _link(user.email, r"(/connexion/mot-de-passe/[^\s]+/)")
    response = client.get(link)
    assert response.status_code == 302  # Django hides the token in the session
    response = client.post(response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/connexion/mot-de-passe/enregistre/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action=EventType.USER_PASSWORD_CHANGED, object_id=str(user.pk)).exists()
    # Single use: the same link no longer works.
    assert "plus valable" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post("/connexion/mot-de-passe-oublie/", {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert not OutboundEmail.objects.exists()


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/compte/mot-de-passe/",
        {"old_password": "faux", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400 and "actuel est incorrect" in response.content.decode()
    response = client.post(
        "/compte/mot-de-passe/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/compte/").status_code == 200  # still signed in


def test_login_page_explains_missing_identity_providers(client, settings):
    settings.ACQUIS_OIDC_PROVIDERS = {}
    page = client.get("/connexion/").content.decode()
    assert "ne sont pas encore ouverts" in page
    assert "/inscription/" in page and "/connexion/mot-de-passe-oublie/" in page
