"""Funding requests: list, read, create (with lines), submit, decide, sign the agreement, ask for a payment,
and the two PDFs (the notification and the agreement), the very files the site serves."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Field, Query, Schema, Status

from acquis.accounts.permissions import can, is_user
from acquis.api.auth import audit_scope
from acquis.api.documents import pdf_openapi
from acquis.api.funding.common import (
    ERRORS,
    VISIBILITY,
    WRITE_ERRORS,
    amount,
    described,
    load,
    money,
    problems,
    refusal,
    request_body,
    router,
)
from acquis.api.funding.schemas import (
    DecisionIn,
    FundingListOut,
    FundingRequestOut,
    LeaveRequestIn,
    PaymentOut,
    PaymentRequestIn,
    RequestIn,
    SignatureIn,
    SubmitIn,
)
from acquis.api.schemas import ProblemOut
from acquis.documents.http import pdf_response
from acquis.funding import documents, selectors, services
from acquis.funding.enums import Party
from acquis.funding.models import Funder
from acquis.funding.permissions import FundingAction, signing_party
from acquis.funding.transitions import NO_AGREEMENT, target_agreement
from acquis.leave.models import LeaveRequest
from acquis.leave.permissions import LeaveRequestAction
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction


def pdf_problems(description: str) -> dict:
    return problems(404, responses=pdf_openapi(description)["responses"])


class ListQuery(Schema):
    state: str | None = Field(None, max_length=32)
    # Bounded so that an absurd number is a 422, never an SQL overflow (a 500).
    limit: int = Field(50, ge=-1_000_000, le=1_000_000)
    offset: int = Field(0, ge=0, le=10_000_000)


@router.get(
    "/requests",
    response={200: FundingListOut, **ERRORS},
    summary="Les demandes de prise en charge que vous lisez",
    description="Un financeur : celles qui lui sont adressées ; un accompagnateur : celles qu'il a préparées ; "
    "un candidat : les siennes ; le GIP : toutes. `limit` ≤ 200.",
)
def funding_request_list(request, filters: Query[ListQuery]):
    rows = selectors.visible_requests(request.auth)
    if filters.state:
        rows = rows.filter(state=filters.state)
    limit = max(1, min(filters.limit, 200))
    offset = max(0, filters.offset)
    page = list(rows.order_by("-id")[offset : offset + limit])
    return {"total": rows.count(), "items": [request_body(r) for r in page]}


@router.get(
    "/requests/{int:request_id}",
    response={200: FundingRequestOut, **ERRORS},
    summary="Une demande de prise en charge",
    description="Ses lignes, la décision, la convention." + VISIBILITY,
)
def funding_request_detail(request, request_id: int):
    return request_body(load(request, request_id))


@router.post(
    "/requests",
    response={201: FundingRequestOut, **WRITE_ERRORS},
    summary="Créer une demande (brouillon)",
    description="Par le candidat ou l'accompagnateur de la candidature, avec ses lignes ; chaque ligne est "
    "vérifiée selon funding.eligible_expenses à sa date et le barème du financeur. Tout ou rien." + VISIBILITY,
    openapi_extra=problems(404, 409),
)
def funding_request_create(request, body: RequestIn):
    candidacy = Candidacy.objects.filter(pk=body.candidacy_id).first()
    if candidacy is None or not can(request.auth, PathwayAction.VIEW_CANDIDACY, candidacy):
        raise Http404("Aucune candidature de ce numéro ne vous est accessible.")
    if not can(request.auth, PathwayAction.EDIT_CANDIDACY, candidacy):
        raise PermissionDenied("Votre compte ou votre jeton ne permet pas de demander une prise en charge ici.")
    funder, refused = _funder_or_refusal(request, body.funder_id)
    if refused is not None:
        return refused
    try:
        with audit_scope(request), transaction.atomic():
            created = services.funding_request_create(
                actor=request.auth,
                candidacy=candidacy,
                funder=funder,
                organisation=candidacy.accompanier,
                period_start=body.period_start,
                period_end=body.period_end,
                through_cpf=body.through_cpf,
                in_working_time=body.in_working_time,
                admissibility_proof_sent=body.admissibility_proof_sent,
            )
            _lines_add(request, created, body.lines)
    except ValidationError as exc:
        return refusal(request, exc)
    return Status(201, request_body(created))


def _lines_add(request, created, lines) -> None:
    for line in lines:
        services.funding_line_add(
            actor=request.auth,
            request=created,
            category=line.category,
            amount=amount(line.amount),
            incurred_on=line.incurred_on,
            hours=amount(line.hours),
        )


def _funder_or_refusal(request, funder_id: int):
    funder = Funder.objects.filter(pk=funder_id).exclude(organisation=None).first()
    if funder is None:
        return None, refusal(
            request, ValidationError({"funder_id": ValidationError("Financeur inconnu.", code="unknown_funder")})
        )
    return funder, None


@router.post(
    "/leave-requests/{int:leave_request_id}/requests",
    response={201: FundingRequestOut, **WRITE_ERRORS},
    summary="Créer une demande pour un congé VAE (brouillon)",
    description="Par le salarié, ou par l'employeur (congé VAE envoyé) lorsque l'action se déroule en tout ou "
    "partie pendant le temps de travail (R6422-12 ; sinon 422 `employer_outside_working_time`), avec ses lignes ; "
    "chaque ligne est vérifiée selon funding.eligible_expenses à sa date et selon le financement par le CPF ou "
    "non. Tout ou rien. Un congé VAE que vous ne lisez pas répond 404." + VISIBILITY,
    openapi_extra=problems(404, 409),
)
def funding_leave_request_create(request, leave_request_id: int, body: LeaveRequestIn):
    leave = LeaveRequest.objects.filter(pk=leave_request_id).select_related("employer").first()
    if leave is None or not can(request.auth, LeaveRequestAction.VIEW_LEAVE_REQUEST, leave):
        raise Http404("Aucune demande de congé VAE de ce numéro ne vous est accessible.")
    if not can(request.auth, FundingAction.CREATE_LEAVE_FUNDING_REQUEST, leave):
        raise PermissionDenied("Votre compte ou votre jeton ne permet pas de demander une prise en charge ici.")
    funder, refused = _funder_or_refusal(request, body.funder_id)
    if refused is not None:
        return refused
    is_employee = is_user(request.auth) and leave.employee_id == request.auth.pk
    try:
        with audit_scope(request), transaction.atomic():
            created = services.funding_leave_request_create(
                actor=request.auth,
                leave_request=leave,
                funder=funder,
                party=Party.WORKER if is_employee else Party.EMPLOYER,
                period_start=body.period_start,
                period_end=body.period_end,
                through_cpf=body.through_cpf,
                in_working_time=body.in_working_time,
                admissibility_proof_sent=body.admissibility_proof_sent,
            )
            _lines_add(request, created, body.lines)
    except ValidationError as exc:
        return refusal(request, exc)
    return Status(201, request_body(created))


@router.post(
    "/requests/{int:request_id}/submit",
    response={200: FundingRequestOut, **WRITE_ERRORS},
    summary="Déposer la demande auprès du financeur",
    description=described("Le candidat ou l'accompagnateur." + VISIBILITY, "funding_request_submit"),
    openapi_extra=problems(409),
)
def funding_request_submit(request, request_id: int, body: SubmitIn):
    funding_request = load(request, request_id, FundingAction.EDIT_FUNDING_REQUEST)
    try:
        with audit_scope(request):
            services.funding_request_submit(
                actor=request.auth, request=funding_request, submitted_on=body.submitted_on
            )
    except ValidationError as exc:
        return refusal(request, exc)
    return request_body(funding_request)


@router.post(
    "/requests/{int:request_id}/decision",
    response={200: FundingRequestOut, **WRITE_ERRORS},
    summary="Décider : accorder chaque ligne (montant) ou la refuser (motif)",
    description=described(
        "Le financeur destinataire. Un motif doit figurer parmi ceux que funding.refusal_grounds "
        "donne pour la demande (R6422-10 : chacun permet de refuser, aucun n'y oblige) ; hors de la période de "
        "l'article, un refus donne sa raison dans `comment`." + VISIBILITY,
        "funding_request_decide",
    ),
    openapi_extra=problems(409),
)
def funding_request_decision(request, request_id: int, body: DecisionIn):
    funding_request = load(request, request_id, FundingAction.DECIDE_FUNDING_REQUEST)
    granted = {item.line_id: amount(item.granted) for item in body.lines if item.granted is not None}
    refused = {item.line_id: (item.ground or "") for item in body.lines if item.granted is None}
    try:
        with audit_scope(request):
            services.funding_request_decide(
                actor=request.auth,
                request=funding_request,
                granted=granted,
                refused=refused,
                decided_on=body.decided_on,
                comment=body.comment,
            )
    except ValidationError as exc:
        return refusal(request, exc)
    return request_body(funding_request)


@router.post(
    "/requests/{int:request_id}/agreement/signatures",
    response={201: FundingRequestOut, **WRITE_ERRORS},
    summary="Signer la convention (R6422-11)",
    description=described(
        "Une personne signe pour sa partie : le candidat (sa signature vaut consentement, R6422-12), "
        "le financeur, l'organisme. Jamais un jeton d'API." + VISIBILITY,
        "agreement_sign",
    ),
    openapi_extra=problems(409),
)
def funding_agreement_sign(request, request_id: int, body: SignatureIn):
    funding_request = load(request, request_id, FundingAction.SIGN_AGREEMENT)
    party = signing_party(request.auth, funding_request)
    try:
        agreement = target_agreement(funding_request)
        if party is None:
            raise NO_AGREEMENT.error()
        with audit_scope(request):
            services.agreement_sign(actor=request.auth, agreement=agreement, party=party[0], organisation=party[1])
    except ValidationError as exc:
        return refusal(request, exc)
    return Status(201, request_body(funding_request))


@router.post(
    "/requests/{int:request_id}/payment-requests",
    response={201: PaymentOut, **WRITE_ERRORS},
    summary="Demander un paiement",
    description=described(
        "L'organisme qui a préparé la demande, après le justificatif "
        "d'assiduité (`attendance_proof`) ou la fin de l'accompagnement (`end_of_support`), dans la limite de ce "
        "qui lui est accordé." + VISIBILITY,
        "payment_request_create",
    ),
    openapi_extra=problems(409),
)
def funding_payment_request(request, request_id: int, body: PaymentRequestIn):
    funding_request = load(request, request_id, FundingAction.REQUEST_PAYMENT)
    try:
        with audit_scope(request):
            payment = services.payment_request_create(
                actor=request.auth,
                request=funding_request,
                organisation=funding_request.organisation,
                amount=amount(body.amount),
                basis=body.basis,
            )
    except ValidationError as exc:
        return refusal(request, exc)
    return Status(201, payment_body(payment))


def payment_body(payment) -> dict:
    return {
        "id": payment.pk,
        "request_id": payment.request_id,
        "organisation_siret": payment.organisation.siret,
        "amount": money(payment.amount),
        "basis": payment.basis,
        "state": payment.state,
        "requested_on": payment.requested_on,
        "paid_on": payment.paid_on,
    }


@router.get(
    "/requests/{int:request_id}/notification.pdf",
    response={404: ProblemOut},
    summary="La notification de la décision (PDF)",
    description="Certification, période, conditions de prise en charge (R6422-12). 404 avant la décision."
    + VISIBILITY,
    openapi_extra=pdf_problems("La notification en PDF."),
)
def funding_notification_pdf(request, request_id: int):
    file = documents.notification_file(load(request, request_id))
    if file is None:
        raise Http404("Cette demande n'est pas encore décidée.")
    return pdf_response(file)


@router.get(
    "/requests/{int:request_id}/agreement.pdf",
    response={404: ProblemOut},
    summary="La convention (PDF)",
    description="La convention de l'article R6422-11 et ses signatures. 404 quand il n'y en a pas." + VISIBILITY,
    openapi_extra=pdf_problems("La convention en PDF."),
)
def funding_agreement_pdf(request, request_id: int):
    file = documents.agreement_file(load(request, request_id))
    if file is None:
        raise Http404("Cette demande n'appelle pas de convention.")
    return pdf_response(file)
