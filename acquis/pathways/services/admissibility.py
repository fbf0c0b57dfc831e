"""The admissibility file (dossier de faisabilité, R6412-3, R6412-4): filing under the annual quota,
attachments, missing pieces, receipt of the complete file, the certifier's decision, steps and reasons
that keep the admissibility from lapsing. The status itself is computed by the selectors. Each transition
queues its e-mails to those concerned in the same transaction (acquis/pathways/notices.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from acquis.accounts.actors import Actor
from acquis.accounts.models import Organisation
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.documents.text import french_date
from acquis.documents.uploads import attachment_check
from acquis.pathways.enums import (
    AdmissibilityKind,
    Closure,
    DropOutReason,
    FeasibilityAttachmentKind,
    NoticeKind,
    Stage,
)
from acquis.pathways.facts import status_facts_of
from acquis.pathways.models import (
    Candidacy,
    FeasibilityAttachment,
    FeasibilityFile,
    FeasibilityPiecesRequest,
    PathwayStep,
)
from acquis.pathways.notices import notice_queue
from acquis.pathways.services.common import (
    actor_user,
    day_or_today,
    escaped,
    first_sentence,
    locked,
    require_open,
    stored,
)
from acquis.pathways.status import compute_status, current_ruleset, gip_notice_day
from acquis.pathways.transitions import state_of, transition_check, transition_record
from acquis.rules import answer, ids

RECEIVED = "La réception du dossier complet est déjà confirmée."
QUOTA_REASONS = {
    "same_certification_this_year": (
        "un dossier de faisabilité a déjà été déposé cette année civile pour cette certification"
    ),
    "too_many_certifications_this_year": (
        "des dossiers ont déjà été déposés cette année civile pour le nombre maximal de certifications différentes"
    ),
}


def addressed_certifier(candidacy: Candidacy) -> Organisation | None:
    """The certifier the files go to: the one chosen, else the certification's certifier known by SIRET."""
    if candidacy.certifier_id:
        return candidacy.certifier
    sirets = [siret for siret in candidacy.certification.certifiers.values_list("siret", flat=True) if siret]
    return Organisation.objects.filter(siret__in=sirets).order_by("pk").first()


def filed_content(candidacy: Candidacy) -> dict[str, Any]:
    """The structured content of the dossier de faisabilité as filed (kept unchanged in the file)."""
    candidate = candidacy.candidate
    return {
        "certification": {"code": candidacy.certification.code, "title": candidacy.certification.title},
        "blocks": [{"code": b.code, "title": b.title} for b in candidacy.blocks.order_by("code")],
        "candidate": {
            "name": candidate.get_full_name() if candidate else "",
            "email": candidate.email if candidate else "",
            "qualification_level": candidacy.qualification_level,
            "department": candidacy.department.code,
        },
        "experiences": [
            {
                "title": e.title,
                "started_on": e.started_on.isoformat(),
                "ended_on": e.ended_on.isoformat() if e.ended_on else None,
                "hours": e.hours,
                "employment_status": e.employment_status,
            }
            for e in candidacy.experiences.all()
        ],
        "trainings": [
            {
                "title": t.title,
                "completed_on": t.completed_on.isoformat() if t.completed_on else None,
                "hours": t.hours,
            }
            for t in candidacy.trainings.all()
        ],
        "accompanier_opinion": (
            {
                "opinion": candidacy.accompanier_opinion,
                "text": candidacy.accompanier_opinion_text,
                "on": candidacy.accompanier_opinion_on.isoformat() if candidacy.accompanier_opinion_on else None,
            }
            if candidacy.accompanier_opinion
            else None
        ),
    }


def deadlines_store(candidacy: Candidacy, **deadlines: dt.date | None) -> list[str]:
    """Set deadlines on the candidacy, their only home, with the hash of the ruleset that gave them; returns
    the fields to save."""
    for name, value in deadlines.items():
        setattr(candidacy, name, value)
    candidacy.deadlines_ruleset = current_ruleset()
    return [*deadlines, "deadlines_ruleset"]


def lapse_on(notified_on: dt.date, candidacy: Candidacy) -> dt.date | None:
    """admissibility.lapse_date for a notification on ``notified_on`` (None for an earlier procedure)."""
    decision, _ = answer(ids.ADMISSIBILITY_LAPSE_DATE, {"notified_on": notified_on}, candidacy.started_on)
    return dt.date.fromisoformat(decision.value) if decision else None


