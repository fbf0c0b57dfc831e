"""The front door in a browser, under axe: home page → information pages (and their date selector) →
self-check without JavaScript → directory → an accompanier's R6423-4 page, edited by its own member."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from acquis.demo.orientation import demo_orientation_load
from acquis.territories.services import territories_load
from tests.accounts.factories import UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login
from tests.pathways.factories import listed_accompanier


def test_a_visitor_reads_the_information_pages_as_the_law_stood(page, transactional_db):
    page.goto("/")
    expect(page.get_by_role("heading", name="Quelle certification pour mon expérience ?")).to_be_visible()
    expect(page.locator("form[action='/trouver/'] input[name=q]")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Comprendre la VAE").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("La VAE, qu'est-ce que c'est ?")
    assert_accessible(page)
    page.get_by_role("navigation", name="Comprendre la VAE").get_by_role("link", name=re.compile("Vos droits")).click()
    content = page.locator("#contenu")
    expect(content).to_contain_text("au moins 30 jours")
    assert_accessible(page)
    page.get_by_label(re.compile("Afficher le droit tel qu'il était le")).fill("2021-03-01")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#date-du-droit")).to_contain_text("Le droit tel qu'il était le 1er mars 2021")
    expect(content).to_contain_text("au moins 60 jours")
    expect(content).to_contain_text("limite de 24 heures")
    link = page.get_by_role("link", name=re.compile("Lire l'article R6422-3")).first
    expect(link).to_be_hidden()
    page.locator("summary", has_text="Base légale").first.click()
    expect(link).to_be_visible()
    assert_accessible(page)
    # The side menu keeps the day chosen.
    page.get_by_role("navigation", name="Comprendre la VAE").get_by_role("link", name="Les étapes d'une VAE").click()
    expect(page).to_have_url(re.compile(r"/vae/etapes/\?date=2021-03-01$"))
    expect(content).to_contain_text("Une autre procédure à cette date")
    assert_accessible(page)


def test_the_self_check_works_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto("/vae/suis-je-concerne/")
    page.get_by_label("Quand commencez-vous votre parcours de VAE ?").fill("2025-03-03")
    page.get_by_role("button", name="Continuer").click()
    page.locator("label", has_text="Je suis salarié").click()
    page.get_by_role("button", name="Continuer").click()
    page.locator("label", has_text=re.compile("^Niveau 3")).click()
    page.get_by_role("button", name="Continuer").click()
    # No question on R6423-3-1 for a pathway begun in 2025: the rule no longer helps it.
    page.locator("label", has_text="Oui").click()  # an agreement provides paid hours
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Combien d'heures payées cet accord prévoit-il par validation ?").fill("70")
    page.get_by_role("button", name="Continuer").click()
    page.locator("label", has_text="Non").click()
    page.get_by_role("button", name="Continuer").click()
    page.locator("label", has_text="Aucune").click()
    page.get_by_role("button", name="Continuer").click()
    content = page.locator("#contenu")
    expect(content).to_contain_text("Vos droits pour un parcours commencé le 3 mars 2025")
    expect(content).to_contain_text("pendant 70 heures au plus par validation, grâce à votre accord collectif")
    expect(content).to_contain_text("(article D6422-8)")
    context.close()


def test_the_self_check_under_axe(page, transactional_db):
    page.goto("/vae/suis-je-concerne/")
    assert_accessible(page)
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("button", name="Continuer").click()  # no answer: the question is asked again
    expect(page.locator("#contenu")).to_contain_text("Répondez à cette question pour continuer")
    assert_accessible(page)
    page.goto("/vae/suis-je-concerne/?debut=2021-03-01&situation=salarie&niveau=3&collectif=region&accord=non")
    expect(page.locator("#contenu")).to_contain_text("vous pouvez être aidé à déposer votre demande")
    assert_accessible(page)


def test_directory_and_an_accompanier_editing_its_r6423_4_information(page, transactional_db):
    territories_load()
    accompanier = listed_accompanier(expires=timezone.localdate() + dt.timedelta(days=200))
    demo_orientation_load(accompanier=accompanier)
    page.goto("/")
    page.get_by_role("link", name="Où se faire conseiller").first.click()
    assert_accessible(page)
    page.get_by_label(re.compile("Ou votre département")).fill("34")
    page.get_by_role("button", name="Rechercher").click()
    content = page.locator("#contenu")
    expect(content).to_contain_text("Donnée de démonstration")
    expect(content).to_contain_text("Conseil en évolution professionnelle — Occitanie (démo)")
    assert_accessible(page)
    page.get_by_role("link", name=f"{accompanier.name} — Hérault").click()
    expect(content).to_contain_text("Formation et qualification des accompagnateurs")
    assert_accessible(page)

    member = UserFactory(accompanier=True, organisation=accompanier)
    _login(page, member)
    page.goto(f"/se-faire-conseiller/accompagnateurs/{accompanier.siret}/")
    page.get_by_role("link", name="Modifier ces informations").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Modalités de l'accompagnement")).fill("Six entretiens individuels d'une heure.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(content).to_contain_text("Six entretiens individuels d'une heure.")
    assert_accessible(page)
