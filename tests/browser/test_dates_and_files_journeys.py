"""Issue 15 in a real browser, each page under axe: (a) the accompanier gives its opinion after the filing, the
certifier confirms the receipt on the portal's day (no date to type), the GIP corrects that date with a reason;
(b) the candidate uploads the dossier de validation and the certifier downloads it; (c) the employer reads that
it may accept or postpone, not refuse, and a postponement before the requested start is refused."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from acquis.pathways.models import FeasibilityFile, ValidationFile
from tests.accounts.factories import UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout
from tests.leave.factories import PDF, LeaveRequestFactory
from tests.pathways.factories import CandidacyFactory


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def test_opinion_after_filing_receipt_on_the_portal_s_day_and_a_gip_correction(page, transactional_db):
    candidacy = CandidacyFactory(accompanied=True, filed=True, started_on=_ago(40))
    today = timezone.localdate()

    _login(page, UserFactory(accompanier=True, organisation=candidacy.accompanier))
    page.goto(f"/parcours/{candidacy.pk}/")
    assert_accessible(page)
    page.locator("label[for=id_opinion_0]").click()  # Favorable
    page.get_by_label("Motivation de l'avis").fill("Expérience en adéquation avec le référentiel.")
    page.get_by_role("button", name="Enregistrer l'avis").click()
    expect(page.locator("#contenu")).to_contain_text("Favorable (")
    assert FeasibilityFile.objects.get(candidacy=candidacy).content["accompanier_opinion"]["after_filing"]
    _logout(page)

    _login(page, UserFactory(certifier=True, organisation=candidacy.certifier))
    page.goto(f"/parcours/{candidacy.pk}/")
    expect(page.locator("#id_complete_on")).to_have_count(0)  # the « date certaine » is not typed
    page.get_by_role("button", name="Confirmer la réception").click()
    expect(page.locator(".fr-callout")).to_contain_text("recevabilité en cours d'instruction")
    assert_accessible(page)
    assert FeasibilityFile.objects.get(candidacy=candidacy).complete_on == today
    _logout(page)

    _login(page, UserFactory(gip_staff=True))
    page.goto(f"/parcours/{candidacy.pk}/")
    page.get_by_role("link", name="Corriger une date du dossier de faisabilité").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Corriger une date")
    assert_accessible(page)
    page.locator("label", has_text="Réception du dossier complet").click()
    page.get_by_label("Date exacte").fill(_ago(2).isoformat())
    page.get_by_role("button", name="Corriger la date").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez le motif de la correction")
    assert_accessible(page)
    page.get_by_label("Motif de la correction").fill("Dossier complet reçu par courrier deux jours plus tôt.")
    page.get_by_role("button", name="Corriger la date").click()
    expect(page.locator("#contenu")).to_contain_text("La date est corrigée")
    assert FeasibilityFile.objects.get(candidacy=candidacy).complete_on == _ago(2)


def test_the_validation_file_is_uploaded_and_downloaded(page, transactional_db, tmp_path):
    candidacy = CandidacyFactory(admissible=True, started_on=_ago(70))
    document = tmp_path / "dossier-de-validation.pdf"
    document.write_bytes(PDF)

    _login(page, candidacy.candidate)
    page.goto(f"/parcours/{candidacy.pk}/")
    page.get_by_label(re.compile("^Dossier de validation")).set_input_files(str(document))
    page.get_by_role("button", name="Déposer le dossier de validation").click()
    # The candidate's own page (a stepper) moves on to the next step: the jury.
    expect(page.locator("#contenu")).to_contain_text("Le certificateur vous convoquera devant le jury")
    assert_accessible(page)
    validation = ValidationFile.objects.get(candidacy=candidacy)
    assert validation.document_type == "application/pdf"
    _logout(page)

    _login(page, UserFactory(certifier=True, organisation=candidacy.certifier))
    page.goto(f"/parcours/{candidacy.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("télécharger le dossier")).click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_employer_may_accept_or_postpone_after_the_start_not_refuse(page, transactional_db):
    request = LeaveRequestFactory(sent=True, received=_ago(2))
    _login(page, UserFactory(employer=True, organisation=request.employer))
    page.goto(f"/conges-vae/{request.pk}/")
    expect(page.locator("#reponses-possibles")).to_contain_text("ne peut pas la refuser (article R6422-4")
    assert_accessible(page)
    page.locator("label", has_text="Report").first.click()
    page.get_by_label("Absence reportée au").fill((request.actions_start - dt.timedelta(days=3)).isoformat())
    page.get_by_label("Raisons de service motivant le report").fill("Inventaire annuel")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_role("alert")).to_contain_text("postérieure au début des actions demandé par le salarié")
    assert_accessible(page)
