"""The front door in a real browser (issue 14), under axe: a visitor describes their experience, picks a
result, reads the certification, and starts registration with it filled in (logging in on the way)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.accessibility import assert_accessible
from tests.orientation.world import small_world


def test_visitor_describes_experience_then_starts_registration(page, transactional_db):
    small_world()
    candidate = UserFactory(candidate=True)

    page.goto("/trouver/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quelle certification pour mon expérience ?")
    assert_accessible(page)

    page.get_by_label("Décrivez ce que vous avez fait, avec vos mots").fill("aide-soignante de nuit en EHPAD")
    page.get_by_label("Votre département (facultatif)").select_option("31")
    page.get_by_role("button", name="Trouver des certifications").click()
    results = page.locator("#resultats").locator("xpath=..")
    expect(results.get_by_role("heading", level=3).first).to_have_text("Diplôme d'Etat Aide soignant - DEAS")
    expect(results).to_contain_text("Métier « Aide-soignant / Aide-soignante » reconnu dans votre description")
    assert_accessible(page)

    page.get_by_role("link", name="Diplôme d'Etat Aide soignant - DEAS").first.click()
    expect(page).to_have_url(re.compile(r"/certifications/RNCP35830/\?departement=31$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Diplôme d'Etat Aide soignant - DEAS")
    expect(page.locator("#contenu")).to_contain_text("calculé par Acquis")
    assert_accessible(page)

    page.get_by_role("link", name="Commencer ma VAE pour cette certification").click()
    expect(page).to_have_url(re.compile(r"/connexion/"))
    page.get_by_label("Adresse électronique").fill(candidate.email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.locator("#contenu").get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/parcours/inscription/\?certification=RNCP35830&departement=31$"))
    expect(page.get_by_label("Numéro de fiche RNCP ou RS de la certification visée")).to_have_value("RNCP35830")
    expect(page.get_by_label("Département de résidence")).to_have_value("31")
    expect(page.locator("#contenu")).to_contain_text("Certification choisie : Diplôme d'Etat Aide soignant - DEAS")
    assert_accessible(page)


def test_typing_a_job_title_shows_suggestions_from_the_api(page, transactional_db):
    small_world()
    page.goto("/trouver/")
    field = page.get_by_role("combobox", name="Votre métier (facultatif)")
    field.press_sequentially("soud", delay=30)
    options = page.get_by_role("listbox", name="Métiers proposés").get_by_role("option")
    expect(options.first).to_have_text("Soudeur / Soudeuse (H2913)")
    expect(field).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)

    field.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    field.press("Enter")  # chooses the title; the form is not sent yet
    expect(field).to_have_value("Soudeur / Soudeuse")
    expect(field).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Trouver des certifications").click()
    results = page.locator("#resultats").locator("xpath=..")
    expect(results.get_by_role("link", name="Retirer le métier Soudeur / Soudeuse")).to_be_visible()
    expect(results.get_by_role("heading", level=3).first).to_have_text("CQP Soudeur industriel")


def test_the_results_lead_to_advice_in_the_person_s_department(page, transactional_db):
    small_world()
    page.goto("/trouver/?q=soudeur&departement=31")
    page.get_by_role("link", name=re.compile("lieux de conseil du département 31")).click()
    expect(page).to_have_url(re.compile(r"/se-faire-conseiller/\?departement=31$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Où se faire conseiller")
