"""Issuing the attestations candidates request after their jury (attestation_request, services/jury.py)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError

from acquis.accounts.actors import Actor
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.documents.text import french_date
from acquis.pathways.enums import NoticeKind
from acquis.pathways.models import Attestation
from acquis.pathways.notices import notice_queue
from acquis.pathways.selectors import attested_result
from acquis.pathways.services.common import actor_user, day_or_today, locked
from acquis.pathways.transitions import state_of, transition_check, transition_record


def verification_code_new() -> str:
    """20 characters of Crockford's base 32 (100 bits), in groups of four: typed from paper without ambiguity."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(20))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def attestation_reference(attestation: Attestation, issued_on: dt.date) -> str:
    """« ATT-<year of issue>-<candidacy>-<n> », n counting the candidacy's issued attestations (the candidacy
    is locked by the caller, so two issues cannot take the same n)."""
    issued = Attestation.objects.filter(candidacy_id=attestation.candidacy_id, issued_on__isnull=False).count()
    return f"ATT-{issued_on.year}-{attestation.candidacy_id}-{issued + 1}"


@service
def attestation_issue(*, actor: Actor, attestation: Attestation, issued_on: dt.date | None = None) -> Attestation:
    """The certifier issues a requested attestation: it gets its reference and the day of issue, and the
    candidate is told by e-mail (the document itself is generated when read, documents/attestation.py)."""
    issued_on = day_or_today(issued_on, field="issued_on", what="de délivrance")
    candidacy = locked(attestation.candidacy)
    transition_check("attestation_issue", candidacy)
    before = state_of(candidacy)
    attestation = Attestation.objects.select_for_update().get(pk=attestation.pk)
    if candidacy.anonymised_on is not None:
        raise ValidationError(
            "Les données de cette candidature ont été anonymisées : aucune attestation ne peut plus être délivrée.",
            code="candidacy_anonymised",
        )
    if attestation.issued_on is not None:
        raise ValidationError(
            f"Cette attestation est déjà délivrée (n° {attestation.reference}, "
            f"le {french_date(attestation.issued_on)}).",
            code="attestation_already_issued",
        )
    result = attested_result(attestation)
    if result is None or result.withdrawn_on is not None or candidacy.result_withdrawn_on is not None:
        raise ValidationError(
            "Le résultat du jury a été retiré depuis la demande : l'attestation ne peut pas être délivrée.",
            code="result_withdrawn",
        )
    if issued_on < attestation.requested_on:
        raise ValidationError(
            {
                "issued_on": ValidationError(
                    "L'attestation ne peut pas être délivrée avant d'avoir été demandée "
                    f"(le {french_date(attestation.requested_on)}).",
                    code="issue_before_request",
                )
            }
        )
    attestation.issued_on = issued_on
    attestation.issued_by = actor_user(actor)
    attestation.reference = attestation_reference(attestation, issued_on)
    attestation.verification_code = verification_code_new()
    if attestation.result_id is None:
        attestation.result = result
    attestation.save(update_fields=["issued_on", "issued_by", "reference", "verification_code", "result"])
    audit_event_record(
        actor=actor,
        action=EventType.ATTESTATION_ISSUED,
        obj=candidacy,
        payload={"reference": attestation.reference, "kind": attestation.kind},
    )
    notice_queue(candidacy=candidacy, kind=NoticeKind.ATTESTATION_ISSUED, subject=attestation, on=issued_on)
    transition_record("attestation_issue", candidacy=candidacy, before=before, actor=actor, on=issued_on)
    return attestation
