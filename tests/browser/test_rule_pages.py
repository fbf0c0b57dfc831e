"""The public rule pages in a real browser: the catalogue, a rule page, and a decision shown by the try form,
each passing the axe-core check."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.law.db import PAGE_FILES, import_files


def test_catalogue_and_rule_page_are_accessible(page):
    page.goto("/")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Règles").click()
    expect(page).to_have_url(re.compile(r"/regles/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Les règles appliquées par Acquis")
    assert_accessible(page)

    page.get_by_role("link", name="État de la demande de congé VAE à une date donnée").click()
    expect(page).to_have_url(re.compile(r"/regles/leave\.status/$"))
    expect(page.get_by_role("heading", name="Versions et sources")).to_be_visible()
    assert_accessible(page)


def test_try_form_shows_a_decision_and_an_error_accessibly(page):
    page.goto("/regles/leave.status/")
    page.get_by_text("Saisie JSON (développeurs)").click()
    page.get_by_label("Faits du cas, en JSON").fill(
        '{"request_received": "2024-03-01", "answer": null, "on": "2024-03-20"}'
    )
    page.get_by_role("button", name="Décider à partir du JSON").click()

    result = page.locator("#resultat")
    expect(result.get_by_role("heading", name="Décision")).to_be_visible()
    expect(result).to_contain_text("Accordé (absence de réponse de l'employeur)")
    expect(result.get_by_role("link", name=re.compile("Lire l'article R6422-4"))).to_have_count(2)
    assert_accessible(page)

    page.get_by_label("Faits du cas, en JSON").fill('{"request_received": "2024-03-01"}')
    page.get_by_role("button", name="Décider à partir du JSON").click()
    expect(page.get_by_role("alert")).to_contain_text("La règle ne peut pas décider ce cas")
    expect(page.get_by_role("alert")).to_contain_text("missing_facts")
    assert_accessible(page)


def test_the_facts_are_asked_with_fields_and_errors_shown_beside_them_accessibly(page):
    page.goto("/regles/leave.status/")
    expect(page.locator("details", has_text="Saisie JSON (développeurs)")).not_to_have_attribute("open", "")
    page.get_by_label("Jour où l'employeur a reçu la demande").fill("2024-03-01")
    page.get_by_label("Réponse de l'employeur (vide : pas de réponse)").fill("")
    page.get_by_label("Jour auquel l'état est demandé").fill("2024-03-20")
    page.get_by_role("button", name="Décider", exact=True).click()
    result = page.locator("#resultat")
    expect(result.get_by_role("heading", name="Décision")).to_be_visible()
    expect(result).to_contain_text("Accordé (absence de réponse de l'employeur)")
    assert_accessible(page)

    page.get_by_label("Jour où l'employeur a reçu la demande").fill("")
    page.get_by_label("Réponse de l'employeur (vide : pas de réponse)").fill("{pas du JSON")
    page.get_by_role("button", name="Décider", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient 2 erreurs")
    answer = page.get_by_label("Réponse de l'employeur (vide : pas de réponse)")
    expect(answer).to_have_attribute("aria-invalid", "true")
    expect(answer).to_have_accessible_description(re.compile("Ce n'est pas du JSON valide"))
    assert_accessible(page)

    page.goto("/regles/funding.agreement/")
    page.get_by_text("L'employeur", exact=True).click()
    page.get_by_role("button", name="Décider", exact=True).click()
    expect(page.locator("#resultat").get_by_role("heading", name="Décision")).to_be_visible()
    assert_accessible(page)


def test_rule_page_with_the_article_texts_beside_it_is_accessible(page, transactional_db):
    import_files(*PAGE_FILES)
    page.goto("/regles/leave.employer_answer_due/")
    version = page.locator("section", has=page.get_by_role("heading", name=re.compile("Version du 4 novembre 2019")))
    text = version.get_by_role("article").filter(has_text="Article R6422-4")
    expect(text).to_contain_text("trente jours calendaires")
    expect(text.locator("mark").first).to_be_visible()
    assert_accessible(page)
