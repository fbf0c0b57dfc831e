"""Corrections of a date with legal effect (R6412-4's « date certaine »). On the portal these dates are its
clock; when one is wrong all the same (a file received on paper, an outage), only the GIP corrects it, with a
reason, and the audit keeps the date before and after. The deadlines that run from it are derived again."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from acquis.accounts.actors import Actor
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.documents.text import french_date
from acquis.pathways.models import FeasibilityFile
from acquis.pathways.services.admissibility import deadlines_store, lapse_on
from acquis.pathways.services.common import day_or_today, locked, require_open
from acquis.pathways.status import gip_notice_day
from acquis.pathways.transitions import state_of, transition_check, transition_record
from acquis.rules import answer, ids

# The correctable dates of the admissibility file, with their French names.
CORRECTABLE = {
    "filed_on": "la date de dépôt du dossier de faisabilité",
    "complete_on": "la date de réception du dossier complet",
}


def _refused(message: str, code: str, field: str = "on") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _bounds(file: FeasibilityFile, field: str, on: dt.date) -> None:
    """The corrected date keeps the order of the facts: registration ≤ filing ≤ pieces ≤ receipt ≤ decision."""
    candidacy = file.candidacy
    requests = list(file.pieces_requests.values_list("requested_on", flat=True))
    if field == "filed_on":
        if on < candidacy.registered_on:
            raise _refused(
                f"Le dépôt ne peut pas précéder l'inscription ({french_date(candidacy.registered_on)}).", "order"
            )
        later = [day for day in (*requests, file.complete_on) if day is not None]
        if later and on > min(later):
            raise _refused(
                f"Le dépôt ne peut pas suivre les faits qui en découlent ({french_date(min(later))}).", "order"
            )
    else:
        if file.complete_on is None:
            raise _refused("La réception du dossier complet n'est pas encore confirmée.", "receipt_not_acknowledged")
        earlier = max([file.filed_on, *requests])
        if on < earlier:
            raise _refused(
                f"Le dossier ne peut pas être complet avant son dépôt ni avant la dernière demande de pièces "
                f"({french_date(earlier)}).",
                "order",
            )
        if file.decided_on and on > file.decided_on:
            raise _refused(f"La réception ne peut pas suivre la décision ({french_date(file.decided_on)}).", "order")


@service
def feasibility_date_correct(
    *, actor: Actor, file: FeasibilityFile, field: str, on: dt.date, reason: str
) -> FeasibilityFile:
    """The GIP corrects the filing or the receipt date of an admissibility file, with a reason (audited with the
    date before and after); from a corrected receipt, the decision delay and the lapse date are derived again."""
    if field not in CORRECTABLE:
        raise _refused("Choisissez la date à corriger.", "invalid_field", "field")
    on = day_or_today(on, field="on", what="corrigée")
    if not (reason or "").strip():
        raise _refused("Indiquez le motif de la correction (il est conservé au journal).", "reason_required", "reason")
    candidacy = locked(file.candidacy)
    require_open(candidacy)
    transition_check("feasibility_date_correct", candidacy)
    state_before = state_of(candidacy)
    file.refresh_from_db()
    _bounds(file, field, on)
    before = getattr(file, field)
    setattr(file, field, on)
    file.save(update_fields=[field])
    if field == "complete_on":
        candidacy.file_complete_on = on
        changed = ["file_complete_on"]
        if not file.decision_kind:
            due, _ = answer(ids.ADMISSIBILITY_DECISION_DUE, {"file_complete_on": on}, candidacy.started_on)
            decision_due_on = dt.date.fromisoformat(due.value) if due else None
            changed += deadlines_store(
                candidacy,
                decision_due_on=decision_due_on,
                lapse_on=lapse_on(gip_notice_day(decision_due_on), candidacy) if due else None,
            )
        candidacy.save(update_fields=[*changed, "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.FEASIBILITY_DATE_CORRECTED,
        obj=candidacy,
        payload={
            "field": field,
            "before": before.isoformat() if before else None,
            "after": on.isoformat(),
        },
        personal={"reason": reason.strip()},
    )
    transition_record("feasibility_date_correct", candidacy=candidacy, before=state_before, actor=actor)
    return file
