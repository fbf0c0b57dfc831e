"""Congé VAE in a real browser, each page passing the axe-core check:
(a) the employee drafts and sends a request, the employer postpones it (a too-late date refused first);
(b) a request sent long ago and never answered reads "accordé (absence de réponse de l'employeur)"."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from acquis.certifications.models import Certification
from acquis.documents.text import french_date
from acquis.leave.models import LeaveRequest
from acquis.leave.selectors import leave_postponement_limit
from tests.accounts.factories import DEFAULT_PASSWORD, OrganisationFactory, UserFactory
from tests.browser.accessibility import assert_accessible
from tests.leave.factories import PDF, LeaveRequestFactory


def _login(page, user) -> None:
    page.goto("/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.locator("#contenu").get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))


def _logout(page) -> None:
    page.get_by_role("banner").get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/$"))


def _menu(page, name: str) -> None:
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=name).click()


def test_employee_sends_and_employer_postpones(page, transactional_db):
    today = timezone.localdate()
    company = OrganisationFactory(name="Clinique des Lilas")
    hr = UserFactory(employer=True, organisation=company, first_name="Hélène")
    employee = UserFactory(candidate=True, first_name="Amina")
    Certification.objects.create(code="RNCP4495", title="Diplôme d'État d'aide-soignant", level=4)

    _login(page, employee)
    _menu(page, "Mes congés VAE")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes demandes de congé VAE")
    assert_accessible(page)

    page.get_by_role("link", name="Préparer une demande").click()
    page.get_by_role("searchbox", name=re.compile("Rechercher une certification")).fill("aide-soignant")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.get_by_role("table", name=re.compile("Certifications trouvées"))).to_contain_text("RNCP4495")
    assert_accessible(page)
    page.get_by_label("Numéro de fiche RNCP ou RS (facultatif)").fill("RNCP4495")
    page.get_by_label("Certification visée").fill("Diplôme d'État d'aide-soignant")
    page.get_by_label("Ministère ou organisme certificateur").fill("Ministère chargé de la santé")
    page.get_by_label("SIRET de votre employeur").fill(company.siret)
    page.get_by_label("Début de votre parcours de VAE").fill((today - dt.timedelta(days=30)).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demande de congé VAE n°")
    expect(page.locator("#contenu")).to_contain_text("Il manque")
    assert_accessible(page)

    # A start within the month a postponement may reach (R6422-4), so that a postponement after it is possible.
    start = today + dt.timedelta(days=20)
    page.get_by_label("Date de début de l'action").fill(start.isoformat())
    page.get_by_label("Date de fin de l'action").fill((start + dt.timedelta(days=1)).isoformat())
    page.get_by_label("Nature de l'action").select_option("evaluation")
    page.get_by_label("Durée (en heures)").fill("14")
    page.get_by_role("button", name="Ajouter l'action").click()
    expect(page.get_by_role("table", name=re.compile("Actions couvertes"))).to_contain_text("14 h")

    page.get_by_label("Fichier").set_input_files(
        files=[{"name": "recevabilite.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Joindre la pièce").click()
    expect(page.locator("#contenu")).to_contain_text("toutes les mentions et pièces requises")
    expect(page.locator("#contenu")).to_contain_text(f"au plus tard le {french_date(start - dt.timedelta(days=30))}")
    assert_accessible(page)

    page.get_by_role("link", name="Envoyer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Envoyer la demande")
    assert_accessible(page)
    # DSFR draws the radio on its label (the input is visually hidden): click the label, as a person does.
    page.locator("label", has_text="Transmise par Acquis").click()
    page.get_by_role("button", name="Envoyer", exact=True).click()
    expect(page.locator(".fr-callout")).to_contain_text("En attente de la réponse de l'employeur")
    expect(page.get_by_role("link", name="Télécharger la lettre (PDF)")).to_be_visible()
    assert_accessible(page)
    detail_url = page.url
    _logout(page)

    _login(page, hr)
    _menu(page, "Demandes de congé VAE")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes de congé VAE")
    expect(page.locator("#contenu")).to_contain_text("en attente de la réponse de l'employeur : 1")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^n° \d+")).click()
    expect(page).to_have_url(detail_url)
    assert_accessible(page)

    limit = dt.date.fromisoformat(leave_postponement_limit(LeaveRequest.objects.get()).value)
    page.locator("label", has_text="Report pour raisons de service").click()
    page.get_by_label("Absence reportée au").fill((limit + dt.timedelta(days=1)).isoformat())
    page.get_by_label("Raisons de service motivant le report").fill("Inventaire annuel du service")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("dépasse la limite légale")
    expect(summary).to_contain_text("article R6422-4")
    assert_accessible(page)

    page.locator("label", has_text="Report pour raisons de service").click()
    page.get_by_label("Absence reportée au").fill((start + dt.timedelta(days=5)).isoformat())
    page.get_by_label("Raisons de service motivant le report").fill("Inventaire annuel du service")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.locator(".fr-callout")).to_contain_text(f"Reporté au {french_date(start + dt.timedelta(days=5))}")
    expect(page.locator("#contenu")).to_contain_text("Raisons de service : Inventaire annuel du service")
    assert_accessible(page)


def test_silence_reads_as_consent_with_its_article(page, transactional_db):
    # Received on 2024-03-01 (15 calendar days since 2023-12-29), never answered: deemed accepted from 03-17.
    request = LeaveRequestFactory(sent=True, era_2023=True)
    _login(page, request.employee)
    _menu(page, "Mes congés VAE")
    row = page.get_by_role("row", name=re.compile(f"n° {request.pk}"))
    expect(row).to_contain_text("accordé (absence de réponse de l'employeur)")
    assert_accessible(page)

    row.get_by_role("link").click()
    expect(page.locator("#etat-demande")).to_have_text(
        "Accordé (absence de réponse de l'employeur), depuis le 17 mars 2024."
    )
    expect(page.locator("#prochaine-etape")).to_contain_text("Votre congé est accordé")
    content = page.locator("#contenu")
    expect(content).to_contain_text("vaut accord")
    expect(content).to_contain_text("LEGIARTI000048721677")
    # The employee's page folds the legal basis behind « Base légale », one click away.
    page.locator("summary", has_text="Base légale").first.click()
    link = page.get_by_role("link", name=re.compile("Lire l'article R6422-4")).first
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile(r"/droit/code-du-travail/R6422-4\?date=2023-12-29"))
    assert_accessible(page)
