"""« Suis-je concerné ? »: one question a page, as plain GET forms carrying the previous answers in hidden
fields (no JavaScript, nothing stored), then the rights that apply, each with its article.

Which questions are asked is the rules' business (acquis.orientation.selfcheck.questions_needed); this
module words the questions and the answers in French.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.certifications.levels import framework_levels
from acquis.documents.text import french_date
from acquis.orientation import selfcheck
from acquis.orientation.figures import FIRST_DAY, figure_on
from acquis.rules import ids
from acquis.web.common.blocks import source_view
from acquis.web.decorators import requires

YES_NO = [("oui", "Oui"), ("non", "Non")]
# Question code → query parameter, question, hint, choices (None: a free field of ``kind``).
QUESTIONS: dict[str, dict[str, Any]] = {
    "start": {
        "param": "debut",
        "label": "Quand commencez-vous votre parcours de VAE ?",
        "hint": "Si vous ne savez pas, gardez la date du jour. Les droits dépendent de cette date.",
        "kind": "date",
    },
    "employee": {
        "param": "situation",
        "label": "Quelle est votre situation ?",
        "choices": [
            ("salarie", "Je suis salarié d'une entreprise (CDI, CDD, intérim)"),
            ("autre", "Autre situation : demandeur d'emploi, indépendant, agent public, bénévole…"),
        ],
    },
    "level": {
        "param": "niveau",
        "label": "Quel est votre plus haut diplôme ou niveau de qualification ?",
        "hint": "Le niveau de votre diplôme le plus élevé dans le cadre national des certifications.",
        "choices": None,  # filled from the national framework below
    },
    "collective_funder": {
        "param": "collectif",
        "label": "Êtes-vous inscrit à un accompagnement collectif à la VAE ?",
        "choices": [
            ("etat", "Oui, financé par l'État"),
            ("region", "Oui, financé par la région"),
            ("non", "Non, ou je ne sais pas"),
        ],
    },
    "threatened": {
        "param": "menace",
        "label": "Votre emploi est-il menacé par des évolutions économiques ou technologiques ?",
        "hint": "Par exemple : métier qui disparaît, plan de sauvegarde de l'emploi, site qui ferme.",
        "choices": YES_NO,
    },
    "funding_obtained": {
        "param": "financement",
        "label": "Un organisme paritaire prend-il en charge les dépenses de votre congé VAE ?",
        "choices": YES_NO,
    },
    "agreement": {
        "param": "accord",
        "label": (
            "L'accord collectif de votre entreprise ou de votre branche prévoit-il des heures de congé VAE payées ?"
        ),
        "hint": "Votre service des ressources humaines ou vos représentants du personnel peuvent vous le dire.",
        "choices": [("oui", "Oui"), ("non", "Non"), ("inconnu", "Je ne sais pas")],
    },
    "agreement_hours": {
        "param": "heures",
        "label": "Combien d'heures payées cet accord prévoit-il par validation ?",
        "kind": "number",
    },
    "same_certification": {
        "param": "meme",
        "label": "Avez-vous déjà déposé cette année une demande de recevabilité pour la même certification ?",
        "hint": "Sans compter les demandes qui portaient seulement sur des blocs de compétences.",
        "choices": YES_NO,
    },
    "other_certifications": {
        "param": "autres",
        "label": "Pour combien d'autres certifications avez-vous déposé une demande cette année ?",
        "hint": "Sans compter les demandes qui portaient seulement sur des blocs de compétences.",
        "choices": [("0", "Aucune"), ("1", "Une"), ("2", "Deux"), ("3", "Trois ou plus")],
    },
}
FUNDERS = {"etat": "state", "region": "region", "non": "none"}
MAX_HOURS = Decimal(2000)


def _level_choices() -> list[tuple[str, str]]:
    return [(str(level), f"Niveau {level} — {label}") for level, label in framework_levels().items()] + [
        ("inconnu", "Je ne sais pas")
    ]


def _parse(code: str, raw: str, today: dt.date) -> tuple[dict[str, Any], str]:
    """The Answers fields one answer sets, or a French error."""
    if code == "start":
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            return {}, "Saisissez une date, par exemple 15/03/2025."
        if day < FIRST_DAY:
            return {}, f"Acquis connaît le droit de la VAE à partir du {french_date(FIRST_DAY)}."
        if day > today + dt.timedelta(days=366):
            return {}, "Choisissez une date dans l'année qui vient au plus tard."
        return {"start": day}, ""
    if code == "agreement_hours":
        try:
            hours = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            return {}, "Saisissez un nombre d'heures, par exemple 70."
        if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS:
            return {}, f"Saisissez un nombre d'heures entre 1 et {MAX_HOURS}."
        return {"agreement_hours": hours}, ""
    choices = _level_choices() if code == "level" else QUESTIONS[code]["choices"]
    if raw not in dict(choices):
        return {}, "Choisissez une des réponses proposées."
    if code == "level":
        return {"level_answered": True, "level": None if raw == "inconnu" else int(raw)}, ""
    if code == "employee":
        return {"employee": raw == "salarie"}, ""
    if code == "collective_funder":
        return {"collective_funder": FUNDERS[raw]}, ""
    if code == "agreement":
        return {"agreement": {"oui": "yes", "non": "no", "inconnu": "unknown"}[raw]}, ""
    if code == "other_certifications":
        return {"other_certifications": int(raw)}, ""
    return {code: raw == "oui"}, ""


def read_answers(query, today: dt.date) -> tuple[selfcheck.Answers, list[str], str, str]:
    """Walk the questions the rules need in order: (answers, codes answered, next code or "", its error)."""
    answers = selfcheck.Answers()
    answered: list[str] = []
    while True:
        pending = [code for code in selfcheck.questions_needed(answers) if code not in answered]
        if not pending:
            return answers, answered, "", ""
        code = pending[0]
        raw = query.get(QUESTIONS[code]["param"], "").strip()
        if not raw:
            # ``question`` names the question the form showed: sent without an answer, it is asked again.
            asked = query.get("question", "") == QUESTIONS[code]["param"]
            return answers, answered, code, "Répondez à cette question pour continuer." if asked else ""
        values, error = _parse(code, raw, today)
        if error:
            return answers, answered, code, error
        answers = dataclasses.replace(answers, **values)
        answered.append(code)


def _source_views(answer: selfcheck.RuleAnswer | None) -> list[dict[str, Any]]:
    return [source_view(source) for source in answer.decision.sources] if answer and answer.decision else []


def _articles(sources: list[dict[str, Any]]) -> str:
    """« article D6422-8 », « articles R6422-3, R6422-4 »: the articles cited, NOTA aside, in order."""
    numbers = list(dict.fromkeys(source["article"] for source in sources if not source["is_nota"]))
    if not numbers:
        return ""
    return ("articles " if len(numbers) > 1 else "article ") + ", ".join(numbers)


def _right(title: str, applies: bool | None, text: str, sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": title, "applies": applies, "text": text, "sources": sources, "articles": _articles(sources)}


def _leave_rights(a: selfcheck.Answers, found: dict[str, selfcheck.RuleAnswer]) -> list[dict[str, Any]]:
    day = a.start
    if not a.employee:
        return [
            _right(
                "Congé VAE",
                False,
                "Le congé VAE est un droit des salariés. Dans votre situation, parlez de votre projet à un "
                "conseiller : d'autres aides existent selon votre statut.",
                [],
            )
        ]
    rows = []
    notice = figure_on("leave.request_notice", day)
    silence = figure_on("leave.employer_silence_is_consent", day)
    due, latest = found[ids.LEAVE_EMPLOYER_ANSWER_DUE], found[ids.LEAVE_POSTPONEMENT_LATEST_DATE]
    if due.decision and latest.decision:
        text = (
            f"Vous pouvez vous absenter pour votre VAE. Votre demande doit parvenir à votre employeur au moins "
            f"{notice.amount} jours avant le début des actions. Par exemple, pour une demande reçue le "
            f"{french_date(day)}, il doit répondre au plus tard le {french_date(due.decision.value)}"
            + (" ; sans réponse, le congé est accordé" if silence.value else "")
            + f". Il ne peut que reporter votre absence, au plus tard au "
            f"{french_date(dt.date.fromisoformat(latest.decision.value))}."
        )
        sources = [source_view(notice.source), *_source_views(due), *_source_views(latest)]
        if silence.value:
            sources.append(source_view(silence.source))
        rows.append(_right("Congé VAE", True, text, sources))
    paid = found[selfcheck.PAID_HOURS]
    if paid.decision is None:
        rows.append(
            _right(
                "Heures de congé payées",
                None,
                "Acquis ne contient pas le texte qui fixait les heures payées à cette date.",
                [],
            )
        )
    else:
        hours = paid.decision.value
        base = figure_on("leave.paid_hours_base", day)
        text = f"Votre employeur maintient votre salaire pendant {hours} heures au plus par validation"
        if Decimal(str(hours)) > base.value:
            text += ", grâce à votre accord collectif"
        elif Decimal(str(hours)) == 0:
            text = (
                "Sans prise en charge des dépenses par un organisme paritaire, les heures de congé ne sont pas payées"
            )
        text += "."
        if "qualification_level" in paid.decision.missing_inputs:
            below = figure_on("leave.paid_hours_extension_below_level", day)
            text += (
                f" Si vous n'avez pas atteint le niveau {below.amount}, votre accord collectif peut prévoir "
                "davantage : renseignez-vous."
            )
        elif a.agreement == "unknown" and _extension_possible(a, day):
            text += " Votre accord collectif peut prévoir davantage d'heures dans votre cas : renseignez-vous."
        rows.append(_right("Heures de congé payées", True, text, _source_views(paid)))
    return rows


def _extension_possible(a: selfcheck.Answers, day: dt.date) -> bool:
    below = figure_on("leave.paid_hours_extension_below_level", day)
    return bool(a.threatened) or (a.level is not None and below.in_force and a.level < below.value)


def _assistance_right(a: selfcheck.Answers, found: dict[str, selfcheck.RuleAnswer]) -> dict[str, Any]:
    answer = found[selfcheck.FILING_ASSISTANCE]
    title = "Aide au dépôt de la demande de recevabilité"
    if answer.decision is None:
        first, last = selfcheck.wording_span(selfcheck.FILING_ASSISTANCE)
        span = f"du {french_date(first)}" + (f" au {french_date(last)}" if last else "")
        survives = selfcheck.rule_span(selfcheck.FILING_ASSISTANCE)[1] != last
        return _right(
            title,
            False,
            f"Cette aide des accompagnements collectifs de l'État ou de la région (article R6423-3-1) s'appliquait "
            f"{span}"
            + (
                ", puis aux seuls parcours commencés avant l'ouverture du portail pour la certification"
                if survives
                else ""
            )
            + f" : elle ne s'applique pas à un parcours commencé le {french_date(a.start)}.",
            [],
        )
    if answer.decision.value:
        text = (
            "Dans votre accompagnement collectif, vous pouvez être aidé à déposer votre demande de recevabilité, "
            + ("car votre emploi est menacé." if a.threatened else "car vous n'avez pas atteint le niveau requis.")
        )
        return _right(title, True, text, _source_views(answer))
    if a.collective_funder not in ("state", "region"):
        text = "Cette aide n'est prévue que dans un accompagnement collectif financé par l'État ou la région."
    else:
        text = "Votre niveau de qualification dépasse celui que fixe le texte et votre emploi n'est pas menacé."
    return _right(title, False, text, _source_views(answer))


QUOTA_REASONS = {
    "same_certification_this_year": "vous avez déjà déposé cette année une demande pour la même certification",
    "too_many_certifications_this_year": (
        "vous avez atteint cette année le nombre maximal de certifications différentes"
    ),
}


def _quota_right(a: selfcheck.Answers, found: dict[str, selfcheck.RuleAnswer]) -> dict[str, Any]:
    answer = found[selfcheck.ANNUAL_QUOTA]
    title = "Nombre de demandes par an"
    if answer.decision is None:
        return _right(
            title, None, "Pour un parcours commencé à cette date, le Code du travail ne fixait pas de limite.", []
        )
    per = figure_on("admissibility.files_per_certification_per_year", a.start)
    distinct = figure_on("admissibility.distinct_certifications_per_year", a.start)
    limit = f"au plus {per.amount} par certification et {distinct.amount} certifications différentes par année civile"
    if answer.decision.value["allowed"]:
        return _right(title, True, f"Vous pouvez déposer une demande cette année ({limit}).", _source_views(answer))
    reason = QUOTA_REASONS.get(answer.decision.value["reason"], "la limite annuelle est atteinte")
    text = (
        f"Vous ne pouvez plus déposer de demande pour une nouvelle certification entière cette année : {reason} "
        f"({limit}). Une demande sur des blocs de compétences reste possible."
    )
    return _right(title, False, text, _source_views(answer))


def _summary(a: selfcheck.Answers, answered: list[str], query) -> list[dict[str, Any]]:
    """The answers given so far, each with a link back to change it (the later answers are dropped)."""
    rows = []
    for index, code in enumerate(answered):
        question = QUESTIONS[code]
        raw = query.get(question["param"], "")
        choices = dict(_level_choices() if code == "level" else question.get("choices") or [])
        shown = choices.get(raw, raw)
        if code == "start":
            shown = f"{french_date(a.start)}"
        keep = {QUESTIONS[c]["param"]: query.get(QUESTIONS[c]["param"], "") for c in answered[:index]}
        rows.append({"label": question["label"], "answer": shown, "change": "?" + urlencode(keep)})
    return rows


@require_safe
@requires(Action.VIEW_PUBLIC)
def self_check(request):
    today = timezone.localdate()
    answers, answered, code, error = read_answers(request.GET, today)
    context: dict[str, Any] = {
        "title": "Suis-je concerné ?",
        "summary": _summary(answers, answered, request.GET),
        "hidden": [(QUESTIONS[c]["param"], request.GET.get(QUESTIONS[c]["param"], "")) for c in answered],
        "question": None,
        "rights": [],
        "step": len(answered) + 1,
        "error": error,
    }
    if code:
        question = dict(QUESTIONS[code])
        if code == "level":
            question["choices"] = _level_choices()
        question.setdefault("choices", None)
        question.setdefault("hint", "")
        question.setdefault("kind", "choice")
        value = request.GET.get(question["param"], "")
        if code == "start" and not value:
            value = today.isoformat()
        context.update(question=question, value=value, code=code)
        return render(request, "web/orientation/self_check.html", context, status=400 if error else 200)
    found = selfcheck.rights(answers)
    context["rights"] = [
        *_leave_rights(answers, found),
        _assistance_right(answers, found),
        _quota_right(answers, found),
    ]
    context["start"] = answers.start
    return render(request, "web/orientation/self_check.html", context)
