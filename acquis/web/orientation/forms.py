from __future__ import annotations

from django import forms
from django.utils import timezone

from acquis.orientation.figures import FIRST_DAY


class LawDayForm(forms.Form):
    """« Le droit tel qu'il était le … »: any day from the first text Acquis holds to today."""

    date = forms.DateField(
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
                f"Acquis connaît le droit de la VAE à partir du {FIRST_DAY:%d/%m/%Y} : choisissez une date à partir "
                "de ce jour."
            )
        if day > timezone.localdate():
            raise forms.ValidationError(
                "Choisissez une date passée ou aujourd'hui : le droit à venir n'est pas connu."
            )
        return day
