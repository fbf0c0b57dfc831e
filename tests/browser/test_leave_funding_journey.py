"""A congé VAE's funding request in a real browser, each page passing the axe-core check: the employee opens
their sent congé VAE, asks an OPCO for the funding of a training (R6422-9 from 2019-11-04: training is an
eligible expense), adds the line and finds the request listed on the congé VAE page; the employer, outside
working time, is told that the employee fills it (R6422-12)."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from acquis.accounts.enums import OrganisationKind
from acquis.funding.models import FundingRequest
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout
from tests.funding.factories import funder
from tests.leave.factories import LeaveRequestFactory


def _fill(page, opco_pk: int) -> None:
    page.get_by_label("Financeur").select_option(str(opco_pk))
    page.get_by_label("Début de la période").fill("2021-03-15")
    page.get_by_label("Fin de la période").fill("2021-09-15")


def test_the_employee_asks_for_the_funding_of_a_congé_vae(page, transactional_db):
    leave = LeaveRequestFactory(sent=True)
    opco = funder(organisation=OrganisationFactory(kind=OrganisationKind.FUNDER, name="OPCO Santé"), name="OPCO Santé")
    hr = UserFactory(employer=True, organisation=leave.employer)
    leave_url = reverse("web:leave_detail", kwargs={"pk": leave.pk})

    _login(page, leave.employee)
    page.goto(leave_url)
    page.get_by_role("link", name="Demander une prise en charge").click()
    assert_accessible(page)
    _fill(page, opco.pk)
    page.get_by_role("button", name="Créer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demande de prise en charge n°")
    page.get_by_label("Nature des frais").select_option("training")
    page.get_by_label("Montant demandé (€)").fill("640,00")
    page.get_by_label("Date de la dépense").fill("2021-03-15")
    page.get_by_role("button", name="Ajouter la ligne").click()
    expect(page.locator("#contenu")).to_contain_text("Ligne de frais ajoutée")
    assert_accessible(page)
    created = FundingRequest.objects.get()
    assert created.leave_request_id == leave.pk and str(created.requested_total) == "640.00"
    page.goto(leave_url)
    expect(page.get_by_role("link", name=f"Demande n° {created.pk}")).to_be_visible()
    assert_accessible(page)
    _logout(page)

    _login(page, hr)
    page.goto(reverse("web:funding_leave_request_create", kwargs={"pk": leave.pk}))
    _fill(page, opco.pk)
    page.get_by_label("En tout ou partie pendant le temps de travail").uncheck(force=True)
    page.get_by_role("button", name="Créer la demande").click()
    expect(page.locator("#contenu")).to_contain_text("pendant le temps de travail (R6422-12)")
    assert_accessible(page)
    assert FundingRequest.objects.count() == 1
