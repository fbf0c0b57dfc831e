"""What the pathway pages show of a candidacy: its computed status, each legal deadline with the article
it comes from, and the timeline (events and Decisions with their sources).

Every date comes from a Decision (decided now by ``candidacy_decisions`` or kept at the event that fixed
it); this module only words it in French and attaches ``source_view`` dicts for web/rules/_source.html.
A pathway begun before the 2024 procedure gets the rules' no_version_in_force: the page says so
(« procédure antérieure ») instead of a date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.documents.text import french_date
from acquis.pathways import selectors
from acquis.pathways.enums import EARLIER_PROCEDURE_NOTE
from acquis.pathways.models import Candidacy
from acquis.pathways.selectors import kept_by_steps
from acquis.pathways.status import gip_notice_day
from acquis.rules import Decision, ids
from acquis.rules.catalogue import default_registry
from acquis.rules.wording import wording_of
from acquis.web.common.blocks import block, source_view

DECISION_DELAY = wording_of(ids.ADMISSIBILITY_DECISION_DUE).durations["admissibility.decision_delay"]
ONE_DAY = dt.timedelta(days=1)
DEEMED_TEXT = (
    "Sans décision du certificateur au terme du délai, le dossier est réputé recevable et le GIP le notifie : "
    "« recevable » par silence à partir du {day}."
)


def _day(decision: Decision) -> dt.date:
    return dt.date.fromisoformat(decision.value)


def _stored(data: dict | None) -> Decision | None:
    return Decision.from_dict(data) if data else None


def _earlier(title: str) -> dict[str, Any]:
    return block(title, f"Non calculé ({EARLIER_PROCEDURE_NOTE}).", None)


def deadline_blocks(candidacy: Candidacy, today: dt.date, decisions=None) -> list[dict[str, Any]]:
    """Each deadline that applies at the candidacy's stage, with its article (or the earlier-procedure note).
    ``decisions``: selectors.candidacy_decisions on ``today``, when the page has them already."""
    blocks = []
    if decisions is None:
        decisions = selectors.candidacy_decisions(candidacy, on=today)
    answers = {answer.rule_id: answer for answer in decisions}
    due = answers.get(ids.ADMISSIBILITY_DECISION_DUE)
    if due is not None:
        if due.decision is None:
            blocks.append(_earlier("Décision du certificateur sur la recevabilité"))
        else:
            day = _day(due.decision)
            blocks.append(
                block(
                    "Décision du certificateur sur la recevabilité",
                    f"Le certificateur décide au plus tard le {french_date(day)}, {DECISION_DELAY} après "
                    "la réception du dossier complet.",
                    due.decision,
                    date=day,
                )
            )
            status = answers.get(ids.ADMISSIBILITY_STATUS)
            if not candidacy.admissibility_kind or candidacy.admissibility_decided_on > day:
                blocks.append(
                    block(
                        "Recevabilité par silence",
                        DEEMED_TEXT.format(day=french_date(gip_notice_day(day))),
                        status.decision if status and status.decision else due.decision,
                        date=gip_notice_day(day),
                    )
                )
    lapse = answers.get(ids.ADMISSIBILITY_LAPSE_DATE)
    if lapse is not None and lapse.decision is not None and candidacy.stage == "feasibility_filed":
        day = _day(lapse.decision)
        kept = kept_by_steps(candidacy, day)
        text = (
            "Une démarche ou un motif légitime est enregistré : la recevabilité ne devient pas caduque."
            if kept
            else f"Sans démarche enregistrée, la recevabilité devient caduque le {french_date(day)}."
        )
        blocks.append(block("Caducité de la recevabilité", text, lapse.decision, date=day))
    for validation in candidacy.validation_files.all():
        latest = _stored(validation.latest_jury_decision)
        if latest is not None:
            blocks.append(
                block(
                    f"Jury du dossier de validation déposé le {french_date(validation.filed_on)}",
                    f"Le jury doit se tenir au plus tard le {french_date(_day(latest))}.",
                    latest,
                    date=_day(latest),
                )
            )
        elif validation.latest_jury_error:
            blocks.append(_earlier(f"Jury du dossier de validation déposé le {french_date(validation.filed_on)}"))
        result = getattr(getattr(validation, "jury", None), "result", None)
        if result is not None:
            notification = _stored(result.notification_due_decision)
            if notification is not None:
                notified = (
                    f" Notifié le {french_date(result.notified_on)}." if result.notified_on else " Pas encore notifié."
                )
                blocks.append(
                    block(
                        "Notification du résultat",
                        f"Le résultat est notifié au candidat au plus tard le {french_date(_day(notification))}."
                        + notified,
                        notification,
                        date=_day(notification),
                        late=bool(result.notified_on and result.notified_on > _day(notification)),
                    )
                )
            elif result.notification_due_error:
                blocks.append(_earlier("Notification du résultat"))
    return blocks


def timeline_view(candidacy: Candidacy, today: dt.date, decisions=None) -> list[dict[str, Any]]:
    """The timeline's entries as the template shows them: when, what, who, and a Decision's value and sources."""
    entries = []
    for entry in selectors.candidacy_timeline(candidacy, on=today, decisions=decisions):
        moment = entry.at
        entries.append(
            {
                "day": moment.date() if isinstance(moment, dt.datetime) else moment,
                "kind": entry.kind,
                "label": entry.label,
                "actor": entry.actor,
                "value": _value(entry.decision) if entry.decision else "",
                "rule_id": entry.decision.rule_id if entry.decision else "",
                # The candidate's page names a decision by its rule's French title, not its identifier.
                "plain_label": _plain_label(entry),
                "rule_version": entry.decision.rule_version if entry.decision else "",
                "sources": [source_view(source) for source in entry.decision.sources] if entry.decision else [],
                "note": EARLIER_PROCEDURE_NOTE if entry.error == "no_version_in_force" else entry.error,
            }
        )
    return entries


def _plain_label(entry) -> str:
    if entry.kind != "decision" or entry.decision is None:
        return entry.label
    title = default_registry().get(entry.decision.rule_id).title
    moment = entry.at.date() if isinstance(entry.at, dt.datetime) else entry.at
    return f"{title} (calculé le {french_date(moment)})"


STATUS_VALUES = {
    "pending": "en cours d'instruction",
    "admissible": "recevable",
    "not_admissible": "non recevable",
    "deemed_admissible": "recevable (réputé, silence du certificateur)",
}


def _value(decision: Decision) -> str:
    """A Decision's value in French: a date, a status, an allowed/refused answer, a composition check."""
    value = decision.value
    if isinstance(value, str):
        try:
            return f"{french_date(dt.date.fromisoformat(value))}"
        except ValueError:
            return STATUS_VALUES.get(value, value)
    if isinstance(value, dict) and "allowed" in value:
        return "dépôt autorisé" if value["allowed"] else "dépôt refusé"
    if isinstance(value, dict) and "valid" in value:
        return "composition conforme" if value["valid"] else "composition non conforme"
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


