"""The funder's totals and CSV export, envelopes' commitments, payments; the accompanier's billing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from ninja import Query, Schema, Status

from acquis.accounts.models import Organisation
from acquis.accounts.permissions import can, load_for
from acquis.api.auth import audit_scope
from acquis.api.funding.common import ERRORS, WRITE_ERRORS, described, money, problems, refusal, router
from acquis.api.funding.requests import payment_body
from acquis.api.funding.schemas import BillingRowOut, CommitmentIn, CommitmentOut, FunderOut, PaymentOut, TotalsOut
from acquis.api.schemas import ProblemOut
from acquis.funding import selectors, services
from acquis.funding.models import Envelope, Funder, FundingRequest, PaymentRequest
from acquis.funding.permissions import FundingAction


@router.get(
    "/funders",
    response={200: list[FunderOut], **ERRORS},
    summary="Les financeurs",
    description="Pour choisir le financeur d'une demande.",
)
def funder_list(request):
    return [
        {"id": f.pk, "kind": f.kind, "name": f.name, "organisation_siret": f.organisation.siret}
        for f in Funder.objects.exclude(organisation=None).select_related("organisation")
    ]


def _funder(request, funder_id: int) -> Funder:
    funder = Funder.objects.filter(pk=funder_id).exclude(organisation=None).first()
    if funder is None or not can(request.auth, FundingAction.VIEW_FUNDER_DESK, funder):
        raise Http404("Aucun financeur de ce numéro ne vous est accessible.")
    return funder


def _rows(rows, key) -> list[dict]:
    return [
        {
            "key": None if key(r) is None else str(key(r)),
            "count": r["count"],
            "requested": money(r["requested"]),
            "granted": money(r["granted"]),
        }
        for r in rows
    ]


@router.get(
    "/funders/{int:funder_id}/totals",
    response={200: TotalsOut, **ERRORS},
    summary="Totaux d'un financeur : par étape, territoire (département) et mois de dépôt",
    description="Les membres du financeur, son jeton, le GIP ; les autres : 404.",
)
def funder_totals(request, funder_id: int):
    funder = _funder(request, funder_id)
    totals = selectors.funder_totals(funder)
    return {
        "funder_id": funder.pk,
        "count": totals.count,
        "requested": money(totals.requested),
        "granted": money(totals.granted),
        "by_status": _rows(totals.by_status, lambda r: r["state"]),
        "by_territory": _rows(totals.by_territory, lambda r: r["department__code"]),
        "by_month": _rows(totals.by_month, lambda r: r["month"].strftime("%Y-%m") if r["month"] else None),
    }


@router.get(
    "/funders/{int:funder_id}/export.csv",
    response={404: ProblemOut},
    summary="Export CSV des lignes décidées",
    description="Format documenté dans docs/funding.md : une ligne par ligne de frais décidée, `;`, UTF-8.",
    openapi_extra=problems(
        404, responses={200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
    ),
)
def funder_export(request, funder_id: int):
    funder = _funder(request, funder_id)
    response = HttpResponse(selectors.export_csv(funder), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="prises-en-charge-{funder.organisation.siret}.csv"'
    return response


@router.post(
    "/envelopes/{int:envelope_id}/commitments",
    response={201: CommitmentOut, **WRITE_ERRORS},
    summary="Engager une prise en charge accordée sur une enveloppe",
    description=described(
        "Le financeur de l'enveloppe. Jamais au-delà de ce qui reste, même en concurrence "
        "(verrou de ligne) : 409 `envelope_exhausted`.",
        "envelope_commit",
    ),
    openapi_extra=problems(409),
)
def envelope_commit(request, envelope_id: int, body: CommitmentIn):
    envelope = Envelope.objects.filter(pk=envelope_id).select_related("funder").first()
    if envelope is None or not can(request.auth, FundingAction.VIEW_FUNDER_DESK, envelope.funder):
        raise Http404("Aucune enveloppe de ce numéro ne vous est accessible.")
    if not can(request.auth, FundingAction.MANAGE_ENVELOPES, envelope.funder):
        raise PermissionDenied("Seul le financeur engage sur son enveloppe.")
    funding_request = FundingRequest.objects.filter(pk=body.request_id).select_related("funder").first()
    load_for(request.auth, None, funding_request, missing="Aucune demande de ce numéro ne vous est accessible.")
    try:
        with audit_scope(request):
            commitment = services.envelope_commit(actor=request.auth, envelope=envelope, request=funding_request)
    except ValidationError as exc:
        return refusal(request, exc)
    envelope.refresh_from_db()
    return Status(
        201,
        {
            "id": commitment.pk,
            "envelope_id": envelope.pk,
            "request_id": funding_request.pk,
            "amount": money(commitment.amount),
            "remaining": money(envelope.remaining),
        },
    )


@router.post(
    "/payment-requests/{int:payment_id}/payment",
    response={200: PaymentOut, **WRITE_ERRORS},
    summary="Enregistrer le paiement",
    description=described("Le financeur de la demande.", "payment_pay"),
    openapi_extra=problems(409),
)
def payment_pay(request, payment_id: int):
    payment = PaymentRequest.objects.filter(pk=payment_id).select_related("request__funder", "organisation").first()
    load_for(
        request.auth, None, payment and payment.request, missing="Aucun paiement de ce numéro ne vous est accessible."
    )
    if not can(request.auth, FundingAction.PAY, payment.request):
        raise PermissionDenied("Seul le financeur enregistre le paiement.")
    try:
        with audit_scope(request):
            services.payment_pay(actor=request.auth, payment=payment)
    except ValidationError as exc:
        return refusal(request, exc)
    payment.refresh_from_db()
    return payment_body(payment)


class BillingQuery(Schema):
    siret: str | None = None


@router.get(
    "/billing",
    response={200: list[BillingRowOut], **ERRORS},
    summary="Ce qu'un accompagnateur peut facturer",
    description="Par demande décidée : accordé, déjà demandé, reste. `siret` : l'organisme (par défaut le vôtre).",
)
def billing(request, query: Query[BillingQuery]):
    from acquis.accounts.enums import Role
    from acquis.accounts.permissions import grants_of

    if query.siret:
        organisation = Organisation.objects.filter(siret=query.siret).first()
    else:
        ids = [g.organisation_id for g in grants_of(request.auth) if g.role == Role.ACCOMPANIER]
        organisation = Organisation.objects.filter(pk__in=ids[:1]).first()
    if organisation is None or not can(request.auth, FundingAction.VIEW_BILLING, organisation):
        raise PermissionDenied("Vous ne facturez pour aucun organisme accompagnateur.")
    return [
        {
            "request_id": r["request"].pk,
            "funder_name": r["request"].funder.name,
            "granted": money(r["granted"]),
            "asked": money(r["asked"]),
            "remaining": money(r["remaining"]),
        }
        for r in selectors.billing_of(organisation)
    ]
