"""Drop-out, archive, reorientation, reopening, litigation hold and anonymisation of a candidacy."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from acquis.accounts.actors import Actor
from acquis.audit.enums import EventType
from acquis.audit.services import audit_details_erase, audit_event_record, service
from acquis.certifications.models import Certification, SkillBlock
from acquis.pathways.enums import ArchiveReason, Closure, DropOutReason
from acquis.pathways.facts import status_facts_of
from acquis.pathways.models import (
    Candidacy,
    Experience,
    FeasibilityAttachment,
    FeasibilityFile,
    JuryMember,
    JuryResult,
    PathwayStep,
    Training,
    ValidationFile,
)
from acquis.pathways.notices import notices_erase
from acquis.pathways.services.common import day_or_today, locked, require_open
from acquis.pathways.status import compute_status
from acquis.pathways.transitions import state_of, transition_check, transition_record


def _close(candidacy: Candidacy, *, closure: str, reason: str, note: str, on: dt.date) -> None:
    candidacy.closure = closure
    candidacy.closure_reason = reason
    candidacy.closure_note = note.strip()
    candidacy.closed_on = on
    # The pathway ends here unless a jury already ended it (data.retention_until runs from the end).
    candidacy.ended_on = candidacy.ended_on or on
    candidacy.save(update_fields=["closure", "closure_reason", "closure_note", "closed_on", "ended_on", "updated_at"])


@service
def candidacy_drop_out(
    *, actor: Actor, candidacy: Candidacy, reason: str, note: str = "", on: dt.date | None = None
) -> Candidacy:
    """The candidate (or their accompanier) gives up the pathway (abandon), with a reason."""
    on = day_or_today(on, field="on", what="de l'abandon")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_drop_out", candidacy)
    before = state_of(candidacy)
    if reason not in DropOutReason.values:
        raise ValidationError({"reason": ValidationError("Choisissez le motif de l'abandon.", code="invalid_reason")})
    if reason == DropOutReason.OTHER and not note.strip():
        raise ValidationError({"note": ValidationError("Précisez le motif de l'abandon.", code="note_required")})
    _close(candidacy, closure=Closure.DROPPED_OUT, reason=reason, note=note, on=on)
    audit_event_record(actor=actor, action=EventType.CANDIDACY_DROPPED_OUT, obj=candidacy, payload={"reason": reason})
    transition_record("candidacy_drop_out", candidacy=candidacy, before=before, actor=actor, on=on)
    return candidacy


@service
def candidacy_archive(
    *, actor: Actor, candidacy: Candidacy, reason: str, note: str = "", on: dt.date | None = None
) -> Candidacy:
    """Archive a candidacy. Not while the certifier's admissibility decision is awaited: the file is with it."""
    on = day_or_today(on, field="on", what="d'archivage")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_archive", candidacy)
    before = state_of(candidacy)
    if reason not in ArchiveReason.values:
        raise ValidationError(
            {"reason": ValidationError("Choisissez le motif de l'archivage.", code="invalid_reason")}
        )
    if compute_status(status_facts_of(candidacy), on).code in ("pending", "feasibility_submitted"):
        raise ValidationError(
            "La décision du certificateur sur la recevabilité est attendue : la candidature ne peut pas être "
            "archivée maintenant (le candidat peut en revanche abandonner).",
            code="decision_awaited",
        )
    _close(candidacy, closure=Closure.ARCHIVED, reason=reason, note=note, on=on)
    audit_event_record(actor=actor, action=EventType.CANDIDACY_ARCHIVED, obj=candidacy, payload={"reason": reason})
    transition_record("candidacy_archive", candidacy=candidacy, before=before, actor=actor, on=on)
    return candidacy


@service
def candidacy_reorient(
    *,
    actor: Actor,
    candidacy: Candidacy,
    certification: Certification,
    blocks: Iterable[SkillBlock] = (),
    note: str = "",
    on: dt.date | None = None,
) -> Candidacy:
    """Close the candidacy as reoriented and open a new one towards another certification (or other blocks),
    with the same person, territory, accompaniment and experiences. The new pathway begins on ``on``:
    its rules are those in force that day. Returns the new candidacy."""
    from acquis.pathways.services.registration import candidacy_register

    on = day_or_today(on, field="on", what="de la réorientation")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_reorient", candidacy)
    before = state_of(candidacy)
    blocks = list(blocks)
    same_blocks = {block.pk for block in blocks} == set(candidacy.blocks.values_list("pk", flat=True))
    if certification.pk == candidacy.certification_id and same_blocks:
        raise ValidationError(
            {
                "certification": "La candidature vise déjà cette certification et ces blocs : choisissez une "
                "autre certification ou d'autres blocs de compétences."
            }
        )
    new = candidacy_register(
        actor=actor,
        candidate=candidacy.candidate,
        certification=certification,
        department=candidacy.department,
        qualification_level=candidacy.qualification_level,
        started_on=on,
        accompaniment_mode=candidacy.accompaniment_mode,
        accompanier=candidacy.accompanier,
        in_initial_training=False,
        blocks=blocks,
        job_threatened=candidacy.job_threatened,
        registered_on=on,
        experiences=[
            {
                "title": e.title,
                "started_on": e.started_on,
                "ended_on": e.ended_on,
                "hours": e.hours,
                "employment_status": e.employment_status,
            }
            for e in candidacy.experiences.all()
        ],
        trainings=[
            {"title": t.title, "completed_on": t.completed_on, "hours": t.hours} for t in candidacy.trainings.all()
        ],
    )
    _close(candidacy, closure=Closure.REORIENTED, reason="reorientation", note=note, on=on)
    candidacy.reoriented_to = new
    candidacy.save(update_fields=["reoriented_to"])
    audit_event_record(
        actor=actor, action=EventType.CANDIDACY_REORIENTED, obj=candidacy, payload={"new_candidacy": new.pk}
    )
    transition_record("candidacy_reorient", candidacy=candidacy, before=before, actor=actor, on=on)
    return new


