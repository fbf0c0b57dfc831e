from __future__ import annotations

import re

from django import forms

from acquis.certifications.levels import framework_levels

_ROME = re.compile(r"^[A-Z]\d{4}$")
VAE_CHOICES = [("", "Indifférent"), ("oui", "Accessible par la VAE"), ("non", "Non accessible par la VAE")]


class CertificationSearchForm(forms.Form):
    q = forms.CharField(
        label="Mots de l'intitulé ou numéro de fiche",
        required=False,
        max_length=200,
        help_text="Par exemple : assistant de vie, ou RNCP35506",
    )
    niveau = forms.TypedChoiceField(
        label="Niveau de qualification",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tous les niveaux")] + [(str(level), f"Niveau {level}") for level in framework_levels()],
        error_messages={"invalid_choice": "Choisissez un niveau entre 1 et 8."},
    )
    vae = forms.ChoiceField(
        label="Accès par la VAE",
        required=False,
        choices=VAE_CHOICES,
        error_messages={"invalid_choice": "Choisissez « oui », « non » ou « indifférent »."},
    )
    rome = forms.CharField(
        label="Code ROME (métier visé)",
        required=False,
        max_length=5,
        help_text="Une lettre et 4 chiffres, par exemple K1302",
        error_messages={"max_length": "Un code ROME a 5 caractères, par exemple K1302."},
    )
    inactives = forms.BooleanField(label="Inclure les fiches inactives", required=False)

    def clean_rome(self) -> str:
        code = self.cleaned_data["rome"].strip().upper()
        if code and not _ROME.match(code):
            raise forms.ValidationError("Un code ROME est une lettre suivie de 4 chiffres, par exemple K1302.")
        return code

    def clean_vae(self) -> bool | None:
        return {"oui": True, "non": False}.get(self.cleaned_data["vae"])
