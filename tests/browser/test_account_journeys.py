"""Sign-up, address confirmation, « mot de passe oublié » and password change in a real browser, under axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from acquis.notifications.models import OutboundEmail
from tests.browser.accessibility import assert_accessible

PASSWORD = "Mon-mot-de-passe-VAE-2026"
NEW_PASSWORD = "Un-autre-mot-de-passe-2026"
EMAIL = "lea.martin@exemple.fr"


@pytest.fixture
def empty_db(transactional_db):
    return None


def _link(pattern):
    return re.search(pattern, OutboundEmail.objects.filter(to=EMAIL).latest("pk").body).group(1)


def _login(page, password):
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.locator("#contenu").get_by_role("button", name="Se connecter").click()


def test_sign_up_confirm_forget_and_change_the_password(page, empty_db):
    page.goto("/connexion/")
    expect(page.locator("#fournisseurs-identite")).to_contain_text("ne sont pas encore ouverts")
    page.get_by_role("link", name="créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    # Errors in one round, on an empty form.
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("#resume-erreurs")).to_contain_text("Le formulaire contient 6 erreurs")
    assert_accessible(page)

    page.get_by_text("Je veux faire valider mon expérience").click()  # DSFR draws the radio on its label
    expect(page.get_by_label("Je veux faire valider mon expérience")).to_be_checked()
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)  # its label carries the rules as hint text
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre adresse")
    assert_accessible(page)

    page.goto(_link(r"(/inscription/confirmer/[^/\s]+/)"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon adresse et activer mon compte").click()
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    page.goto("/compte/")
    expect(page.locator("#contenu")).to_contain_text("Candidat")
    page.get_by_role("link", name="Changer de mot de passe").click()
    assert_accessible(page)
    page.get_by_label("Mot de passe actuel").fill(PASSWORD)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le nouveau mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Changer le mot de passe").click()
    expect(page).to_have_url(re.compile(r"/compte/$"))
    page.get_by_role("banner").get_by_role("button", name="Se déconnecter").click()

    # Forgotten: a link by e-mail, a new password, then sign in with it.
    page.goto("/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    assert_accessible(page)
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_role("button", name="Recevoir le lien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Courriel envoyé")
    assert_accessible(page)
    page.goto(_link(r"(/connexion/mot-de-passe/[^\s]+/)"))
    assert_accessible(page)
    page.locator("#id_new_password1").fill(PASSWORD)
    page.get_by_label("Confirmez le nouveau mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe enregistré")
    assert_accessible(page)
    page.get_by_role("link", name="Se connecter").last.click()
    _login(page, PASSWORD)
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))


def test_gip_opens_an_account_and_withdraws_a_role(page, empty_db):
    from acquis.accounts.enums import OrganisationKind
    from tests.accounts.factories import DEFAULT_PASSWORD, OrganisationFactory, UserFactory

    gip = UserFactory(gip_staff=True)
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    page.goto("/connexion/")
    page.get_by_label("Adresse électronique").fill(gip.email)
    page.get_by_label("Mot de passe", exact=True).fill(DEFAULT_PASSWORD)
    page.locator("#contenu").get_by_role("button", name="Se connecter").click()
    page.goto("/gip/")
    page.get_by_role("link", name=re.compile("^Comptes")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comptes")
    assert_accessible(page)
    page.get_by_label("Prénom").fill("Sophie")
    page.get_by_label("Nom", exact=True).fill("Leroy")
    page.locator("#id_email").fill("sophie.leroy@exemple.fr")
    page.get_by_label("Rôle").select_option("certifier")
    page.locator("#id_siret").fill(certifier.siret)
    page.get_by_role("button", name="Ouvrir le compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compte de Sophie Leroy")
    roles = page.get_by_role("table", name="Rôles de Sophie Leroy")
    expect(roles).to_contain_text(certifier.name)
    assert_accessible(page)
    roles.get_by_role("button", name=re.compile("Retirer ce rôle")).click()
    expect(roles).to_contain_text("Retiré le")
