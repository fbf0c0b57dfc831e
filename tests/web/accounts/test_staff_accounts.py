"""The GIP opens a professional's account and grants or withdraws roles in the UI, audited (issue 15, point 5)."""

from __future__ import annotations

import re

import pytest

from acquis.accounts.enums import OrganisationKind, Role
from acquis.accounts.models import Membership, User
from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.notifications.models import OutboundEmail
from tests.accounts.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Mot-de-passe-du-certificateur-2026"


def test_gip_opens_an_account_the_person_sets_a_password_then_a_role_is_withdrawn(client):
    gip = UserFactory(gip_staff=True)
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    client.force_login(gip)
    response = client.post(
        "/gip/comptes/ouvrir/",
        {
            "first_name": "Sophie",
            "last_name": "Leroy",
            "email": "sophie.leroy@exemple.fr",
            "role": "certifier",
            "siret": certifier.siret,
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="sophie.leroy@exemple.fr")
    membership = person.memberships.get()
    assert (membership.role, membership.organisation) == (Role.CERTIFIER, certifier)
    assert AuditEvent.objects.filter(action=EventType.USER_ACCOUNT_OPENED, actor_id=gip.pk).exists()
    assert AuditEvent.objects.filter(action=EventType.MEMBERSHIP_GRANTED, actor_id=gip.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Certificateur" in page and certifier.name in page

    # The person chooses a password from the e-mail's link, then signs in.
    client.logout()
    link = re.search(r"(/connexion/mot-de-passe/[^\s]+/)", OutboundEmail.objects.get(to=person.email).body).group(1)
    form_url = client.get(link)["Location"]
    assert client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 302
    assert client.post("/connexion/", {"email": person.email, "password": PASSWORD}).status_code == 302

    client.force_login(gip)
    response = client.post(f"/gip/comptes/{person.pk}/roles/{membership.pk}/retirer/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.revoked_at is not None
    assert AuditEvent.objects.filter(action=EventType.MEMBERSHIP_REVOKED, actor_id=gip.pk).exists()


def test_errors_come_in_one_round_and_nothing_is_saved(client):
    client.force_login(UserFactory(gip_staff=True))
    response = client.post("/gip/comptes/ouvrir/", {"email": "x", "role": "employer", "siret": "12345678901234"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Aucune organisation connue d&#x27;Acquis n&#x27;a ce SIRET." in page
    assert "Le formulaire contient 4 erreurs" in page
    assert not User.objects.exclude(memberships__role=Role.GIP_STAFF).exists()


def test_granting_a_role_twice_is_a_clear_error(client):
    client.force_login(UserFactory(gip_staff=True))
    person = UserFactory(statistician=True)
    response = client.post(f"/gip/comptes/{person.pk}/roles/", {"role": "statistician"})
    assert response.status_code == 400
    assert "détient déjà ce rôle" in response.content.decode()
    assert Membership.objects.filter(user=person).count() == 1


def test_search_finds_people_by_name(client):
    client.force_login(UserFactory(gip_staff=True))
    UserFactory(last_name="Fontaine", email="lucas@exemple.fr")
    page = client.get("/gip/comptes/?q=fontaine").content.decode()
    assert "lucas@exemple.fr" in page
