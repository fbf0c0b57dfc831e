"""The GIP opens professionals' accounts and grants or withdraws their roles (issue 15, point 5); all audited."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from acquis.accounts.enums import ORGANISATION_ROLES, Role
from acquis.accounts.models import Membership, Organisation, User
from acquis.accounts.permissions import Action
from acquis.accounts.services import membership_grant, membership_revoke
from acquis.accounts.signup import user_account_open
from acquis.territories.models import Department
from acquis.web.decorators import requires

SEARCH_LIMIT = 50


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=[("", "Choisissez un rôle"), *Role.choices])
    siret = forms.CharField(
        label="SIRET de l'organisation",
        required=False,
        help_text="14 chiffres ; obligatoire pour un employeur, un accompagnateur, un certificateur, un financeur "
        "ou un secrétariat de CPC. L'organisation doit être connue d'Acquis.",
    )
    department = forms.CharField(
        label="Département (facultatif)", required=False, max_length=3, help_text="Code INSEE, par exemple 31"
    )

    def clean_siret(self):
        siret = self.cleaned_data["siret"].replace(" ", "")
        if not siret:
            return None
        organisation = Organisation.objects.filter(siret=siret).first()
        if organisation is None:
            raise ValidationError("Aucune organisation connue d'Acquis n'a ce SIRET.")
        return organisation

    def clean_department(self):
        code = self.cleaned_data["department"].strip()
        if not code:
            return None
        department = Department.objects.filter(code=code).first()
        if department is None:
            raise ValidationError("Aucun département n'a ce code INSEE.")
        return department

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in ORGANISATION_ROLES and not cleaned.get("siret") and "siret" not in self.errors:
            self.add_error("siret", "Ce rôle s'exerce pour une organisation : indiquez son SIRET.")
        return cleaned


class AccountForm(RoleForm):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(label="Adresse électronique", help_text="Format attendu : nom@domaine.fr")
    field_order = ["first_name", "last_name", "email", "role", "siret", "department"]


def _apply(form, call) -> bool:
    """Run a service; its ValidationError becomes form errors (nothing is saved)."""
    try:
        call()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return False
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


def _accounts_page(request, form, status=200):
    query = request.GET.get("q", "").strip()
    people = User.objects.none()
    if query:
        people = User.objects.filter(
            Q(email__icontains=query) | Q(last_name__icontains=query) | Q(first_name__icontains=query)
        ).order_by("last_name", "email")[:SEARCH_LIMIT]
    return render(
        request,
        "web/accounts/staff_accounts.html",
        {"title": "Comptes", "form": form, "query": query, "people": people, "limit": SEARCH_LIMIT},
        status=status,
    )


@require_safe
@requires(Action.MANAGE_ACCOUNTS)
def accounts(request):
    return _accounts_page(request, AccountForm())


@require_POST
@requires(Action.MANAGE_ACCOUNTS)
def account_open(request):
    form = AccountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        opened = []
        if _apply(
            form,
            lambda: opened.append(
                user_account_open(
                    actor=request.user,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    role=data["role"],
                    organisation=data["siret"],
                    department=data["department"],
                )
            ),
        ):
            messages.success(request, "Compte ouvert : un courriel invite la personne à choisir son mot de passe.")
            return redirect("web:staff_account", pk=opened[0].pk)
    return _accounts_page(request, form, status=400)


def _person_page(request, person, form, status=200):
    memberships = person.memberships.select_related("organisation", "department", "region").order_by(
        "revoked_at", "-granted_at"
    )
    return render(
        request,
        "web/accounts/staff_account.html",
        {"title": f"Compte de {person}", "person": person, "memberships": memberships, "form": form},
        status=status,
    )


@require_safe
@requires(Action.MANAGE_ACCOUNTS)
def account_detail(request, pk: int):
    return _person_page(request, get_object_or_404(User, pk=pk), RoleForm())


@require_POST
@requires(Action.MANAGE_ACCOUNTS)
def role_grant(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        call = lambda: membership_grant(  # noqa: E731
            user=person,
            role=data["role"],
            organisation=data["siret"],
            department=data["department"],
            actor=request.user,
        )
        if _apply(form, call):
            messages.success(request, "Rôle attribué.")
            return redirect("web:staff_account", pk=person.pk)
    return _person_page(request, person, form, status=400)


@require_POST
@requires(Action.MANAGE_ACCOUNTS)
def role_revoke(request, pk: int, membership_id: int):
    membership = get_object_or_404(Membership, pk=membership_id, user_id=pk, revoked_at__isnull=True)
    membership_revoke(membership=membership, actor=request.user)
    messages.success(request, "Rôle retiré.")
    return redirect("web:staff_account", pk=pk)
