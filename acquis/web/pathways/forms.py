"""Forms of the VAE pathway pages: they parse input; the services decide and refuse (French messages)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from acquis.accounts.models import Organisation
from acquis.certifications.models import Certification, SkillBlock
from acquis.certifications.selectors import certification_by_code, skill_blocks_by_code
from acquis.documents.text import french_date
from acquis.pathways import selectors
from acquis.pathways.enums import (
    AccompanimentMode,
    AdmissibilityKind,
    AttestationKind,
    DropOutReason,
    EmploymentStatus,
    FeasibilityAttachmentKind,
    Opinion,
    ProgrammeFunder,
    ProgrammeKind,
    ResultKind,
    Sex,
)
from acquis.web.common.fields import TextArea, date_field

LEVELS = [("", "Choisir")] + [(str(level), f"Niveau {level}") for level in range(1, 9)]


def _choice(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, error_messages={"required": message}, **kwargs)


def certification_code_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=16,
        help_text="Par exemple RNCP12345 (recherchez-la ci-dessus).",
        error_messages={"required": "Indiquez le numéro de fiche de la certification visée."},
    )


def block_codes_field() -> forms.CharField:
    return forms.CharField(
        label="Blocs de compétences visés (facultatif)",
        required=False,
        max_length=500,
        help_text="Codes séparés par des virgules, par exemple RNCP12345BC01. Vide : toute la certification.",
    )


def certification_target(
    certification_code: str, block_codes: str
) -> tuple[Certification | None, list[SkillBlock], dict[str, str]]:
    """The certification and blocks a registration or a reorientation names (fiche number, block codes separated
    by commas), and the French error of each field that names something the registry lacks."""
    errors = {}
    code = certification_code.strip().upper()
    certification = certification_by_code(code=code)
    if certification is None:
        errors["certification_code"] = f"La fiche {code} n'est pas dans le répertoire : recherchez la certification."
    blocks = []
    codes = [part.strip().upper() for part in block_codes.split(",") if part.strip()]
    if certification is not None and codes:
        # Only this certification's blocks: a block of another fiche is named as not belonging to it.
        blocks = [block for block in skill_blocks_by_code(codes=codes) if block.certification_id == certification.pk]
        unknown = sorted(set(codes) - {block.code for block in blocks})
        if unknown:
            errors["block_codes"] = f"Ces blocs n'appartiennent pas à la certification : {', '.join(unknown)}."
    return certification, blocks, errors


class ExperienceForm(forms.Form):
    """One experience (R6412-2): title, dates, hours, employment status."""

    title = forms.CharField(
        label="Intitulé de l'expérience",
        max_length=255,
        help_text="Emploi, mission, activité bénévole…",
        error_messages={"required": "Indiquez l'intitulé de l'expérience."},
    )
    started_on = date_field("Début de l'expérience")
    ended_on = date_field("Fin de l'expérience", required=False, help_text="Laissez vide si elle se poursuit.")
    hours = forms.IntegerField(
        label="Durée (en heures)",
        min_value=1,
        error_messages={
            "required": "Indiquez la durée de l'expérience en heures.",
            "invalid": "Indiquez un nombre entier d'heures.",
            "min_value": "La durée doit être d'au moins une heure.",
        },
    )
    employment_status = _choice(
        "Statut pendant cette expérience",
        [("", "Choisir")] + EmploymentStatus.choices,
        "Choisissez le statut exercé pendant cette expérience.",
    )


class BlockChoiceField(forms.MultipleChoiceField):
    """Ticked blocks; an empty value (a form posted with the former text field) means none."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item]


