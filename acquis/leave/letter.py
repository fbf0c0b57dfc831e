"""The congé VAE request letter, as a PDF generated server-side (fpdf2, embedded DejaVu Sans subset).

It carries every mention R6422-2 requires (1° the certification, 2° the dates, nature and duration of each
action, 3° the certifier; the proofs attached), the identities of both parties, how the receipt gets its
« date certaine » (R6422-3) and the dates the rules derive from it, each with the article version it rests
on. The content comes from ``selectors.leave_request_letter`` (a LeaveLetter): this module only lays it out.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from acquis.leave.enums import STATUS_LABELS, AttachmentKind, ReceiptMethod
from acquis.leave.selectors import LeaveLetter
from acquis.leave.working_time import working_time_sources
from acquis.rules import Decision
from acquis.rules.decision import Source

# fpdf2 subsets the font on every output and fontTools logs each step at INFO: keep the logs readable.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
# The subset font's characters (fonts/README.md); anything else is replaced so nothing prints blank.
_SUPPORTED = (
    {chr(c) for c in range(0x20, 0x7F)}
    | {chr(c) for c in range(0xA0, 0x100)}
    | {"\u0152", "\u0153", "\u0178", "\u20ac", "\u2192", "\u2212", "\n"}
    | {chr(c) for c in range(0x2010, 0x2028)}
    | {chr(c) for c in range(0x2030, 0x203B)}
)
LETTER_ATTACHMENTS = (AttachmentKind.ADMISSIBILITY_PROOF, AttachmentKind.QUALIFICATION_PROOF)
MISSING_LABELS = {
    "certification": "la certification visée",
    "actions": "les dates, la nature et la durée des actions",
    "certifier": "le ministère ou l'organisme certificateur",
    "admissibility_proof": "le justificatif de recevabilité",
    "qualification_proof": "le justificatif du niveau de qualification",
}


def printable(text: str) -> str:
    return "".join(char if char in _SUPPORTED else "?" for char in text)


def _date(value: dt.date | str | None) -> str:
    if value is None:
        return "—"
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def _hours(value) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if hasattr(value, "as_tuple") else str(value)
    return f"{text} h"


def cite(source: Source) -> str:
    until = f" au {_date(source.valid_until)}" if source.valid_until else ""
    version = f"{source.legiarti}, en vigueur du {_date(source.valid_from)}{until}"
    return f"Article {source.article} du Code du travail ({version})"


class _Letter(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 18, 20)
        self.set_title("Demande d'autorisation d'absence — congé VAE")
        self.set_lang("fr-FR")
        self.set_creator("Acquis")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="C")

    def para(self, text: str, *, size: float = 10, bold: bool = False, height: float = 5) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, height, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.para(text, size=11, bold=True, height=6)

    def source(self, source: Source) -> None:
        self.set_text_color(70, 70, 70)
        self.para(f"{cite(source)} : « {source.sentence} »", size=8, height=4)
        self.set_text_color(0, 0, 0)


def _decided_line(pdf: _Letter, label: str, decision: Decision | None, value_text: str | None = None) -> None:
    if decision is None:
        return
    pdf.para(f"{label} : {value_text or _date(decision.value)}", bold=True)
    for source in decision.sources:
        pdf.source(source)


def _receipt(letter: LeaveLetter) -> str:
    request = letter.request
    if not request.receipt_method:
        return (
            "À transmettre à l'employeur par un moyen qui donne date certaine à sa réception : sur Acquis, par "
            "lettre recommandée avec avis de réception ou remise en main propre contre décharge."
        )
    method = ReceiptMethod(request.receipt_method).label
    text = f"{method}. Reçue par l'employeur le {_date(request.request_received)}."
    if request.acknowledged_at:
        text += f" Réception confirmée par l'employeur sur Acquis le {_date(request.acknowledged_at.date())}."
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
    pdf = _Letter()
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.para(employee.get_full_name() or employee.email, bold=True)
    pdf.para(employee.email)
    pdf.ln(4)
    pdf.para(employer.name, bold=True)
    pdf.para(f"SIRET {employer.siret}")
    pdf.para("À l'attention du service des ressources humaines")
    pdf.ln(4)
    pdf.para(f"Le {_date(today)} — demande n° {request.pk} (Acquis)")
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
        pdf.set_font(FONT, "", 9)
        with pdf.table(col_widths=(22, 22, 90, 20), text_align=("LEFT", "LEFT", "LEFT", "RIGHT")) as table:
            table.row(["Début", "Fin", "Nature", "Durée"])
            for action in letter.actions:
                table.row(
                    [
                        _date(action.start),
                        _date(action.end),
                        printable(action.get_nature_display()),
                        _hours(action.hours),
                    ]
                )
        total = sum(action.hours for action in letter.actions)
        pdf.para(f"Durée totale : {_hours(total)}")
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
            f" ; la convention ou l'accord collectif prévoit {_hours(request.collective_agreement_hours)}"
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
    _decided_line(pdf, "Dernier jour pour que la demande parvienne à l'employeur", letter.latest_send_date)
    if request.sent_late:
        pdf.para("La demande est parvenue après ce jour : elle est en retard.", bold=True)
    _decided_line(pdf, "Dernier jour pour la réponse écrite de l'employeur", letter.answer_due)
    _decided_line(pdf, "Report possible, pour raisons de service, au plus tard jusqu'au", postponement_limit)
    if letter.paid_hours is not None:
        _decided_line(pdf, "Heures rémunérées par validation", letter.paid_hours, _hours(letter.paid_hours.value))
    if status is not None:
        _decided_line(pdf, f"État de la demande le {_date(today)}", status, STATUS_LABELS[status.value])

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
    return bytes(pdf.output())
