"""The VAE pathway in a real browser, each page passing the axe-core check:
(a) a candidate registers and chooses an accompanier, the accompanier gives its opinion and files the
admissibility file, the certifier acknowledges it and decides admissible, the candidate files the validation
file, the certifier schedules a valid jury (an invalid one refused first, D6412-6) and records a partial
validation with a block;
(b) an autonomous candidate whose complete file got no decision within the delay reads « recevable » by
silence, with R6412-4's sentence;
(c) the GIP lists an accompanier (an expired Qualiopi certificate refused first) and removes it with a reason."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from acquis.accounts.enums import OrganisationKind
from acquis.pathways.models import Candidacy
from acquis.rules.catalogue import default_registry
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout, _menu
from tests.pathways.factories import CandidacyFactory, certification, department, listed_accompanier


def _open_candidacy(page, pk: int) -> None:
    page.get_by_role("link", name=re.compile(f"^n° {pk}")).click()
    # The candidate's own page titles « Votre VAE », the number below; professionals' pages title the number.
    expect(page.locator("#contenu")).to_contain_text(f"Candidature n° {pk}")
    assert_accessible(page)


def _register(page, cert) -> None:
    page.get_by_role("link", name="S'inscrire à un parcours").click()
    page.get_by_role("searchbox", name=re.compile("Rechercher une certification")).fill(cert.title)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("table", name=re.compile("Certifications trouvées"))).to_contain_text(cert.code)
    assert_accessible(page)
    page.get_by_label("Numéro de fiche RNCP ou RS de la certification visée").fill(cert.code)
    page.get_by_label("Département de résidence").fill("31")
    page.get_by_label("Plus haut niveau de qualification atteint").select_option("3")
    page.locator("label", has_text="Accompagné").click()
    page.get_by_label("Intitulé de l'expérience").fill("Aide-soignante en EHPAD")
    page.get_by_label("Début de l'expérience").fill("2015-01-01")
    page.get_by_label("Durée (en heures)").fill("9000")
    page.get_by_label("Statut pendant cette expérience").select_option("employee")
    page.get_by_role("button", name="Enregistrer la candidature").click()


def _member(page, index: int, name: str, sex: str, *, chair: bool = False) -> None:
    page.locator(f"#id_membre-{index}-name").fill(name)
    page.locator(f"#id_membre-{index}-sex").select_option(sex)
    page.locator(f"label[for=id_membre-{index}-qualified]").click()
    if chair:
        page.locator(f"label[for=id_membre-{index}-is_chair]").click()


def test_accompanied_candidate_to_a_partial_validation(page, transactional_db):
    today = timezone.localdate()
    department()
    certifier_org = OrganisationFactory(kind=OrganisationKind.CERTIFIER, name="Ministère de la santé")
    cert = certification(certifier=certifier_org)
    block = cert.blocks.order_by("code").first()
    accompanier_org = listed_accompanier(OrganisationFactory(kind=OrganisationKind.ACCOMPANIER, name="Cap VAE"))
    candidate = UserFactory(candidate=True, first_name="Amina", last_name="Benali")
    adviser = UserFactory(accompanier=True, organisation=accompanier_org)
    assessor = UserFactory(certifier=True, organisation=certifier_org)

    # The candidate registers, then chooses an accompanier from the GIP's list.
    _login(page, candidate)
    _menu(page, "Mes parcours VAE")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes parcours VAE")
    assert_accessible(page)
    _register(page, cert)
    expect(page.locator("#etat-candidature")).to_contain_text("inscrite, dossier de faisabilité non déposé")
    # The candidate's page is a stepper with the one next thing to do.
    expect(page.locator(".fr-stepper")).to_contain_text("Étape 1 sur 5")
    expect(page.locator("#prochaine-etape")).to_contain_text("Choisissez votre accompagnateur")
    assert_accessible(page)
    pk = Candidacy.objects.get().pk
    page.get_by_role("link", name="choisir un accompagnateur").click()
    # R6423-4: each organisation's information is shown before the choice.
    expect(page.locator("#contenu")).to_contain_text("Cap VAE")
    expect(page.locator("#contenu")).to_contain_text("Formation et qualification des accompagnateurs")
    assert_accessible(page)
    page.get_by_label("Organisme accompagnateur").select_option(index=1)
    page.get_by_role("button", name="Choisir cet accompagnateur").click()
    expect(page.locator("#contenu")).to_contain_text("Accompagné par Cap VAE")
    _logout(page)

    # The accompanier gives its opinion and files the admissibility file on the candidate's behalf.
    _login(page, adviser)
    _menu(page, "Candidats accompagnés")
    expect(page.get_by_role("table", name=re.compile("Nombre de candidatures par état"))).to_contain_text("Inscrite")
    assert_accessible(page)
    _open_candidacy(page, pk)
    page.locator("label[for=id_opinion_0]").click()  # Favorable
    page.get_by_label("Motivation de l'avis").fill(
        "Neuf ans d'expérience en soins : en adéquation avec le référentiel."
    )
    page.get_by_role("button", name="Enregistrer l'avis").click()
    expect(page.locator("#contenu")).to_contain_text("Favorable (")
    page.get_by_role("button", name="Déposer le dossier de faisabilité").click()
    expect(page.locator(".fr-callout")).to_contain_text("dossier de faisabilité déposé, réception à confirmer")
    assert_accessible(page)
    _logout(page)

    # The certifier acknowledges the complete file and decides admissible.
    _login(page, assessor)
    _menu(page, "Dossiers VAE reçus")
    assert_accessible(page)
    _open_candidacy(page, pk)
    page.get_by_role("button", name="Confirmer la réception").click()
    expect(page.locator(".fr-callout")).to_contain_text("recevabilité en cours d'instruction")
    expect(page.locator("#contenu")).to_contain_text("Article R6412-4")
    assert_accessible(page)
    page.locator("label[for=id_kind_0]").click()  # Recevable
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator(".fr-callout")).to_contain_text("État : recevable")
    assert_accessible(page)
    _logout(page)

    # The candidate files the validation file.
    _login(page, candidate)
    _menu(page, "Mes parcours VAE")
    _open_candidacy(page, pk)
    page.get_by_role("button", name="Déposer le dossier de validation").click()
    expect(page.locator("#etat-candidature")).to_contain_text("dossier de validation déposé")
    expect(page.locator("#contenu")).to_contain_text("Article R6412-5")
    assert_accessible(page)
    _logout(page)

    # The certifier schedules the jury (a one-man jury is refused first) and records a partial validation.
    _login(page, assessor)
    _menu(page, "Dossiers VAE reçus")
    _open_candidacy(page, pk)
    page.get_by_role("link", name="Programmer le jury").click()
    assert_accessible(page)
    page.get_by_label("Date du jury").fill(today.isoformat())
    page.get_by_label("Heure du jury").fill("14:00")
    _member(page, 0, "M. Seul", "M")
    page.get_by_role("button", name="Programmer le jury").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("article D6412-6")
    expect(summary).to_contain_text("aucun président de jury n'est désigné")
    assert_accessible(page)
    page.get_by_label("Date du jury").fill(today.isoformat())
    page.get_by_label("Heure du jury").fill("14:00")
    _member(page, 0, "Mme Durand", "F", chair=True)
    _member(page, 1, "M. Martin", "M")
    page.get_by_role("button", name="Programmer le jury").click()
    expect(page.locator(".fr-callout")).to_contain_text("jury programmé")
    expect(page.locator("#contenu")).to_contain_text("à 14 h 00")
    assert_accessible(page)
    page.locator("label", has_text="Validation partielle").click()
    page.locator("label", has_text=f"{block.code} — ").click()
    page.get_by_role("button", name="Enregistrer le résultat").click()
    expect(page.locator(".fr-callout")).to_contain_text("validation partielle")
    expect(page.locator("#contenu")).to_contain_text(f"blocs acquis : {block.code}")
    expect(page.locator("#historique ~ ol")).to_contain_text("Résultat du jury enregistré")
    assert_accessible(page)


def test_autonomous_candidate_admissible_by_silence(page, transactional_db):
    today = timezone.localdate()
    # Complete file received 90 days ago, no decision: the two months of R6412-4 have run out.
    candidacy = CandidacyFactory(complete=True, started_on=today - dt.timedelta(days=130))
    decision = default_registry().decide(
        "admissibility.decision_due", {"file_complete_on": candidacy.file_complete_on}, candidacy.started_on
    )
    sentence = next(source.sentence for source in decision.sources if source.article == "R6412-4")
    _login(page, candidacy.candidate)
    _menu(page, "Mes parcours VAE")
    row = page.get_by_role("row", name=re.compile(f"n° {candidacy.pk}"))
    expect(row).to_contain_text("recevable (silence du certificateur au terme du délai)")
    assert_accessible(page)
    _open_candidacy(page, candidacy.pk)
    expect(page.locator("#etat-candidature")).to_contain_text("recevable (silence du certificateur au terme du délai)")
    expect(page.locator(".fr-stepper")).to_contain_text("Étape 3 sur 5")
    content = page.locator("#contenu")
    expect(content).to_contain_text("Recevabilité par silence")
    expect(content).to_contain_text(sentence)
    # The legal basis is one click away, behind « Base légale ».
    expect(page.get_by_role("link", name=re.compile("Lire l'article R6412-4")).first).to_be_hidden()
    page.locator("summary", has_text="Base légale").first.click()
    expect(page.get_by_role("link", name=re.compile("Lire l'article R6412-4")).first).to_be_visible()


def test_gip_lists_and_removes_an_accompanier(page, transactional_db):
    organisation = OrganisationFactory(kind=OrganisationKind.ACCOMPANIER, name="Cap Avenir")
    _login(page, UserFactory(gip_staff=True))
    _menu(page, "Accompagnateurs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Liste des organismes accompagnateurs")
    assert_accessible(page)
    page.get_by_label("SIRET de l'organisme accompagnateur").fill(organisation.siret)
    page.get_by_label("Numéro du certificat Qualiopi").fill("Q-2026-42")
    page.get_by_label("Fin de validité du certificat Qualiopi").fill("2020-01-01")
    page.get_by_role("button", name="Inscrire sur la liste").click()
    expect(page.get_by_role("alert")).to_contain_text("Le certificat Qualiopi est expiré")
    assert_accessible(page)
    page.get_by_label("Fin de validité du certificat Qualiopi").fill("2031-01-01")
    page.get_by_role("button", name="Inscrire sur la liste").click()
    expect(page.get_by_role("table", name=re.compile("Organismes inscrits"))).to_contain_text("Q-2026-42")
    page.get_by_label("Motif du retrait de Cap Avenir").fill("Certificat Qualiopi suspendu")
    page.get_by_role("button", name="Retirer Cap Avenir").click()
    expect(page.get_by_role("table", name=re.compile("Organismes inscrits"))).to_contain_text(
        "Certificat Qualiopi suspendu"
    )
    assert_accessible(page)
