"""The congé VAE routes (the package's docstring says who sees what): list, read, letter, and the writes."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Query, Router, Status, UploadedFile

from acquis.accounts.enums import Role
from acquis.accounts.models import ApiToken, Organisation
from acquis.accounts.permissions import (
    Action,
    can,
    funder_organisation_ids,
    is_user,
    leave_employer_organisation_ids,
    load_for,
)
from acquis.api.auth import audit_scope
from acquis.api.documents import pdf_openapi
from acquis.api.errors import validation_codes, validation_problem
from acquis.api.leave.schemas import (
    AnswerIn,
    AttachmentOut,
    LeaveListQuery,
    LeaveRequestDetailOut,
    LeaveRequestListOut,
    ProofRequestIn,
    ProofRequestOut,
)
from acquis.api.schemas import ProblemOut, refuse_unknown_form_fields
from acquis.documents.http import pdf_response
from acquis.leave import selectors, services
from acquis.leave.documents import leave_letter_file
from acquis.leave.enums import STATUS_LABELS, RequestState
from acquis.leave.models import AttendanceProofRequest, LeaveAttachment, LeaveRequest
from acquis.leave.permissions import LeaveRequestAction
from acquis.leave.transitions import CONFLICTS, refusals_text

router = Router(tags=["congé VAE"])


def operation_id(name: str) -> str:
    # The ids the routes had as acquis/api/leave.py, kept so that generated clients do not change.
    return f"acquis_api_leave_{name}"


ERRORS = {401: ProblemOut, 403: ProblemOut, 404: ProblemOut}
VISIBILITY = (
    "Une demande que vous ne pouvez ni lire ni traiter répond 404, comme une demande inexistante ; une demande "
    "que vous lisez sans pouvoir faire cette action répond 403."
)


def refusal(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """409 when the request's state forbids the action (acquis/leave/transitions.py), else 422."""
    codes = {code for field_codes in validation_codes(exc).values() for code in field_codes}
    return validation_problem(request, exc, status=409 if codes & CONFLICTS else 422)


def _not_found(pk: int) -> Http404:
    return Http404(f"Aucune demande de congé VAE n° {pk} ne vous est accessible.")


def _fetch(pk: int) -> LeaveRequest | None:
    return LeaveRequest.objects.select_related("employer").filter(pk=pk).first()


def _load(request: HttpRequest, pk: int, action: Action, *, fetched: LeaveRequest | None = None) -> LeaveRequest:
    """The request if the caller may do ``action`` on it; 404 if it may not even read it, else 403.

    ``fetched`` is a row the route already read: judging the permission on that same snapshot keeps a
    concurrent write from turning the route's earlier check into a different answer (see the answer route).
    """
    leave_request = fetched if fetched is not None else _fetch(pk)
    return load_for(request.auth, action, leave_request, missing=_not_found(pk).args[0])


def _hours(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _person(user) -> dict[str, str]:
    return {"name": f"{user.first_name} {user.last_name}".strip() or user.email, "email": user.email}


def _company(organisation: Organisation) -> dict[str, str]:
    return {"siret": organisation.siret, "name": organisation.name}


def _attachment(attachment: LeaveAttachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "kind_label": attachment.get_kind_display(),
        "original_name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.checksum,
        "uploaded_at": attachment.uploaded_at,
    }


def _proof_request(proof: AttendanceProofRequest) -> dict[str, Any]:
    return {
        "id": proof.pk,
        "organisation": _company(proof.organisation),
        "requested_at": proof.requested_at,
        "message": proof.message,
    }


def _json(body: dict[str, Any], status: int = 200) -> HttpResponse:
    # Serialised here rather than through the schema so that each Decision keeps the engine's own JSON
    # (acquis.rules.decision/1) byte for byte; tests check the body against LeaveRequestDetailOut.
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False), status=status, content_type="application/json"
    )


