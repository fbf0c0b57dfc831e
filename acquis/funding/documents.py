"""The funder's notification and the R6422-11 agreement, as PDFs generated when read (acquis.documents).

The notification states what R6422-12 (2017 version) says it states: the certification, the period, and the
conditions on which the costs of R6422-9 are paid (each line, asked and granted, and a refusal's ground beside
its article). The agreement carries what R6422-11 I adds to the training agreement's content (L6353-1/-2): the
certification and the nature and conditions of the costs, plus the parties, the period, the price and the terms
of payment; then each party's signature as recorded (who, when) and the consent it records (R6422-12).
"""

from __future__ import annotations

from acquis.documents.pdf import Document, PdfFile
from acquis.documents.text import french_date, french_datetime
from acquis.funding.enums import DecisionKind, ExpenseCategory, Party, RefusalGround
from acquis.funding.models import FundingRequest
from acquis.rules.decision import Decision

HEADER = "Acquis — service public de la validation des acquis de l'expérience"


def euros(amount) -> str:
    whole, cents = f"{amount:.2f}".split(".")
    return f"{int(whole):,}".replace(",", "\u202f") + f",{cents} €"


def _subject(pdf: Document, request: FundingRequest) -> None:
    pdf.heading("Certification visée")
    pdf.para(request.certification_title + (" (blocs de compétences)" if request.partial_certification else ""))
    pdf.heading("Période de réalisation")
    pdf.para(f"Du {french_date(request.period_start)} au {french_date(request.period_end)}")
    pdf.heading("Parties")
    candidate = request.candidate.get_full_name() if request.candidate else "Candidat (données anonymisées)"
    pdf.para(f"Candidat : {candidate}")
    pdf.para(f"Financeur : {request.funder.name} ({request.funder.get_kind_display()})")
    if request.organisation_id:
        pdf.para(f"Organisme intervenant : {request.organisation.name} (SIRET {request.organisation.siret})")


def _lines(pdf: Document, request: FundingRequest) -> None:
    rows = []
    for line in request.lines.all():
        hours = f"{line.hours} h" if line.hours is not None else ""
        granted = euros(line.granted_amount) if line.granted_amount is not None else "—"
        ground = RefusalGround(line.refusal_ground).label if line.refusal_ground else ""
        rows.append([ExpenseCategory(line.category).label, hours, euros(line.amount), granted, ground])
    pdf.table_rows(
        ["Nature des frais", "Heures", "Demandé", "Accordé", "Motif de refus"],
        rows,
        widths=(55, 15, 28, 28, 44),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
    )
    pdf.para(
        f"Total demandé : {euros(request.requested_total)} ; total accordé : {euros(request.granted_total)}.",
        bold=True,
    )


def _eligibility_sources(pdf: Document, request: FundingRequest) -> None:
    seen = set()
    for line in request.lines.all():
        if line.eligibility_decision:
            for source in Decision.from_dict(line.eligibility_decision).sources:
                if source.legiarti not in seen:
                    seen.add(source.legiarti)
                    pdf.source(source)
    if not seen:
        pdf.para("Frais pris en charge dans les conditions fixées par le financeur (article R6412-2).", size=9)


def notification_pdf(request: FundingRequest) -> bytes:
    decision = request.decision
    pdf = Document(title=f"Notification de prise en charge n° {request.pk}", repeat_sources=False).start()
    pdf.para(HEADER, size=9)
    pdf.ln(4)
    pdf.para("Notification de la décision de prise en charge", size=14, bold=True, height=7)
    pdf.para(f"Demande n° {request.pk}, déposée le {french_date(request.submitted_on)}")
    pdf.para(f"Décision du {french_date(decision.decided_on)} : {DecisionKind(decision.kind).label}", bold=True)
    _subject(pdf, request)
    pdf.heading("Conditions de prise en charge des frais")
    _lines(pdf, request)
    _eligibility_sources(pdf, request)
    if decision.grounds_decision:
        pdf.heading("Motifs de refus")
        for source in Decision.from_dict(decision.grounds_decision).sources:
            pdf.source(source)
    if decision.comment:
        pdf.heading("Observations du financeur")
        pdf.para(decision.comment)
    return pdf.to_bytes()


def notification_file(request: FundingRequest) -> PdfFile | None:
    if not hasattr(request, "decision"):
        return None
    return PdfFile(content=notification_pdf(request), filename=f"notification-prise-en-charge-{request.pk}.pdf")


PARTY_LABELS = {Party.WORKER: "Le candidat", Party.FUNDER: "Le financeur", Party.ORGANISATION: "L'organisme"}


def agreement_pdf(request: FundingRequest) -> bytes:
    agreement = request.agreement
    pdf = Document(title=f"Convention de prise en charge n° {request.pk}", repeat_sources=False).start()
    pdf.para(HEADER, size=9)
    pdf.ln(4)
    pdf.para("Convention de prise en charge des frais de VAE", size=14, bold=True, height=7)
    pdf.para(f"Établie le {french_date(agreement.created_on)} pour la demande n° {request.pk}")
    _subject(pdf, request)
    pdf.heading("Nature et conditions de prise en charge des frais")
    _lines(pdf, request)
    pdf.para(
        "Prix et modalités de règlement : le financeur règle à l'organisme les montants accordés ci-dessus, sur "
        "demande de paiement après le justificatif d'assiduité ou la fin de l'accompagnement.",
        size=9,
    )
    pdf.heading("Textes applicables")
    for source in Decision.from_dict(request.agreement_decision).sources:
        pdf.source(source)
    pdf.heading("Signatures")
    signatures = list(agreement.signatures.select_related("signed_by", "organisation"))
    rows = [
        [
            PARTY_LABELS.get(s.party, s.party) + (f" — {s.organisation.name}" if s.organisation_id else ""),
            s.signed_by.get_full_name() or s.signed_by.email,
            french_datetime(s.signed_at),
            "oui (L6421-1)" if s.records_consent else "",
        ]
        for s in signatures
    ]
    pdf.table_rows(
        ["Partie", "Signataire", "Signé le", "Consentement"],
        rows or [["—", "—", "—", ""]],
        widths=(60, 50, 35, 25),
        align=("LEFT", "LEFT", "LEFT", "LEFT"),
    )
    return pdf.to_bytes()


def agreement_file(request: FundingRequest) -> PdfFile | None:
    if not hasattr(request, "agreement"):
        return None
    return PdfFile(content=agreement_pdf(request), filename=f"convention-prise-en-charge-{request.pk}.pdf")
