"""The funder's pages (R6411-5: a funder receives what its funding needs, nothing personal): the candidacies
of the collective programmes it sponsors, counted by status, and one candidacy's funding view. The GIP reads
any sponsor's page with ``?siret=`` (as for the accompaniers' and certifiers' worklists)."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from acquis.accounts.enums import Role
from acquis.pathways import selectors
from acquis.pathways.enums import STATUS_LABELS
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction
from acquis.web.decorators import requires
from acquis.web.paging import page_number
from acquis.web.pathways.common import load_candidacy, worklist_organisation
from acquis.web.pathways.organisations import PAGE_SIZE

TITLE = "Candidatures financées"


@require_safe
@requires(PathwayAction.VIEW_FUNDER_WORKLIST, load=partial(worklist_organisation, role=Role.FUNDER))
def pathway_funder_worklist(request, organisation):
    if organisation is None:
        # The GIP reaches a sponsor's page through its SIRET.
        return render(request, "web/pathways/funder_worklist.html", {"title": TITLE, "organisation": None})
    status = request.GET.get("statut", "")
    status = status if status in STATUS_LABELS else ""
    page = page_number(request)
    result = selectors.funder_worklist(
        organisation=organisation, status=status or None, page=page, page_size=PAGE_SIZE
    )
    base = {"siret": organisation.siret, **({"statut": status} if status else {})}
    pages = max((result.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render(
        request,
        "web/pathways/funder_worklist.html",
        {
            "title": f"{TITLE} — {organisation.name}",
            "organisation": organisation,
            "worklist": result,
            "counts": [(code, STATUS_LABELS[code], n) for code, n in result.counts.items() if n],
            "status": STATUS_LABELS.get(status, ""),
            "pages": pages,
            "previous_url": "?" + urlencode({**base, "page": page - 1}) if page > 1 else "",
            "next_url": "?" + urlencode({**base, "page": page + 1}) if page < pages else "",
        },
    )


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY_FUNDING, load=load_candidacy)
def pathway_funding(request, candidacy: Candidacy, pk: int):
    row = selectors.candidacy_funding(candidacy=candidacy)
    if row is None:
        raise Http404("Cette candidature n'est inscrite à aucun accompagnement collectif.")
    return render(
        request,
        "web/pathways/funding.html",
        {"title": f"Financement de la candidature n° {row.pk}", "row": row},
    )
