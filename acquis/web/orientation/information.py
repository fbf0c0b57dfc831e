"""Public information pages on VAE for people, not lawyers: what it is and who can use it, the steps, the
rights (congé VAE, paid hours, delays), funding, questions and answers.

Every figure comes from the rules' parameters on the day shown (acquis.orientation.figures): today, or the
day chosen with « tel qu'il était le … » (?date=AAAA-MM-JJ). The legal basis of each paragraph, the article
version and its sentence, sits behind a « Base légale » disclosure linking to the article page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.orientation.figures import FIRST_DAY, Figure, figures_on
from acquis.web.common.blocks import law_url, source_view
from acquis.web.decorators import requires
from acquis.web.orientation.forms import LawDayForm

# The information pages: URL name → (template, title), in the order of the side menu.
PAGES = {
    "web:vae": ("web/orientation/vae.html", "La VAE, qu'est-ce que c'est ?"),
    "web:vae_steps": ("web/orientation/steps.html", "Les étapes d'une VAE"),
    "web:vae_rights": ("web/orientation/rights.html", "Vos droits : congé VAE et délais"),
    "web:vae_funding": ("web/orientation/funding.html", "Le financement de la VAE"),
    "web:vae_faq": ("web/orientation/faq.html", "Questions et réponses"),
}
# French words for the codes of funding.eligible_expense_codes.
EXPENSE_LABELS = {
    "salary": "la rémunération du salarié pendant son absence",
    "transport_meals_lodging": "les frais de transport, de repas et d'hébergement",
    "admissibility_review": "l'examen de la recevabilité de la demande",
    "support": "l'accompagnement du candidat",
    "training": "les formations complémentaires",
    "evaluation_session": "la session d'évaluation devant le jury",
}
# Articles each page rests on beyond its figures (links to the law page at the day shown).
PAGE_ARTICLES = {
    "web:vae": ("L6411-1", "R6411-1", "R6411-2", "R6412-2"),
    "web:vae_steps": ("R6412-1", "R6412-3", "R6412-4", "R6412-5", "R6412-7"),
    "web:vae_rights": ("L6422-1", "R6422-2", "R6422-3", "R6422-4", "D6422-8"),
    "web:vae_funding": ("R6422-9", "R6423-3-1", "L6411-2"),
    "web:vae_faq": ("R6412-3", "R6411-6", "R6423-4"),
}


# Paragraphs resting on several parameters get one « Base légale » (each cited sentence once).
LEGAL_GROUPS = {
    "answer": ("leave__employer_answer_delay", "leave__employer_silence_is_consent", "leave__postponement_max"),
    "paid_hours": (
        "leave__paid_hours_base",
        "leave__paid_hours_require_funding",
        "leave__paid_hours_extension_below_level",
    ),
    "expenses": ("funding__eligible_expense_codes", "funding__cpf_excluded_expense_codes"),
    "quota": ("admissibility__files_per_certification_per_year", "admissibility__quota_exempts_blocks"),
    "jury": ("jury__latest_date_after_filing", "jury__result_notification_delay"),
    "admissibility": ("admissibility__decision_delay", "admissibility__silence_is_admissible"),
}


def legal_groups(figures: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups = {}
    for name, keys in LEGAL_GROUPS.items():
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for key in keys:
            for source in figures[key]["sources"]:
                seen.setdefault((source["legiarti"], source["sentence"]), source)
        groups[name] = list(seen.values())
    return groups


def figure_view(figure: Figure) -> dict[str, Any]:
    return {
        "in_force": figure.in_force,
        "amount": figure.amount,
        "value": figure.value,
        "sources": [source_view(figure.source)] if figure.source else [],
    }


def law_day(request) -> tuple[dt.date, LawDayForm, bool]:
    """The day the page shows (?date=), the selector's form, and whether the query was refused."""
    today = timezone.localdate()
    if "date" not in request.GET:
        return today, LawDayForm(initial={"date": today}), False
    form = LawDayForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["date"], form, False
    return today, form, True


def information_context(request, url_name: str) -> tuple[dict[str, Any], int]:
    day, form, refused = law_day(request)
    figures = {key: figure_view(figure) for key, figure in figures_on(day).items()}
    expenses = figures["funding__eligible_expense_codes"]
    excluded = figures["funding__cpf_excluded_expense_codes"]["value"] or []
    template, title = PAGES[url_name]
    context = {
        "title": title,
        "template": template,
        "day": day,
        "today": timezone.localdate(),
        "first_day": FIRST_DAY,
        "is_today": day == timezone.localdate(),
        "day_form": form,
        "f": figures,
        "legal": legal_groups(figures),
        "expenses": [
            {"label": EXPENSE_LABELS.get(code, code), "cpf_excluded": code in excluded}
            for code in (expenses["value"] or [])
        ],
        "menu": [(name, page_title) for name, (_template, page_title) in PAGES.items()],
        "current": url_name,
        "articles": [{"number": number, "url": law_url(number, day)} for number in PAGE_ARTICLES[url_name]],
    }
    return context, 400 if refused else 200


def _page(url_name: str):
    @require_safe
    @requires(Action.VIEW_PUBLIC)
    def view(request):
        context, status = information_context(request, url_name)
        return render(request, context["template"], context, status=status)

    view.__name__ = url_name.split(":")[1]
    return view


vae = _page("web:vae")
vae_steps = _page("web:vae_steps")
vae_rights = _page("web:vae_rights")
vae_funding = _page("web:vae_funding")
vae_faq = _page("web:vae_faq")
