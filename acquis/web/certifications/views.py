"""Public pages of the registry: the certification finder and one fiche."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.certifications import selectors
from acquis.certifications.levels import level_label
from acquis.orientation.selectors import accompaniers_near, department_by_code
from acquis.web.certifications.forms import CertificationSearchForm
from acquis.web.decorators import requires

PAGE_SIZE = 20
#: "NIV5" and empty: nothing to explain; anything else is an old name Acquis translated.
_FRAMEWORK_NOTATION = re.compile(r"^(NIV\s*\d)?$", re.IGNORECASE)


@require_safe
@requires(Action.VIEW_PUBLIC)
def finder(request):
    form = CertificationSearchForm(request.GET or None)
    page = None
    query = ""
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        results = selectors.certification_search(
            q=data.get("q", ""),
            level=data.get("niveau"),
            vae=data.get("vae"),
            rome=data.get("rome", ""),
            include_inactive=data.get("inactives", False),
        )
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
    return render(
        request,
        "web/certifications/finder.html",
        {
            "title": "Trouver une certification",
            "form": form,
            "page": page,
            "searched": page is not None,
            "query": query,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
@requires(Action.VIEW_PUBLIC)
def detail(request, code: str):
    certification = selectors.certification_by_code(code=code)
    if certification is None:
        raise Http404(f"La fiche {code} n'est pas dans le registre d'Acquis.")
    previous, following = selectors.certification_versions(certification=certification)
    # The finder carries the person's département here: the accompaniers near them, and on to registration.
    department = department_by_code(code=request.GET.get("departement", "")[:3])
    register = {"certification": certification.code, **({"departement": department.code} if department else {})}
    return render(
        request,
        "web/certifications/detail.html",
        {
            "title": f"{certification.code} — {certification.title}",
            "certification": certification,
            "level_text": level_label(certification.level),
            # Shown when the export wrote an old (1969) level name that Acquis translated.
            "published_level": "" if _FRAMEWORK_NOTATION.match(certification.level_raw) else certification.level_raw,
            "department": department,
            "accompaniers": accompaniers_near(department=department) if department else [],
            "register_url": f"{reverse('web:pathway_register')}?{urlencode(register)}",
            "open_to_vae": certification.active and certification.vae_accessible and not certification.absent_since,
            "previous_versions": previous,
            "next_versions": following,
            "france_competences_url": (
                f"https://www.francecompetences.fr/recherche/{certification.registry.value}/"
                f"{certification.code.removeprefix('RNCP').removeprefix('RS')}/"
            ),
        },
    )