def _detail(pk: int) -> dict[str, Any]:
    leave_request = selectors.leave_request_detail(pk=pk)
    on = timezone.localdate()
    status = selectors.leave_request_status(leave_request, on=on)
    due = selectors.leave_answer_due(leave_request)
    limit = selectors.leave_postponement_limit(leave_request)
    paid = selectors.paid_hours_in_force(leave_request)
    answer = getattr(leave_request, "answer", None) if leave_request.state != RequestState.DRAFT else None
    return {
        "id": leave_request.pk,
        "state": leave_request.state,
        "state_label": leave_request.get_state_display(),
        "on": on,
        "status": status.value if status else None,
        "status_label": STATUS_LABELS[status.value] if status else "brouillon",
        "employee": _person(leave_request.employee),
        "employer": _company(leave_request.employer),
        "certification_title": leave_request.target_title,
        "certification_code": leave_request.certification.code if leave_request.certification_id else None,
        "certifier_name": leave_request.certifier_name,
        "pathway_started_on": leave_request.pathway_started_on,
        "extension_claimed": leave_request.extension_claimed,
        "qualification_level": leave_request.qualification_level,
        "job_threatened": leave_request.job_threatened,
        "collective_agreement_hours": _hours(leave_request.collective_agreement_hours),
        "funding_obtained": leave_request.funding_obtained,
        "receipt_method": leave_request.receipt_method,
        "request_received": leave_request.request_received,
        "sent_at": leave_request.sent_at,
        "acknowledged_at": leave_request.acknowledged_at,
        "sent_late": leave_request.sent_late,
        "answer_due": due.value if due else None,
        "postponement_latest_date": limit.value if limit else None,
        "paid_hours": paid.value if paid else None,
        "actions": [
            {
                "start": action.start,
                "end": action.end,
                "nature": action.nature,
                "nature_label": action.get_nature_display(),
                "hours": _hours(action.hours),
            }
            for action in leave_request.actions.all()
        ],
        "answer": None
        if answer is None
        else {
            "kind": answer.kind,
            "kind_label": answer.get_kind_display(),
            "answered_on": answer.answered_on,
            "postponed_to": answer.postponed_to,
            "reasons": answer.reasons,
            "recorded_at": answer.recorded_at,
            "through_api_token": answer.answered_by_token_id is not None,
        },
        "attachments": [_attachment(attachment) for attachment in leave_request.attachments.all()],
        "attendance_proof_requests": [_proof_request(p) for p in leave_request.attendance_proof_requests.all()],
        "superseded_by": leave_request.superseded_by_id,
        "decisions": {
            "status": status.to_dict() if status else None,
            "answer_due": due.to_dict() if due else None,
            "postponement_latest_date": limit.to_dict() if limit else None,
            "paid_hours": paid.to_dict() if paid else None,
            "latest_send_date": leave_request.latest_send_decision,
            "missing_items": leave_request.missing_items_decision,
        },
    }


@router.get(
    "",
    operation_id=operation_id("leave_request_list"),
    response=LeaveRequestListOut,
    summary="Lister les demandes de congé VAE",
    description=(
        "Les demandes que vous pouvez lire : les vôtres (salarié), celles reçues par votre entreprise (employeur, "
        "compte ou jeton d'API de l'entreprise), toutes (équipe du GIP). Les plus récemment reçues d'abord, "
        "brouillons en tête. Chaque demande porte son **statut juridique calculé ce jour** par la règle "
        "`leave.status` (jamais enregistré), sa date limite de réponse et la version de la règle appliquée. "
        "`counts_by_status` compte les demandes par statut pour afficher des compteurs."
    ),
)
def leave_request_list(request, filters: Query[LeaveListQuery]):
    actor = request.auth
    queryset = selectors.leave_requests_visible(
        organisation_ids=leave_employer_organisation_ids(actor),
        employee=actor if is_user(actor) else None,
        everything=can(actor, LeaveRequestAction.LIST_ALL_LEAVE_REQUESTS),
    )
    on = timezone.localdate()
    page = selectors.leave_requests_page(
        queryset=queryset,
        on=on,
        statuses=[status.value for status in filters.status or ()],
        due_from=filters.due_after,
        due_until=filters.due_before,
        offset=filters.offset,
        limit=filters.limit,
    )
    return {
        "on": on,
        "total": page.total,
        "offset": page.offset,
        "limit": page.limit,
        "counts_by_status": page.counts,
        "items": [
            {
                "id": row.pk,
                "state": row.state,
                "status": row.status,
                "status_label": row.status_label,
                "status_rule_version": row.status_rule_version,
                "answer_due": row.answer_due,
                "request_received": row.request_received,
                "sent_late": row.sent_late,
                "actions_start": row.actions_start,
                "certification_title": row.certification_title,
                "employee": {"name": row.employee_name, "email": row.employee_email},
                "employer": {"siret": row.employer_siret, "name": row.employer_name},
                "answer_kind": row.answer_kind,
                "postponed_to": row.postponed_to,
            }
            for row in page.rows
        ],
    }


