"""The congé VAE's limits on the absence itself, decided by the rules when an action is added.

L6422-2 (leave.absence_cap): the absence « ne peut excéder » 24 hours (2019-01-01) then 48 hours (from
2022-12-23) per evaluation session, unless a collective agreement raises it. An evaluation session longer
than that is refused when it is added to the request, with the article's sentence; a decision the rules
cannot give (a date before 2019) refuses nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from acquis.leave.enums import ActionNature
from acquis.leave.facts import number
from acquis.leave.models import LeaveRequest
from acquis.rules import answer, ids


def absence_cap_error(leave_request: LeaveRequest, *, nature: str, hours: Decimal, on: dt.date) -> str | None:
    """The French refusal for an evaluation session above the absence cap in force on ``on``, or None."""
    if nature != ActionNature.EVALUATION:
        return None
    facts = {
        "qualification_level": leave_request.qualification_level,
        "job_threatened": leave_request.job_threatened,
        "collective_agreement_hours": number(leave_request.collective_agreement_hours),
    }
    decision, _error = answer(ids.LEAVE_ABSENCE_CAP, facts, on)
    if decision is None:  # no version in force that day: no cap to enforce
        return None
    cap = Decimal(str(decision.value))
    if hours <= cap:
        return None
    sentence = next(source.sentence for source in decision.sources if source.article == "L6422-2")
    return (
        f"Une session d'évaluation ne peut pas dépasser {cap.normalize():f} heures d'absence (article L6422-2 du "
        f"code du travail : « {sentence} »). Indiquez au plus {cap.normalize():f} heures, ou l'accord collectif "
        "qui prévoit davantage."
    )
