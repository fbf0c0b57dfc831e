"""The CPC secretariat's journey in a real browser: it creates a commission, appoints its members, sees a
violation explained with the article and its sentence, fixes it; each page passes the axe-core check."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from acquis.demo.data import DEMO_DOMAIN, DEMO_PASSWORD
from acquis.demo.services import demo_load
from acquis.governance.models import Commission
from acquis.governance.services import commission_member_add
from acquis.territories.services import territories_load
from tests.browser.accessibility import assert_accessible
from tests.governance.factories import composition

CPC_EMAIL = f"cpc@{DEMO_DOMAIN}"
TERM_START = dt.date(2024, 9, 2)


@pytest.fixture
def demo_data(transactional_db):
    territories_load()
    demo_load()


def _login(page):
    page.goto("/connexion/")
    page.get_by_label("Adresse électronique").press_sequentially(CPC_EMAIL)
    page.get_by_label("Mot de passe").press_sequentially(DEMO_PASSWORD)
    page.locator("#contenu").get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))


def _fill_member(page, *, college, name, organisation, sex, substitute, substitute_sex):
    page.get_by_label("Collège", exact=True).select_option(label=college)
    page.get_by_label("Nom du membre titulaire", exact=True).fill(name)
    page.get_by_label("Organisation représentée").fill(organisation)
    page.get_by_label("Sexe du titulaire", exact=True).select_option(label=sex)
    page.get_by_label("Nom du suppléant", exact=True).fill(substitute)
    page.get_by_label("Sexe du suppléant", exact=True).select_option(label=substitute_sex)
    page.get_by_label("Date de nomination").fill("02/09/2024")


def test_secretariat_composes_a_commission_sees_a_violation_and_fixes_it(page, demo_data):
    _login(page)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Commissions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commissions professionnelles consultatives")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Créer une commission")).click()
    page.get_by_label("Nom de la commission").fill("CPC Transport et logistique")
    page.get_by_label("Ministres auprès desquels elle est instituée").fill("Ministre chargé des transports")
    page.get_by_label("Champ professionnel").fill("Transport routier, logistique")
    page.get_by_label("Début du mandat des membres").fill("02/09/2024")
    page.get_by_label("Durée du mandat, en années").fill("5")
    page.get_by_label("Collège qui préside la première moitié du mandat").select_option(value="employers")
    assert_accessible(page)
    page.get_by_role("button", name="Créer la commission").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CPC Transport et logistique")
    assert_accessible(page)

    # The arrêté appointed the other members; the secretariat enters the last union seat itself.
    commission = Commission.objects.get(name="CPC Transport et logistique")
    for data in composition(TERM_START, with_disability_council=True):
        if data["organisation"] != "CFTC":
            commission_member_add(commission=commission, data=data)

    page.get_by_role("link", name="Nommer un membre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nommer un membre")
    page.get_by_role("button", name="Nommer le membre").click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient")
    assert_accessible(page)
    _fill_member(
        page,
        college="Organisation syndicale de salariés représentative (1°)",
        name="Marc Lefebvre",
        organisation="SUD",
        sex="Homme",
        substitute="Julie Lambert",
        substitute_sex="Femme",
    )
    page.get_by_role("button", name="Nommer le membre").click()

    violations = page.locator("#manquements")
    expect(violations).to_contain_text("ne respecte pas l'article R6113-22 (2 manquements)")
    composition_section = page.locator("#contenu")
    expect(composition_section).to_contain_text("Une organisation syndicale représentative n'a pas de représentant.")
    expect(composition_section).to_contain_text("CFTC")
    expect(composition_section).to_contain_text("1° Un représentant de chaque organisation syndicale de salariés")
    law_links = page.get_by_role(
        "link", name=re.compile("Lire l'article R6113-22 tel qu'en vigueur le 1er septembre 2021")
    )
    expect(law_links.first).to_have_attribute("href", "/droit/code-du-travail/R6113-22?date=2021-09-01")
    assert_accessible(page)

    page.get_by_role("link", name="Remplacer Marc Lefebvre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remplacer Marc Lefebvre")
    _fill_member(
        page,
        college="Organisation syndicale de salariés représentative (1°)",
        name="Sophie Girard",
        organisation="CFTC",
        sex="Femme",
        substitute="Luc Renaud",
        substitute_sex="Homme",
    )
    page.get_by_label("Date de nomination").fill("01/10/2024")
    assert_accessible(page)
    page.get_by_role("button", name="Remplacer le membre").click()
    expect(page.locator("#contenu")).to_contain_text("Composition conforme à l'article R6113-22")
    expect(page.locator("#manquements")).to_have_count(0)
    assert_accessible(page)


def test_secretariat_page_and_gip_members_are_accessible(page, demo_data):
    _login(page)
    page.goto("/cpc/")
    page.get_by_role("link", name="CPC Santé et social (démo)").click()
    expect(page.locator("#manquements")).to_contain_text("2 manquements")
    page.get_by_role("link", name="Secrétariat : séances, programme, avis").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Secrétariat")
    page.get_by_label("Date de la séance").fill("10/03/2026")
    page.get_by_label("Date de la convocation").fill("10/04/2026")
    page.get_by_label("Ordre du jour").fill("Avis sur la révision du BTS")
    page.get_by_role("button", name="Enregistrer la séance").click()
    expect(page.get_by_role("alert")).to_contain_text("La convocation doit précéder la séance.")
    assert_accessible(page)

    page.goto("/gip/membres/")
    expect(page.get_by_role("table", name="Membres")).to_contain_text("Pôle emploi")
    assert_accessible(page)