@router.get(
    "/{int:leave_request_id}",
    operation_id=operation_id("leave_request_read"),
    response={200: LeaveRequestDetailOut, **ERRORS},
    by_alias=True,
    summary="Lire une demande de congé VAE",
    description=(
        "La demande, ses actions, la réponse de l'employeur, les métadonnées des pièces jointes, les demandes "
        "de justificatif d'assiduité, et les **décisions complètes** (valeur, version, sources : article, "
        "identifiant LEGIARTI, période de vigueur, phrase ; trace) : statut du jour, date limite de réponse, "
        "limite de report, heures rémunérées, et les décisions figées à l'envoi. " + VISIBILITY
    ),
)
def leave_request_read(request, leave_request_id: int):
    _load(request, leave_request_id, LeaveRequestAction.VIEW_LEAVE_REQUEST)
    return _json(_detail(leave_request_id))


@router.get(
    "/{int:leave_request_id}/letter.pdf",
    operation_id=operation_id("leave_request_letter"),
    response=ERRORS,
    summary="Télécharger la lettre de demande de congé VAE (PDF)",
    description=(
        "La lettre de demande d'autorisation d'absence telle que le site la sert (même contenu, même nom de "
        "fichier `demande-conge-vae-<id>.pdf`) : les mentions de l'article R6422-2, l'identité des parties, la "
        "réception et, pour une demande envoyée, son statut ce jour et la limite de report avec leurs sources. "
        "Générée à chaque lecture. Mêmes lecteurs que la demande. " + VISIBILITY
    ),
    openapi_extra=pdf_openapi("La lettre en PDF (`Content-Disposition: attachment`)."),
)
def leave_request_letter(request, leave_request_id: int):
    leave_request = _load(request, leave_request_id, LeaveRequestAction.VIEW_LEAVE_REQUEST)
    return pdf_response(leave_letter_file(leave_request, today=timezone.localdate()))


@router.post(
    "/{int:leave_request_id}/answer",
    operation_id=operation_id("leave_request_answer"),
    response={200: LeaveRequestDetailOut, **ERRORS, 409: ProblemOut, 422: ProblemOut},
    by_alias=True,
    summary="Répondre à une demande de congé VAE (employeur)",
    description=(
        "Accord (`accept`) ou report pour raisons de service (`postpone`, avec `postponed_to` et `reasons`), "
        "article R6422-4. Une seule réponse par demande : une seconde réponse, même simultanée, reçoit **409** "
        "(`already_answered`). La réponse est datée du jour de l'appel (horloge du portail). Refus **422** avec "
        "un `code` : `reasons_required`, `postponed_to_required`, `postponement_beyond_limit` (le message cite "
        "l'article et sa phrase), `already_deemed_accepted` "
        "(le silence de l'employeur vaut déjà accord), `invalid_answer_kind`. Rend la demande à jour. "
        + VISIBILITY
        + refusals_text("leave_request_answer")
    ),
)
def leave_request_answer(request, leave_request_id: int, payload: AnswerIn):
    actor = request.auth
    leave_request = _fetch(leave_request_id)
    if (
        leave_request is not None
        and leave_request.state == RequestState.ANSWERED
        and leave_request.employer_id in leave_employer_organisation_ids(actor)
    ):
        # The employer answering again: a conflict with the recorded answer, not a lack of permission.
        return validation_problem(
            request, services.LeaveConflict(services.ALREADY_ANSWERED, code="already_answered"), status=409
        )
    # The same snapshot as the check above: re-reading here could see a concurrent answer just committed and
    # refuse with 403, where the service's row lock would have answered 409.
    leave_request = _load(request, leave_request_id, LeaveRequestAction.ANSWER_LEAVE_REQUEST, fetched=leave_request)
    try:
        with audit_scope(request):
            services.leave_request_answer(
                leave_request=leave_request,
                actor=actor,
                kind=payload.kind,
                postponed_to=payload.postponed_to,
                reasons=payload.reasons,
            )
    except ValidationError as refused:
        return refusal(request, refused)
    return _json(_detail(leave_request_id))


