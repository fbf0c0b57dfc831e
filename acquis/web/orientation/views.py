"""The finder's public page: from what a person did to the certifications open to VAE that fit (issue 14)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.orientation import selectors
from acquis.orientation.finder import FinderError, find
from acquis.web.decorators import requires
from acquis.web.orientation.forms import FinderForm

RESULTS = 10


def _links(code: str, department: str) -> dict[str, str]:
    """The certification's page and the registration with it filled in, carrying the département along."""
    extra = {"departement": department} if department else {}
    return {
        "page": reverse("web:certification", kwargs={"code": code}) + (f"?{urlencode(extra)}" if extra else ""),
        "register": reverse("web:pathway_register") + "?" + urlencode({"certification": code, **extra}),
    }


def _with(request, *, drop: str = "", add: int | None = None, remove: int | None = None) -> str:
    """This page's address with a job title added or removed (the suggestions' and the chips' links)."""
    params = request.GET.copy()
    params.pop(drop, None)
    codes = [c for c in params.getlist("metier_code") if c != str(remove)]
    if add is not None and str(add) not in codes:
        codes.append(str(add))
    params.setlist("metier_code", codes)
    return f"{reverse('web:finder')}?{params.urlencode()}#resultats"


@require_safe
@requires(Action.VIEW_PUBLIC)
def finder(request):
    form = FinderForm(request.GET or None)
    context = {
        "title": "Quelle certification pour mon expérience ?",
        "form": form,
        "answer": None,
        "results": [],
        "suggestions": [],
        "picked": [],
        "recognised": [],
        "department": None,
        "directory_url": reverse("web:advice_directory"),
    }
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        picked = list(data["metier_code"])
        typed = data["metier"].strip()
        if typed:
            exact = selectors.job_title_exact(text=typed)
            if exact is not None:
                picked.append(exact.code_ogr)
            else:
                # The step that replaces autocomplete without JavaScript: the titles the letters typed name.
                context["suggestions"] = [
                    (title, _with(request, drop="metier", add=title.code_ogr))
                    for title in selectors.job_title_suggestions(text=typed)
                ]
        try:
            answer = find(
                data["q"], level=data["niveau"], department=data["departement"], limit=RESULTS, job_titles=picked
            )
        except FinderError as error:
            form.add_error(None, str(error))
        else:
            context["answer"] = answer
            if data["departement"]:
                context["department"] = selectors.department_by_code(code=data["departement"])
                context["directory_url"] += "?" + urlencode({"departement": data["departement"]})
            context["results"] = [(result, _links(result.code, data["departement"])) for result in answer.results]
            context["picked"] = [
                (title, _with(request, drop="metier", remove=title.code_ogr))
                for title in (selectors.job_title_by_code(code_ogr=code) for code in dict.fromkeys(picked))
            ]
            context["recognised"] = [t for t in answer.job_titles if t.code_ogr not in picked]
    return render(
        request,
        "web/orientation/finder.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )
