"""Funding in a real browser, each page passing the axe-core check: an accompanier submits a funding request,
the OPCO refuses one line with its R6422-10 ground shown beside the article's sentence and grants the other,
the candidate reads who pays what on their pathway page.

The journey takes place on 2021-03-15 (time-machine, ticking): R6422-10 lists refusal grounds from 2019-11-04
to 2023-12-28 only. Cookies carry a Max-Age, which Chromium counts from its own clock, so they survive."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from acquis.accounts.enums import OrganisationKind
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout
from tests.funding.factories import funder
from tests.pathways.factories import CandidacyFactory, listed_accompanier

JOURNEY_DAY = dt.datetime(2021, 3, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_request_refused_on_one_line_and_who_pays_what(page, transactional_db):
    with time_machine.travel(JOURNEY_DAY, tick=True):
        _journey(page)


def _journey(page) -> None:
    accompanier_org = listed_accompanier(
        OrganisationFactory(kind=OrganisationKind.ACCOMPANIER, name="Cap VAE"),
        listed_on=dt.date(2020, 1, 6),
        expires=dt.date(2024, 1, 5),
    )
    adviser = UserFactory(accompanier=True, organisation=accompanier_org)
    candidacy = CandidacyFactory(accompanier=accompanier_org, started_on=dt.date(2021, 2, 1))
    opco_org = OrganisationFactory(kind=OrganisationKind.FUNDER, name="OPCO Santé")
    opco = funder(organisation=opco_org, name="OPCO Santé")
    opco_staff = UserFactory(funder=True, organisation=opco_org)
    pathway_url = reverse("web:pathway_detail", kwargs={"pk": candidacy.pk})

    _login(page, adviser)
    page.goto(pathway_url)
    page.get_by_role("link", name="Demander une prise en charge").click()
    assert_accessible(page)
    page.get_by_label("Financeur").select_option(str(opco.pk))
    page.get_by_label("Début de la période").fill("2021-03-15")
    page.get_by_label("Fin de la période").fill("2021-09-15")
    page.get_by_label("Justificatif de recevabilité transmis").check(force=True)  # the DSFR label overlays the box
    page.get_by_role("button", name="Créer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demande de prise en charge n°")
    for category, amount in (("support", "800,00"), ("evaluation_session", "200,00")):
        page.get_by_label("Nature des frais").select_option(category)
        page.get_by_label("Montant demandé (€)").fill(amount)
        page.get_by_label("Date de la dépense").fill("2021-03-15")
        page.get_by_role("button", name="Ajouter la ligne").click()
        expect(page.locator("#contenu")).to_contain_text("Ligne de frais ajoutée")
    assert_accessible(page)
    page.get_by_role("button", name="Déposer la demande").click()
    expect(page.locator("#contenu")).to_contain_text("Demande déposée auprès du financeur")
    detail_url = page.url
    _logout(page)

    _login(page, opco_staff)
    page.goto(detail_url)
    page.get_by_role("link", name="Décider").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Montant accordé — Accompagnement")).fill("800,00")
    page.get_by_label(re.compile("Ou motif de refus — Session")).select_option("outside_priorities")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("#contenu")).to_contain_text("Décision enregistrée")
    lines = page.get_by_role("table", name="Lignes de frais")
    expect(lines).to_contain_text("Action étrangère aux priorités du financeur")
    expect(lines).to_contain_text("R6422-10")
    # The ground beside the article: the sentence of R6422-10 that lets the funder refuse.
    expect(page.locator("#contenu")).to_contain_text("peuvent également refuser de prendre en charge")
    expect(page.locator("#contenu")).to_contain_text("Prise en charge partielle")
    assert_accessible(page)
    _logout(page)

    _login(page, candidacy.candidate)
    page.goto(pathway_url)
    who_pays = page.get_by_role("region", name="Qui paie quoi")
    expect(who_pays).to_contain_text(re.compile(r"800[.,]00 € payés par OPCO Santé"))
    expect(who_pays).to_contain_text("refusé (action étrangère aux priorités du financeur)")
    assert_accessible(page)