@service
def candidacy_reopen(*, actor: Actor, candidacy: Candidacy) -> Candidacy:
    """Reopen a dropped-out or archived candidacy where it was. A reorientation is not undone (the new
    candidacy carries the pathway on), and anonymised data cannot come back."""
    candidacy = locked(candidacy)
    transition_check("candidacy_reopen", candidacy)
    before = state_of(candidacy)
    if candidacy.anonymised_on is not None:
        raise ValidationError(
            "Les données de cette candidature ont été anonymisées : elle ne peut pas être rouverte.",
            code="candidacy_anonymised",
        )
    if candidacy.closure == Closure.OPEN:
        raise ValidationError("Cette candidature n'est pas clôturée.", code="candidacy_not_closed")
    if candidacy.closure == Closure.REORIENTED:
        raise ValidationError(
            "Une candidature réorientée ne se rouvre pas : poursuivez la nouvelle candidature.",
            code="candidacy_reoriented",
        )
    previous = candidacy.closure
    candidacy.closure = Closure.OPEN
    candidacy.closure_reason = ""
    candidacy.closure_note = ""
    candidacy.closed_on = None
    candidacy.ended_on = candidacy.jury_on if candidacy.result_kind else None
    candidacy.save(update_fields=["closure", "closure_reason", "closure_note", "closed_on", "ended_on", "updated_at"])
    audit_event_record(actor=actor, action=EventType.CANDIDACY_REOPENED, obj=candidacy, payload={"was": previous})
    transition_record("candidacy_reopen", candidacy=candidacy, before=before, actor=actor)
    return candidacy


@service
def candidacy_litigation_set(*, actor: Actor, candidacy: Candidacy, pending: bool, note: str = "") -> Candidacy:
    """Record that a litigation is pending (or over): retention is suspended meanwhile (R6411-6)."""
    candidacy = locked(candidacy)
    transition_check("candidacy_litigation_set", candidacy)
    before = state_of(candidacy)
    if pending and not note.strip():
        raise ValidationError(
            {"note": ValidationError("Indiquez la référence du contentieux.", code="litigation_reference_required")}
        )
    candidacy.litigation_pending = pending
    candidacy.save(update_fields=["litigation_pending", "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_LITIGATION_SET,
        obj=candidacy,
        payload={"pending": pending},
        personal={"note": note.strip()} if note.strip() else None,
    )
    transition_record("candidacy_litigation_set", candidacy=candidacy, before=before, actor=actor)
    return candidacy


@service
def candidacy_anonymise(*, actor: Actor, candidacy: Candidacy, on: dt.date) -> Candidacy:
    """Erase the personal data of a candidacy whose retention period is over (R6411-6), keeping what the
    accounting and the statistics need: certification, blocks, territory, level, dates, stage, result,
    programme and organisations. Attachments are deleted from storage."""
    candidacy = locked(candidacy)
    if candidacy.anonymised_on is not None:
        raise ValidationError("Les données de cette candidature sont déjà anonymisées.")
    if candidacy.litigation_pending:
        raise ValidationError("Un contentieux est en cours : la conservation des données est prolongée.")
    experiences = Experience.objects.filter(candidacy=candidacy)
    hours = sum(experiences.values_list("hours", flat=True))
    count = experiences.count()
    experiences.delete()
    Training.objects.filter(candidacy=candidacy).delete()
    PathwayStep.objects.filter(candidacy=candidacy).update(description="")
    file = FeasibilityFile.objects.filter(candidacy=candidacy).first()
    if file is not None:
        # The files go once the erasure is committed: deleted before, a rollback would leave rows whose file is
        # gone (security review L7); deleted after, a crash between commit and deletion leaves an orphan file
        # that no row points to, which the next storage sweep can remove.
        names = [attachment.document.name for attachment in file.attachments.all() if attachment.document]
        storage = FeasibilityAttachment._meta.get_field("document").storage
        transaction.on_commit(functools.partial(_delete_files, storage, names))
        file.attachments.all().delete()
        file.pieces_requests.update(pieces="")
        file.content = {"anonymised": True, "experiences": count, "experience_hours": hours}
        file.gaps = file.recommendations = ""
        file.save(update_fields=["content", "gaps", "recommendations"])
    validations = ValidationFile.objects.filter(candidacy=candidacy)
    documents = [name for name in validations.values_list("document", flat=True) if name]
    if documents:
        storage = ValidationFile._meta.get_field("document").storage
        transaction.on_commit(functools.partial(_delete_files, storage, documents))
    validations.update(summary="", document="", document_name="")
    JuryMember.objects.filter(session__validation_file__candidacy=candidacy).update(name="")
    JuryResult.objects.filter(session__validation_file__candidacy=candidacy).update(
        comment="", withdrawal_reason="", candidate_observations=""
    )
    if candidacy.registered_by_id == candidacy.candidate_id:
        candidacy.registered_by = None
    candidacy.candidate = None
    candidacy.accompanier_opinion_text = candidacy.closure_note = candidacy.legitimate_reason = ""
    candidacy.anonymised_on = on
    candidacy.save()
    erased = notices_erase(candidacy)
    audit_details_erase(object_type=Candidacy._meta.label_lower, object_ids=[candidacy.pk], on=on)
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_ANONYMISED,
        obj=candidacy,
        payload={"on": on.isoformat(), "emails_erased": erased},
    )
    return candidacy


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)
