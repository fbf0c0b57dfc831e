import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.web.middleware import ReadOnlySafeMethodsMiddleware, WriteOnSafeMethod, writes_on_get
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory


def test_home_is_french_dsfr_with_skip_links(client):
    html = client.get("/").content.decode()
    assert '<html lang="fr"' in html
    assert 'class="fr-skiplinks"' in html and 'href="#contenu"' in html
    assert 'class="fr-header"' in html and "Se connecter" in html
    assert "dsfr" in html  # the DSFR stylesheet


def test_login_with_email_and_password_records_the_login(client):
    user = UserFactory(email="Marie@Exemple.fr", candidate=True)
    response = client.post("/connexion/", {"email": "marie@exemple.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/mon-espace/"
    page = client.get("/compte/").content.decode()
    assert "marie@exemple.fr" in page and "Candidat" in page
    event = AuditEvent.objects.filter(action=EventType.USER_LOGGED_IN).get()
    assert event.object_id == str(user.pk) and event.payload == {"channel": "password"}


def test_login_errors_are_announced_and_wired_to_their_fields(client):
    UserFactory(email="marie@exemple.fr")
    response = client.post("/connexion/", {"email": "pas-une-adresse", "password": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "Le formulaire contient 2 erreurs" in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="id_email-erreur"', html)
    assert 'id="id_email-erreur"' in html
    wrong = client.post("/connexion/", {"email": "marie@exemple.fr", "password": "mauvais"})
    assert "Adresse électronique ou mot de passe incorrect" in wrong.content.decode()
    assert not AuditEvent.objects.filter(action=EventType.USER_LOGGED_IN).exists()


def test_login_redirects_only_to_this_site(client):
    UserFactory(email="marie@exemple.fr")
    data = {"email": "marie@exemple.fr", "password": DEFAULT_PASSWORD}
    assert client.post("/connexion/?next=/gip/", data)["Location"] == "/gip/"
    client.logout()
    assert client.post("/connexion/", {**data, "next": "https://ailleurs.example/"})["Location"] == "/mon-espace/"


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get("/deconnexion/").status_code == 405
    assert client.post("/deconnexion/")["Location"] == "/"
    assert client.get("/compte/").status_code == 302


def test_error_pages_are_dsfr_and_french(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode() and "fr-header" in response.content.decode()
    client.force_login(UserFactory(candidate=True))
    forbidden = client.get("/gip/")
    assert forbidden.status_code == 403 and "Accès refusé" in forbidden.content.decode()


def test_server_error_page_renders_without_request_context():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Erreur inattendue" in html and "dsfr" in html


def test_gip_staff_reads_an_object_timeline(client):
    staff = UserFactory(gip_staff=True)
    person = UserFactory(candidate=True)
    client.force_login(staff)
    page = client.get(f"/gip/historique/accounts.user/{person.pk}/").content.decode()
    assert "Compte créé" in page and "Rôle attribué" in page


def test_a_get_view_cannot_write():
    middleware = ReadOnlySafeMethodsMiddleware(lambda request: HttpResponse())

    def writer(request):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_user SET first_name = 'x'")
        return HttpResponse("écrit")

    with pytest.raises(WriteOnSafeMethod):
        middleware.process_view(RequestFactory().get("/"), writer, (), {})
    # Exempt views and POSTs are left to Django's normal view call (process_view returns None).
    assert middleware.process_view(RequestFactory().get("/"), writes_on_get(writer), (), {}) is None
    assert middleware.process_view(RequestFactory().post("/"), writer, (), {}) is None


def test_request_id_is_echoed_and_stamped_on_events(client):
    UserFactory(email="marie@exemple.fr")
    response = client.post(
        "/connexion/", {"email": "marie@exemple.fr", "password": DEFAULT_PASSWORD}, headers={"X-Request-ID": "abc-123"}
    )
    assert response["X-Request-ID"] == "abc-123"
    assert AuditEvent.objects.get(action=EventType.USER_LOGGED_IN).request_id == "abc-123"
    assert len(client.get("/", headers={"X-Request-ID": "<script>"})["X-Request-ID"]) == 32


def test_organisation_page_creates_and_revokes_tokens(client):
    employer = UserFactory(employer=True)
    organisation = employer.memberships.get().organisation
    client.force_login(employer)
    created = client.post(f"/organisations/{organisation.siret}/jetons/", {"name": "SIRH", "role": "employer"})
    html = created.content.decode()
    assert created.status_code == 200 and "Copiez-le maintenant" in html
    raw = re.search(r'<code id="nouveau-jeton">(acq_[^<]+)</code>', html).group(1)
    machine = Client()  # no session: the token alone
    assert machine.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    token = organisation.api_tokens.get()
    revoked = client.post(f"/organisations/{organisation.siret}/jetons/{token.pk}/revoquer/", follow=True)
    assert "est révoqué" in revoked.content.decode()
    assert machine.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_token_form_errors_save_nothing(client):
    employer = UserFactory(employer=True)
    organisation = employer.memberships.get().organisation
    client.force_login(employer)
    response = client.post(f"/organisations/{organisation.siret}/jetons/", {"name": "", "role": "gip_staff"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not organisation.api_tokens.exists()


def test_the_gip_dashboard_links_the_members_page(client):
    client.force_login(UserFactory(gip_staff=True))
    assert 'href="/gip/membres/"' in client.get("/gip/").content.decode()
