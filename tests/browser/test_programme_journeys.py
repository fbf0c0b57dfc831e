"""Collective programmes in a real browser, each page passing the axe-core check: the GIP creates a sponsored
cohort (a missing sponsor refused first), the candidate enrols with its code from the candidacy page (an
unknown code refused first) and reads why no help to file is offered, and the sponsor's funder reads the
candidacy in its worklist and its funding view, without the candidate's name."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from acquis.pathways.models import Candidacy
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout, _menu
from tests.pathways.factories import CandidacyFactory


def test_gip_creates_a_cohort_the_candidate_enrols_and_the_funder_follows_it(page, transactional_db):
    sponsor = OrganisationFactory(funder=True, name="OPCO Santé")
    funder = UserFactory(funder=True, organisation=sponsor)
    candidate = UserFactory(candidate=True, first_name="Amina", last_name="Benali")
    candidacy = CandidacyFactory(candidate=candidate)

    _login(page, UserFactory(gip_staff=True))
    _menu(page, "Accompagnements collectifs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accompagnements collectifs")
    assert_accessible(page)
    page.get_by_label("Nom de l'accompagnement collectif").fill("Cohorte aides-soignants")
    page.locator("label", has_text="Cohorte financée par un commanditaire").first.click()
    page.get_by_label("Code d'inscription").fill("as-2026")
    page.get_by_label("Début de l'accompagnement collectif").fill("2024-01-01")
    page.get_by_role("button", name="Créer l'accompagnement collectif").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez le commanditaire qui finance la cohorte.")
    assert_accessible(page)
    page.get_by_label("SIRET du commanditaire").fill(sponsor.siret)
    page.get_by_role("button", name="Créer l'accompagnement collectif").click()
    table = page.get_by_role("table", name=re.compile("Accompagnements collectifs et leurs codes"))
    expect(table).to_contain_text("AS-2026")
    expect(table).to_contain_text("OPCO Santé")
    assert_accessible(page)
    _logout(page)

    _login(page, candidate)
    _menu(page, "Mes parcours VAE")
    page.get_by_role("link", name=re.compile(f"^n° {candidacy.pk}")).click()
    # On the candidate's own page the enrolment form is folded: only those given a code need it.
    page.locator("summary", has_text="Vous avez un code d'accompagnement collectif ?").click()
    page.get_by_label("Code d'inscription à l'accompagnement collectif").fill("INCONNU")
    page.get_by_role("button", name="Inscrire avec ce code").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce code d'inscription ne correspond à aucun accompagnement.")
    assert_accessible(page)
    page.get_by_label("Code d'inscription à l'accompagnement collectif").fill("as-2026")
    page.get_by_role("button", name="Inscrire avec ce code").click()
    expect(page.locator("#aide-au-depot")).to_contain_text("Non proposée")
    expect(page.locator("#aide-au-depot")).to_contain_text("financé par l'État ou une région")
    assert_accessible(page)
    assert Candidacy.objects.get().programme.enrolment_code == "AS-2026"
    _logout(page)

    _login(page, funder)
    _menu(page, "Candidatures financées")
    expect(page.get_by_role("table", name=re.compile("Nombre de candidatures par état"))).to_contain_text("Inscrite")
    expect(page.locator("#contenu")).not_to_contain_text("Benali")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(f"^n° {candidacy.pk}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Financement de la candidature n° {candidacy.pk}")
    expect(page.locator("#contenu")).to_contain_text("AS-2026")
    expect(page.locator("#contenu")).not_to_contain_text("Benali")
    assert_accessible(page)
