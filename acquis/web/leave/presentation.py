"""What the congé VAE pages show of a request: each legal date or status in French, with its sources.

Every figure comes from a leave.* Decision (or, for R6422-8-1, the cited article sentences); this module
only words it and attaches ``source_view`` dicts so the templates render the shared rules/_source.html.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from acquis.documents.text import french_date
from acquis.leave import selectors
from acquis.leave.enums import STATUS_LABELS
from acquis.leave.models import LeaveRequest
from acquis.leave.working_time import working_time_sources
from acquis.rules import Decision, RulesError, ids
from acquis.rules.answer import answer_with
from acquis.rules.wording import wording_of
from acquis.web.common.blocks import block

MISSING_ITEM_LABELS = wording_of(ids.LEAVE_REQUEST_MISSING_ITEMS).values
EXTENSION_STEP = "exception collective agreement raises the limit"


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _asked(rule_id: str, compute: Callable[[], Decision | None]) -> tuple[Decision | None, str]:
    """The rules' answer (``answer_with``, the one shape of a rule call) and, when they cannot decide (a date
    before any version in force), why — in French."""
    result = answer_with(compute, rule_id)
    return result.decision, (
        f"Acquis ne peut pas appliquer le droit du congé VAE à cette date ({result.message})." if result.error else ""
    )


def status_block(leave_request: LeaveRequest, today: dt.date) -> dict[str, Any] | None:
    decision, error = _asked(ids.LEAVE_STATUS, lambda: selectors.leave_request_status(leave_request, on=today))
    if decision is None:
        return block("État de la demande", error or "Brouillon : la demande n'a pas encore été envoyée.", None)
    label = STATUS_LABELS[decision.value]
    text = label[:1].upper() + label[1:]
    if decision.value == "deemed_accepted":
        due = selectors.leave_answer_due(leave_request)
        text += f", depuis le {french_date(_day(due.value) + dt.timedelta(days=1))}"
    if decision.value in ("postponed", "invalid_postponement") and leave_request.answer.postponed_to:
        text += f" au {french_date(leave_request.answer.postponed_to)}"
    # Only the sentences that decide the status: the silence sentence for a deemed consent, etc.
    return block("État de la demande", text + ".", decision, status=decision.value, on=today)


def _date_block(
    title: str, rule_id: str, compute: Callable[[], Decision | None], wording: str
) -> dict[str, Any] | None:
    """A rule-derived date: ``wording`` takes the date as ``{day}``; None for a draft (nothing received)."""
    decision, error = _asked(rule_id, compute)
    if decision is None:
        return block(title, error, None) if error else None
    day = _day(decision.value)
    return block(title, wording.format(day=f"{french_date(day)}"), decision, date=day)


def answer_due_block(leave_request: LeaveRequest) -> dict[str, Any] | None:
    return _date_block(
        "Réponse de l'employeur attendue",
        ids.LEAVE_EMPLOYER_ANSWER_DUE,
        lambda: selectors.leave_answer_due(leave_request),
        "au plus tard le {day}.",
    )


def postponement_block(leave_request: LeaveRequest) -> dict[str, Any] | None:
    return _date_block(
        "Report possible",
        ids.LEAVE_POSTPONEMENT_LATEST_DATE,
        lambda: selectors.leave_postponement_limit(leave_request),
        "jusqu'au {day} au plus tard, pour des raisons de service écrites.",
    )


def paid_hours_block(leave_request: LeaveRequest) -> dict[str, Any]:
    title = "Heures rémunérées"
    if leave_request.pathway_started_on is None:
        return block(title, "Indiquez la date de début de votre parcours de VAE pour connaître ce nombre.", None)
    decision, error = _asked(ids.LEAVE_PAID_HOURS_CAP, lambda: selectors.paid_hours(leave_request))
    if decision is None:
        return block(title, error, None)
    extension = any(
        node.step.startswith(EXTENSION_STEP) and node.value not in (False, None) for node in decision.trace.children
    )
    hours = decision.value
    if extension:
        branch = (
            "augmentation prévue par la convention ou l'accord collectif (salarié n'ayant pas atteint le niveau 4 "
            "de qualification ou dont l'emploi est menacé)"
        )
    elif hours == 0:
        branch = "la prise en charge des dépenses du congé n'est pas obtenue : dans cette version, pas de rémunération"
    else:
        branch = "limite fixée par le décret"
    text = f"{hours} heures par validation au plus ({branch})."
    if decision.missing_inputs:
        text += " Le niveau de qualification n'est pas renseigné : l'augmentation conventionnelle n'a pu être établie."
    return block(title, text, decision, extension=extension, hours=hours)


def new_authorisation_block(leave_request: LeaveRequest, today: dt.date) -> dict[str, Any]:
    """R6422-6. « Ne peut prétendre » takes the right away, not the employer's freedom to grant: a request the
    rule refuses is still sent, and the employer's page says it may refuse it (docs/rules.md)."""
    title = "Nouvelle autorisation dans la même entreprise"
    decision, error = _asked(
        ids.LEAVE_NEW_AUTHORISATION_WAIT, lambda: selectors.new_authorisation_wait(leave_request, on=today)
    )
    if decision is None:
        return block(title, error, None, refusable=False)
    earliest = decision.value["earliest"]
    if earliest is None:
        text = "Aucune autorisation d'absence pour VAE n'a été donnée à ce salarié par cet employeur auparavant."
    elif (
        decision.value["allowed"]
        and leave_request.complementary_evaluation
        and _day(earliest) > _day(decision.inputs_used["requested_on"])
    ):
        text = (
            f"Une autorisation a déjà été donnée il y a moins d'un an (nouvelle autorisation de droit à partir du "
            f"{french_date(_day(earliest))}), mais la demande porte sur l'évaluation complémentaire après une "
            "validation partielle : le délai d'un an ne s'applique pas."
        )
    elif decision.value["allowed"]:
        text = f"La précédente autorisation date de plus d'un an (délai atteint le {french_date(_day(earliest))})."
    else:
        text = (
            f"Une autorisation a déjà été donnée il y a moins d'un an : le salarié ne peut pas prétendre à une "
            f"nouvelle autorisation avant le {french_date(_day(earliest))}. L'employeur peut donc la refuser ; il "
            "reste libre de l'accorder."
        )
    return block(title, text, decision, refusable=not decision.value["allowed"])


