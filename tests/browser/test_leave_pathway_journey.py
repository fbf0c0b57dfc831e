"""Issue 15, point 8 in a real browser under axe: the employee finds the employer by name, picks the
certification from the search, links the request to an admissible pathway, and the admissibility proof is
attached without an upload."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import OrganisationFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login
from tests.pathways.factories import CandidacyFactory


def test_employee_links_the_request_to_an_admissible_pathway(page, transactional_db):
    company = OrganisationFactory(name="Clinique des Lilas")
    candidacy = CandidacyFactory(admissible=True, started_on=timezone.localdate() - dt.timedelta(days=80))
    _login(page, candidacy.candidate)
    page.goto("/conges-vae/nouvelle/")
    page.get_by_role("searchbox", name=re.compile("Rechercher votre employeur")).fill("lilas")
    page.get_by_role("button", name="Rechercher l'employeur").click()
    table = page.get_by_role("table", name=re.compile("Employeurs trouvés"))
    expect(table).to_contain_text(company.siret)
    assert_accessible(page)
    table.get_by_role("link", name=re.compile("Choisir")).click()
    expect(page.get_by_label("SIRET de votre employeur")).to_have_value(company.siret)
    page.get_by_label("Votre parcours VAE sur Acquis (facultatif)").select_option(str(candidacy.pk))
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demande de congé VAE n°")
    expect(page.locator("#contenu")).to_contain_text("Justificatif de recevabilité")
    expect(page.locator("#contenu")).to_contain_text(candidacy.certification.title)
    assert_accessible(page)
