"""Forms of the lifecycle pages (legitimate reason, archive, reorientation, reopening, litigation, withdrawal
of a result for fraud): they parse input; the services decide and refuse (French messages)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from acquis.pathways.enums import ArchiveReason
from acquis.web.common.fields import TextArea, date_field
from acquis.web.pathways.forms import block_codes_field, certification_code_field, certification_target


class LegitimateReasonForm(forms.Form):
    """R6412-4: with a legitimate reason recorded, the admissibility does not lapse."""

    reason = forms.CharField(
        label="Motif légitime",
        widget=TextArea(attrs={"rows": 3}),
        help_text="Par exemple : hospitalisation, congé maternité, changement d'employeur.",
        error_messages={"required": "Indiquez le motif légitime."},
    )
    recorded_on = date_field("Date du motif")


class ArchiveForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motif de l'archivage",
        choices=[("", "Choisir")] + ArchiveReason.choices,
        error_messages={"required": "Choisissez le motif de l'archivage."},
    )
    note = forms.CharField(label="Précisions (facultatif)", required=False, widget=TextArea(attrs={"rows": 2}))


class ReorientForm(forms.Form):
    """The new target, typed as on the registration form (fiche number, optional block codes); ``clean``
    turns them into the Certification and its SkillBlocks the service takes."""

    certification_code = certification_code_field("Numéro de fiche RNCP ou RS de la nouvelle certification visée")
    block_codes = block_codes_field()
    note = forms.CharField(
        label="Motif de la réorientation (facultatif)", required=False, widget=TextArea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if "certification_code" not in data:
            return data
        certification, blocks, errors = certification_target(data["certification_code"], data.get("block_codes", ""))
        if errors:
            raise ValidationError(errors)
        data["certification"] = certification
        data["blocks"] = blocks
        return data


class ReopenForm(forms.Form):
    """Nothing to type: the page states what reopening does, and the service says when it is refused."""


class LitigationForm(forms.Form):
    pending = forms.TypedChoiceField(
        label="Contentieux",
        choices=[("true", "Un contentieux est en cours"), ("false", "Aucun contentieux en cours (levée)")],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez si un contentieux est en cours."},
    )
    note = forms.CharField(
        label="Référence du contentieux (obligatoire s'il est en cours)",
        required=False,
        max_length=500,
        help_text="Par exemple : tribunal administratif de Toulouse, requête n° 2401234.",
    )


class ObservationsRequestForm(forms.Form):
    """Before a result is withdrawn for fraud, the candidate is invited to present observations."""

    reason = forms.CharField(
        label="Faits reprochés au candidat",
        widget=TextArea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez les faits reprochés au candidat."},
    )
    requested_on = date_field("Observations demandées le")


class WithdrawForm(forms.Form):
    observations = forms.CharField(
        label="Observations présentées par le candidat (facultatif)",
        required=False,
        widget=TextArea(attrs={"rows": 3}),
        help_text="Laissez vide si le candidat n'en a pas présenté.",
    )
    withdrawn_on = date_field("Résultat retiré le")


class DateCorrectionForm(forms.Form):
    """The GIP's correction of a date of legal effect of the admissibility file (R6412-4)."""

    field = forms.ChoiceField(
        label="Date à corriger",
        choices=[
            ("filed_on", "Dépôt du dossier de faisabilité"),
            ("complete_on", "Réception du dossier complet (date certaine d'où court le délai de décision)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez la date à corriger."},
    )
    on = date_field("Date exacte")
    reason = forms.CharField(
        label="Motif de la correction",
        widget=TextArea(attrs={"rows": 2}),
        help_text="Par exemple : dossier reçu par courrier le 3 mars, enregistré sur le portail le 10. "
        "Le motif et les dates avant et après sont conservés au journal.",
        error_messages={"required": "Indiquez le motif de la correction."},
    )
