from django import forms

from acquis.accounts.enums import API_TOKEN_ROLES, Role


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du système client", max_length=120, help_text="Par exemple : SIRH, logiciel de gestion des dossiers"
    )
    role = forms.ChoiceField(
        label="Rôle du client", choices=[(r.value, r.label) for r in Role if r in API_TOKEN_ROLES]
    )
