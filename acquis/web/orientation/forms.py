""" """

from __future__ import annotations

from django import forms
from django.utils import timezone

from acquis.certifications.levels import framework_levels
from acquis.documents.text import french_date
from acquis.orientation import selectors
from acquis.orientation.figures import FIRST_DAY
from acquis.web.common.fields import PlausibleDateField


class FinderForm(forms.Form):
    """The finder's question, all on GET (``?q=…&niveau=…&departement=…``): a link can be shared or bookmarked."""

    q = forms.CharField(
        label="Décrivez ce que vous avez fait, avec vos mots",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : « aide-soignante de nuit en EHPAD depuis huit ans » ou « cariste en entrepôt ».",
    )
    metier = forms.CharField(
        label="Votre métier (facultatif)",
        required=False,
        max_length=200,
        help_text="Les premières lettres suffisent : Acquis vous propose les métiers du répertoire (ROME).",
    )
    metier_code = forms.TypedMultipleChoiceField(
        label="Métier choisi",
        required=False,
        coerce=int,
        choices=[],
        widget=forms.MultipleHiddenInput,
    )
    niveau = forms.TypedChoiceField(
        label="Niveau visé (facultatif)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tous les niveaux")] + [(str(level), f"Niveau {level}") for level in framework_levels()],
        error_messages={"invalid_choice": "Choisissez un niveau entre 1 et 8."},
    )
    departement = forms.ChoiceField(
        label="Votre département (facultatif)",
        required=False,
        help_text="Pour vous montrer les accompagnateurs proches de chez vous.",
        error_messages={"invalid_choice": "Ce département n'existe pas : choisissez-le dans la liste."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "Tous les départements")] + [
            (d.code, f"{d.code} — {d.name}") for d in selectors.departments()
        ]
        # Any code the ROME has; an unknown one is refused in clean_metier_code with a sentence.
        self.fields["metier_code"].valid_value = lambda value: True

    def clean_metier_code(self) -> list[int]:
        codes = self.cleaned_data["metier_code"]
        for code in codes:
            if selectors.job_title_by_code(code_ogr=code) is None:
                raise forms.ValidationError("Ce métier n'est pas dans le répertoire des métiers (ROME).")
        return codes


class LawDayForm(forms.Form):
    """« Le droit tel qu'il était le … »: any day from the first text Acquis holds to today."""

    date = PlausibleDateField(
        label="Afficher le droit tel qu'il était le",
        help_text="Format attendu : JJ/MM/AAAA",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Saisissez une date valide, par exemple 15/03/2024."},
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < FIRST_DAY:
            raise forms.ValidationError(
                f"Acquis connaît le droit de la VAE à partir du {french_date(FIRST_DAY)} : "
                "choisissez une date à partir "
                "de ce jour."
            )
        if day > timezone.localdate():
            raise forms.ValidationError(
                "Choisissez une date passée ou aujourd'hui : le droit à venir n'est pas connu."
            )
        return day
