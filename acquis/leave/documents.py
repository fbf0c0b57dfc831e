"""The congé VAE request letter, as a PDF generated server-side (fpdf2, embedded DejaVu Sans subset).

It carries every mention R6422-2 requires (1° the certification, 2° the dates, nature and duration of each
action, 3° the certifier; the proofs attached), the identities of both parties, how the receipt gets its
« date certaine » (R6422-3) and the dates the rules derive from it, each with the article version it rests
on. The content comes from ``selectors.leave_request_letter`` (a LeaveLetter): this module only lays it out,
with the blocks every Acquis document shares (``acquis.documents.pdf``).
"""

from __future__ import annotations

import datetime as dt

from acquis.documents.pdf import Document, PdfFile, printable
from acquis.documents.text import french_date, hours
from acquis.leave import selectors
from acquis.leave.enums import STATUS_LABELS, AttachmentKind, ReceiptMethod
from acquis.leave.models import LeaveRequest
from acquis.leave.selectors import LeaveLetter
from acquis.leave.working_time import working_time_sources
from acquis.rules import Decision, ids
from acquis.rules.wording import wording_of

__all__ = ["leave_letter_file", "leave_letter_pdf", "printable"]

LETTER_ATTACHMENTS = (AttachmentKind.ADMISSIBILITY_PROOF, AttachmentKind.QUALIFICATION_PROOF)
MISSING_LABELS = wording_of(ids.LEAVE_REQUEST_MISSING_ITEMS).letter_values


def _receipt(letter: LeaveLetter) -> str:
    request = letter.request
    if not request.receipt_method:
        return (
            "À transmettre à l'employeur par un moyen qui donne date certaine à sa réception : sur Acquis, par "
            "lettre recommandée avec avis de réception ou remise en main propre contre décharge."
        )
    method = ReceiptMethod(request.receipt_method).label
    text = f"{method}. Reçue par l'employeur le {french_date(request.request_received)}."
    if request.acknowledged_at:
        text += f" Réception confirmée par l'employeur sur Acquis le {french_date(request.acknowledged_at.date())}."
    return text


