"""The generated dossier de faisabilité: the structured file as filed, its instruction, and every date the
rules derive from it with the article versions its Decisions cite — in each era — and its page."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
from django.urls import reverse

from acquis.pathways import services
from acquis.pathways.documents.feasibility import feasibility_file_pdf
from acquis.pathways.selectors import candidacy_feasibility_document
from tests.accounts.factories import UserFactory
from tests.leave.factories import pdf
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, certification, department, listed_accompanier

D = dt.date
R6412_1_NOTA = "LEGIARTI000048721583"
R6412_3 = "LEGIARTI000048700019"
R6412_4 = "LEGIARTI000048699561"


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # pypdf keeps the justification spaces of fpdf2's lines: compare on single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _document(candidacy, on: dt.date) -> str:
    return _text(feasibility_file_pdf(candidacy_feasibility_document(candidacy, on=on)))


def _full_file():
    """Accompanied, two blocks, a training, the accompanier's opinion, pieces requested, then not admissible."""
    certifier = UserFactory(certifier=True).memberships.get().organisation
    cert = certification(certifier=certifier)
    candidate = UserFactory(candidate=True, first_name="Léa", last_name="Müller-Øster")
    accompanier = listed_accompanier()
    candidacy = services.candidacy_register(
        actor=candidate,
        candidate=candidate,
        certification=cert,
        blocks=list(cert.blocks.order_by("code")[:2]),
        department=department("31"),
        qualification_level=3,
        started_on=D(2024, 6, 1),
        registered_on=D(2024, 6, 1),
        accompaniment_mode="accompanied",
        accompanier=accompanier,
        in_initial_training=False,
        experiences=[EXPERIENCE, {**EXPERIENCE, "title": "Agent de service hospitalier", "hours": 1200}],
        trainings=[{"title": "Formation gestes et postures", "completed_on": D(2019, 3, 1), "hours": 14}],
    )
    services.candidacy_opinion_give(
        actor=None, candidacy=candidacy, opinion="favourable", text="Expérience en adéquation.", on=D(2024, 6, 20)
    )
    file = services.feasibility_file_submit(
        actor=candidate, candidacy=candidacy, filed_on=D(2024, 7, 1), attachments=[("identity", pdf("cni.pdf"))]
    )
    services.feasibility_pieces_request(
        actor=None, file=file, pieces="Attestation de l'employeur", requested_on=D(2024, 7, 5)
    )
    services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=D(2024, 7, 11))
    services.feasibility_decide(
        actor=None,
        file=file,
        kind="not_admissible",
        decided_on=D(2024, 8, 20),
        gaps="Encadrement d'équipe non démontré",
        recommendations="Décrire une situation d'encadrement",
    )
    candidacy.refresh_from_db()
    return candidacy


def test_the_file_prints_its_structured_content_instruction_and_cited_dates():
    candidacy = _full_file()
    text = _document(candidacy, D(2024, 9, 1))
    certification_ = candidacy.certification
    blocks = list(candidacy.blocks.order_by("code"))
    assert f"Dossier de faisabilité — candidature n° {candidacy.pk}" in text
    assert f"{certification_.title} (fiche {certification_.code})" in text
    assert f"{blocks[0].code} : {blocks[0].title}" in text and f"{blocks[1].code} : {blocks[1].title}" in text
    assert "Léa Müller-Øster" in text and candidacy.candidate.email in text
    assert "niveau 3" in text and "Département 31 (31)" in text
    assert "1er janvier 2015 30 juin 2023 Aide-soignante en EHPAD Salarié 9000 h" in text
    assert "Agent de service hospitalier" in text and "Durée totale des expériences : 10200 h" in text
    assert "Formation gestes et postures, achevée le 1er mars 2019, 14 h" in text
    assert f"Accompagnateur : {candidacy.accompanier.name}" in text
    assert "du 20 juin 2024 : favorable. Expérience en adéquation." in text
    assert "Pièce d'identité : cni.pdf" in text
    assert f"Dossier déposé le 1er juillet 2024 auprès de : {candidacy.certifier.name}." in text
    assert "Limite annuelle des dossiers au dépôt (article R6412-3) : respectée" in text
    assert "Pièces manquantes demandées le 5 juillet 2024 : Attestation de l'employeur" in text
    assert "date certaine de réception : 11 juillet 2024" in text
    assert "Décision du certificateur notifiée le 20 août 2024 : non recevable." in text
    assert "Écarts avec le référentiel de la certification : Encadrement d'équipe non démontré" in text
    assert "Préconisations : Décrire une situation d'encadrement" in text
    assert "Dernier jour pour la décision du certificateur : 11 septembre 2024" in text
    assert "État du dossier le 1er septembre 2024 : non recevable" in text
    # Decided within the delay: no admissibility by silence, no caducity.
    assert "réputé recevable" not in text and "caduque" not in text
    for legiarti in (R6412_1_NOTA, R6412_3, R6412_4):
        assert f"({legiarti}, en vigueur du 29 décembre 2023)" in text


