"""The funder's desk (requests addressed to it, totals by status, territory and month, envelopes, CSV export)
and the accompanier's billing page."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from acquis.funding import selectors, services
from acquis.funding.enums import RequestState
from acquis.funding.permissions import FundingAction
from acquis.web.common.errors import add_service_errors
from acquis.web.decorators import requires
from acquis.web.funding.common import billing_organisation, desk_funder
from acquis.web.funding.forms import EnvelopeForm
from acquis.web.paging import page_number


@require_safe
@requires(FundingAction.VIEW_FUNDER_DESK, load=desk_funder)
def funding_desk(request, funder):
    if funder is None:
        return render(request, "web/funding/desk.html", {"title": "Demandes de prise en charge", "funder": None})
    state = request.GET.get("etat", "")
    state = state if state in RequestState.values else ""
    page = page_number(request)
    total, rows = selectors.funder_requests(funder, state=state or None, page=page)
    return render(
        request,
        "web/funding/desk.html",
        {
            "title": f"Demandes de prise en charge — {funder.name}",
            "funder": funder,
            "totals": selectors.funder_totals(funder),
            "rows": rows,
            "total": total,
            "state": dict(RequestState.choices).get(state, ""),
            "envelopes": list(funder.envelopes.all()),
            "page": page,
        },
    )


@require_safe
@requires(FundingAction.VIEW_FUNDER_DESK, load=desk_funder)
def funding_export(request, funder):
    if funder is None:
        return HttpResponse("Indiquez le SIRET du financeur (?siret=).", status=400, content_type="text/plain")
    response = HttpResponse(selectors.export_csv(funder), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="prises-en-charge-{funder.organisation.siret}.csv"'
    return response


@require_safe
@requires(FundingAction.VIEW_BILLING, load=partial(billing_organisation))
def funding_billing(request, organisation):
    rows = selectors.billing_of(organisation) if organisation else []
    return render(
        request,
        "web/funding/billing.html",
        {"title": "Ce que vous pouvez facturer", "organisation": organisation, "rows": rows},
    )


@require_http_methods(["GET", "POST"])
@requires(FundingAction.MANAGE_ENVELOPES, load=desk_funder)
def funding_envelope_create(request, funder):
    form = EnvelopeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.envelope_create(actor=request.user, funder=funder, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Enveloppe créée.")
            return redirect(reverse("web:funding_desk") + f"?siret={funder.organisation.siret}")
    context = {"title": f"Nouvelle enveloppe — {funder.name}", "form": form, "funder": funder}
    return render(request, "web/funding/envelope_create.html", context, status=422 if form.errors else 200)