def leave_letter_pdf(
    letter: LeaveLetter,
    *,
    today: dt.date,
    status: Decision | None = None,
    postponement_limit: Decision | None = None,
) -> bytes:
    """The letter as PDF bytes. For a sent request, pass leave.status on ``today`` and
    leave.postponement_latest_date: they are printed with their sources."""
    request, employee, employer = letter.request, letter.employee, letter.employer
    pdf = Document(title="Demande d'autorisation d'absence — congé VAE").start()

    pdf.para(employee.get_full_name() or employee.email, bold=True)
    pdf.para(employee.email)
    pdf.ln(4)
    pdf.para(employer.name, bold=True)
    pdf.para(f"SIRET {employer.siret}")
    pdf.para("À l'attention du service des ressources humaines")
    pdf.ln(4)
    pdf.para(f"Le {french_date(today)} — demande n° {request.pk} (Acquis)")
    pdf.ln(2)
    pdf.para(
        "Objet : demande d'autorisation d'absence au titre du congé pour validation des acquis de l'expérience",
        bold=True,
    )
    pdf.ln(2)
    pdf.para(
        "Madame, Monsieur, en application des articles L6422-1 et suivants et R6422-1 et suivants du Code du "
        "travail, je vous demande l'autorisation de m'absenter pour les actions de validation des acquis de "
        "mon expérience décrites ci-dessous."
    )

    pdf.heading("1° Certification professionnelle visée")
    code = f" (fiche {letter.certification_code})" if letter.certification_code else ""
    pdf.para((letter.certification_title or "non précisée") + code)

    pdf.heading("2° Dates, nature et durée des actions")
    if letter.actions:
        pdf.table_rows(
            ["Début", "Fin", "Nature", "Durée"],
            [
                [
                    french_date(action.start),
                    french_date(action.end),
                    action.get_nature_display(),
                    hours(action.hours),
                ]
                for action in letter.actions
            ],
            widths=(22, 22, 90, 20),
            align=("LEFT", "LEFT", "LEFT", "RIGHT"),
        )
        total = sum(action.hours for action in letter.actions)
        pdf.para(f"Durée totale : {hours(total)}")
    else:
        pdf.para("Aucune action n'est encore indiquée.")

    pdf.heading("3° Ministère ou organisme certificateur")
    pdf.para(letter.certifier_name or "non précisé")

    if letter.extension_claimed:
        pdf.heading("Augmentation de la durée de l'absence (article D6422-8)")
        level = f"niveau {request.qualification_level}" if request.qualification_level else "niveau non précisé"
        threatened = (
            " ; mon emploi est menacé par les évolutions économiques ou technologiques"
            if request.job_threatened
            else ""
        )
        agreed = (
            f" ; la convention ou l'accord collectif prévoit {hours(request.collective_agreement_hours)}"
            if request.collective_agreement_hours
            else ""
        )
        pdf.para(f"Je revendique l'augmentation conventionnelle de la durée ({level}{threatened}{agreed}).")

    pdf.heading("Pièces jointes")
    attached = [a for a in letter.attachments if a.kind in LETTER_ATTACHMENTS]
    if attached:
        for attachment in attached:
            pdf.para(f"– {attachment.get_kind_display()} : {attachment.original_name}")
    else:
        pdf.para("Aucune pièce jointe.")
    if letter.missing_items is not None and letter.missing_items.value:
        missing = ", ".join(MISSING_LABELS.get(code, code) for code in letter.missing_items.value)
        pdf.para(f"Mentions ou pièces manquantes au regard de l'article R6422-2 : {missing}.", bold=True)

    pdf.heading("Transmission (date certaine de réception)")
    pdf.para(_receipt(letter))

    pdf.heading("Dates qui en découlent")
    pdf.decided_line("Dernier jour pour que la demande parvienne à l'employeur", letter.latest_send_date)
    if request.sent_late:
        pdf.para("La demande est parvenue après ce jour : elle est en retard.", bold=True)
    pdf.decided_line("Dernier jour pour la réponse écrite de l'employeur", letter.answer_due)
    pdf.decided_line("Report possible, pour raisons de service, au plus tard jusqu'au", postponement_limit)
    if letter.paid_hours is not None:
        pdf.decided_line("Heures rémunérées par validation", letter.paid_hours, hours(letter.paid_hours.value))
    if status is not None:
        pdf.decided_line(f"État de la demande le {french_date(today)}", status, STATUS_LABELS[status.value])

    sources = working_time_sources(request.actions_start or request.request_received or today)
    if sources:
        pdf.heading("Temps de travail et protection (article R6422-8-1)")
        pdf.para(
            "Pendant le temps de travail, les heures consacrées aux actions sont du temps de travail effectif et "
            "la rémunération est maintenue ; en dehors du temps de travail, le salarié bénéficie de la protection "
            "en matière d'accidents du travail et de maladies professionnelles."
        )
        for source in sources:
            pdf.source(source)

    pdf.ln(6)
    pdf.para("Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.")
    pdf.ln(8)
    pdf.para(employee.get_full_name() or employee.email)
    return pdf.to_bytes()


def leave_letter_file(leave_request: LeaveRequest, *, today: dt.date) -> PdfFile:
    """The request's letter as it prints ``today`` (its status that day and the postponement limit), named
    as the site's page and the API's route both serve it."""
    pdf = leave_letter_pdf(
        selectors.leave_request_letter(leave_request, on=today),
        today=today,
        status=selectors.leave_request_status(leave_request, on=today),
        postponement_limit=selectors.leave_postponement_limit(leave_request),
    )
    return PdfFile(content=pdf, filename=f"demande-conge-vae-{leave_request.pk}.pdf")
