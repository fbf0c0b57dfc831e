"""The pathway's follow-up pages in a real browser, each passing the axe-core check, with a refusal first:
(a) the certifier issues a requested attestation (the candidate then downloads it), then opens the
withdrawal of the result for fraud: the candidate is invited to present observations, then the result is
withdrawn; (b) a candidate records a legitimate reason that keeps the admissibility from lapsing and
reorients the pathway; the GIP records a litigation hold and reads the retention report."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from acquis.pathways import services
from acquis.pathways.models import Candidacy
from tests.accounts.factories import UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout
from tests.pathways.factories import CandidacyFactory, certification


def _detail(page, candidacy) -> None:
    page.goto(f"/parcours/{candidacy.pk}/")
    # The candidate's own page titles « Votre VAE » with the number below; professionals' pages title the number.
    expect(page.locator("#contenu")).to_contain_text(f"Candidature n° {candidacy.pk}")


def test_attestation_issued_then_result_withdrawn_for_fraud(page, transactional_db):
    candidate = UserFactory(candidate=True)
    candidacy = CandidacyFactory(result_partial=True, candidate=candidate)
    certifier = UserFactory(certifier=True, organisation=candidacy.certifier)
    services.attestation_request(actor=candidate, candidacy=candidacy, kind="blocks")

    _login(page, certifier)
    _detail(page, candidacy)
    attestations = page.locator("#attestations")
    expect(attestations).to_contain_text("à délivrer")
    assert_accessible(page)
    page.get_by_role("button", name="Délivrer").click()
    expect(page.locator("#attestations")).to_contain_text("Télécharger (PDF)")
    assert_accessible(page)

    page.get_by_role("link", name="Engager le retrait du résultat pour fraude").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inviter le candidat à présenter ses observations")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer la demande d'observations").click()
    expect(page.locator("#contenu")).to_contain_text("Indiquez les faits reprochés au candidat.")
    assert_accessible(page)
    page.get_by_label("Faits reprochés au candidat").fill("Attestation d'employeur falsifiée.")
    page.get_by_role("button", name="Enregistrer la demande d'observations").click()
    page.get_by_role("link", name="Retirer le résultat pour fraude").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retirer le résultat pour fraude")
    assert_accessible(page)
    page.get_by_label("Observations présentées par le candidat (facultatif)").fill("Aucune observation reçue.")
    page.get_by_role("button", name="Retirer le résultat").click()
    # The candidate's own page titles « Votre VAE » with the number below; professionals' pages title the number.
    expect(page.locator("#contenu")).to_contain_text(f"Candidature n° {candidacy.pk}")
    assert_accessible(page)
    candidacy.refresh_from_db()
    assert candidacy.result_withdrawn_on == timezone.localdate()
    _logout(page)

    _login(page, candidate)
    _detail(page, candidacy)
    link = page.locator("#attestations").get_by_role("link", name=re.compile("Télécharger"))
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_legitimate_reason_reorientation_litigation_and_retention_report(page, transactional_db):
    candidate = UserFactory(candidate=True)
    started = timezone.localdate() - dt.timedelta(days=130)  # admissible 70 days ago: not lapsed
    candidacy = CandidacyFactory(admissible=True, candidate=candidate, started_on=started)
    other = certification()

    _login(page, candidate)
    _detail(page, candidacy)
    page.get_by_role("link", name="Enregistrer un motif légitime").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enregistrer un motif légitime")
    page.get_by_role("button", name="Enregistrer le motif légitime").click()
    expect(page.locator("#contenu")).to_contain_text("Indiquez le motif légitime.")
    assert_accessible(page)
    page.get_by_label("Motif légitime").fill("Hospitalisation de trois mois.")
    page.get_by_role("button", name="Enregistrer le motif légitime").click()
    expect(page.locator("#contenu")).to_contain_text("Le motif légitime est enregistré")
    assert_accessible(page)

    page.get_by_role("link", name="Réorienter vers une autre certification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réorienter la candidature")
    assert_accessible(page)
    page.get_by_label(re.compile("Numéro de fiche RNCP ou RS de la nouvelle certification")).fill(other.code)
    page.get_by_role("button", name="Réorienter vers cette certification").click()
    new = Candidacy.objects.get(reoriented_from=candidacy)
    expect(page.locator("#contenu")).to_contain_text(f"Candidature n° {new.pk}")
    assert_accessible(page)
    _logout(page)

    _login(page, UserFactory(gip_staff=True))
    _detail(page, candidacy)
    page.get_by_role("link", name="Enregistrer un contentieux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contentieux et conservation des données")
    assert_accessible(page)
    page.locator("label", has_text="Un contentieux est en cours").click()
    page.get_by_label(re.compile("Référence du contentieux")).fill("Tribunal administratif de Toulouse, n° 2401234")
    page.get_by_role("button", name="Enregistrer").click()
    candidacy.refresh_from_db()
    assert candidacy.litigation_pending
    page.goto("/parcours/conservation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conservation des données des parcours")
    assert_accessible(page)
