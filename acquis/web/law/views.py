"""Public pages of the Code du travail: an article at a date, its versions, diffs between dates."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.law import selectors
from acquis.law.diff import ChangeKind
from acquis.law.presentation import CODE_SLUGS, KIND_LABELS, change_counts, french_date, summary
from acquis.web.decorators import requires
from acquis.web.law.forms import ArticleDateForm, ArticleSearchForm, DiffForm

EXAMPLE_DIFF = {"du": "2019-11-01", "au": "2019-11-04"}


def _article_url(number: str, day=None, code: str = "code-du-travail") -> str:
    if code == "code-du-travail":
        url = reverse("web:law_article", kwargs={"number": number})
    else:
        url = reverse("web:law_code_article", kwargs={"code": code, "number": number})
    return f"{url}?{urlencode({'date': day.isoformat()})}" if day else url


@require_safe
@requires(Action.VIEW_PUBLIC)
def index(request):
    form = ArticleSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect(_article_url(form.cleaned_data["numero"], form.cleaned_data["date"]))
    return render(
        request,
        "web/law/index.html",
        {
            "title": "Code du travail",
            "form": form,
            "example_diff_query": urlencode(EXAMPLE_DIFF),
        },
        status=400 if form.is_bound else 200,
    )


def _code(slug: str) -> tuple[str, str]:
    """The LEGITEXT id and name of a code's URL slug; 404 for a code Acquis does not carry."""
    if slug not in CODE_SLUGS:
        raise Http404(f"Le code « {slug} » n'est pas dans le corpus.")
    return CODE_SLUGS[slug]


def _timeline_url(number: str, code: str) -> str:
    if code == "code-du-travail":
        return reverse("web:law_timeline", kwargs={"number": number})
    return reverse("web:law_code_timeline", kwargs={"code": code, "number": number})


@require_safe
@requires(Action.VIEW_PUBLIC)
def article(request, number: str, code: str = "code-du-travail"):
    legitext, code_name = _code(code)
    if not selectors.article_exists(number, legitext):
        raise Http404(f"L'article {number} n'est pas dans le corpus.")
    form = ArticleDateForm(request.GET)
    day = form.cleaned_data["date"] if form.is_valid() and form.cleaned_data["date"] else timezone.localdate()
    version = selectors.article_at(number, day, legitext) if form.is_valid() else None
    return render(
        request,
        "web/law/article.html",
        {
            "title": f"Article {number} du {code_name}",
            "code_name": code_name,
            "article_path": _article_url(number, code=code),
            "timeline_path": _timeline_url(number, code),
            "number": number,
            "form": form,
            "day": day,
            "day_label": french_date(day),
            "version": version,
            "versions": selectors.article_versions(number, legitext),
        },
        status=200 if form.is_valid() else 400,
    )


@require_safe
@requires(Action.VIEW_PUBLIC)
def timeline(request, number: str, code: str = "code-du-travail"):
    legitext, code_name = _code(code)
    versions = selectors.article_versions(number, legitext)
    if not versions:
        raise Http404(f"L'article {number} n'est pas dans le corpus.")
    return render(
        request,
        "web/law/timeline.html",
        {
            "title": f"Versions de l'article {number} du {code_name}",
            "number": number,
            "code_name": code_name,
            "article_path": _article_url(number, code=code),
            "versions": versions,
        },
    )


@require_safe
@requires(Action.VIEW_PUBLIC)
def diff(request):
    form = DiffForm(request.GET or None)
    changes = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        number = data["article"].strip().upper()
        if number and not selectors.article_exists(number):
            form.add_error("article", f"L'article {number} n'est pas dans le corpus.")
        elif number:
            change = selectors.article_diff(number, data["du"], data["au"])
            changes = [] if change.kind is ChangeKind.UNCHANGED else [change]
        else:
            try:
                changes = selectors.section_diff(data["section"].strip() or None, data["du"], data["au"])
            except selectors.UnknownSection:
                form.add_error("section", "Aucune section ne correspond à ce chemin à ces dates.")
    context = {"title": "Comparer le Code du travail entre deux dates", "form": form, "changes": changes}
    if changes is not None:
        context.update(
            summary=summary(changes),
            counts=change_counts(changes),
            kind_labels={kind.value: label for kind, label in KIND_LABELS.items()},
            date_from_label=french_date(form.cleaned_data["du"]),
            date_to_label=french_date(form.cleaned_data["au"]),
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "web/law/diff.html", context, status=status)
