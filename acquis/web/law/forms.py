from __future__ import annotations

import re

from django import forms

from acquis.web.common.fields import PlausibleDateField

DATE_ERROR = "Saisissez une date valide au format AAAA-MM-JJ, par exemple 2019-11-04."
_NUMBER = re.compile(r"^[LRDA]\*?\d+(?:-\d+)*$")


def _date_field(label: str, *, required: bool, help_text: str = "") -> forms.DateField:
    return PlausibleDateField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": DATE_ERROR, "required": "Indiquez une date."},
    )


class ArticleDateForm(forms.Form):
    date = _date_field("Date", required=False, help_text="Format : AAAA-MM-JJ. Par défaut : aujourd'hui.")


class ArticleSearchForm(forms.Form):
    numero = forms.CharField(label="Numéro d'article", max_length=32, help_text="Par exemple : R6422-4")
    date = _date_field("Date", required=False, help_text="Format : AAAA-MM-JJ. Par défaut : aujourd'hui.")

    def clean_numero(self) -> str:
        number = self.cleaned_data["numero"].strip().upper().replace(" ", "")
        if not _NUMBER.match(number):
            raise forms.ValidationError("Numéro d'article non reconnu : par exemple L6411-2 ou R6422-4.")
        return number


class DiffForm(forms.Form):
    du = _date_field("Du", required=True, help_text="Format : AAAA-MM-JJ")
    au = _date_field("Au", required=True, help_text="Format : AAAA-MM-JJ")
    article = forms.CharField(
        label="Article (facultatif)", required=False, max_length=32, help_text="Par exemple : R6422-4"
    )
    section = forms.CharField(
        label="Section (facultatif)",
        required=False,
        max_length=500,
        help_text="Identifiant LEGISCTA ou titres séparés par « > », par exemple « Partie réglementaire > "
        "Sixième partie ». Par défaut : la sixième partie, législative et réglementaire.",
    )

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["du"] >= data["au"]:
            raise forms.ValidationError("La date « Du » doit précéder la date « Au ».")
        if data.get("article") and data.get("section"):
            raise forms.ValidationError("Indiquez un article ou une section, pas les deux.")
        return data
