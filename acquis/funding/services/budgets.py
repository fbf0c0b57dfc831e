"""Envelopes, commitments and payments. An envelope is never overspent: every write that moves its sums reads
it under a row lock (select_for_update), so two concurrent commitments are serialised, and a CHECK constraint
(committed ≤ amount, paid ≤ committed) is the backstop."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Sum
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.models import Organisation
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.funding.enums import PaymentBasis, PaymentState
from acquis.funding.models import Commitment, Envelope, Funder, FundingRequest, PaymentRequest
from acquis.funding.money import ZERO, to_cents
from acquis.funding.services.common import day_or_today, refuse
from acquis.funding.transitions import transition_check, transition_record


@service
def envelope_create(
    *,
    actor: Actor,
    funder: Funder,
    name: str,
    amount: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    region=None,
    certifications=(),
) -> Envelope:
    if ends_on < starts_on:
        raise refuse("ends_on", "La fin de la période précède son début.", "period_out_of_order")
    envelope = Envelope.objects.create(
        funder=funder, name=name, amount=to_cents(amount), starts_on=starts_on, ends_on=ends_on, region=region
    )
    envelope.certifications.set(certifications)
    audit_event_record(actor=actor, action=EventType.ENVELOPE_CREATED, obj=envelope, payload={"amount": str(amount)})
    return envelope


@service
def envelope_commit(*, actor: Actor, envelope: Envelope, request: FundingRequest) -> Commitment:
    """Commit a decided request's granted amount on an envelope of its funder (row lock: never overspent)."""
    envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
    request = FundingRequest.objects.select_for_update().get(pk=request.pk)
    transition_check("envelope_commit", request)
    if envelope.funder_id != request.funder_id:
        raise refuse("envelope", "Cette enveloppe est celle d'un autre financeur.", "other_funder")
    if Commitment.objects.filter(request=request).exists():
        raise refuse("request", "Cette prise en charge est déjà engagée.", "already_committed")
    if not envelope.starts_on <= request.period_start <= envelope.ends_on:
        raise refuse("envelope", "La période de la demande n'est pas celle de l'enveloppe.", "outside_period")
    if envelope.region_id and (request.department is None or request.department.region_id != envelope.region_id):
        raise refuse("envelope", "La demande n'est pas dans le territoire de l'enveloppe.", "outside_territory")
    eligible = set(envelope.certifications.values_list("pk", flat=True))
    certification_id = request.candidacy.certification_id if request.candidacy_id else None
    if eligible and certification_id not in eligible:
        raise refuse("envelope", "Cette certification n'est pas éligible à l'enveloppe.", "certification_not_eligible")
    if envelope.amount - envelope.committed < request.granted_total:
        raise refuse(
            "envelope",
            f"Il reste {envelope.amount - envelope.committed} € sur l'enveloppe, moins que {request.granted_total} €.",
            "envelope_exhausted",
        )
    commitment = Commitment.objects.create(
        envelope=envelope, request=request, amount=request.granted_total, committed_on=timezone.localdate()
    )
    Envelope.objects.filter(pk=envelope.pk).update(committed=F("committed") + request.granted_total)
    transition_record(
        "envelope_commit", request=request, before=request.state, actor=actor, on=commitment.committed_on
    )
    audit_event_record(
        actor=actor,
        action=EventType.ENVELOPE_COMMITTED,
        obj=envelope,
        payload={"request": request.pk, "amount": str(request.granted_total)},
    )
    return commitment


def billable(request: FundingRequest, organisation_id: int) -> Decimal:
    """What an organisation may still bill on a request: its granted lines less its payment requests."""
    granted = request.lines.filter(organisation_id=organisation_id).aggregate(t=Sum("granted_amount"))["t"] or ZERO
    asked = request.payments.filter(organisation_id=organisation_id).aggregate(t=Sum("amount"))["t"] or ZERO
    return granted - asked


@service
def payment_request_create(
    *,
    actor: Actor,
    request: FundingRequest,
    organisation: Organisation,
    amount: Decimal,
    basis: str,
    requested_on: dt.date | None = None,
) -> PaymentRequest:
    """After the attendance proof (R6422-5) or the end of the accompaniment, within what was granted."""
    request = FundingRequest.objects.select_for_update().get(pk=request.pk)
    requested_on = day_or_today(requested_on, field="requested_on")
    transition_check("payment_request_create", request)
    if basis == PaymentBasis.ATTENDANCE_PROOF:
        if not request.attachments.filter(kind="attendance_proof").exists():
            raise refuse("basis", "Déposez d'abord le justificatif d'assiduité.", "attendance_proof_missing")
    elif basis == PaymentBasis.END_OF_SUPPORT:
        if requested_on < request.period_end:
            raise refuse("basis", "L'accompagnement n'est pas terminé.", "support_not_ended")
    else:
        raise refuse("basis", "Fondement inconnu.", "invalid_basis")
    amount = to_cents(amount)
    if amount <= 0 or amount > billable(request, organisation.pk):
        raise refuse("amount", f"Au plus {billable(request, organisation.pk)} € restent à facturer.", "above_billable")
    payment = PaymentRequest.objects.create(
        request=request, organisation=organisation, amount=amount, basis=basis, requested_on=requested_on
    )
    audit_event_record(actor=actor, action=EventType.PAYMENT_REQUESTED, obj=request, payload={"amount": str(amount)})
    return payment


@service
def payment_pay(*, actor: Actor, payment: PaymentRequest, paid_on: dt.date | None = None) -> PaymentRequest:
    payment = PaymentRequest.objects.select_for_update().get(pk=payment.pk)
    transition_check("payment_pay", payment.request)
    if payment.state != PaymentState.REQUESTED:
        raise refuse("payment", "Ce paiement est déjà effectué.", "already_paid")
    commitment = Commitment.objects.filter(request_id=payment.request_id).first()
    if commitment is None:
        raise refuse("payment", "La prise en charge n'est engagée sur aucune enveloppe.", "not_committed")
    envelope = Envelope.objects.select_for_update().get(pk=commitment.envelope_id)
    if envelope.paid + payment.amount > envelope.committed:
        raise refuse("payment", "Ce paiement dépasserait le montant engagé.", "above_committed")
    Envelope.objects.filter(pk=envelope.pk).update(paid=F("paid") + payment.amount)
    payment.state, payment.paid_on = PaymentState.PAID, day_or_today(paid_on, field="paid_on")
    payment.save(update_fields=["state", "paid_on"])
    request = payment.request
    transition_record("payment_pay", request=request, before=request.state, actor=actor, on=payment.paid_on)
    audit_event_record(
        actor=actor, action=EventType.PAYMENT_PAID, obj=payment.request, payload={"payment": payment.pk}
    )
    return payment
