"""The dossier de faisabilité (R6412-3, R6412-4) as a PDF generated server-side.

It prints the structured file as filed (certification or skill blocks, candidate, experiences and trainings,
the accompanier's opinion), the attachments, the instruction (filing, pieces requested, receipt of the
complete file with its « date certaine », the certifier's decision with gaps and recommendations) and the
dates the rules derive from them — decision due, admissibility by silence, caducity, status of the day —
each with the article version and sentence its Decision cites. The content comes from
``selectors.candidacy_feasibility_document``; the layout blocks from ``acquis.documents.pdf``.
"""

from __future__ import annotations

from typing import Any

from acquis.documents.pdf import Document, PdfFile
from acquis.documents.text import french_date, hours
from acquis.pathways.enums import EARLIER_PROCEDURE_NOTE, AdmissibilityKind, EmploymentStatus, Opinion
from acquis.pathways.models import Candidacy
from acquis.pathways.selectors import FeasibilityDocument, candidacy_feasibility_document


def _label(choices, value: str | None) -> str:
    return choices(value).label if value in choices.values else (value or "—")


def _certification(pdf: Document, content: dict[str, Any]) -> None:
    pdf.heading("1. Certification visée")
    certification = content.get("certification") or {}
    pdf.para(f"{certification.get('title', '')} (fiche {certification.get('code', '')})")
    blocks = content.get("blocks") or []
    if blocks:
        pdf.para("Demande limitée aux blocs de compétences suivants :")
        for block in blocks:
            pdf.para(f"– {block['code']} : {block['title']}")
    else:
        pdf.para("Demande portant sur la certification complète.")


def _candidate(pdf: Document, document: FeasibilityDocument) -> None:
    pdf.heading("2. Candidat")
    person = document.content.get("candidate") or {}
    department = document.candidacy.department
    pdf.para(person.get("name") or person.get("email") or "—", bold=True)
    if person.get("email"):
        pdf.para(person["email"])
    pdf.para(f"Plus haut niveau de qualification : niveau {person.get('qualification_level', '—')}")
    pdf.para(f"Département : {department.name} ({department.code})")
    pdf.para(f"Parcours de VAE commencé le {french_date(document.candidacy.started_on)}")


def _experiences(pdf: Document, content: dict[str, Any]) -> None:
    pdf.heading("3. Expériences")
    experiences = content.get("experiences") or []
    if not experiences:
        pdf.para("Aucune expérience décrite.")
        return
    pdf.table_rows(
        ["Début", "Fin", "Intitulé", "Statut", "Durée"],
        [
            [
                french_date(e["started_on"]),
                french_date(e["ended_on"]) if e.get("ended_on") else "en cours",
                e["title"],
                _label(EmploymentStatus, e.get("employment_status")),
                hours(e["hours"]),
            ]
            for e in experiences
        ],
        widths=(22, 22, 62, 40, 24),
        align=("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"),
    )
    pdf.para(f"Durée totale des expériences : {hours(sum(e['hours'] for e in experiences))}")


def _trainings(pdf: Document, content: dict[str, Any]) -> None:
    pdf.heading("4. Formations")
    trainings = content.get("trainings") or []
    for training in trainings:
        completed = f", achevée le {french_date(training['completed_on'])}" if training.get("completed_on") else ""
        duration = f", {hours(training['hours'])}" if training.get("hours") else ""
        pdf.para(f"– {training['title']}{completed}{duration}")
    if not trainings:
        pdf.para("Aucune formation déclarée.")


def _accompaniment(pdf: Document, document: FeasibilityDocument) -> None:
    pdf.heading("5. Accompagnement et avis de l'accompagnateur")
    candidacy = document.candidacy
    if candidacy.accompanier is None:
        pdf.para("Le candidat mène sa démarche sans accompagnateur.")
    else:
        pdf.para(f"Accompagnateur : {candidacy.accompanier.name} (SIRET {candidacy.accompanier.siret})")
    opinion = document.content.get("accompanier_opinion")
    if opinion:
        pdf.para(
            f"Avis sur l'adéquation de l'expérience à la certification, du {french_date(opinion.get('on'))} : "
            f"{_label(Opinion, opinion.get('opinion')).lower()}.",
            bold=True,
        )
        if opinion.get("text"):
            pdf.para(opinion["text"])
        if opinion.get("after_filing"):
            pdf.para("Avis ajouté par l'accompagnateur après le dépôt, avant la réception du dossier complet.")
    elif candidacy.accompanier is not None:
        pdf.para(
            "L'accompagnateur n'a pas encore donné son avis : il peut l'ajouter jusqu'à la réception du dossier "
            "complet par le certificateur."
        )


def _attachments(pdf: Document, document: FeasibilityDocument) -> None:
    pdf.heading("6. Pièces jointes")
    for attachment in document.attachments:
        pdf.para(
            f"– {attachment.get_kind_display()} : {attachment.original_name} "
            f"(déposée le {french_date(attachment.uploaded_at.date())}, "
            f"empreinte SHA-256 {attachment.checksum[:16]}…)"
        )
    if not document.attachments:
        pdf.para("Aucune pièce jointe.")