@router.post(
    "/{int:leave_request_id}/attendance-proof-requests",
    operation_id=operation_id("attendance_proof_request_create"),
    response={201: ProofRequestOut, **ERRORS, 409: ProblemOut, 422: ProblemOut},
    summary="Demander le justificatif d'assiduité (employeur ou financeur)",
    description=(
        "Après les actions, l'employeur ou un organisme financeur (L6316-1) demande au salarié le justificatif "
        'd\'assiduité (article R6422-5). Corps JSON : `{"message": "…"}`, message facultatif (`{}`). Un '
        "organisme financeur, qui ne lit pas la demande, l'atteint par son numéro **et** le SIRET de l'employeur "
        'inscrit sur la lettre (`"employer_siret"`) ; sans ce SIRET exact, la réponse est 404. '
        + VISIBILITY
        + refusals_text("leave_attendance_proof_request")
    ),
)
def attendance_proof_request_create(request, leave_request_id: int, payload: ProofRequestIn):
    actor = request.auth
    fetched = _fetch(leave_request_id)
    organisation = _funder_of(actor)
    if can(actor, LeaveRequestAction.REQUEST_ATTENDANCE_PROOF, fetched):
        leave_request, organisation = fetched, fetched.employer
    else:
        # A funder has no tie to a request but its letter: the number and the employer's SIRET must both match,
        # or the answer is the 404 of a request that does not exist (no enumeration by number).
        found = (
            selectors.leave_request_for_funder(pk=leave_request_id, employer_siret=payload.employer_siret)
            if organisation is not None and payload.employer_siret
            else None
        )
        if found is None or not can(actor, LeaveRequestAction.REQUEST_ATTENDANCE_PROOF_AS_FUNDER, found):
            # Readers that may not act (the employee) get 403; anyone else 404.
            _load(request, leave_request_id, LeaveRequestAction.REQUEST_ATTENDANCE_PROOF, fetched=fetched)
        leave_request = found
    try:
        with audit_scope(request):
            proof = services.leave_attendance_proof_request(
                leave_request=leave_request,
                actor=actor,
                organisation=organisation,
                message=payload.message,
            )
    except ValidationError as refused:
        return refusal(request, refused)
    return Status(201, _proof_request(proof))


def _funder_of(actor) -> Organisation | None:
    """The funding body the actor acts for: its token's organisation, or the person's first funder grant."""
    if isinstance(actor, ApiToken):
        return actor.organisation if actor.role == Role.FUNDER else None
    ids = funder_organisation_ids(actor)
    return Organisation.objects.get(pk=ids[0]) if ids else None


@router.post(
    "/{int:leave_request_id}/attendance-proof",
    operation_id=operation_id("attendance_proof_upload"),
    response={201: AttachmentOut, **ERRORS, 409: ProblemOut, 422: ProblemOut},
    summary="Déposer le justificatif d'assiduité (salarié)",
    description=(
        "Envoi `multipart/form-data`, champ `file` : l'attestation de présence du certificateur (et de "
        "l'accompagnateur), article R6422-5. PDF, PNG ou JPEG, reconnu à son contenu et non à son nom, "
        "20 Mo au plus ; sinon **422** (`file_type_refused`, `file_too_large`, `file_empty`) et rien n'est "
        "enregistré. " + VISIBILITY + refusals_text("leave_attendance_proof_upload")
    ),
)
def attendance_proof_upload(request, leave_request_id: int, file: File[UploadedFile]):
    refuse_unknown_form_fields(request, files=frozenset({"file"}))
    leave_request = _load(request, leave_request_id, LeaveRequestAction.UPLOAD_ATTENDANCE_PROOF)
    try:
        with audit_scope(request):
            attachment = services.leave_attendance_proof_upload(
                leave_request=leave_request, actor=request.auth, file=file
            )
    except ValidationError as refused:
        return refusal(request, refused)
    return Status(201, _attachment(attachment))
