"""The funder's decision (full, partial per line, refusal with a ground of funding.refusal_grounds) and the
R6422-11 agreement: created when funding.agreement requires it, signed by each party."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.models import Organisation
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.funding.enums import DecisionKind, Party, RefusalGround, RequestState
from acquis.funding.facts import agreement_facts, refusal_facts
from acquis.funding.models import Agreement, FundingDecision, FundingRequest, Signature
from acquis.funding.money import ZERO, to_cents
from acquis.funding.notices import DECIDED, funding_notice_queue
from acquis.funding.services.common import day_or_today, refuse
from acquis.funding.transitions import transition_check, transition_record
from acquis.rules import answer, ids


@service
def funding_request_decide(
    *,
    actor: Actor,
    request: FundingRequest,
    granted: dict[int, Decimal],
    refused: dict[int, str] | None = None,
    decided_on: dt.date | None = None,
    comment: str = "",
) -> FundingDecision:
    """Each line is granted (an amount up to what was asked) or refused with its ground. While R6422-10 is in
    force (2019-11-04 → 2023-12-28) a ground must be one funding.refusal_grounds lists for the request; outside
    it no ground is listed by law and the refusal states its reason in ``comment``."""
    refused = refused or {}
    request = FundingRequest.objects.select_for_update().get(pk=request.pk)
    transition_check("funding_request_decide", request)
    before = request.state
    decided_on = day_or_today(decided_on, field="decided_on")
    if decided_on < request.submitted_on:
        raise refuse("decided_on", "La décision précède le dépôt de la demande.", "decision_before_submission")
    lines = list(request.lines.all())
    line_ids = {line.pk for line in lines}
    if set(granted) | set(refused) != line_ids or set(granted) & set(refused):
        raise refuse(
            "lines", "Chaque ligne est soit accordée (un montant), soit refusée (un motif).", "lines_undecided"
        )
    grounds = set(refused.values())
    grounds_decision = None
    if refused:
        decision, _error = answer(ids.FUNDING_REFUSAL_GROUNDS, refusal_facts(request, grounds), request.submitted_on)
        if decision is not None:
            unknown = grounds - set(RefusalGround.values)
            not_holding = grounds - set(decision.value["grounds"])
            if unknown or not_holding:
                raise refuse(
                    "refused",
                    "Ce motif de refus ne peut pas être opposé à cette demande (article R6422-10) : "
                    + ", ".join(sorted(unknown | not_holding))
                    + ".",
                    "refusal_ground_not_available",
                    decision=decision.to_dict(),
                )
            grounds_decision = decision.to_dict()
        elif any(grounds) or not comment.strip():
            raise refuse(
                "comment",
                "À cette date aucun article ne liste de motifs de refus : indiquez la raison du refus.",
                "refusal_reason_required",
            )
    total = ZERO
    for line in lines:
        if line.pk in granted:
            amount = to_cents(granted[line.pk])
            if amount < 0 or amount > line.amount:
                raise refuse("granted", "Le montant accordé dépasse le montant demandé.", "granted_above_asked")
            line.granted_amount, line.refusal_ground = amount, ""
        else:
            line.granted_amount, line.refusal_ground = ZERO, refused[line.pk]
        line.save(update_fields=["granted_amount", "refusal_ground"])
        total += line.granted_amount
    kind = (
        DecisionKind.REFUSED
        if total == 0
        else DecisionKind.FULL
        if total == request.requested_total
        else DecisionKind.PARTIAL
    )
    funding_decision = FundingDecision.objects.create(
        request=request,
        kind=kind,
        decided_on=decided_on,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
        grounds_decision=grounds_decision,
        comment=comment,
    )
    request.state, request.granted_total = RequestState.DECIDED, total
    agreement, error = answer(ids.FUNDING_AGREEMENT, agreement_facts(request), request.submitted_on)
    request.agreement_decision, request.agreement_error = (agreement.to_dict() if agreement else None), error
    request.save(update_fields=["state", "granted_total", "agreement_decision", "agreement_error"])
    if total > 0 and agreement is not None and agreement.value["agreement_required"]:
        Agreement.objects.create(request=request, created_on=decided_on)
    # The Decision the refusal of a line rests on (funding.refusal_grounds), when one was refused under it.
    transition_record(
        "funding_request_decide", request=request, before=before, actor=actor, on=decided_on, decision=grounds_decision
    )
    audit_event_record(
        actor=actor,
        action=EventType.FUNDING_REQUEST_DECIDED,
        obj=request,
        payload={"kind": kind, "granted_total": str(total), "grounds": sorted(g for g in grounds if g)},
    )
    funding_notice_queue(request=request, kind=DECIDED, actor=actor)
    return funding_decision


def expected_signatories(request: FundingRequest) -> list[tuple[str, int | None]]:
    """R6422-11 I: the candidate, the funder(s), each organisation intervening (here the one billing lines)."""
    parties: list[tuple[str, int | None]] = [(Party.WORKER, None), (Party.FUNDER, request.funder.organisation_id)]
    organisations = sorted({line.organisation_id for line in request.lines.all() if line.organisation_id})
    parties += [(Party.ORGANISATION, pk) for pk in organisations]
    return parties


@service
def agreement_sign(
    *, actor: Actor, agreement: Agreement, party: str, organisation: Organisation | None = None
) -> Signature:
    request = agreement.request
    transition_check("agreement_sign", request)
    decision = request.agreement_decision["value"]
    signatories = expected_signatories(request)
    if (party, getattr(organisation, "pk", None)) not in signatories:
        raise refuse("party", "Cette partie ne signe pas cette convention.", "not_a_signatory")
    if decision["signature_requires_admissibility_proof"] and not request.admissibility_proof_sent:
        raise refuse(
            "agreement",
            "La convention ne peut être signée qu'après la production du justificatif de recevabilité (R6422-11).",
            "admissibility_proof_required",
        )
    if agreement.signatures.filter(party=party, organisation=organisation).exists():
        raise refuse("party", "Cette partie a déjà signé.", "already_signed")
    signature = Signature.objects.create(
        agreement=agreement,
        party=party,
        organisation=organisation,
        signed_by=actor,
        signed_at=timezone.now(),
        records_consent=party == Party.WORKER and decision["signature_records_consent"],
    )
    # The signature that completes the agreement is the step the log keeps, with the funding.agreement Decision.
    if len(signatories) == agreement.signatures.count():
        transition_record(
            "agreement_sign",
            request=request,
            before=request.state,
            actor=actor,
            decision=request.agreement_decision,
        )
    audit_event_record(
        actor=actor,
        action=EventType.AGREEMENT_SIGNED,
        obj=request,
        payload={
            "party": party,
            "organisation": getattr(organisation, "pk", None),
            "consent": signature.records_consent,
        },
    )
    return signature