def _previous_files(candidacy: Candidacy, filing_on: dt.date) -> list[dict[str, Any]]:
    """The candidate's other files, each with whether its admissibility lapsed (the rule's status on the new
    filing day, or a drop-out recorded for caducity) and whether the certification's référentiel changed
    since (R6412-4, last sentence: the yearly limit cannot be opposed to re-filing a lapsed file). The
    référentiel is the fiche: a new registration decision of the same fiche after the filing counts as a
    change, the favourable side for the limit being the unchanged one only when nothing was re-decided."""
    files = (
        FeasibilityFile.objects.filter(candidacy__candidate_id=candidacy.candidate_id)
        .exclude(candidacy=candidacy)
        .select_related("candidacy__certification")
    )
    previous = []
    for file in files:
        other = file.candidacy
        lapsed = (other.closure == Closure.DROPPED_OUT and other.closure_reason == DropOutReason.LAPSED) or (
            compute_status(status_facts_of(other), filing_on).code == "lapsed"
        )
        decided_on = other.certification.decision_on
        previous.append(
            {
                "certification": other.certification.code,
                "filed_on": file.filed_on,
                "is_block": file.is_block,
                "lapsed": lapsed,
                "referential_changed": decided_on is not None and decided_on > file.filed_on,
            }
        )
    return previous


