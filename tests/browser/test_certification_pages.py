"""The certification finder in a real browser: search, an invalid filter, a fiche and its versions (axe)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.certifications.db import import_fixture


@pytest.fixture
def registry(transactional_db):
    import_fixture()


def test_finder_search_and_fiche_are_accessible(page, registry):
    page.goto("/")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Certifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver une certification")
    assert_accessible(page)

    page.get_by_label("Mots de l'intitulé ou numéro de fiche").fill("assistant de vie")
    page.get_by_label("Accès par la VAE").select_option("oui")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", level=2, name="2 certifications")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Code ROME (métier visé)").fill("K13")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#resume-erreurs")).to_contain_text("Un code ROME est une lettre suivie de 4 chiffres")
    assert_accessible(page)

    page.goto("/certifications/?q=assistant+de+vie")
    page.get_by_role("link", name="Assistant de vie aux familles").click()
    expect(page).to_have_url(re.compile(r"/certifications/RNCP35506/$"))
    expect(page.get_by_role("heading", name="Blocs de compétences")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("RNCP4821")).click()
    expect(page.locator("#contenu")).to_contain_text("Publié comme « Niveau V »")
    assert_accessible(page)
