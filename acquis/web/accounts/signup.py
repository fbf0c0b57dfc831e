"""Sign-up with a verified address (issue 15, point 5): anyone opens a candidate's or an employee's account."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from acquis.accounts.models import User
from acquis.accounts.permissions import Action
from acquis.accounts.signup import SignupProfile, user_email_verify, user_signup
from acquis.web.decorators import requires


class SignupForm(forms.Form):
    profile = forms.ChoiceField(label="Vous créez un compte pour…", choices=SignupProfile.CHOICES)
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(label="Adresse électronique", help_text="Format attendu : nom@domaine.fr")
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput,
        help_text="12 caractères au moins, pas uniquement des chiffres, ni trop proche de votre nom.",
    )
    password2 = forms.CharField(label="Confirmez le mot de passe", strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in (
            ("first_name", "given-name"),
            ("last_name", "family-name"),
            ("email", "email"),
            ("password1", "new-password"),
            ("password2", "new-password"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif first:
            probe = User(email=cleaned.get("email", ""), first_name=cleaned.get("first_name", ""))
            probe.last_name = cleaned.get("last_name", "")
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_PUBLIC)
def signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user_signup(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            profile=data["profile"],
        )
        # The same page whether or not the address already had an account (acquis.accounts.signup).
        return render(
            request, "web/accounts/signup_sent.html", {"title": "Confirmez votre adresse", "email": data["email"]}
        )
    return render(
        request,
        "web/accounts/signup.html",
        {"title": "Créer un compte", "form": form, "oidc_providers": sorted(settings.ACQUIS_OIDC_PROVIDERS)},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_PUBLIC)
def signup_confirm(request, token: str):
    # A GET only shows the button: mail scanners open links, and a GET writes nothing (acquis.web.middleware).
    if request.method != "POST":
        return render(request, "web/accounts/signup_confirm.html", {"title": "Activer mon compte"})
    try:
        user = user_email_verify(token=token)
    except ValidationError as error:
        already = getattr(error, "code", None) == "already_verified"
        return render(
            request,
            "web/accounts/signup_invalid.html",
            {"title": "Lien de confirmation", "message": error.messages[0], "already": already},
            status=200 if already else 400,
        )
    login(request, user, backend="acquis.accounts.backends.EmailBackend")
    messages.success(request, "Votre adresse est confirmée et votre compte est activé. Bienvenue sur Acquis.")
    return redirect(settings.LOGIN_REDIRECT_URL)
