"""The validation file, the jury (R6412-5, D6412-6, R6412-7), its result and attestations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from acquis.accounts.actors import Actor
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.models import SkillBlock
from acquis.documents.text import french_date
from acquis.documents.uploads import attachment_check
from acquis.pathways.enums import AttestationKind, NoticeKind, ResultKind, Sex, Stage
from acquis.pathways.facts import status_facts_of
from acquis.pathways.models import Attestation, Candidacy, JuryMember, JuryResult, JurySession, ValidationFile
from acquis.pathways.notices import notice_queue
from acquis.pathways.services.admissibility import deadlines_store, note_step
from acquis.pathways.services.common import (
    actor_user,
    day_or_today,
    escaped,
    first_sentence,
    locked,
    require_open,
    stored,
    today,
)
from acquis.pathways.status import compute_status
from acquis.pathways.transitions import state_of, transition_check, transition_record
from acquis.rules import answer, ids
from acquis.rules.wording import wording_of

ADMITTED = ("admissible", "deemed_admissible")
REFILE_AFTER = (ResultKind.PARTIAL, ResultKind.REFUSED)

# D6412-6 violation codes (acquis.rules.jury.VIOLATIONS) in French, for the refusal message.
VIOLATION_LABELS = wording_of(ids.JURY_COMPOSITION_CHECK).violations


@service
def validation_file_submit(
    *,
    actor: Actor,
    candidacy: Candidacy,
    summary: str = "",
    filed_on: dt.date | None = None,
    document: UploadedFile | None = None,
) -> ValidationFile:
    """File the dossier de validation with the certifier, once admissible (explicitly or by silence) and not
    lapsed; again after a partial validation or a refusal. jury.latest_date is decided and kept. ``document``
    is the dossier itself (PDF or image, checked like every upload), kept with its checksum."""
    filed_on = day_or_today(filed_on, field="filed_on", what="de dépôt")
    checked = attachment_check(document, field="document") if document is not None else None
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("validation_file_submit", candidacy)
    before = state_of(candidacy)
    refiling = candidacy.stage == Stage.JURY_DECIDED and candidacy.result_kind in REFILE_AFTER
    if not refiling:
        if candidacy.stage != Stage.FEASIBILITY_FILED:  # a full validation: nothing to re-file
            raise ValidationError(
                "Le dossier de validation suit la recevabilité du dossier de faisabilité.",
                code="validation_not_expected",
            )
        status = compute_status(status_facts_of(candidacy), filed_on)
        if status.code not in ADMITTED:
            raise ValidationError(
                f"Le dossier de validation ne peut être déposé que si le dossier de faisabilité est recevable ; "
                f"il est aujourd'hui : {status.label}.",
                code="feasibility_not_admissible",
            )
    decision, error = answer(ids.JURY_LATEST_DATE, {"validation_file_filed_on": filed_on}, candidacy.started_on)
    validation = ValidationFile.objects.create(
        candidacy=candidacy,
        filed_on=filed_on,
        filed_by=actor_user(actor),
        summary=summary.strip(),
        latest_jury_decision=stored(decision),
        latest_jury_error=error,
    )
    if checked is not None:
        validation.document_name = (document.name or "dossier")[:255]
        validation.document_type = checked.content_type
        validation.document_size = checked.size
        validation.document_checksum = checked.checksum
        validation.document.save(document.name or "dossier", document, save=False)
        validation.save()
    note_step(candidacy, filed_on)
    candidacy.refresh_from_db(fields=["first_step_on"])
    candidacy.stage = Stage.VALIDATION_FILED
    candidacy.validation_filed_on = filed_on
    latest_fields = deadlines_store(
        candidacy, latest_jury_on=dt.date.fromisoformat(decision.value) if decision else None
    )
    candidacy.jury_on = None
    candidacy.result_kind = ""
    candidacy.ended_on = None
    candidacy.save(
        update_fields=[
            "stage",
            "validation_filed_on",
            *latest_fields,
            "jury_on",
            "result_kind",
            "ended_on",
            "updated_at",
        ]
    )
    audit_event_record(
        actor=actor,
        action=EventType.VALIDATION_FILE_SUBMITTED,
        obj=candidacy,
        payload={
            "latest_jury_date": decision.value if decision else error,
            "document_sha256": validation.document_checksum or None,
        },
    )
    transition_record(
        "validation_file_submit",
        candidacy=candidacy,
        before=before,
        actor=actor,
        on=filed_on,
        decision=stored(decision),
    )
    return validation


def _member(data: Mapping[str, Any], index: int) -> JuryMember:
    if not (data.get("name") or "").strip() or data.get("sex") not in Sex.values:
        raise ValidationError(
            {
                f"members[{index}]": ValidationError(
                    "Indiquez le nom et le sexe de chaque membre du jury.", code="jury_member_incomplete"
                )
            }
        )
    return JuryMember(
        name=data["name"].strip(),
        sex=data["sex"],
        qualified=bool(data.get("qualified")),
        has_link_with_candidate=bool(data.get("has_link_with_candidate")),
        is_accompanier=bool(data.get("is_accompanier")),
        is_chair=bool(data.get("is_chair")),
    )


@service
def jury_schedule(
    *,
    actor: Actor,
    validation_file: ValidationFile,
    held_on: dt.date,
    members: Iterable[Mapping[str, Any]],
    place: str = "",
    held_at: dt.time | None = None,
) -> JurySession:
    """Schedule the jury: its date must not be later than jury.latest_date (R6412-5) and, for pathways begun
    from 2024-04-13, its composition must pass jury.composition_check (D6412-6). Both Decisions are kept;
    for earlier pathways the rules' error code is kept instead and nothing is refused on their account.
    ``held_at`` is the hour (the page asks for it; the API accepts a jury without one, as before)."""
    candidacy = locked(validation_file.candidacy)
    require_open(candidacy)
    transition_check("jury_schedule", candidacy)
    before = state_of(candidacy)
    if candidacy.validation_filed_on != validation_file.filed_on:
        raise ValidationError("Ce dossier de validation n'attend pas de jury.", code="jury_not_expected")
    members = [_member(data, index) for index, data in enumerate(members)]
    errors = {}
    if held_on < validation_file.filed_on:
        errors["held_on"] = ValidationError(
            "Le jury ne peut pas se tenir avant le dépôt du dossier de validation.", code="jury_before_filing"
        )
    latest, latest_error = answer(
        ids.JURY_LATEST_DATE, {"validation_file_filed_on": validation_file.filed_on}, candidacy.started_on
    )
    if latest is not None and held_on > dt.date.fromisoformat(latest.value):
        errors["held_on"] = ValidationError(
            f"Le jury doit se tenir au plus tard le {french_date(dt.date.fromisoformat(latest.value))} "
            f"(article R6412-5 du code du travail : « {escaped(first_sentence(latest, 'R6412-5'))} »).",
            code="jury_after_latest_date",
            params={"decision": latest.to_dict()},
        )
    composition, composition_error = answer(
        ids.JURY_COMPOSITION_CHECK, {"members": [m.as_fact() for m in members]}, candidacy.started_on
    )
    if composition is not None and not composition.value["valid"]:
        reasons = " ; ".join(VIOLATION_LABELS[code] for code in composition.value["violations"])
        errors["members"] = ValidationError(
            f"La composition du jury ne respecte pas l'article D6412-6 du code du travail : {reasons}.",
            code="jury_composition_invalid",
            params={"decision": composition.to_dict()},
        )
    if errors:
        raise ValidationError(errors)
    session = JurySession.objects.create(
        validation_file=validation_file,
        held_on=held_on,
        held_at=held_at,
        place=place.strip(),
        composition_decision=stored(composition),
        composition_error=composition_error,
        scheduled_by=actor_user(actor),
    )
    for member in members:
        member.session = session
    JuryMember.objects.bulk_create(members)
    candidacy.stage = Stage.JURY_SCHEDULED
    candidacy.jury_on = held_on
    candidacy.save(update_fields=["stage", "jury_on", "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.JURY_SCHEDULED,
        obj=candidacy,
        payload={
            "held_on": held_on.isoformat(),
            "held_at": held_at.isoformat(timespec="minutes") if held_at else None,
            "latest_date": latest.value if latest else latest_error,
            "composition": composition.value if composition else composition_error,
        },
    )
    transition_record(
        "jury_schedule", candidacy=candidacy, before=before, actor=actor, on=today(), decision=stored(composition)
    )
    notice_queue(candidacy=candidacy, kind=NoticeKind.JURY_SCHEDULED, subject=session, on=today())
    return session


@service
def jury_result_record(
    *,
    actor: Actor,
    session: JurySession,
    kind: str,
    blocks_acquired: Iterable[SkillBlock] = (),
    comment: str = "",
) -> JuryResult:
    """The jury's result (full, partial with the blocks acquired, refusal), on or after the jury day.
    jury.result_notification_due (R6412-7) is decided and kept; the pathway ends on the jury day."""
    candidacy = locked(session.validation_file.candidacy)
    require_open(candidacy)
    transition_check("jury_result_record", candidacy)
    before = state_of(candidacy)
    blocks = list(blocks_acquired)
    errors = {}
    if JuryResult.objects.filter(session=session).exists():
        errors["kind"] = ValidationError("Le résultat de ce jury est déjà enregistré.", code="result_already_recorded")
    elif session.held_on > today():
        errors["kind"] = ValidationError(
            "Le résultat ne peut être enregistré qu'à partir du jour du jury.", code="jury_not_held_yet"
        )
    if kind not in ResultKind.values:
        errors["kind"] = ValidationError(
            "Choisissez : validation totale, partielle ou refus.", code="invalid_result_kind"
        )
    elif kind == ResultKind.PARTIAL and not blocks:
        errors["blocks_acquired"] = ValidationError(
            "Une validation partielle indique les blocs de compétences acquis.", code="blocks_required"
        )
    elif kind != ResultKind.PARTIAL and blocks:
        errors["blocks_acquired"] = ValidationError(
            "Seule une validation partielle indique des blocs acquis.", code="blocks_not_allowed"
        )
    if any(block.certification_id != candidacy.certification_id for block in blocks):
        errors["blocks_acquired"] = ValidationError(
            "Les blocs acquis doivent appartenir à la certification visée.", code="blocks_outside_certification"
        )
    if errors:
        raise ValidationError(errors)
    due, due_error = answer(ids.JURY_RESULT_NOTIFICATION_DUE, {"jury_date": session.held_on}, candidacy.started_on)
    result = JuryResult.objects.create(
        session=session,
        kind=kind,
        comment=comment.strip(),
        notification_due_decision=stored(due),
        notification_due_error=due_error,
        recorded_by=actor_user(actor),
    )
    result.blocks_acquired.set(blocks)
    candidacy.stage = Stage.JURY_DECIDED
    candidacy.result_kind = kind
    candidacy.ended_on = session.held_on
    candidacy.save(update_fields=["stage", "result_kind", "ended_on", "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.JURY_RESULT_RECORDED,
        obj=candidacy,
        payload={
            "kind": kind,
            "blocks": [b.code for b in blocks],
            "notification_due": due.value if due else due_error,
        },
    )
    transition_record("jury_result_record", candidacy=candidacy, before=before, actor=actor, decision=stored(due))
    return result


@service
def jury_result_notify(*, actor: Actor, result: JuryResult, notified_on: dt.date | None = None) -> JuryResult:
    """The day the result was notified to the candidate (late notifications are shown against the due day)."""
    notified_on = day_or_today(notified_on, field="notified_on", what="de notification")
    candidacy = locked(result.session.validation_file.candidacy)
    transition_check("jury_result_notify", candidacy)
    before = state_of(candidacy)
    result.refresh_from_db()
    if result.notified_on is not None:
        raise ValidationError("La notification du résultat est déjà enregistrée.", code="result_already_notified")
    if notified_on < result.session.held_on:
        raise ValidationError(
            {
                "notified_on": ValidationError(
                    "Le résultat ne peut pas être notifié avant le jury.", code="notification_before_jury"
                )
            }
        )
    result.notified_on = notified_on
    result.save(update_fields=["notified_on"])
    audit_event_record(actor=actor, action=EventType.JURY_RESULT_NOTIFIED, obj=candidacy)
    transition_record("jury_result_notify", candidacy=candidacy, before=before, actor=actor, on=notified_on)
    notice_queue(candidacy=candidacy, kind=NoticeKind.RESULT_NOTIFIED, subject=result, on=notified_on)
    return result


@service
def jury_result_observations_request(
    *, actor: Actor, result: JuryResult, reason: str, requested_on: dt.date | None = None
) -> JuryResult:
    """Before withdrawing a result for fraud, the candidate is invited to present observations."""
    requested_on = day_or_today(requested_on, field="requested_on", what="de la demande")
    candidacy = locked(result.session.validation_file.candidacy)
    transition_check("jury_result_observations_request", candidacy)
    before = state_of(candidacy)
    result.refresh_from_db()
    if result.withdrawn_on is not None:
        raise ValidationError("Ce résultat est déjà retiré.", code="result_already_withdrawn")
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError("Indiquez les faits reprochés au candidat.", code="reason_required")}
        )
    result.observations_requested_on = requested_on
    result.withdrawal_reason = reason.strip()
    result.save(update_fields=["observations_requested_on", "withdrawal_reason"])
    audit_event_record(
        actor=actor, action=EventType.JURY_RESULT_OBSERVATIONS_REQUESTED, obj=result.session.validation_file.candidacy
    )
    transition_record(
        "jury_result_observations_request", candidacy=candidacy, before=before, actor=actor, on=requested_on
    )
    return result


@service
def jury_result_withdraw(
    *, actor: Actor, result: JuryResult, observations: str = "", withdrawn_on: dt.date | None = None
) -> JuryResult:
    """Withdraw a result for fraud, after the candidate was invited to present observations."""
    withdrawn_on = day_or_today(withdrawn_on, field="withdrawn_on", what="du retrait")
    candidacy = locked(result.session.validation_file.candidacy)
    transition_check("jury_result_withdraw", candidacy)
    before = state_of(candidacy)
    result.refresh_from_db()
    if result.observations_requested_on is None:
        raise ValidationError(
            "Invitez d'abord le candidat à présenter ses observations.", code="observations_not_requested"
        )
    if result.withdrawn_on is not None:
        raise ValidationError("Ce résultat est déjà retiré.", code="result_already_withdrawn")
    if withdrawn_on < result.observations_requested_on:
        raise ValidationError(
            {
                "withdrawn_on": ValidationError(
                    "Le retrait ne peut pas précéder la demande d'observations.", code="withdrawal_before_request"
                )
            }
        )
    result.withdrawn_on = withdrawn_on
    result.candidate_observations = observations.strip()
    result.save(update_fields=["withdrawn_on", "candidate_observations"])
    candidacy.result_withdrawn_on = withdrawn_on
    candidacy.save(update_fields=["result_withdrawn_on", "updated_at"])
    audit_event_record(actor=actor, action=EventType.JURY_RESULT_WITHDRAWN, obj=candidacy)
    transition_record("jury_result_withdraw", candidacy=candidacy, before=before, actor=actor, on=withdrawn_on)
    return result


@service
def attestation_request(
    *, actor: Actor, candidacy: Candidacy, kind: str, requested_on: dt.date | None = None
) -> Attestation:
    """The candidate asks for an attestation of the result, or of the blocks acquired, of the result in force
    (the certifier issues it: services.attestations.attestation_issue)."""
    requested_on = day_or_today(requested_on, field="requested_on", what="de la demande")
    candidacy = locked(candidacy)
    before = state_of(candidacy)
    if kind not in AttestationKind.values:
        raise ValidationError(
            {"kind": ValidationError("Choisissez l'attestation demandée.", code="invalid_attestation_kind")}
        )
    transition_check("attestation_request", candidacy)
    if candidacy.result_withdrawn_on is not None:
        raise ValidationError("Une attestation suppose un résultat de jury (non retiré).", code="no_jury_result")
    if kind == AttestationKind.BLOCKS and candidacy.result_kind != ResultKind.PARTIAL:
        raise ValidationError(
            {
                "kind": ValidationError(
                    "L'attestation de blocs acquis suit une validation partielle.", code="no_blocks_acquired"
                )
            }
        )
    validation = candidacy.validation_files.order_by("filed_on", "id").last()
    result = JuryResult.objects.filter(session__validation_file=validation).first()
    attestation = Attestation.objects.create(
        candidacy=candidacy, kind=kind, requested_on=requested_on, requested_by=actor_user(actor), result=result
    )
    audit_event_record(actor=actor, action=EventType.ATTESTATION_REQUESTED, obj=candidacy, payload={"kind": kind})
    transition_record("attestation_request", candidacy=candidacy, before=before, actor=actor, on=requested_on)
    return attestation
