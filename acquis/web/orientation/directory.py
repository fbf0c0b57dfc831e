"""« Où se faire conseiller »: the directory of career-advice operators (CEP), VAE advice centres and
accompaniers on the GIP's list, by région and département; each accompanier's page with what R6423-4 says a
person is told before choosing it, and its edit page for the accompanier's own members (and the GIP)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from acquis.accounts.models import Organisation
from acquis.accounts.permissions import Action, can
from acquis.orientation import selectors, services
from acquis.orientation.enums import OperatorKind
from acquis.orientation.permissions import OrientationAction
from acquis.territories.models import Department, Region
from acquis.web.common.blocks import law_url
from acquis.web.common.errors import add_service_errors
from acquis.web.common.fields import TextArea
from acquis.web.decorators import requires


class DirectoryForm(forms.Form):
    region = forms.CharField(required=False, label="Région", max_length=3)
    departement = forms.CharField(required=False, label="Département (numéro)", max_length=3)
    nature = forms.ChoiceField(
        required=False, label="Type de lieu", choices=[("", "Tous")] + list(OperatorKind.choices)
    )

    def clean_region(self) -> Region | None:
        code = self.cleaned_data["region"].strip()
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError("Cette région n'existe pas : choisissez-la dans la liste.")
        return region

    def clean_departement(self) -> Department | None:
        code = self.cleaned_data["departement"].strip().upper()
        if not code:
            return None
        if len(code) == 1 and code.isdigit():
            code = "0" + code  # « 1 » for the Ain, as people write it
        department = Department.objects.filter(code=code).first()
        if department is None:
            raise forms.ValidationError("Ce numéro de département n'existe pas. Exemples : 35, 2A, 974.")
        return department


PAGE_SIZE = 50


@require_safe
@requires(Action.VIEW_PUBLIC)
def advice_directory(request):
    form = DirectoryForm(request.GET or None)
    rows, searched, status = [], False, 200
    if request.GET:
        if form.is_valid():
            data = form.cleaned_data
            searched = True
            rows = list(
                selectors.directory(region=data["region"], department=data["departement"], kind=data["nature"])[
                    : PAGE_SIZE + 1
                ]
            )
        else:
            status = 400
    today = timezone.localdate()
    organisation_ids = [row.organisation_id for row in rows if row.organisation_id]
    cards = {
        pk: selectors.accompanier_card(organisation=row.organisation, on=today)
        for row in rows
        if (pk := row.organisation_id)
    }
    return render(
        request,
        "web/orientation/directory.html",
        {
            "title": "Où se faire conseiller",
            "form": form,
            "regions": selectors.regions(),
            "kinds": OperatorKind.choices,
            "searched": searched,
            "rows": [{"operator": row, "card": cards.get(row.organisation_id)} for row in rows[:PAGE_SIZE]],
            "truncated": len(rows) > PAGE_SIZE,
            "has_accompaniers": bool(organisation_ids),
        },
        status=status,
    )


def load_accompanier(request, siret: str, **kwargs) -> Organisation:
    organisation = selectors.accompanier_organisation(siret=siret)
    if organisation is None:
        raise Http404("Aucun accompagnateur de la liste du GIP n'a ce SIRET.")
    return organisation


@require_safe
@requires(Action.VIEW_PUBLIC)
def accompanier_profile(request, siret: str):
    organisation = load_accompanier(request, siret)
    return render(
        request,
        "web/orientation/accompanier.html",
        {
            "title": organisation.name,
            "card": selectors.accompanier_card(organisation=organisation),
            "sites": selectors.accompanier_sites(organisation=organisation),
            "can_edit": can(request.user, OrientationAction.EDIT_ACCOMPANIER_PROFILE, organisation),
            "article_url": law_url("R6423-4", timezone.localdate()),
        },
    )


def load_editable_accompanier(request, siret: str, **kwargs) -> Organisation:
    """Another organisation's member gets the 404 an unknown SIRET gets: the page says nothing of who edits."""
    organisation = load_accompanier(request, siret)
    if request.user.is_authenticated and not can(
        request.user, OrientationAction.EDIT_ACCOMPANIER_PROFILE, organisation
    ):
        raise Http404("Aucun accompagnateur de la liste du GIP n'a ce SIRET.")
    return organisation


class ProfileForm(forms.Form):
    reception_conditions = forms.CharField(
        label="Conditions d'accueil",
        help_text="Lieux, horaires, accessibilité aux personnes handicapées, accueil sur place ou à distance.",
        widget=TextArea(attrs={"rows": 4}),
        max_length=services.PROFILE_MAX_LENGTH,
    )
    methods = forms.CharField(
        label="Modalités de l'accompagnement",
        help_text=("Entretiens individuels, ateliers collectifs, durée, aide aux dossiers, préparation au jury."),
        widget=TextArea(attrs={"rows": 4}),
        max_length=services.PROFILE_MAX_LENGTH,
    )
    staff_qualification = forms.CharField(
        label="Formation et qualification des accompagnateurs",
        help_text="Diplômes, formations suivies, expérience de l'accompagnement en VAE.",
        widget=TextArea(attrs={"rows": 4}),
        max_length=services.PROFILE_MAX_LENGTH,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(OrientationAction.EDIT_ACCOMPANIER_PROFILE, load=load_editable_accompanier)
def accompanier_profile_edit(request, organisation: Organisation, siret: str):
    profile = selectors.accompanier_card(organisation=organisation).profile
    initial = {name: getattr(profile, name) for name in services.PROFILE_FIELDS} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.accompanier_profile_update(organisation=organisation, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Vos informations sont enregistrées : les candidats les voient avant de vous choisir."
            )
            return redirect("web:accompanier_profile", siret=organisation.siret)
    return render(
        request,
        "web/orientation/accompanier_edit.html",
        {"title": f"Informations de {organisation.name}", "organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )
