"""The attestation the certifier issues after the jury (of the result, or of the skill blocks acquired), as a
PDF generated server-side when read.

It names the certifier, the candidate, the certification (RNCP code, title, level), the result (full
validation, or partial with the blocks acquired by code and title), the days of the jury and of the
notification, the reference and the day of issue, and the articles the result rests on: the sources of the
Decisions kept at the jury (D6412-6) and at its result (R6412-7), never a text the rules do not hold. The
content comes from ``selectors.attestation_document``; the layout blocks from ``acquis.documents.pdf``.
"""

from __future__ import annotations

from django.conf import settings

from acquis.documents.pdf import Document, PdfFile
from acquis.documents.text import french_date
from acquis.pathways.enums import EARLIER_PROCEDURE_NOTE, AttestationKind, ResultKind
from acquis.pathways.models import Candidacy
from acquis.pathways.selectors import AttestationDocument, attestation_document, attestation_of

RESULT_WORDING = {
    ResultKind.FULL: "validation totale de la certification",
    ResultKind.PARTIAL: "validation partielle : les blocs de compétences ci-dessous sont acquis",
    ResultKind.REFUSED: "refus de validation",
}


def _parties(pdf: Document, document: AttestationDocument) -> None:
    candidacy = document.candidacy
    pdf.heading("Certificateur")
    pdf.para(document.certifier_name or "Certificateur de la certification", bold=True)
    pdf.heading("Candidat")
    if candidacy.anonymised_on is not None:
        pdf.para(f"Données personnelles anonymisées le {french_date(candidacy.anonymised_on)} (article R6411-6).")
    else:
        pdf.para(document.candidate_name, bold=True)
    pdf.para(f"Candidature n° {candidacy.pk}, parcours de VAE commencé le {french_date(candidacy.started_on)}")
    pdf.heading("Certification")
    certification = candidacy.certification
    pdf.para(f"{certification.title}", bold=True)
    level = f", niveau {certification.level}" if certification.level else ""
    pdf.para(f"Fiche du répertoire national des certifications professionnelles {certification.code}{level}")


def _result(pdf: Document, document: AttestationDocument) -> None:
    result = document.result
    pdf.heading("Résultat du jury")
    pdf.para(f"Jury réuni le {french_date(document.jury_on)} : {RESULT_WORDING[ResultKind(result.kind)]}.", bold=True)
    if result.kind == ResultKind.PARTIAL:
        pdf.table_rows(
            ["Code", "Bloc de compétences acquis"],
            [[block.code, block.title] for block in document.blocks_acquired],
            widths=(35, 135),
            align=("LEFT", "LEFT"),
        )
    if result.notified_on:
        pdf.para(f"Résultat notifié au candidat le {french_date(result.notified_on)}.")
    else:
        pdf.para("La date de notification du résultat n'est pas enregistrée.")


def _grounds(pdf: Document, document: AttestationDocument) -> None:
    pdf.heading("Textes applicables")
    decisions = [d for d in (document.composition, document.notification) if d is not None]
    if not decisions:
        pdf.para(f"Parcours commencé avant le 1er janvier 2024 : {EARLIER_PROCEDURE_NOTE}.")
        return
    for decision in decisions:
        for source in decision.sources:
            pdf.source(source)


def attestation_pdf(document: AttestationDocument) -> bytes:
    """The issued attestation as PDF bytes."""
    attestation = document.attestation
    pdf = Document(title=f"Attestation n° {attestation.reference}", repeat_sources=False).start()
    pdf.para("Acquis — service public de la validation des acquis de l'expérience", size=9)
    pdf.ln(4)
    pdf.para(AttestationKind(attestation.kind).label, size=14, bold=True, height=7)
    pdf.para(f"Référence : {attestation.reference}", bold=True)
    if attestation.verification_code:
        pdf.para(
            f"Code de vérification : {attestation.verification_code} — toute personne peut vérifier cette "
            f"attestation sur {settings.ACQUIS_BASE_URL.rstrip('/')}/verifier/ avec ce code."
        )
    pdf.para(
        f"Délivrée le {french_date(attestation.issued_on)}, à la demande du candidat du "
        f"{french_date(attestation.requested_on)}."
    )
    _parties(pdf, document)
    _result(pdf, document)
    _grounds(pdf, document)
    pdf.ln(4)
    pdf.para(
        "Le certificateur atteste le résultat ci-dessus, obtenu par la validation des acquis de l'expérience.",
        size=9,
    )
    return pdf.to_bytes()


def attestation_file(*, candidacy: Candidacy, attestation_id: int) -> PdfFile | None:
    """The candidacy's issued attestation, named by its reference as the site's page and the API's route
    both serve it; None when the candidacy has no such attestation or it is only requested."""
    attestation = attestation_of(candidacy=candidacy, attestation_id=attestation_id)
    document = attestation_document(attestation=attestation) if attestation is not None else None
    if document is None:
        return None
    return PdfFile(content=attestation_pdf(document), filename=f"attestation-{attestation.reference}.pdf")
