from django import forms

from acquis.accounts.enums import Role


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du système client", max_length=120, help_text="Par exemple : SIRH, logiciel de gestion des dossiers"
    )
    role = forms.ChoiceField(label="Rôle du client")

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # Only the roles the person may give (accounts.permissions.api_token_roles): the others are not offered.
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
