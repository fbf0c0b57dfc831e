"""Writes on congé VAE requests: drafting, sending, superseding, proofs. Each is audited.

Nothing here stores a legal status: the Decisions kept at send time are the ones the law asks to be fixed
then (notice, mentions); everything that depends on "today" is computed by the selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.enums import OrganisationKind, Role
from acquis.accounts.models import ApiToken, Membership, Organisation, User
from acquis.accounts.services import organisation_create
from acquis.accounts.siret import normalise_siret, siret_error
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.models import Certification
from acquis.documents.text import french_date
from acquis.documents.uploads import attachment_check
from acquis.leave import pathway as pathways
from acquis.leave.enums import ActionNature, AttachmentKind, NoticeKind, ReceiptMethod, RequestState
from acquis.leave.facts import missing_items_facts
from acquis.leave.models import AttendanceProofRequest, LeaveAction, LeaveAttachment, LeaveRequest
from acquis.leave.notices import leave_notice_context, leave_notice_recipients, transition_notice_queue
from acquis.leave.rights import absence_cap_error
from acquis.leave.selectors import leave_notice_key_prefix
from acquis.leave.transitions import NOT_THROUGH_ACQUIS, LeaveConflict, transition_check, transition_record
from acquis.notifications.models import OutboundEmail
from acquis.notifications.services import notification_queue
from acquis.rules import answer, ids
from acquis.rules.facts import IMPLAUSIBLE_DAY, is_plausible_day

# The fields an employee may change while the request is a draft (and the keys leave_request_update accepts).
EDITABLE_FIELDS = frozenset(
    {
        "certification",
        "certification_title",
        "certifier_name",
        "pathway_started_on",
        "extension_claimed",
        "qualification_level",
        "job_threatened",
        "collective_agreement_hours",
        "funding_obtained",
        "complementary_evaluation",
        "fixed_term_contract_end",
    }
)
RECEIPT_ATTACHMENT = {
    ReceiptMethod.REGISTERED_LETTER: AttachmentKind.REGISTERED_LETTER_SCAN,
    ReceiptMethod.HAND_DELIVERY: AttachmentKind.HAND_DELIVERY_RECEIPT,
}
DRAFT_ATTACHMENTS = frozenset({AttachmentKind.ADMISSIBILITY_PROOF, AttachmentKind.QUALIFICATION_PROOF})


def actor_user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def locked(leave_request: LeaveRequest) -> LeaveRequest:
    """Re-read the row under a lock so that concurrent writes on one request run one after the other."""
    return LeaveRequest.objects.select_for_update().get(pk=leave_request.pk)


def _actions_start_refresh(leave_request: LeaveRequest) -> None:
    leave_request.actions_start = min((a.start for a in leave_request.actions.all()), default=None)
    leave_request.save(update_fields=["actions_start", "updated_at"])


def _employer(*, siret: str, name: str, actor: User | None) -> Organisation:
    siret = normalise_siret(siret or "")
    error = siret_error(siret)
    if error:
        raise ValidationError({"employer_siret": error})
    organisation = Organisation.objects.filter(siret=siret).first()
    if organisation is not None:
        return organisation
    if not name.strip():
        raise ValidationError(
            {"employer_name": "Cette entreprise n'est pas encore connue d'Acquis : indiquez sa raison sociale."}
        )
    return organisation_create(siret=siret, name=name, kind=OrganisationKind.COMPANY, actor=actor)


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"champs non modifiables : {', '.join(sorted(unknown))}")
    cleaned = dict(fields)
    for key in ("certification_title", "certifier_name"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    level = cleaned.get("qualification_level")
    if level is not None and not (isinstance(level, int) and 1 <= level <= 8):
        raise ValidationError({"qualification_level": "Le niveau de qualification va de 1 à 8 (cadre national)."})
    hours = cleaned.get("collective_agreement_hours")
    if hours is not None:
        try:
            hours = Decimal(str(hours))
        except InvalidOperation:
            raise ValidationError({"collective_agreement_hours": "Indiquez un nombre d'heures."}) from None
        if hours <= 0:
            raise ValidationError(
                {"collective_agreement_hours": "Le nombre d'heures prévu par la convention doit être positif."}
            )
        cleaned["collective_agreement_hours"] = hours
    certification = cleaned.get("certification")
    if certification is not None and not isinstance(certification, Certification):
        raise ValueError("certification doit être une Certification ou None")
    return cleaned


@service
def leave_request_create(
    *, employee: User, employer_siret: str, employer_name: str = "", **fields: Any
) -> LeaveRequest:
    """A draft; ``fields`` are among EDITABLE_FIELDS. An unknown SIRET creates the company (needs its name)."""
    cleaned = _clean_fields(fields)
    employer = _employer(siret=employer_siret, name=employer_name, actor=employee)
    leave_request = LeaveRequest(employee=employee, employer=employer, **cleaned)
    leave_request.full_clean()
    leave_request.save()
    audit_event_record(
        actor=employee,
        action=EventType.LEAVE_REQUEST_CREATED,
        obj=leave_request,
        payload={"employer": employer.siret},
    )
    return leave_request


@service
def leave_request_update(
    *,
    leave_request: LeaveRequest,
    actor: User,
    employer_siret: str | None = None,
    employer_name: str = "",
    **fields: Any,
) -> LeaveRequest:
    leave_request = locked(leave_request)
    transition_check("leave_request_update", leave_request)
    cleaned = _clean_fields(fields)
    changed = sorted(cleaned)
    if employer_siret is not None:
        employer = _employer(siret=employer_siret, name=employer_name, actor=actor)
        if employer.pk != leave_request.employer_id:
            leave_request.employer = employer
            changed.append("employer")
    for key, value in cleaned.items():
        setattr(leave_request, key, value)
    leave_request.full_clean()
    leave_request.save()
    audit_event_record(
        actor=actor, action=EventType.LEAVE_REQUEST_UPDATED, obj=leave_request, payload={"fields": changed}
    )
    return leave_request


@service
def leave_action_add(
    *, leave_request: LeaveRequest, actor: User, start: dt.date, end: dt.date, nature: str, hours: Decimal | int | str
) -> LeaveAction:
    leave_request = locked(leave_request)
    transition_check("leave_action_add", leave_request)
    errors: dict[str, str] = {}
    if nature not in ActionNature.values:
        errors["nature"] = (
            "Choisissez la nature de l'action : session d'évaluation ou accompagnement à la préparation."
        )
    if start is None or end is None:
        errors["start"] = "Indiquez la date de début et la date de fin de l'action."
    elif not (is_plausible_day(start) and is_plausible_day(end)):
        errors["start"] = IMPLAUSIBLE_DAY
    elif end < start:
        errors["end"] = "La date de fin de l'action ne peut pas précéder sa date de début."
    try:
        hours = Decimal(str(hours))
        if not hours.is_finite() or hours <= 0:
            errors["hours"] = "La durée de l'action doit être un nombre d'heures supérieur à zéro."
    except InvalidOperation:
        errors["hours"] = "La durée de l'action doit être un nombre d'heures supérieur à zéro."
    if not errors and (
        capped := absence_cap_error(leave_request, nature=nature, hours=hours, on=timezone.localdate())
    ):
        errors["hours"] = capped
    if errors:
        raise ValidationError(errors)
    action = LeaveAction(request=leave_request, start=start, end=end, nature=nature, hours=hours)
    action.full_clean()
    action.save()
    _actions_start_refresh(leave_request)
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_ACTION_ADDED,
        obj=leave_request,
        payload={"action": action.pk, "start": start.isoformat(), "end": end.isoformat(), "nature": nature},
    )
    return action


@service
def leave_action_remove(*, action: LeaveAction, actor: User) -> None:
    leave_request = locked(action.request)
    transition_check("leave_action_remove", leave_request)
    action_id = action.pk
    action.delete()
    _actions_start_refresh(leave_request)
    audit_event_record(
        actor=actor, action=EventType.LEAVE_ACTION_REMOVED, obj=leave_request, payload={"action": action_id}
    )


def _attachment_store(
    *, leave_request: LeaveRequest, kind: str, file: UploadedFile, uploaded_by: User
) -> LeaveAttachment:
    checked = attachment_check(file)
    attachment = LeaveAttachment(
        request=leave_request,
        kind=kind,
        original_name=(file.name or "")[-255:],
        content_type=checked.content_type,
        size=checked.size,
        checksum=checked.checksum,
        uploaded_by=uploaded_by,
    )
    attachment.file.save("upload", file, save=False)
    attachment.save()
    return attachment


def _admissibility_proof_attach(leave_request: LeaveRequest, actor: User) -> bool:
    """Attach the linked pathway's admissibility as the request's proof, unless one is already there."""
    if leave_request.pathway_id is None:
        return False
    if leave_request.attachments.filter(kind=AttachmentKind.ADMISSIBILITY_PROOF).exists():
        return False
    proof = pathways.admissibility_proof(leave_request.pathway)
    if proof is None:
        return False
    _attachment_store(
        leave_request=leave_request, kind=AttachmentKind.ADMISSIBILITY_PROOF, file=proof, uploaded_by=actor
    )
    return True


@service
def leave_request_pathway_link(*, leave_request: LeaveRequest, actor: User, candidacy: Any) -> LeaveRequest:
    """Name the employee's own pathway on a draft: its certification, certifier and start fill the request,
    and its admissibility, once decided, is attached as the proof (else at sending, if decided by then)."""
    leave_request = locked(leave_request)
    transition_check("leave_request_pathway_link", leave_request)
    if candidacy.candidate_id != leave_request.employee_id or candidacy.closure:
        raise ValidationError({"pathway": "Choisissez l'un de vos parcours VAE en cours."})
    for name, value in pathways.pathway_fields(candidacy).items():
        setattr(leave_request, name, value)
    leave_request.pathway = candidacy
    leave_request.save()
    attached = _admissibility_proof_attach(leave_request, actor)
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_REQUEST_PATHWAY_LINKED,
        obj=leave_request,
        payload={"candidacy": candidacy.pk, "admissibility_proof_attached": attached},
    )
    return leave_request


@service
def leave_attachment_add(
    *, leave_request: LeaveRequest, actor: User, kind: str, file: UploadedFile
) -> LeaveAttachment:
    """The admissibility or qualification proof of a draft (receipts go with the sending)."""
    leave_request = locked(leave_request)
    transition_check("leave_attachment_add", leave_request)
    if kind not in DRAFT_ATTACHMENTS:
        raise ValidationError({"kind": "Joignez ici le justificatif de recevabilité ou de niveau de qualification."})
    attachment = _attachment_store(leave_request=leave_request, kind=kind, file=file, uploaded_by=actor)
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_ATTACHMENT_ADDED,
        obj=leave_request,
        payload={"attachment": attachment.pk, "kind": kind, "sha256": attachment.checksum},
    )
    return attachment


def cannot_apply(message: str) -> ValidationError:
    """The refusal when the rules cannot decide (a date before any version in force)."""
    return ValidationError(f"Acquis ne peut pas appliquer le droit du congé VAE à cette date ({message}).")


def _employer_has_account(employer: Organisation) -> bool:
    return (
        Membership.objects.filter(organisation=employer, role=Role.EMPLOYER, revoked_at__isnull=True).exists()
        or ApiToken.objects.filter(organisation=employer, role=Role.EMPLOYER, revoked_at__isnull=True).exists()
    )


@service
def leave_request_send(
    *,
    leave_request: LeaveRequest,
    actor: User,
    receipt_method: str,
    received_on: dt.date | None = None,
    receipt_file: UploadedFile | None = None,
) -> LeaveRequest:
    """Record how the employer received the request (its « date certaine ») and the Decisions of that day.

    Platform: received now, the employer acknowledges later. Registered letter or hand delivery: the receipt
    date entered and the scan of the receipt. A late or incomplete request is flagged, not refused.
    """
    leave_request = locked(leave_request)
    transition_check("leave_request_send", leave_request)
    today = timezone.localdate()
    actions = list(leave_request.actions.all())
    if not actions:
        raise ValidationError({"actions": "Ajoutez au moins une action (dates, nature, durée) avant d'envoyer."})
    if receipt_method == ReceiptMethod.PLATFORM:
        if not _employer_has_account(leave_request.employer):
            raise ValidationError(
                {
                    "receipt_method": "Votre employeur n'a pas de compte sur Acquis : remettez la demande en main "
                    "propre contre décharge ou envoyez-la en lettre recommandée avec avis de réception."
                }
            )
        received_on = today
    elif receipt_method in RECEIPT_ATTACHMENT:
        if received_on is None:
            raise ValidationError({"received_on": "Indiquez la date à laquelle l'employeur a reçu la demande."})
        if received_on > today:
            raise ValidationError({"received_on": "La date de réception ne peut pas être dans le futur."})
        # The employer cannot have received a request before it was written: the draft's day is the floor.
        drafted = timezone.localdate(leave_request.created_at)
        if received_on < drafted:
            raise ValidationError(
                {
                    "received_on": f"La date de réception ne peut pas précéder la rédaction de la demande sur "
                    f"Acquis, le {french_date(drafted)}."
                }
            )
        if receipt_file is None:
            label = RECEIPT_ATTACHMENT[receipt_method].label
            raise ValidationError({"receipt_file": f"Joignez le document qui prouve la réception : {label.lower()}."})
    else:
        raise ValidationError({"receipt_method": "Choisissez comment la demande a été remise à l'employeur."})

    # A pathway found admissible since it was linked brings its proof now, before the mentions are checked.
    _admissibility_proof_attach(leave_request, actor)
    kinds = set(leave_request.attachments.values_list("kind", flat=True))
    start = min(action.start for action in actions)
    latest_send = answer(ids.LEAVE_REQUEST_LATEST_SEND_DATE, {"actions_start": start}, received_on)
    latest = latest_send.decided_or(cannot_apply)
    missing_facts = missing_items_facts(leave_request, actions, kinds)
    missing = answer(ids.LEAVE_REQUEST_MISSING_ITEMS, missing_facts, received_on).decided_or(cannot_apply)
    if receipt_method in RECEIPT_ATTACHMENT:
        _attachment_store(
            leave_request=leave_request,
            kind=RECEIPT_ATTACHMENT[receipt_method],
            file=receipt_file,
            uploaded_by=actor,
        )
    leave_request.state = RequestState.SENT
    leave_request.sent_at = timezone.now()
    leave_request.receipt_method = receipt_method
    leave_request.request_received = received_on
    leave_request.latest_send_decision = latest.to_dict()
    leave_request.missing_items_decision = missing.to_dict()
    leave_request.sent_late = received_on > dt.date.fromisoformat(latest.value)
    leave_request.save()
    # The log keeps the latest-send Decision: the one that made the request late or in time (R6422-3).
    transition_record(
        "leave_request_send",
        leave_request=leave_request,
        before=RequestState.DRAFT,
        actor=actor,
        decision=latest.to_dict(),
    )
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_REQUEST_SENT,
        obj=leave_request,
        payload={
            "receipt_method": receipt_method,
            "request_received": received_on.isoformat(),
            "late": leave_request.sent_late,
            "missing_items": missing.value,
        },
    )
    transition_notice_queue(leave_request=leave_request, kind=NoticeKind.REQUEST_SENT)
    return leave_request


@service
def leave_request_acknowledge(*, leave_request: LeaveRequest, actor: User) -> LeaveRequest:
    """The employer confirms it received a request sent through Acquis (the receipt date stays the timestamp)."""
    leave_request = locked(leave_request)
    transition_check("leave_request_acknowledge", leave_request)
    if leave_request.receipt_method != ReceiptMethod.PLATFORM:
        raise NOT_THROUGH_ACQUIS.error()
    if leave_request.acknowledged_at is not None:
        raise LeaveConflict("La réception de cette demande a déjà été confirmée.", code="already_acknowledged")
    leave_request.acknowledged_at = timezone.now()
    leave_request.acknowledged_by = actor
    leave_request.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    # Logged though the state stays: the confirmed receipt is a step of the request (from = to).
    transition_record(
        "leave_request_acknowledge", leave_request=leave_request, before=leave_request.state, actor=actor
    )
    audit_event_record(actor=actor, action=EventType.LEAVE_REQUEST_ACKNOWLEDGED, obj=leave_request)
    return leave_request


@service
def leave_request_supersede(*, leave_request: LeaveRequest, actor: User) -> LeaveRequest:
    """A sent or answered request is never edited: a new draft replaces it, and the old one points to it."""
    leave_request = locked(leave_request)
    transition_check("leave_request_supersede", leave_request)
    before = leave_request.state
    copy = LeaveRequest.objects.create(
        employee=leave_request.employee,
        employer=leave_request.employer,
        actions_start=leave_request.actions_start,
        pathway=leave_request.pathway,
        **{field: getattr(leave_request, field) for field in EDITABLE_FIELDS},
    )
    LeaveAction.objects.bulk_create(
        LeaveAction(request=copy, start=a.start, end=a.end, nature=a.nature, hours=a.hours)
        for a in leave_request.actions.all()
    )
    # The proofs are carried over by reference to the same stored file: they do not change with the request.
    LeaveAttachment.objects.bulk_create(
        LeaveAttachment(
            request=copy,
            kind=a.kind,
            file=a.file.name,
            original_name=a.original_name,
            content_type=a.content_type,
            size=a.size,
            checksum=a.checksum,
            uploaded_by=a.uploaded_by,
        )
        for a in leave_request.attachments.filter(kind__in=DRAFT_ATTACHMENTS)
    )
    leave_request.state = RequestState.SUPERSEDED
    leave_request.superseded_by = copy
    leave_request.save(update_fields=["state", "superseded_by", "updated_at"])
    transition_record("leave_request_supersede", leave_request=leave_request, before=before, actor=actor)
    audit_event_record(
        actor=actor, action=EventType.LEAVE_REQUEST_SUPERSEDED, obj=leave_request, payload={"superseded_by": copy.pk}
    )
    audit_event_record(
        actor=actor, action=EventType.LEAVE_REQUEST_CREATED, obj=copy, payload={"supersedes": leave_request.pk}
    )
    return copy


@service
def leave_attendance_proof_request(
    *, leave_request: LeaveRequest, actor: User | ApiToken, organisation: Organisation, message: str = ""
) -> AttendanceProofRequest:
    """The employer or a funder asks for the proof of attendance at the actions (R6422-5)."""
    transition_check("leave_attendance_proof_request", leave_request)
    if organisation.pk != leave_request.employer_id and organisation.kind != OrganisationKind.FUNDER:
        raise ValidationError(
            {"organisation": "Seuls l'employeur et les organismes financeurs peuvent demander ce justificatif."}
        )
    proof_request = AttendanceProofRequest.objects.create(
        request=leave_request, requested_by=actor_user(actor), organisation=organisation, message=message.strip()
    )
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_ATTENDANCE_PROOF_REQUESTED,
        obj=leave_request,
        payload={"proof_request": proof_request.pk, "organisation": organisation.siret},
    )
    return proof_request


@service
def leave_attendance_proof_upload(*, leave_request: LeaveRequest, actor: User, file: UploadedFile) -> LeaveAttachment:
    """The employee uploads the certifier's (or accompanier's) attestation of attendance (R6422-5)."""
    transition_check("leave_attendance_proof_upload", leave_request)
    attachment = _attachment_store(
        leave_request=leave_request, kind=AttachmentKind.ATTENDANCE_ATTESTATION, file=file, uploaded_by=actor
    )
    audit_event_record(
        actor=actor,
        action=EventType.LEAVE_ATTENDANCE_PROOF_UPLOADED,
        obj=leave_request,
        payload={"attachment": attachment.pk, "sha256": attachment.checksum},
    )
    return attachment


@service
def leave_notice_queue(*, leave_request: LeaveRequest, kind: str) -> list[OutboundEmail]:
    """Queue a reminder or a deemed-consent notice (NoticeKind) to each recipient, once: the idempotency keys
    (request, kind, recipient) make a second run queue nothing. Informative only: nothing legal depends on it."""
    if kind not in (NoticeKind.ANSWER_REMINDER, NoticeKind.DEEMED_CONSENT):
        raise ValueError(f"not a scanned notice kind {kind!r}")
    context = leave_notice_context(leave_request=leave_request)
    prefix = leave_notice_key_prefix(request_id=leave_request.pk, kind=kind)
    emails = [
        notification_queue(
            to=user.email,
            template=f"leave_{kind}_{audience}",
            context={**context, "first_name": user.first_name or user.email},
            idempotency_key=f"{prefix}{audience}:{user.pk}",
            recipient=user,
        )
        for audience, user in leave_notice_recipients(leave_request=leave_request, kind=kind)
    ]
    audit_event_record(
        actor=None,
        action=EventType.LEAVE_NOTICE_QUEUED,
        obj=leave_request,
        payload={"kind": kind, "emails": [email.pk for email in emails], "answer_due": context["due"].isoformat()},
    )
    return emails