def _instruction(pdf: Document, document: FeasibilityDocument) -> None:
    pdf.heading("7. Instruction du dossier")
    file, candidacy = document.file, document.candidacy
    certifier = candidacy.certifier.name if candidacy.certifier else "le certificateur de la certification"
    pdf.para(f"Dossier déposé le {french_date(file.filed_on)} auprès de : {certifier}.")
    if document.quota is not None:
        pdf.decided_line(
            "Limite annuelle des dossiers au dépôt (article R6412-3)",
            document.quota,
            "respectée" if document.quota.value.get("allowed") else "dépassée",
        )
    for request in document.pieces_requests:
        pdf.para(f"Pièces manquantes demandées le {french_date(request.requested_on)} : {request.pieces}")
    if file.complete_on:
        pdf.para(
            f"Réception du dossier complet confirmée par le certificateur ; date certaine de réception : "
            f"{french_date(file.complete_on)}.",
            bold=True,
        )
    else:
        pdf.para("La réception du dossier complet n'est pas encore confirmée par le certificateur.")
    if file.decision_kind and file.decided_on <= document.on:
        kind = AdmissibilityKind(file.decision_kind).label.lower()
        pdf.para(f"Décision du certificateur notifiée le {french_date(file.decided_on)} : {kind}.", bold=True)
        if file.gaps:
            pdf.para(f"Écarts avec le référentiel de la certification : {file.gaps}")
        if file.recommendations:
            pdf.para(f"Préconisations : {file.recommendations}")
    elif file.complete_on:
        pdf.para("Aucune décision du certificateur n'est enregistrée.")


def _derived_dates(pdf: Document, document: FeasibilityDocument) -> None:
    pdf.heading("8. Dates qui en découlent")
    due = document.decision_due
    if due is None:
        pdf.para("Les délais courent à partir de la réception du dossier complet, qui n'est pas encore confirmée.")
    elif due.decision is None:
        pdf.para(f"Délais non calculés : {EARLIER_PROCEDURE_NOTE}.")
    else:
        pdf.decided_line("Dernier jour pour la décision du certificateur", due.decision)
        if document.deemed is not None:
            pdf.decided_line(
                "Sans décision à cette date, dossier réputé recevable (notifié par le GIP) à compter du",
                document.deemed,
                french_date(document.deemed_from),
            )
    if document.lapse is not None:
        label = "Sans démarche enregistrée ni motif légitime, recevabilité caduque à compter du"
        pdf.decided_line(label, document.lapse)
        if document.lapse_kept:
            pdf.para("Une démarche ou un motif légitime est enregistré : la recevabilité ne devient pas caduque.")
    status = document.status
    label = f"État du dossier le {french_date(document.on)}"
    if document.status_decision is not None:
        pdf.decided_line(label, document.status_decision, status.label)
    else:
        pdf.para(f"{label} : {status.label}", bold=True)
    if status.deadline:
        pdf.para(f"{status.deadline_label.capitalize()} {french_date(status.deadline)}.")


def _anonymised(pdf: Document, document: FeasibilityDocument) -> None:
    """Once anonymised (R6411-6) the file's content keeps only counts; what the accounting and the statistics
    keep is read from the candidacy itself: certification and blocks, territory, level, start of the pathway."""
    candidacy = document.candidacy
    blocks = sorted(candidacy.blocks.all(), key=lambda block: block.code)
    kept = {
        "certification": {"title": candidacy.certification.title, "code": candidacy.certification.code},
        "blocks": [{"code": block.code, "title": block.title} for block in blocks],
    }
    _certification(pdf, kept)
    pdf.heading("2. Candidat : données personnelles anonymisées")
    pdf.para(
        f"Les données personnelles de cette candidature ont été anonymisées le "
        f"{french_date(candidacy.anonymised_on)} (article R6411-6) : le dossier comptait "
        f"{document.content.get('experiences', 0)} expérience(s), soit "
        f"{hours(document.content.get('experience_hours', 0))}."
    )
    pdf.para(f"Plus haut niveau de qualification : niveau {candidacy.qualification_level}")
    pdf.para(f"Département : {candidacy.department.name} ({candidacy.department.code})")
    pdf.para(f"Parcours de VAE commencé le {french_date(candidacy.started_on)}")


def feasibility_file_pdf(document: FeasibilityDocument) -> bytes:
    """The dossier de faisabilité as PDF bytes, as it stands on ``document.on``."""
    candidacy = document.candidacy
    pdf = Document(title=f"Dossier de faisabilité — candidature n° {candidacy.pk}", repeat_sources=False).start()
    pdf.para("Acquis — service public de la validation des acquis de l'expérience", size=9)
    pdf.para(f"Édité le {french_date(document.on)}", size=9)
    pdf.ln(4)
    pdf.para(f"Dossier de faisabilité — candidature n° {candidacy.pk}", size=14, bold=True, height=7)
    anonymised = bool(document.content.get("anonymised"))
    pdf.para(
        "Demande de recevabilité d'une démarche de validation des acquis de l'expérience (articles R6412-3 et "
        "R6412-4 du Code du travail). "
        + (
            "Les données personnelles ayant été anonymisées, les parties 1 et 2 ne reprennent que ce qui est "
            "conservé du dossier déposé."
            if anonymised
            else "Le contenu des parties 1 à 5 est celui du dossier tel qu'il a été déposé."
        )
    )
    if anonymised:
        _anonymised(pdf, document)
    else:
        _certification(pdf, document.content)
        _candidate(pdf, document)
        _experiences(pdf, document.content)
        _trainings(pdf, document.content)
        _accompaniment(pdf, document)
    _attachments(pdf, document)
    _instruction(pdf, document)
    _derived_dates(pdf, document)
    return pdf.to_bytes()


def feasibility_file(candidacy: Candidacy) -> PdfFile | None:
    """The dossier de faisabilité as it stands today, named as the site's page and the API's route both
    serve it; None before it is filed."""
    document = candidacy_feasibility_document(candidacy)
    if document is None:
        return None
    return PdfFile(content=feasibility_file_pdf(document), filename=f"dossier-faisabilite-{candidacy.pk}.pdf")
