"""Collective programmes (accompagnements collectifs): the GIP's list and creation form — the State's or a
region's programmes with branches (R6423-3-1, 2019-2023) and today's cohorts funded by a sponsor — and a
candidacy's enrolment with its code, from the candidacy page. Whether help to file the admissibility request
is offered is decided by the enrolment service (support.admissibility_filing_assistance) and shown on the
candidacy page with its Decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from acquis.pathways import selectors, services
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction
from acquis.web.common.errors import add_service_errors
from acquis.web.decorators import requires
from acquis.web.pathways import forms
from acquis.web.pathways.common import act, load_candidacy


@require_http_methods(["GET", "HEAD", "POST"])
@requires(PathwayAction.MANAGE_PROGRAMMES)
def pathway_programmes(request):
    form = forms.ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"« {programme.name} » est créé : les candidats s'y inscrivent avec le code "
                f"{programme.enrolment_code}.",
            )
            return redirect("web:pathway_programmes")
    return render(
        request,
        "web/pathways/programmes.html",
        {"title": "Accompagnements collectifs", "programmes": selectors.collective_programmes(), "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_programme_enrol(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.EnrolmentForm(request.POST),
        "enrol_form",
        lambda data: services.candidacy_programme_enrol(actor=request.user, candidacy=candidacy, **data),
        "L'inscription à l'accompagnement collectif est enregistrée.",
    )