@service
def feasibility_file_submit(
    *,
    actor: Actor,
    candidacy: Candidacy,
    filed_on: dt.date | None = None,
    attachments: list[tuple[str, UploadedFile]] = (),
) -> FeasibilityFile:
    """File the dossier de faisabilité with the certifier. admissibility.annual_quota (R6412-3) is decided
    for the filing day, governed by the day the pathway began, and kept; a refusal quotes the article.
    The web and the API pass no ``filed_on``: on the portal the filing date is its clock (the « date certaine »
    of R6412-4); a past date is for recording history (demo data, imports) and cannot precede the registration."""
    filed_on = day_or_today(filed_on, field="filed_on", what="de dépôt")
    candidacy = locked(candidacy)
    require_open(candidacy)
    before = state_of(candidacy)
    if filed_on < candidacy.registered_on:
        raise ValidationError(
            {
                "filed_on": ValidationError(
                    "Le dossier ne peut pas être déposé avant l'inscription "
                    f"({french_date(candidacy.registered_on)}).",
                    code="filing_before_registration",
                )
            }
        )
    transition_check("feasibility_file_submit", candidacy)
    if not candidacy.experiences.exists():
        raise ValidationError(
            {
                "experiences": ValidationError(
                    "Décrivez au moins une expérience avant de déposer le dossier.", code="experiences_required"
                )
            }
        )
    checked = [(kind, upload, attachment_check(upload, field="attachments")) for kind, upload in attachments]
    if any(kind not in FeasibilityAttachmentKind.values for kind, _, _ in checked):
        raise ValidationError(
            {"attachments": ValidationError("Nature de pièce inconnue.", code="invalid_attachment_kind")}
        )
    is_block = candidacy.blocks.exists()
    decision, error = answer(
        ids.ADMISSIBILITY_ANNUAL_QUOTA,
        {
            "previous_files": _previous_files(candidacy, filed_on),
            "certification": candidacy.certification.code,
            "is_block": is_block,
            "filing_on": filed_on,
        },
        candidacy.started_on,
    )
    if decision is not None and not decision.value["allowed"]:
        raise ValidationError(
            {
                # The rule's reason is the code (same_certification_this_year, too_many_certifications_this_year).
                "filed_on": ValidationError(
                    f"Le dossier ne peut pas être déposé : {QUOTA_REASONS[decision.value['reason']]} "
                    f"(article R6412-3 du code du travail : « {escaped(first_sentence(decision, 'R6412-3'))} »).",
                    code=decision.value["reason"],
                    params={"decision": decision.to_dict()},
                )
            }
        )
    certifier = addressed_certifier(candidacy)
    file = FeasibilityFile.objects.create(
        candidacy=candidacy,
        content=filed_content(candidacy),
        is_block=is_block,
        filed_on=filed_on,
        filed_by=actor_user(actor),
        quota_decision=stored(decision),
    )
    for kind, upload, facts in checked:
        _attach(file, kind, upload, facts, actor)
    candidacy.stage = Stage.FEASIBILITY_FILED
    candidacy.certifier = certifier
    candidacy.save(update_fields=["stage", "certifier", "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.FEASIBILITY_FILE_SUBMITTED,
        obj=candidacy,
        payload={"quota": decision.value if decision else error, "certifier": certifier.siret if certifier else None},
    )
    transition_record(
        "feasibility_file_submit",
        candidacy=candidacy,
        before=before,
        actor=actor,
        on=filed_on,
        decision=file.quota_decision,
    )
    notice_queue(candidacy=candidacy, kind=NoticeKind.FILE_SUBMITTED, subject=file, on=filed_on)
    return file


def _attach(file: FeasibilityFile, kind: str, upload: UploadedFile, facts: Any, actor: Actor) -> FeasibilityAttachment:
    attachment = FeasibilityAttachment(
        file=file,
        kind=kind,
        original_name=(upload.name or "piece")[:255],
        content_type=facts.content_type,
        size=facts.size,
        checksum=facts.checksum,
        uploaded_by=actor_user(actor),
    )
    attachment.document.save(upload.name or "piece", upload, save=False)
    attachment.save()
    return attachment


@service
def feasibility_attachment_add(
    *, actor: Actor, file: FeasibilityFile, kind: str, document: UploadedFile
) -> FeasibilityAttachment:
    """Add a piece (typically one the certifier asked for) while the file is not yet complete."""
    candidacy = locked(file.candidacy)
    transition_check("feasibility_attachment_add", candidacy)
    before = state_of(candidacy)
    file.refresh_from_db()
    if file.complete_on is not None:
        raise ValidationError("Le dossier est complet : il ne reçoit plus de pièces.", code="feasibility_complete")
    if kind not in FeasibilityAttachmentKind.values:
        raise ValidationError(
            {"kind": ValidationError("Choisissez la nature de la pièce.", code="invalid_attachment_kind")}
        )
    facts = attachment_check(document, field="document")
    attachment = _attach(file, kind, document, facts, actor)
    audit_event_record(
        actor=actor,
        action=EventType.FEASIBILITY_ATTACHMENT_ADDED,
        obj=file.candidacy,
        payload={"kind": kind, "checksum": facts.checksum},
    )
    transition_record("feasibility_attachment_add", candidacy=candidacy, before=before, actor=actor)
    return attachment


@service
def feasibility_pieces_request(
    *, actor: Actor, file: FeasibilityFile, pieces: str, requested_on: dt.date | None = None
) -> FeasibilityPiecesRequest:
    """The certifier asks for missing pieces before acknowledging the complete file."""
    requested_on = day_or_today(requested_on, field="requested_on", what="de la demande")
    candidacy = locked(file.candidacy)
    require_open(candidacy)
    transition_check("feasibility_pieces_request", candidacy)
    before = state_of(candidacy)
    file.refresh_from_db()
    if file.complete_on is not None:
        raise ValidationError(RECEIVED, code="receipt_already_acknowledged")
    if not pieces.strip():
        raise ValidationError({"pieces": ValidationError("Indiquez les pièces manquantes.", code="pieces_required")})
    if requested_on < file.filed_on:
        raise ValidationError(
            {
                "requested_on": ValidationError(
                    "La demande ne peut pas précéder le dépôt du dossier.", code="date_before_filing"
                )
            }
        )
    request = FeasibilityPiecesRequest.objects.create(
        file=file, requested_on=requested_on, pieces=pieces.strip(), requested_by=actor_user(actor)
    )
    file.pieces_requested_on = requested_on
    file.save(update_fields=["pieces_requested_on"])
    candidacy.pieces_requested_on = requested_on
    candidacy.save(update_fields=["pieces_requested_on", "updated_at"])
    audit_event_record(actor=actor, action=EventType.FEASIBILITY_PIECES_REQUESTED, obj=candidacy)
    transition_record("feasibility_pieces_request", candidacy=candidacy, before=before, actor=actor, on=requested_on)
    notice_queue(candidacy=candidacy, kind=NoticeKind.PIECES_REQUESTED, subject=request, on=requested_on)
    return request


@service
def feasibility_receipt_acknowledge(
    *, actor: Actor, file: FeasibilityFile, complete_on: dt.date | None = None
) -> FeasibilityFile:
    """The certifier acknowledges receipt of the complete file; ``complete_on`` is its « date certaine », from
    which the two-month delay of R6412-4 runs (admissibility.decision_due)."""
    complete_on = day_or_today(complete_on, field="complete_on", what="de réception du dossier complet")
    candidacy = locked(file.candidacy)
    require_open(candidacy)
    transition_check("feasibility_receipt_acknowledge", candidacy)
    before = state_of(candidacy)
    file.refresh_from_db()
    if file.complete_on is not None:
        raise ValidationError(RECEIVED, code="receipt_already_acknowledged")
    if complete_on < file.filed_on or (file.pieces_requested_on and complete_on < file.pieces_requested_on):
        raise ValidationError(
            {
                "complete_on": ValidationError(
                    "Le dossier ne peut pas être complet avant son dépôt ni avant la dernière demande de pièces.",
                    code="complete_before_filing",
                )
            }
        )
    due, _ = answer(ids.ADMISSIBILITY_DECISION_DUE, {"file_complete_on": complete_on}, candidacy.started_on)
    file.complete_on = complete_on
    file.pieces_requested_on = None
    file.acknowledged_by = actor_user(actor)
    file.save(update_fields=["complete_on", "pieces_requested_on", "acknowledged_by"])
    decision_due_on = dt.date.fromisoformat(due.value) if due else None
    candidacy.file_complete_on, candidacy.pieces_requested_on = complete_on, None
    stored_fields = deadlines_store(
        candidacy,
        decision_due_on=decision_due_on,
        # Without a decision, the GIP notifies admissibility: caducity runs from its notice.
        lapse_on=lapse_on(gip_notice_day(decision_due_on), candidacy) if due else None,
    )
    candidacy.save(update_fields=["file_complete_on", "pieces_requested_on", *stored_fields, "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.FEASIBILITY_RECEIPT_ACKNOWLEDGED,
        obj=candidacy,
        payload={"complete_on": complete_on.isoformat(), "decision_due": due.value if due else None},
    )
    transition_record(
        "feasibility_receipt_acknowledge",
        candidacy=candidacy,
        before=before,
        actor=actor,
        on=complete_on,
        decision=stored(due),
    )
    notice_queue(candidacy=candidacy, kind=NoticeKind.RECEIPT_ACKNOWLEDGED, subject=file, on=complete_on)
    return file


@service
def feasibility_decide(
    *,
    actor: Actor,
    file: FeasibilityFile,
    kind: str,
    decided_on: dt.date | None = None,
    gaps: str = "",
    recommendations: str = "",
) -> FeasibilityFile:
    """The certifier's decision: admissible, or not admissible with the gaps to the standard (R6412-4).
    Once the delay has run out the file is deemed admissible: a later decision is refused."""
    decided_on = day_or_today(decided_on, field="decided_on", what="de la décision")
    candidacy = locked(file.candidacy)
    require_open(candidacy)
    transition_check("feasibility_decide", candidacy)
    before = state_of(candidacy)
    file.refresh_from_db()
    errors = {}
    if file.complete_on is None:
        errors["kind"] = ValidationError(
            "Confirmez d'abord la réception du dossier complet.", code="receipt_not_acknowledged"
        )
    elif file.decision_kind:
        errors["kind"] = ValidationError(
            "La décision sur la recevabilité est déjà enregistrée.", code="decision_already_recorded"
        )
    elif decided_on < file.complete_on:
        errors["decided_on"] = ValidationError(
            "La décision ne peut pas précéder la réception du dossier complet.", code="decision_before_receipt"
        )
    if kind not in AdmissibilityKind.values:
        errors["kind"] = ValidationError("Choisissez : recevable ou non recevable.", code="invalid_decision_kind")
    elif kind == AdmissibilityKind.NOT_ADMISSIBLE and not gaps.strip():
        errors["gaps"] = ValidationError(
            "Indiquez les écarts entre l'expérience déclarée et le référentiel de la certification.",
            code="gaps_required",
        )
    if errors:
        raise ValidationError(errors)
    status, _ = answer(
        ids.ADMISSIBILITY_STATUS,
        {"file_complete_on": file.complete_on, "decision": {"date": decided_on, "kind": kind}, "on": decided_on},
        candidacy.started_on,
    )
    if status is not None and status.value == "deemed_admissible":
        raise ValidationError(
            {
                "decided_on": ValidationError(
                    "Le délai de décision est écoulé : le dossier est réputé recevable et le GIP l'a notifié au "
                    f"candidat (article R6412-4 : « {escaped(first_sentence(status, 'R6412-4'))} »).",
                    code="decision_delay_expired",
                    params={"decision": status.to_dict()},
                )
            }
        )
    file.decision_kind = kind
    file.decided_on = decided_on
    file.gaps = gaps.strip()
    file.recommendations = recommendations.strip()
    file.decided_by = actor_user(actor)
    file.save(update_fields=["decision_kind", "decided_on", "gaps", "recommendations", "decided_by"])
    candidacy.admissibility_kind, candidacy.admissibility_decided_on = kind, decided_on
    stored_fields = deadlines_store(
        candidacy, lapse_on=lapse_on(decided_on, candidacy) if kind == AdmissibilityKind.ADMISSIBLE else None
    )
    candidacy.save(update_fields=["admissibility_kind", "admissibility_decided_on", *stored_fields, "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.FEASIBILITY_DECIDED,
        obj=candidacy,
        payload={"kind": kind, "decided_on": decided_on.isoformat(), "status": status.to_dict() if status else None},
    )
    transition_record(
        "feasibility_decide", candidacy=candidacy, before=before, actor=actor, on=decided_on, decision=stored(status)
    )
    notice_queue(candidacy=candidacy, kind=NoticeKind.ADMISSIBILITY_DECIDED, subject=file, on=decided_on)
    return file


@service
def candidacy_step_record(
    *, actor: Actor, candidacy: Candidacy, description: str, recorded_on: dt.date | None = None
) -> PathwayStep:
    """A step of the pathway recorded on the portal: one after admissibility keeps it from lapsing."""
    recorded_on = day_or_today(recorded_on, field="recorded_on", what="de la démarche")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_step_record", candidacy)
    before = state_of(candidacy)
    if not description.strip():
        raise ValidationError(
            {"description": ValidationError("Décrivez la démarche accomplie.", code="description_required")}
        )
    step = PathwayStep.objects.create(
        candidacy=candidacy, recorded_on=recorded_on, description=description.strip(), recorded_by=actor_user(actor)
    )
    note_step(candidacy, recorded_on)
    audit_event_record(actor=actor, action=EventType.CANDIDACY_STEP_RECORDED, obj=candidacy)
    transition_record("candidacy_step_record", candidacy=candidacy, before=before, actor=actor, on=recorded_on)
    return step


def note_step(candidacy: Candidacy, on: dt.date) -> None:
    """Keep first_step_on: the earliest step after the admissibility decision (lists read it, no join)."""
    file = FeasibilityFile.objects.filter(candidacy=candidacy).first()
    if file is None or file.complete_on is None:
        return
    if (file.decided_on and on < file.decided_on) or on < file.complete_on:
        return
    if candidacy.first_step_on is None or on < candidacy.first_step_on:
        candidacy.first_step_on = on
        candidacy.save(update_fields=["first_step_on", "updated_at"])


@service
def candidacy_legitimate_reason_record(
    *, actor: Actor, candidacy: Candidacy, reason: str, recorded_on: dt.date | None = None
) -> Candidacy:
    """A legitimate reason (« motif légitime », R6412-4): the admissibility does not lapse."""
    recorded_on = day_or_today(recorded_on, field="recorded_on", what="du motif")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_legitimate_reason_record", candidacy)
    before = state_of(candidacy)
    if not reason.strip():
        raise ValidationError({"reason": ValidationError("Indiquez le motif légitime.", code="reason_required")})
    candidacy.legitimate_reason = reason.strip()
    candidacy.legitimate_reason_on = recorded_on
    candidacy.save(update_fields=["legitimate_reason", "legitimate_reason_on", "updated_at"])
    audit_event_record(actor=actor, action=EventType.CANDIDACY_LEGITIMATE_REASON_RECORDED, obj=candidacy)
    transition_record(
        "candidacy_legitimate_reason_record", candidacy=candidacy, before=before, actor=actor, on=recorded_on
    )
    return candidacy
