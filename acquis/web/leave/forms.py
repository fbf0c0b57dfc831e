"""Forms of the congé VAE pages: they parse input; the services decide and refuse (French messages)."""

from __future__ import annotations

import datetime as dt

from django import forms

from acquis.documents.text import french_date
from acquis.leave.enums import STATUS_LABELS, ActionNature, AnswerKind, AttachmentKind, ReceiptMethod
from acquis.web.common.fields import TextArea, date_field

YES_NO_UNKNOWN = [("", "Je ne sais pas encore"), ("true", "Oui"), ("false", "Non")]
LEVELS = [("", "Non renseigné")] + [(str(level), f"Niveau {level}") for level in range(1, 9)]


class DraftForm(forms.Form):
    """The request's mentions (R6422-2) and the facts of the paid hours (D6422-8).

    ``pathways`` are the employee's open candidacies on Acquis: choosing one fills the certification, the
    certifier and the start from it, and attaches its admissibility as the proof (leave_request_pathway_link).
    """

    pathway = forms.TypedChoiceField(
        label="Votre parcours VAE sur Acquis (facultatif)",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="La certification, le certificateur et le début du parcours sont alors repris du parcours, et "
        "sa recevabilité est jointe automatiquement dès qu'elle est prononcée.",
    )

    certification_code = forms.CharField(
        label="Numéro de fiche RNCP ou RS (facultatif)",
        required=False,
        max_length=16,
        help_text="Par exemple RNCP12345. Laissez vide si la certification n'a pas de fiche : l'intitulé suffit.",
    )
    certification_title = forms.CharField(
        label="Certification visée",
        required=False,
        max_length=500,
        help_text="Intitulé du diplôme, du titre ou du certificat de qualification.",
    )
    certifier_name = forms.CharField(label="Ministère ou organisme certificateur", required=False, max_length=255)
    employer_siret = forms.CharField(
        label="SIRET de votre employeur",
        max_length=20,
        help_text="14 chiffres, sur votre bulletin de salaire.",
        error_messages={"required": "Indiquez le SIRET de votre employeur."},
    )
    employer_name = forms.CharField(
        label="Raison sociale de l'employeur",
        required=False,
        max_length=255,
        help_text="Seulement si Acquis ne connaît pas encore l'entreprise.",
    )
    pathway_started_on = date_field(
        "Début de votre parcours de VAE",
        required=False,
        help_text="Cette date fixe le nombre d'heures rémunérées (article D6422-8).",
    )
    extension_claimed = forms.BooleanField(
        label="Je revendique l'augmentation conventionnelle de la durée de l'absence", required=False
    )
    qualification_level = forms.TypedChoiceField(
        label="Niveau de qualification atteint",
        choices=LEVELS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    job_threatened = forms.BooleanField(
        label="Mon emploi est menacé par les évolutions économiques ou technologiques", required=False
    )
    collective_agreement_hours = forms.DecimalField(
        label="Heures prévues par votre convention ou accord collectif",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        error_messages={
            "invalid": "Indiquez un nombre d'heures.",
            "min_value": "Le nombre d'heures doit être positif.",
        },
    )
    funding_obtained = forms.TypedChoiceField(
        label="Prise en charge des frais obtenue",
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )
    complementary_evaluation = forms.BooleanField(
        label="Ma demande porte sur une évaluation complémentaire après une validation partielle",
        required=False,
        help_text="Cochez si vous avez déjà obtenu une partie de la certification et passez le reste.",
    )
    fixed_term_contract_end = date_field(
        "Fin de votre contrat à durée déterminée (CDD)",
        required=False,
        help_text="Seulement si vous êtes en CDD : la date de fin prévue au contrat (article R6422-7-1).",
    )

    def __init__(self, *args, pathways=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].choices = [("", "Aucun")] + [
            (str(c.pk), f"Parcours n° {c.pk} — {c.certification.title} (débuté le {french_date(c.started_on)})")
            for c in pathways
        ]


class ActionForm(forms.Form):
    """One action of the leave (R6422-1): its dates, nature and duration."""

    start = date_field("Date de début de l'action")
    end = date_field("Date de fin de l'action")
    nature = forms.ChoiceField(
        label="Nature de l'action",
        choices=[("", "Choisir")] + ActionNature.choices,
        error_messages={"required": "Choisissez la nature de l'action."},
    )
    hours = forms.DecimalField(
        label="Durée (en heures)",
        max_digits=6,
        decimal_places=2,
        error_messages={"required": "Indiquez la durée de l'action en heures.", "invalid": "Indiquez un nombre."},
    )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Nature de la pièce",
        choices=[
            (AttachmentKind.ADMISSIBILITY_PROOF.value, AttachmentKind.ADMISSIBILITY_PROOF.label),
            (AttachmentKind.QUALIFICATION_PROOF.value, AttachmentKind.QUALIFICATION_PROOF.label),
        ],
    )
    file = forms.FileField(
        label="Fichier",
        help_text="PDF, PNG ou JPEG, 20 Mo au plus.",
        error_messages={"required": "Choisissez le fichier à joindre."},
    )