class RegisterForm(forms.Form):
    """Registration (R6412-2); the first experience is an ExperienceForm (prefix ``experience``) beside it.
    ``on_behalf``: an accompanier or the GIP registers for a candidate, named by e-mail."""

    candidate_email = forms.EmailField(
        label="Adresse électronique du candidat",
        help_text="La personne reçoit une invitation : la candidature n'est créée que si elle l'accepte.",
        error_messages={"required": "Indiquez l'adresse du candidat.", "invalid": "Saisissez une adresse valide."},
    )
    certification_code = certification_code_field("Numéro de fiche RNCP ou RS de la certification visée")
    block_codes = block_codes_field()
    department = forms.CharField(
        label="Département de résidence",
        max_length=3,
        help_text="Son numéro, par exemple 31 ou 2A.",
        error_messages={"required": "Indiquez le département de résidence."},
    )
    qualification_level = forms.TypedChoiceField(
        label="Plus haut niveau de qualification atteint",
        choices=LEVELS,
        coerce=int,
        help_text="Cadre national des certifications professionnelles, du niveau 1 au niveau 8.",
        error_messages={"required": "Choisissez le plus haut niveau de qualification atteint."},
    )
    started_on = date_field("Début du parcours de VAE", help_text="Par défaut, aujourd'hui.")
    accompaniment_mode = _choice(
        "Parcours",
        AccompanimentMode.choices,
        "Choisissez un parcours autonome ou accompagné.",
        widget=forms.RadioSelect,
    )
    in_initial_training = forms.BooleanField(
        label="Je suis une formation initiale qui prépare à cette même certification", required=False
    )

    def __init__(self, *args, on_behalf: bool = False, **kwargs):
        kwargs.setdefault("initial", {"started_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if not on_behalf:
            del self.fields["candidate_email"]
        # Once the certification is known (chosen from the search, or posted), its blocks are offered as boxes
        # to tick: nobody types a block code. Unknown yet, the page asks to choose the certification first.
        code = self.data.get("certification_code") if self.is_bound else self.initial.get("certification_code")
        self.certification = certification_by_code(code=(code or "").strip().upper()) if code else None
        blocks = list(self.certification.blocks.order_by("code")) if self.certification is not None else []
        if blocks:
            self.fields["block_codes"] = BlockChoiceField(
                label="Blocs de compétences visés (facultatif)",
                required=False,
                choices=[(block.code, f"{block.code} — {block.title}") for block in blocks],
                widget=forms.CheckboxSelectMultiple,
                help_text="Cochez les blocs que vous visez ; aucun : toute la certification.",
                error_messages={"invalid_choice": "Ce bloc n'appartient pas à la certification choisie."},
            )

    def clean(self):
        # What the registry and the territories say is checked here too, so that every error shows at once.
        data = super().clean()
        if data.get("certification_code"):
            _, _, errors = certification_target(data["certification_code"], data.get("block_codes") or "")
            for name, message in errors.items():
                self.add_error(name, message)
        if data.get("department") and selectors.department_by_code(code=data["department"]) is None:
            self.add_error("department", "Ce numéro de département n'existe pas.")
        return data

    def clean_block_codes(self) -> str:
        # certification_target reads codes separated by commas, whichever widget gave them.
        value = self.cleaned_data.get("block_codes") or ""
        return ",".join(value) if isinstance(value, list) else value


class AccompanierChoiceForm(forms.Form):
    listing = forms.ModelChoiceField(
        label="Organisme accompagnateur",
        queryset=None,
        empty_label="Choisir",
        error_messages={"required": "Choisissez un organisme de la liste.", "invalid_choice": "Choix invalide."},
    )

    def __init__(self, *args, listings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = listings
        self.fields["listing"].label_from_instance = lambda listing: (
            f"{listing.organisation.name} (Qualiopi n° {listing.qualiopi_number}, "
            f"valide jusqu'au {french_date(listing.qualiopi_expires_on)})"
        )


class OpinionForm(forms.Form):
    opinion = _choice(
        "Avis sur l'adéquation de l'expérience à la certification visée",
        Opinion.choices,
        "Choisissez un avis favorable ou défavorable.",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Motivation de l'avis",
        widget=TextArea(attrs={"rows": 3}),
        error_messages={"required": "Motivez l'avis en quelques phrases."},
    )


class FeasibilityForm(forms.Form):
    """Filed today: the filing date is the portal's clock (the « date certaine », R6412-4), never typed."""

    kind = _choice(
        "Nature de la pièce jointe",
        FeasibilityAttachmentKind.choices,
        "Choisissez la nature de la pièce.",
        required=False,
    )
    document = forms.FileField(label="Pièce jointe (facultatif)", required=False, help_text="PDF, PNG ou JPEG.")


class AttachmentForm(forms.Form):
    """A piece added to the admissibility file while it is not complete (typically one the certifier asked for)."""

    kind = _choice("Nature de la pièce", FeasibilityAttachmentKind.choices, "Choisissez la nature de la pièce.")
    document = forms.FileField(
        label="Fichier",
        help_text="PDF, PNG ou JPEG.",
        error_messages={"required": "Choisissez le fichier à joindre."},
    )


class ValidationForm(forms.Form):
    summary = forms.CharField(
        label="Présentation du dossier de validation (facultatif)", required=False, widget=TextArea(attrs={"rows": 3})
    )
    document = forms.FileField(
        label="Dossier de validation",
        required=False,
        help_text="Le dossier que le jury examinera (article R6412-5). PDF, PNG ou JPEG, 20 Mo au plus.",
    )


class StepForm(forms.Form):
    """A step of the pathway after admissibility: it keeps the admissibility from lapsing (R6412-4)."""

    description = forms.CharField(
        label="Démarche accomplie",
        widget=TextArea(attrs={"rows": 2}),
        help_text="Par exemple : premier entretien avec l'accompagnateur, inscription à une session de jury.",
        error_messages={"required": "Décrivez la démarche accomplie."},
    )
    recorded_on = date_field("Date de la démarche")


class DropOutForm(forms.Form):
    reason = _choice(
        "Motif de l'abandon", [("", "Choisir")] + DropOutReason.choices, "Choisissez le motif de l'abandon."
    )
    note = forms.CharField(
        label="Précisions (obligatoires pour « Autre »)", required=False, widget=TextArea(attrs={"rows": 2})
    )


class AttestationForm(forms.Form):
    attestation_kind = _choice(
        "Attestation demandée", AttestationKind.choices, "Choisissez l'attestation demandée.", widget=forms.RadioSelect
    )


class AttestationIssueForm(forms.Form):
    """One per requested attestation on the candidacy page: ``attestation_id`` keeps the field ids apart. It is
    issued today (the portal's clock): the form only confirms."""

    def __init__(self, *args, attestation_id: int, **kwargs):
        kwargs.setdefault("auto_id", f"id_attestation_{attestation_id}_%s")
        super().__init__(*args, **kwargs)
        self.attestation_id = attestation_id


class PiecesForm(forms.Form):
    pieces = forms.CharField(
        label="Pièces manquantes",
        widget=TextArea(attrs={"rows": 2}),
        error_messages={"required": "Indiquez les pièces manquantes."},
    )


class ReceiptForm(forms.Form):
    """The complete file is acknowledged today: this « date certaine », from which the decision delay runs
    (R6412-4), is the portal's clock, never typed (a back-dated receipt made a file admissible by silence)."""


class DecisionForm(forms.Form):
    kind = _choice(
        "Décision sur la recevabilité",
        AdmissibilityKind.choices,
        "Choisissez : recevable ou non recevable.",
        widget=forms.RadioSelect,
    )
    gaps = forms.CharField(
        label="Écarts avec le référentiel (obligatoire si non recevable)",
        required=False,
        widget=TextArea(attrs={"rows": 2}),
    )
    recommendations = forms.CharField(label="Préconisations", required=False, widget=TextArea(attrs={"rows": 2}))


class JuryForm(forms.Form):
    held_on = date_field("Date du jury")
    # Required here: the candidate is told the hour with the day (issue 15). The API still accepts a jury
    # without one, as it did before.
    held_at = forms.TimeField(
        label="Heure du jury",
        help_text="Format : HH:MM, par exemple 14:00",
        input_formats=["%H:%M", "%Hh%M", "%H h %M", "%Hh"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Indiquez l'heure du jury.", "invalid": "Indiquez l'heure au format HH:MM."},
    )
    place = forms.CharField(label="Lieu (facultatif)", required=False, max_length=255)


class MemberForm(forms.Form):
    name = forms.CharField(label="Nom", required=False, max_length=255)
    sex = forms.ChoiceField(label="Sexe", choices=[("", "Choisir")] + Sex.choices, required=False)
    qualified = forms.BooleanField(label="Qualifié au regard de la certification", required=False)
    is_chair = forms.BooleanField(label="Président du jury", required=False)
    has_link_with_candidate = forms.BooleanField(label="A une relation avec le candidat", required=False)
    is_accompanier = forms.BooleanField(label="A accompagné le candidat", required=False)


MemberFormSet = forms.formset_factory(MemberForm, extra=4, max_num=12)


class ResultForm(forms.Form):
    kind = _choice(
        "Résultat du jury",
        ResultKind.choices,
        "Choisissez : validation totale, partielle ou refus.",
        widget=forms.RadioSelect,
    )
    blocks = forms.MultipleChoiceField(
        label="Blocs de compétences acquis (validation partielle)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(label="Observations du jury", required=False, widget=TextArea(attrs={"rows": 2}))

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blocks"].choices = [(str(block.pk), f"{block.code} — {block.title}") for block in blocks]


class NotifyForm(forms.Form):
    """The result is notified on the portal today (its clock), never on a typed date."""


class ListingForm(forms.Form):
    siret = forms.CharField(
        label="SIRET de l'organisme accompagnateur",
        max_length=20,
        error_messages={"required": "Indiquez le SIRET de l'organisme."},
    )
    qualiopi_number = forms.CharField(
        label="Numéro du certificat Qualiopi",
        max_length=64,
        error_messages={"required": "Indiquez le numéro du certificat Qualiopi."},
    )
    qualiopi_expires_on = date_field("Fin de validité du certificat Qualiopi")


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label="Motif du retrait",
        widget=TextArea(attrs={"rows": 2}),
        error_messages={"required": "Indiquez le motif du retrait de la liste."},
    )


def _organisation(siret: str) -> Organisation | None:
    """The organisation a SIRET field names (spaces allowed), None when left empty."""
    if not siret.replace(" ", ""):
        return None
    organisation = selectors.organisation_by_siret(siret=siret)
    if organisation is None:
        raise forms.ValidationError("Aucune organisation n'a ce SIRET dans Acquis.")
    return organisation


class ProgrammeForm(forms.Form):
    """A collective programme; field names are programme_create's, SIRETs and fiche numbers read as objects."""

    name = forms.CharField(
        label="Nom de l'accompagnement collectif",
        max_length=255,
        error_messages={"required": "Indiquez le nom de l'accompagnement collectif."},
    )
    kind = _choice(
        "Nature de l'accompagnement collectif",
        ProgrammeKind.choices,
        "Choisissez la nature de l'accompagnement collectif.",
        widget=forms.RadioSelect,
    )
    funder = _choice(
        "Organisé par (accompagnement collectif de l'État ou d'une région)",
        [("", "Choisir")] + ProgrammeFunder.choices,
        "",
        required=False,
        help_text="Article R6423-3-1 du code du travail, en vigueur de 2019 à 2023.",
    )
    branches = forms.CharField(
        label="Branches professionnelles associées (facultatif)",
        required=False,
        widget=TextArea(attrs={"rows": 2}),
        help_text="Pour un accompagnement collectif de l'État ou d'une région.",
    )
    sponsor = forms.CharField(
        label="SIRET du commanditaire (cohorte financée)",
        required=False,
        max_length=20,
        help_text="L'organisation qui finance la cohorte ; ses membres financeurs verront les candidatures inscrites.",
    )
    enrolment_code = forms.CharField(
        label="Code d'inscription",
        max_length=32,
        help_text="Communiqué aux candidats, qui s'inscrivent avec ce code ; enregistré en majuscules.",
        error_messages={"required": "Indiquez le code d'inscription."},
    )
    starts_on = date_field("Début de l'accompagnement collectif")
    ends_on = date_field(
        "Fin de l'accompagnement collectif", required=False, help_text="Laissez vide s'il se poursuit."
    )
    certifications = forms.CharField(
        label="Certifications visées (facultatif)",
        required=False,
        max_length=500,
        help_text="Numéros de fiche séparés par des virgules, par exemple RNCP12345. Vide : toute certification.",
    )
    accompanier = forms.CharField(
        label="SIRET de l'organisme accompagnateur (facultatif)",
        required=False,
        max_length=20,
        help_text="L'accompagnateur des candidats inscrits qui n'en ont pas encore choisi.",
    )

    def clean_sponsor(self) -> Organisation | None:
        return _organisation(self.cleaned_data["sponsor"])

    def clean_accompanier(self) -> Organisation | None:
        return _organisation(self.cleaned_data["accompanier"])

    def clean_certifications(self) -> list[Certification]:
        codes = {code.strip().upper() for code in self.cleaned_data["certifications"].split(",") if code.strip()}
        found = list(Certification.objects.filter(code__in=codes))
        unknown = sorted(codes - {certification.code for certification in found})
        if unknown:
            raise forms.ValidationError(f"Ces fiches ne sont pas dans le répertoire : {', '.join(unknown)}.")
        return found


class EnrolmentForm(forms.Form):
    """Enrolment in a collective programme; its date decides the help to file the admissibility request."""

    enrolment_code = forms.CharField(
        label="Code d'inscription à l'accompagnement collectif",
        max_length=32,
        help_text="Communiqué par l'organisateur de l'accompagnement collectif ou par le commanditaire de la cohorte.",
        error_messages={"required": "Indiquez le code d'inscription."},
    )
    on = date_field(
        "Date d'inscription",
        help_text="Par défaut, aujourd'hui. Le droit en vigueur à cette date décide de l'aide au dépôt de la "
        "demande de recevabilité.",
    )
