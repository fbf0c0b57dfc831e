"""Home, login, account and logout in a real browser, each page passing the axe-core check."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from acquis.demo.data import DEMO_DOMAIN, DEMO_PASSWORD
from acquis.demo.services import demo_load
from acquis.territories.services import territories_load
from tests.browser.accessibility import assert_accessible

GIP_EMAIL = f"gip@{DEMO_DOMAIN}"


@pytest.fixture
def demo_data(transactional_db):
    territories_load()
    demo_load()


def _submit_login(page, *, email: str, password: str) -> None:
    page.get_by_label("Adresse électronique").press_sequentially(email)
    page.get_by_label("Mot de passe").press_sequentially(password)
    page.locator("#contenu").get_by_role("button", name="Se connecter").click()


def test_login_account_and_logout(page, demo_data):
    page.goto("/")
    header = page.get_by_role("banner")
    expect(header).to_have_class(re.compile(r"\bfr-header\b"))
    expect(header.locator(".fr-logo")).to_contain_text("République")
    skiplinks = page.get_by_role("navigation", name="Accès rapide").get_by_role("link")
    expect(skiplinks).to_have_text(["Contenu", "Menu", "Pied de page"])
    for anchor in ("#contenu", "#navigation-principale", "#pied-de-page"):
        expect(page.locator(anchor)).to_have_count(1)
    # The DSFR stylesheet is applied (its Marianne font is only declared there).
    assert "Marianne" in page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert_accessible(page)

    header.get_by_role("link", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/connexion/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter à Acquis")
    assert_accessible(page)

    _submit_login(page, email=GIP_EMAIL, password=DEMO_PASSWORD)
    # The landing page after login: what waits for the GIP (issue 15, point 6).
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.get_by_role("heading", level=2, name="Équipe du GIP")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Mes notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes notifications")
    assert_accessible(page)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mon compte").click()
    expect(page).to_have_url(re.compile(r"/compte/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.locator("#contenu")).to_contain_text(GIP_EMAIL)
    roles = page.get_by_role("table", name="Rôles détenus")
    expect(roles.get_by_role("row", name=re.compile("Équipe du GIP"))).to_contain_text("GIP France VAE (démo)")
    expect(page.get_by_role("link", name="Mon compte")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    header.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(header.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(header.get_by_role("button", name="Se déconnecter")).to_have_count(0)

    # The skip links are the first thing the keyboard reaches. Checked last: a focused skip link slides the
    # DSFR bar into view and pushes the header down, so a mouse click right after it can miss its target.
    page.keyboard.press("Tab")
    expect(skiplinks.first).to_be_focused()
    expect(skiplinks.first).to_be_in_viewport()


def test_wrong_password_shows_the_error_summary(page, demo_data):
    page.goto("/connexion/")
    _submit_login(page, email=GIP_EMAIL, password="pas-le-bon-mot-de-passe")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Le formulaire contient 1 erreur")
    expect(summary).to_contain_text("Adresse électronique ou mot de passe incorrect")
    expect(page.get_by_label("Adresse électronique")).to_have_value(GIP_EMAIL)
    expect(page).to_have_url(re.compile(r"/connexion/$"))
    assert_accessible(page)


def test_field_errors_are_wired_to_their_fields(page, demo_data):
    page.goto("/connexion/")
    # The form has novalidate: the browser lets the server answer with its own messages.
    _submit_login(page, email="pas-une-adresse", password="")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Le formulaire contient 2 erreurs")
    for label, field_id in (("Adresse électronique", "id_email"), ("Mot de passe", "id_password")):
        field = page.get_by_label(label)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_attribute("aria-describedby", f"{field_id}-erreur")
        expect(page.locator(f"#{field_id}-erreur")).to_have_class(re.compile(r"\bfr-error-text\b"))
        # The summary links to the field it talks about.
        expect(summary.locator(f'a[href="#{field_id}"]')).to_contain_text(label)
    expect(page.get_by_label("Adresse électronique")).to_have_accessible_description(
        re.compile("Saisissez une adresse de courriel valide")
    )
    assert_accessible(page)


def test_not_found_page(page):
    response = page.goto("/cette-page-n-existe-pas/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page non trouvée")
    expect(page.get_by_role("banner")).to_be_visible()
    assert_accessible(page)


def test_small_screen_menu(page):
    # Below DSFR's LG breakpoint the header's tool links and the main menu only exist in the burger modal.
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto("/")
    header = page.get_by_role("banner")
    expect(header.get_by_role("navigation", name="Menu principal")).to_be_hidden()

    header.get_by_role("button", name="Menu").click()
    menu = page.get_by_role("dialog")
    expect(menu.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(menu.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Accueil")).to_be_visible()
    assert_accessible(page)

    menu.get_by_role("button", name="Fermer").click()
    expect(menu).to_be_hidden()


def test_focus_moves_to_the_error_summary_after_a_failed_submission(page):
    page.goto("/connexion/")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="Se connecter", exact=True).last.click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement && document.activeElement.id") == "resume-erreurs"


def test_the_candidate_lands_on_their_space_and_reads_their_messages(page, demo_data):
    # The demo candidate's journeys went through the services: their pathway e-mails are in their list (point 4).
    page.goto("/connexion/")
    _submit_login(page, email=f"candidat@{DEMO_DOMAIN}", password=DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    expect(page.get_by_role("heading", level=2, name="Mes parcours VAE")).to_be_visible()
    assert_accessible(page)
    page.locator("#contenu").get_by_role("link", name="Tous mes messages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes notifications")
    messages = page.get_by_role("table", name=re.compile("Messages reçus"))
    expect(messages).to_be_visible()
    assert_accessible(page)
    messages.get_by_role("row").nth(1).get_by_role("link").first.click()
    expect(page.locator("#contenu")).to_contain_text("Bonjour Camille")
    assert_accessible(page)
    page.get_by_role("link", name="Ouvrir le dossier").click()
    expect(page).to_have_url(re.compile(r"/(parcours|financements/demandes|conges-vae)/\d+/$"))
