"""The funder's desk (requests addressed to it, totals by status, territory and month, envelopes, CSV export)
and the accompanier's billing page."""

from __future__ import annotations

from functools import partial

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from acquis.funding import selectors
from acquis.funding.enums import RequestState
from acquis.funding.permissions import FundingAction
from acquis.web.decorators import requires
from acquis.web.funding.common import billing_organisation, desk_funder
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