def test_without_decision_the_file_shows_admissibility_by_silence_and_caducity():
    candidacy = CandidacyFactory(complete=True)  # complete on 2024-07-11, no decision
    pending = _document(candidacy, D(2024, 9, 11))
    assert "État du dossier le 11 septembre 2024 : recevabilité en cours d'instruction" in pending
    assert (
        "Sans décision à cette date, dossier réputé recevable (notifié par le GIP) à compter du : 12 septembre 2024"
        in (pending)
    )
    assert "le groupement d'intérêt public notifie immédiatement au candidat" in pending
    # The silence sentence is quoted once, then referred to.
    assert pending.count("notifie immédiatement au candidat") == 1 and "phrase citée plus haut" in pending
    deemed = _document(candidacy, D(2024, 9, 12))
    assert "État du dossier le 12 septembre 2024 : recevable (silence du certificateur au terme du délai)" in deemed
    assert "recevabilité caduque à compter du : 13 mars 2025" in deemed
    assert "l'absence, sur le portail numérique, d'enregistrement à l'issue du sixième mois" in deemed
    services.candidacy_step_record(
        actor=None, candidacy=candidacy, description="Entretien de préparation", recorded_on=D(2024, 10, 1)
    )
    kept = _document(candidacy, D(2024, 10, 2))
    assert "Une démarche ou un motif légitime est enregistré" in kept


def test_before_receipt_and_in_the_earlier_procedure_no_date_is_invented():
    filed = _document(CandidacyFactory(filed=True), D(2024, 7, 2))
    assert "n'est pas encore confirmée" in filed and "Dernier jour pour la décision" not in filed
    earlier = _document(CandidacyFactory(complete=True, era_2023=True), D(2024, 3, 1))
    assert "Délais non calculés : procédure antérieure" in earlier
    assert "Dernier jour pour la décision" not in earlier and R6412_4 not in earlier


def test_the_page_serves_the_pdf_to_a_reader_and_404_without_file(client):
    candidacy = CandidacyFactory(complete=True)
    client.force_login(candidacy.candidate)
    detail = client.get(reverse("web:pathway_detail", kwargs={"pk": candidacy.pk})).content.decode()
    url = reverse("web:pathway_feasibility_pdf", kwargs={"pk": candidacy.pk})
    assert url == f"/parcours/{candidacy.pk}/faisabilite.pdf" and f'href="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="dossier-faisabilite-{candidacy.pk}.pdf"' in response["Content-Disposition"]
    text = _text(response.content)
    assert candidacy.certification.code in text and "Aide-soignante en EHPAD" in text and R6412_4 in text
    registered = CandidacyFactory(candidate=candidacy.candidate)
    assert client.get(reverse("web:pathway_feasibility_pdf", kwargs={"pk": registered.pk})).status_code == 404
    assert (
        "faisabilite.pdf"
        not in client.get(reverse("web:pathway_detail", kwargs={"pk": registered.pk})).content.decode()
    )


def test_after_anonymisation_no_personal_data_is_printed_and_the_kept_facts_are():
    candidacy = _full_file()
    candidate = candidacy.candidate
    certification_, certifier = candidacy.certification, candidacy.certifier
    blocks = list(candidacy.blocks.order_by("code"))
    before = _document(candidacy, D(2024, 9, 1))
    personal = [
        "Léa",
        "Müller-Øster",
        candidate.email,
        "Aide-soignante en EHPAD",
        "Agent de service hospitalier",
        "Formation gestes et postures",
        "Expérience en adéquation.",
        "cni.pdf",
        "Attestation de l'employeur",
        "Encadrement d'équipe non démontré",
        "Décrire une situation d'encadrement",
    ]
    assert all(value in before for value in personal)  # printed while kept: the test can fail
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=D(2026, 1, 2))
    candidacy.refresh_from_db()
    text = _document(candidacy, D(2026, 1, 2))
    for value in personal:
        assert value not in text, value
    # What the accounting and the statistics keep (R6411-6): certification and blocks, territory, level,
    # organisations, the counts, and every date of the instruction with the dates the rules derive from them.
    assert "Candidat : données personnelles anonymisées" in text and "anonymisées le 2 janvier 2026" in text
    assert "ne reprennent que ce qui est conservé" in text and "tel qu'il a été déposé" not in text
    assert "2 expérience(s), soit 10200 h" in text
    assert f"{certification_.title} (fiche {certification_.code})" in text
    assert all(block.code in text for block in blocks)
    assert "Département 31 (31)" in text and "niveau 3" in text
    assert "Parcours de VAE commencé le 1er juin 2024" in text
    assert f"Dossier déposé le 1er juillet 2024 auprès de : {certifier.name}." in text
    assert "Pièces manquantes demandées le 5 juillet 2024" in text
    assert "date certaine de réception : 11 juillet 2024" in text
    assert "Décision du certificateur notifiée le 20 août 2024 : non recevable." in text
    assert "Dernier jour pour la décision du certificateur : 11 septembre 2024" in text
