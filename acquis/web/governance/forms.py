from django import forms

from acquis.governance.enums import (
    College,
    GipOrganisationKind,
    MinisterDecision,
    Ministry,
    OpinionOutcome,
    OpinionSubject,
    PresidencyCollege,
    Sex,
)
from acquis.web.fields import PlausibleDateField

DATE_HELP = "Format : JJ/MM/AAAA"


class TextArea(forms.Textarea):
    # components/form_field.html reads the widget's input_type (templates raise on unknown variables).
    input_type = "textarea"


class DateField(PlausibleDateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs.setdefault("error_messages", {"invalid": "Saisissez une date au format JJ/MM/AAAA."})
        super().__init__(*args, **kwargs)


def _blank(choices):
    return [("", "— Choisir —"), *choices]


class CommissionForm(forms.Form):
    name = forms.CharField(label="Nom de la commission", max_length=255)
    ministries = forms.CharField(label="Ministres auprès desquels elle est instituée", max_length=500)
    field = forms.CharField(label="Champ professionnel", max_length=500)
    term_start = DateField(label="Début du mandat des membres (date de l'arrêté de nomination)")
    term_years = forms.IntegerField(label="Durée du mandat, en années", min_value=1, max_value=10)
    first_presidency = forms.ChoiceField(
        label="Collège qui préside la première moitié du mandat", choices=_blank(PresidencyCollege.choices)
    )


class MemberForm(forms.Form):
    college = forms.ChoiceField(label="Collège", choices=_blank(College.choices))
    name = forms.CharField(label="Nom du membre titulaire", max_length=255)
    organisation = forms.CharField(
        label="Organisation représentée",
        max_length=255,
        required=False,
        help_text="Pour les collèges 1° et 2°, le nom exact de l'organisation représentative (ex. : CGT, MEDEF).",
    )
    ministry = forms.ChoiceField(
        label="Ministre qui le désigne (représentants de l'État)", choices=_blank(Ministry.choices), required=False
    )
    sex = forms.ChoiceField(label="Sexe du titulaire", choices=_blank(Sex.choices))
    substitute_name = forms.CharField(label="Nom du suppléant", max_length=255, required=False)
    substitute_sex = forms.ChoiceField(label="Sexe du suppléant", choices=_blank(Sex.choices), required=False)
    appointed_on = DateField(label="Date de nomination")
    term_years = forms.IntegerField(label="Durée du mandat, en années", min_value=1, max_value=10, required=False)


class InternalRulesForm(forms.Form):
    text = forms.CharField(label="Règlement intérieur", widget=TextArea(attrs={"rows": 6}))


class MeetingForm(forms.Form):
    held_on = DateField(label="Date de la séance")
    convened_on = DateField(label="Date de la convocation")
    agenda = forms.CharField(label="Ordre du jour", widget=TextArea(attrs={"rows": 3}))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label="Procès-verbal", widget=TextArea(attrs={"rows": 3}))


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label="Année (première année du programme)", min_value=2019, max_value=2100)
    adopted_on = DateField(label="Arrêté ou présenté le")
    published_on = DateField(label="Publié le", required=False)
    content = forms.CharField(label="Projets inscrits", widget=TextArea(attrs={"rows": 3}))


class ProposalForm(forms.Form):
    branch_commission = forms.CharField(label="CPNE de la branche", max_length=255)
    title = forms.CharField(label="Projet de diplôme ou titre proposé", max_length=500)
    notified_on = DateField(label="Secrétariat informé le", required=False)
    submitted_on = DateField(label="Proposition transmise le")


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision du ministre",
        choices=_blank([(value, label) for value, label in MinisterDecision.choices if value != "pending"]),
    )
    reasons = forms.CharField(
        label="Raisons de la décision",
        required=False,
        widget=TextArea(attrs={"rows": 2}),
        help_text="Obligatoires si tout ou partie de la proposition n'est pas retenue.",
    )


class OpinionForm(forms.Form):
    subject = forms.ChoiceField(label="Objet", choices=_blank(OpinionSubject.choices))
    rncp_code = forms.CharField(
        label="Numéro de fiche RNCP", max_length=16, required=False, help_text="Par exemple : RNCP12345"
    )
    certification_title = forms.CharField(
        label="Intitulé du diplôme ou titre",
        max_length=500,
        required=False,
        help_text="Facultatif si la fiche est au répertoire.",
    )
    required_for_profession = forms.BooleanField(
        label="Diplôme ou titre requis pour exercer une profession (avis simple)", required=False
    )
    outcome = forms.ChoiceField(label="Sens de l'avis", choices=_blank(OpinionOutcome.choices))
    given_on = DateField(label="Rendu le")


class GipMemberForm(forms.Form):
    name = forms.CharField(label="Nom de l'organisme", max_length=255)
    kind = forms.ChoiceField(label="Nature", choices=_blank(GipOrganisationKind.choices))
    joined_on = DateField(label="Membre depuis le")
