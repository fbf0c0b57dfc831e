"""« Mot de passe oublié » and password change (issue 15, point 5), on Django's views with audited writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from acquis.accounts.permissions import Action
from acquis.accounts.services import user_password_change
from acquis.accounts.signup import user_password_reset_request
from acquis.web.decorators import requires

NEW_PASSWORD_HELP = "12 caractères au moins, pas uniquement des chiffres, ni trop proche de votre nom."


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = auth_forms.forms.EmailField(
        label="Adresse électronique", help_text="L'adresse de votre compte. Format attendu : nom@domaine.fr"
    )

    def save(self, **kwargs) -> None:
        # Queued with the other e-mails (acquis.notifications) instead of Django's direct send_mail.
        for user in self.get_users(self.cleaned_data["email"]):
            user_password_reset_request(user=user)


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nouveau mot de passe"
        self.fields["new_password1"].help_text = NEW_PASSWORD_HELP
        self.fields["new_password2"].label = "Confirmez le nouveau mot de passe"
        self.error_messages["password_mismatch"] = "Les deux mots de passe ne sont pas identiques."

    def save(self, commit=True):
        return user_password_change(user=self.user, new_password=self.cleaned_data["new_password1"], actor=self.user)


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mot de passe actuel"
        self.error_messages["password_incorrect"] = "Le mot de passe actuel est incorrect. Vérifiez votre saisie."


def _public(view):
    return requires(Action.VIEW_PUBLIC)(view)


password_reset = _public(
    auth_views.PasswordResetView.as_view(
        form_class=PasswordResetForm,
        template_name="web/accounts/password_reset.html",
        success_url=reverse_lazy("web:password_reset_done"),
        extra_context={"title": "Mot de passe oublié"},
    )
)
password_reset_done = _public(
    auth_views.PasswordResetDoneView.as_view(
        template_name="web/accounts/password_reset_done.html", extra_context={"title": "Courriel envoyé"}
    )
)
password_reset_confirm = _public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=SetPasswordForm,
        template_name="web/accounts/password_reset_confirm.html",
        success_url=reverse_lazy("web:password_reset_complete"),
        extra_context={"title": "Choisir un mot de passe"},
    )
)
password_reset_complete = _public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="web/accounts/password_reset_complete.html", extra_context={"title": "Mot de passe enregistré"}
    )
)


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_ACCOUNT)
def password_change(request):
    if not request.user.has_usable_password():
        # Accounts opened through FranceConnect or ProConnect have no password here to change.
        return render(request, "web/accounts/password_change.html", {"title": "Changer de mot de passe"})
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, request.user)
        messages.success(request, "Votre mot de passe est changé.")
        return redirect("web:account")
    return render(
        request,
        "web/accounts/password_change.html",
        {"title": "Changer de mot de passe", "form": form},
        status=400 if form.errors else 200,
    )