class SendForm(forms.Form):
    receipt_method = forms.ChoiceField(
        label="Comment l'employeur reçoit-il la demande ?",
        choices=ReceiptMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez comment la demande est remise à l'employeur."},
    )
    received_on = date_field(
        "Date de réception par l'employeur",
        required=False,
        help_text="Lettre recommandée : date de l'avis de réception. Remise en main propre : date de la décharge.",
    )
    receipt_file = forms.FileField(
        label="Avis de réception ou décharge signée",
        required=False,
        help_text="PDF, PNG ou JPEG, 20 Mo au plus. Inutile pour une transmission par Acquis.",
    )

    def __init__(self, *args, platform_available: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not platform_available:
            self.fields["receipt_method"].choices = [
                choice for choice in ReceiptMethod.choices if choice[0] != ReceiptMethod.PLATFORM
            ]


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label="Votre réponse",
        choices=AnswerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez une réponse : accord ou report."},
    )
    postponed_to = date_field("Absence reportée au", required=False, help_text="Seulement en cas de report.")
    reasons = forms.CharField(
        label="Raisons de service motivant le report",
        required=False,
        widget=TextArea(attrs={"rows": 3}),
        help_text="Obligatoires en cas de report (article R6422-4).",
    )

    def __init__(self, *args, requested_start: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.requested_start = requested_start

    def clean(self):
        cleaned = super().clean()
        postponed_to, start = cleaned.get("postponed_to"), self.requested_start
        if cleaned.get("kind") == AnswerKind.POSTPONE and postponed_to and start and postponed_to <= start:
            # A « report » to a date on or before the start the employee asked for would be an accord under
            # another name; R6422-4 lets the employer accept or postpone, never refuse.
            self.add_error(
                "postponed_to",
                f"Un report fixe une date postérieure au début des actions demandé par le salarié "
                f"({french_date(start)}). Pour accepter ces dates, choisissez « Accord ».",
            )
        return cleaned


class AttendanceRequestForm(forms.Form):
    message = forms.CharField(
        label="Message au salarié (facultatif)", required=False, widget=TextArea(attrs={"rows": 2})
    )


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(
        label="Attestation de présence",
        help_text="Délivrée par le certificateur ou l'accompagnateur. PDF, PNG ou JPEG, 20 Mo au plus.",
        error_messages={"required": "Choisissez le fichier de l'attestation."},
    )


class FunderFindForm(forms.Form):
    reference = forms.IntegerField(
        label="Numéro de la demande",
        min_value=1,
        help_text="Le numéro figure sur la lettre de demande que le salarié vous a transmise.",
        error_messages={"required": "Indiquez le numéro de la demande.", "invalid": "Le numéro est un nombre."},
    )
    employer_siret = forms.CharField(
        label="SIRET de l'employeur",
        max_length=20,
        error_messages={"required": "Indiquez le SIRET de l'employeur."},
    )
    message = forms.CharField(
        label="Message au salarié (facultatif)", required=False, widget=TextArea(attrs={"rows": 2})
    )


class EmployerFilterForm(forms.Form):
    status = forms.ChoiceField(label="État", required=False, choices=[("", "Tous")] + list(STATUS_LABELS.items()))
    due_from = date_field("Réponse due à partir du", required=False)
    due_until = date_field("Réponse due jusqu'au", required=False)