ASSISTANCE_TITLE = "Assistance au dépôt de la demande de recevabilité"


def filing_assistance_block(candidacy: Candidacy) -> dict[str, Any] | None:
    """Whether the collective programme offers help to file the admissibility request, as decided by
    support.admissibility_filing_assistance at the enrolment (kept on the candidacy): the offer with the
    article it rests on, or why it is not offered. None outside a collective programme."""
    programme = candidacy.programme
    if programme is None:
        return None
    decision = _stored(candidacy.filing_assistance_decision)
    rule_id = ids.SUPPORT_ADMISSIBILITY_FILING_ASSISTANCE
    if decision is None:
        day = f"{french_date(candidacy.enrolled_on)}" if candidacy.enrolled_on else "à la date d'inscription"
        text = (
            "Cette assistance n'était prévue que dans les accompagnements collectifs de l'État ou "
            f"d'une région (article R6423-3-1 du code du travail), article qui n'était pas en vigueur le {day}, "
            "date de l'inscription."
            if candidacy.filing_assistance_error == "no_version_in_force"
            else "Acquis n'a pas pu appliquer la règle à cette inscription."
        )
        return block(ASSISTANCE_TITLE, text, None, offered=False, rule_id=rule_id)
    inputs = decision.inputs_used
    level = inputs.get("qualification_level")
    if decision.value is True:
        reason = (
            "l'emploi du candidat est menacé"
            if inputs.get("job_threatened")
            else f"le plus haut niveau de qualification du candidat (niveau {level}) n'atteint pas celui que fixe "
            "l'article R6423-3-1 du code du travail"
        )
        text = (
            f"L'accompagnement collectif « {programme.name} » comprend une assistance au dépôt de la "
            f"demande de recevabilité, car {reason}. L'organisme accompagnateur aide à constituer et à déposer le "
            "dossier de faisabilité."
        )
        return block(ASSISTANCE_TITLE, text, decision, offered=True)
    if inputs.get("collective_support_funder") is None:
        reason = (
            f"« {programme.name} » n'est pas un accompagnement collectif financé par l'État ou une région, les "
            "seuls où l'article R6423-3-1 du code du travail prévoyait cette assistance"
        )
    else:
        reason = (
            f"le plus haut niveau de qualification du candidat (niveau {level}) atteint celui que fixe l'article "
            "R6423-3-1 du code du travail et son emploi n'est pas déclaré menacé"
        )
    return block(ASSISTANCE_TITLE, f"Elle n'est pas proposée : {reason}.", decision, offered=False)