FIXED_TERM_LATEST_START = wording_of(ids.LEAVE_FIXED_TERM_CONTRACT_WINDOW).durations["leave.fixed_term_latest_start"]
FIXED_TERM_REASONS = {
    "during_contract": "Le congé commencerait avant la fin du contrat : c'est possible seulement à la demande du "
    "salarié et avec l'accord de l'employeur, qui peut donc le refuser.",
    "too_late": f"Le congé commencerait plus de {FIXED_TERM_LATEST_START} après la fin du contrat : le salarié ne "
    "peut plus "
    "prétendre à ce congé, l'employeur peut le refuser.",
}


def fixed_term_block(leave_request: LeaveRequest) -> dict[str, Any] | None:
    """R6422-7-1 (leaves starting 2017-10-01 → 2023-12-28); None when no fixed-term contract is declared."""
    title = "Salarié en contrat à durée déterminée"
    if leave_request.fixed_term_contract_end is None:
        return None
    if leave_request.actions_start is None:
        return block(title, "Ajoutez les actions du congé pour vérifier le délai propre aux CDD.", None)
    decision, error = _asked(ids.LEAVE_FIXED_TERM_CONTRACT_WINDOW, lambda: selectors.fixed_term_window(leave_request))
    if decision is None:
        return block(
            title,
            "L'article R6422-7-1 (congé après la fin du CDD) ne s'applique qu'aux congés commençant entre le "
            "1er octobre 2017 et le 28 décembre 2023 : il n'impose rien à ce congé.",
            None,
            refusable=False,
        )
    latest = _day(decision.value["latest_start"])
    reason = decision.value["reason"]
    text = FIXED_TERM_REASONS.get(
        reason,
        f"Le congé commence après la fin du contrat et au plus tard le {french_date(latest)} : il est conforme.",
    )
    return block(title, text, decision, refusable=not decision.value["allowed"])


def working_time_block(leave_request: LeaveRequest, today: dt.date) -> dict[str, Any]:
    on = leave_request.actions_start or leave_request.request_received or today
    sources = working_time_sources(on)
    if not sources:
        text = "L'article R6422-8-1 n'existait pas à la date des actions (il date du 4 novembre 2019)."
    else:
        text = (
            "Pendant le temps de travail, les heures du congé sont du temps de travail effectif et la rémunération "
            "est maintenue. En dehors du temps de travail, vous êtes couvert par la législation des accidents du "
            "travail et des maladies professionnelles."
        )
    return block("Temps de travail et protection", text, None, sources=sources)


def check_blocks(leave_request: LeaveRequest, today: dt.date) -> dict[str, Any]:
    """For a draft: what is missing (R6422-2) and whether the notice (R6422-3) can still be met."""
    try:
        missing, latest = selectors.leave_request_check(leave_request, on=today)
    except RulesError as error:
        return {"missing": None, "notice": None, "error": error.message}
    items = [MISSING_ITEM_LABELS.get(code, code) for code in missing.value]
    missing_block = block(
        "Mentions et pièces manquantes",
        "La demande comporte toutes les mentions et pièces requises." if not items else "Il manque :",
        missing,
        items=items,
    )
    notice_block = None
    if latest is not None:
        last_day = _day(latest.value)
        late = today > last_day
        text = (
            f"La demande devait parvenir à l'employeur au plus tard le {french_date(last_day)} : elle sera en retard. "
            "Vous pouvez l'envoyer quand même ; l'employeur sera informé du retard."
            if late
            else f"La demande doit parvenir à l'employeur au plus tard le {french_date(last_day)}."
        )
        notice_block = block("Délai de prévenance", text, latest, late=late, date=last_day)
    return {"missing": missing_block, "notice": notice_block, "error": ""}


def sent_check_blocks(leave_request: LeaveRequest) -> dict[str, Any]:
    """The notice and mentions Decisions kept at send time, read back unchanged."""
    latest = selectors.stored_decision(leave_request.latest_send_decision)
    missing = selectors.stored_decision(leave_request.missing_items_decision)
    notice = None
    if latest is not None:
        last_day = _day(latest.value)
        text = (
            f"La demande est parvenue le {french_date(leave_request.request_received)}, "
            f"après le {french_date(last_day)}, "
            "dernier jour du délai de prévenance : elle est en retard."
            if leave_request.sent_late
            else f"La demande est parvenue le {french_date(leave_request.request_received)}, dans le délai de "
            f"prévenance (au plus tard le {french_date(last_day)})."
        )
        notice = block("Délai de prévenance", text, latest, late=leave_request.sent_late, date=last_day)
    missing_block = None
    if missing is not None:
        items = [MISSING_ITEM_LABELS.get(code, code) for code in missing.value]
        missing_block = block(
            "Mentions et pièces",
            "La demande envoyée comportait toutes les mentions et pièces requises."
            if not items
            else "Il manquait à la demande envoyée :",
            missing,
            items=items,
        )
    return {"missing": missing_block, "notice": notice, "error": ""}


def request_blocks(leave_request: LeaveRequest, today: dt.date) -> dict[str, Any]:
    """Everything legal the detail page of a sent request shows."""
    blocks = {
        "status": status_block(leave_request, today),
        "answer_due": answer_due_block(leave_request),
        "postponement": postponement_block(leave_request),
        "paid_hours": paid_hours_block(leave_request),
        "new_authorisation": new_authorisation_block(leave_request, today),
        "fixed_term": fixed_term_block(leave_request),
        "working_time": working_time_block(leave_request, today),
        "sent_check": sent_check_blocks(leave_request),
    }
    # R6422-6 / R6422-7-1: the employer may refuse this request (the only grounds the Code du travail gives).
    blocks["refusable"] = blocks["new_authorisation"]["refusable"] or bool(
        blocks["fixed_term"] and blocks["fixed_term"]["refusable"]
    )
    return blocks


def employee_next_step(leave_request: LeaveRequest, blocks: dict[str, Any]) -> dict[str, Any]:
    """For the employee's own page: the one next thing, and by when, from the status and dates decided above."""
    status = (blocks.get("status") or {}).get("status", "")
    due = (blocks.get("answer_due") or {}).get("date")
    start = leave_request.actions_start
    starts = f" La première action commence le {french_date(start)}." if start else ""
    if status == "pending":
        text = "Votre employeur doit vous répondre par écrit. Rien à faire de votre côté pour l'instant."
        return {"text": text, "by": due, "by_label": "Réponse attendue au plus tard le"}
    if status in ("accepted", "deemed_accepted"):
        return {"text": "Votre congé est accordé : préparez vos actions de VAE." + starts, "by": None, "by_label": ""}
    if status == "postponed":
        answer = getattr(leave_request, "answer", None)
        day = getattr(answer, "postponed_to", None)
        return {
            "text": "Votre employeur a reporté votre absence pour des raisons de service : prévoyez vos actions à "
            "partir de la nouvelle date.",
            "by": day,
            "by_label": "Absence reportée au",
        }
    if status == "invalid_postponement":
        text = (
            "Le report demandé par votre employeur n'est pas conforme (trop long, ou sans raisons de service écrites) "
            ": parlez-en avec lui ou avec un conseiller."
        )
        return {"text": text, "by": None, "by_label": ""}
    if status == "no_answer":
        text = "Votre employeur n'a pas répondu et, à cette date, son silence ne valait pas accord : relancez-le."
        return {"text": text, "by": None, "by_label": ""}
    return {"text": "", "by": None, "by_label": ""}
