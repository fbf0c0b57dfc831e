"""Funders and their scales; funding requests: lines checked by funding.eligible_expenses and the scale,
parts filled by each party (R6422-12, 2017 version), attachments, submission."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, Sum
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.models import Organisation
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.documents.text import french_date
from acquis.documents.uploads import attachment_check
from acquis.funding.enums import ExpenseCategory, FunderKind, Party, RequestState, ScaleUnit
from acquis.funding.facts import eligibility_facts, rule_category
from acquis.funding.models import (
    CostLine,
    Funder,
    FunderScale,
    FundingAttachment,
    FundingRequest,
    RequestPart,
    ScaleItem,
)
from acquis.funding.money import ZERO, to_cents
from acquis.funding.notices import SUBMITTED, funding_notice_queue
from acquis.funding.services.common import day_or_today, refuse
from acquis.funding.transitions import transition_check, transition_record
from acquis.leave.enums import AttachmentKind as LeaveAttachmentKind
from acquis.leave.enums import RequestState as LeaveState
from acquis.rules import answer, ids

ATTACHMENT_KINDS = {"admissibility_proof", "attendance_proof", "quote", "other"}


@service
def funder_create(
    *, actor: Actor, kind: str, name: str, organisation: Organisation | None = None, region=None
) -> Funder:
    if kind not in FunderKind.values:
        raise refuse("kind", "Nature de financeur inconnue.", "invalid_funder_kind")
    funder = Funder.objects.create(kind=kind, name=name, organisation=organisation, region=region)
    audit_event_record(actor=actor, action=EventType.FUNDER_CREATED, obj=funder, payload={"kind": kind})
    return funder


@service
def funder_scale_add(
    *,
    actor: Actor,
    funder: Funder,
    valid_from: dt.date,
    decided_by: str,
    decided_on: dt.date,
    items: list[dict[str, Any]],
    valid_until: dt.date | None = None,
    reference: str = "",
    pathway_ceiling: Decimal | None = None,
    partial_ratio: Decimal = Decimal(1),
) -> FunderScale:
    """A scale with its source (the deciding body and date). Scales of one funder never overlap."""
    if not decided_by.strip():
        raise refuse("decided_by", "Indiquez l'instance qui a décidé ce barème.", "source_required")
    overlapping = funder.scales.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
    if valid_until is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_until)
    if overlapping.exists():
        raise refuse(
            "valid_from", "Un autre barème de ce financeur est en vigueur sur cette période.", "scale_overlap"
        )
    scale = FunderScale.objects.create(
        funder=funder,
        valid_from=valid_from,
        valid_until=valid_until,
        decided_by=decided_by,
        decided_on=decided_on,
        reference=reference,
        pathway_ceiling=None if pathway_ceiling is None else to_cents(pathway_ceiling),
        partial_ratio=partial_ratio,
    )
    for item in items:
        ScaleItem.objects.create(scale=scale, **item)
    audit_event_record(
        actor=actor,
        action=EventType.FUNDER_SCALE_ADDED,
        obj=scale,
        payload={"funder": funder.pk, "valid_from": valid_from.isoformat(), "decided_by": decided_by},
    )
    return scale


def scale_on(funder: Funder, day: dt.date) -> FunderScale | None:
    return (
        funder.scales.filter(valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .prefetch_related("items")
        .first()
    )


def _request_create(
    *,
    actor: Actor,
    funder: Funder,
    period_start: dt.date,
    period_end: dt.date,
    candidacy=None,
    leave_request=None,
    organisation: Organisation | None = None,
    through_cpf: bool = False,
    in_working_time: bool = False,
    admissibility_proof_sent: bool = False,
) -> FundingRequest:
    if (candidacy is None) == (leave_request is None):
        raise refuse("candidacy", "Une demande porte sur un parcours ou sur un congé VAE, l'un des deux.", "subject")
    if period_end < period_start:
        raise refuse("period_end", "La fin de la période précède son début.", "period_out_of_order")
    if through_cpf and funder.kind != FunderKind.CPF_MANAGER:
        raise refuse("through_cpf", "Seule la Caisse des dépôts finance par le CPF.", "cpf_other_funder")
    if candidacy is not None:
        subject = {
            "candidate": candidacy.candidate,
            "department": candidacy.department,
            "certification_title": candidacy.certification.title,
            "partial_certification": candidacy.blocks.exists(),
            "employer": None,
        }
    else:
        subject = {
            "candidate": leave_request.employee,
            "department": None,
            "certification_title": leave_request.certification_title
            or getattr(leave_request.certification, "title", ""),
            "partial_certification": False,
            "employer": leave_request.employer,
        }
    return FundingRequest.objects.create(
        funder=funder,
        candidacy=candidacy,
        leave_request=leave_request,
        organisation=organisation,
        period_start=period_start,
        period_end=period_end,
        through_cpf=through_cpf,
        in_working_time=in_working_time,
        admissibility_proof_sent=admissibility_proof_sent,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_on=timezone.localdate(),
        **subject,
    )


@service
def funding_request_create(
    *,
    actor: Actor,
    funder: Funder,
    period_start: dt.date,
    period_end: dt.date,
    candidacy=None,
    leave_request=None,
    organisation: Organisation | None = None,
    through_cpf: bool = False,
    in_working_time: bool = False,
    admissibility_proof_sent: bool = False,
) -> FundingRequest:
    request = _request_create(
        actor=actor,
        funder=funder,
        period_start=period_start,
        period_end=period_end,
        candidacy=candidacy,
        leave_request=leave_request,
        organisation=organisation,
        through_cpf=through_cpf,
        in_working_time=in_working_time,
        admissibility_proof_sent=admissibility_proof_sent,
    )
    audit_event_record(
        actor=actor, action=EventType.FUNDING_REQUEST_CREATED, obj=request, payload={"funder": funder.pk}
    )
    return request


@service
def funding_leave_request_create(
    *,
    actor: Actor,
    leave_request,
    funder: Funder,
    party: str,
    period_start: dt.date,
    period_end: dt.date,
    through_cpf: bool = False,
    in_working_time: bool = False,
    admissibility_proof_sent: bool = False,
) -> FundingRequest:
    """A funding request for a congé VAE, filled by the employee, or by the employer when the action takes place
    in whole or in part during working time (R6422-12). Its lines are then checked like any other's: by
    funding.eligible_expenses on their date and the request's channel (through the CPF or not)."""
    if party not in (Party.WORKER, Party.EMPLOYER):
        raise refuse("party", "Le salarié ou son employeur remplit cette demande.", "invalid_party")
    if party == Party.EMPLOYER and not in_working_time:
        raise refuse(
            "in_working_time",
            "L'employeur remplit la demande de prise en charge lorsque l'action se déroule en tout ou partie "
            "pendant le temps de travail (R6422-12) ; sinon, c'est au salarié de la remplir.",
            "employer_outside_working_time",
        )
    if leave_request.state == LeaveState.SUPERSEDED:
        raise refuse(
            "leave_request",
            "Ce congé VAE a été remplacé par une nouvelle demande : demandez la prise en charge sur celle-ci.",
            "leave_superseded",
        )
    # The proof of admissibility the employee attached to the congé VAE is the one the funder needs (R6422-11).
    proof = (
        admissibility_proof_sent
        or leave_request.attachments.filter(kind=LeaveAttachmentKind.ADMISSIBILITY_PROOF).exists()
    )
    request = _request_create(
        actor=actor,
        funder=funder,
        period_start=period_start,
        period_end=period_end,
        leave_request=leave_request,
        through_cpf=through_cpf,
        in_working_time=in_working_time,
        admissibility_proof_sent=proof,
    )
    audit_event_record(
        actor=actor,
        action=EventType.FUNDING_REQUEST_CREATED,
        obj=request,
        payload={"funder": funder.pk, "leave_request": leave_request.pk, "party": party},
    )
    return request


def _check_scale(request: FundingRequest, category: str, hours: Decimal | None, amount: Decimal, on: dt.date) -> None:
    scale = scale_on(request.funder, on)
    if scale is None:
        return
    item = next((i for i in scale.items.all() if i.category == category), None)
    source = f"{scale.decided_by}, décision du {french_date(scale.decided_on)}"
    if item is None:
        raise refuse(
            "category", f"Le barème du financeur ne prend pas en charge ces frais ({source}).", "not_in_scale"
        )
    if item.unit == ScaleUnit.HOURLY:
        if hours is None or hours <= 0:
            raise refuse("hours", "Indiquez le nombre d'heures.", "hours_required")
        if hours % item.hour_step:
            raise refuse("hours", f"Les heures se comptent par pas de {item.hour_step} h ({source}).", "hour_step")
        if item.max_hours is not None and hours > item.max_hours:
            raise refuse("hours", f"Au plus {item.max_hours} h pour ces frais ({source}).", "too_many_hours")
        cap = to_cents(hours * item.hourly_rate)
    else:
        cap = item.flat_amount
    if amount > cap:
        raise refuse("amount", f"Au plus {cap} € pour cette ligne selon le barème ({source}).", "above_scale")
    if scale.pathway_ceiling is not None:
        ceiling = to_cents(scale.pathway_ceiling * (scale.partial_ratio if request.partial_certification else 1))
        asked = request.lines.aggregate(total=Sum("amount"))["total"] or ZERO
        if asked + amount > ceiling:
            raise refuse("amount", f"Le plafond par parcours est de {ceiling} € ({source}).", "above_ceiling")


@service
def funding_line_add(
    *,
    actor: Actor,
    request: FundingRequest,
    category: str,
    amount: Decimal,
    incurred_on: dt.date,
    hours: Decimal | None = None,
    organisation: Organisation | None = None,
) -> CostLine:
    """A cost line, eligible under funding.eligible_expenses for its date and channel, within the scale."""
    transition_check("funding_line_add", request)
    if category not in ExpenseCategory.values:
        raise refuse("category", "Nature de frais inconnue.", "invalid_category")
    amount = to_cents(amount)
    if amount <= 0:
        raise refuse("amount", "Le montant doit être positif.", "invalid_amount")
    decision, error = answer(ids.FUNDING_ELIGIBLE_EXPENSES, eligibility_facts(request), incurred_on)
    if decision is not None and rule_category(category) not in decision.value:
        raise refuse(
            "category",
            "Ces frais ne sont pas éligibles à cette date"
            + (" lorsque l'action est financée par le CPF" if request.through_cpf else "")
            + f" (article {decision.sources[0].article}).",
            "expense_not_eligible",
            decision=decision.to_dict(),
        )
    # From 2023-12-29 R6422-9 is abrogated: the GIP pays "dans des conditions fixées par décision de son
    # assemblée générale" (R6412-2), i.e. its scale, which must then exist; before 2017-10-01 nothing is encoded.
    if decision is None and request.funder.kind == FunderKind.GIP and scale_on(request.funder, incurred_on) is None:
        raise refuse("category", "Aucun barème du GIP n'est en vigueur à cette date (R6412-2).", "no_scale")
    _check_scale(request, category, hours, amount, incurred_on)
    line = CostLine.objects.create(
        request=request,
        category=category,
        hours=hours,
        amount=amount,
        incurred_on=incurred_on,
        organisation=organisation or request.organisation,
        eligibility_decision=decision.to_dict() if decision else None,
        eligibility_error=error,
    )
    request.requested_total = request.lines.aggregate(total=Sum("amount"))["total"]
    request.save(update_fields=["requested_total"])
    audit_event_record(
        actor=actor,
        action=EventType.FUNDING_LINE_ADDED,
        obj=request,
        payload={"line": line.pk, "category": category, "amount": str(amount)},
    )
    return line


def required_parties(request: FundingRequest, on: dt.date) -> list[str]:
    """The parties funding.request_parts names for a submission on ``on`` (R6422-12 of 2017); none outside it."""
    decision, _ = answer(
        ids.FUNDING_REQUEST_PARTS,
        {"in_working_time": request.in_working_time, "organisation_involved": bool(request.organisation_id)},
        on,
    )
    return list(decision.value) if decision is not None else []


@service
def funding_part_fill(
    *, actor: Actor, request: FundingRequest, party: str, statement: str = "", organisation: Organisation | None = None
) -> RequestPart:
    transition_check("funding_part_fill", request)
    if party not in (Party.WORKER, Party.EMPLOYER, Party.ORGANISATION):
        raise refuse("party", "Partie inconnue.", "invalid_party")
    if request.parts.filter(party=party, organisation=organisation).exists():
        raise refuse("party", "Cette partie de la demande est déjà remplie.", "part_already_filled")
    part = RequestPart.objects.create(
        request=request,
        party=party,
        organisation=organisation,
        filled_by=actor if getattr(actor, "is_authenticated", False) else None,
        filled_at=timezone.now(),
        statement=statement,
    )
    audit_event_record(actor=actor, action=EventType.FUNDING_PART_FILLED, obj=request, payload={"party": party})
    return part


@service
def funding_attachment_add(
    *, actor: Actor, request: FundingRequest, kind: str, file: UploadedFile
) -> FundingAttachment:
    transition_check("funding_attachment_add", request)
    if kind not in ATTACHMENT_KINDS:
        raise refuse("kind", "Nature de pièce inconnue.", "invalid_attachment_kind")
    checked = attachment_check(file)
    attachment = FundingAttachment.objects.create(
        request=request,
        kind=kind,
        file=file,
        original_name=(file.name or "")[-255:],
        content_type=checked.content_type,
        size=checked.size,
        checksum=checked.checksum,
    )
    if kind == "admissibility_proof" and not request.admissibility_proof_sent:
        request.admissibility_proof_sent = True
        request.save(update_fields=["admissibility_proof_sent"])
    audit_event_record(
        actor=actor,
        action=EventType.FUNDING_ATTACHMENT_ADDED,
        obj=request,
        payload={"kind": kind, "size": checked.size},
    )
    return attachment


@service
def funding_request_submit(
    *, actor: Actor, request: FundingRequest, submitted_on: dt.date | None = None
) -> FundingRequest:
    transition_check("funding_request_submit", request)
    before = request.state
    submitted_on = day_or_today(submitted_on, field="submitted_on")
    if not request.lines.exists():
        raise refuse("lines", "Ajoutez au moins une ligne de frais.", "lines_required")
    # R6422-12 (2017 version): the request is filled by each party the rule names on the submission date.
    filled = set(request.parts.values_list("party", flat=True))
    missing = [p for p in required_parties(request, submitted_on) if p not in filled]
    if missing:
        raise refuse(
            "parts",
            "Partie(s) à remplir avant le dépôt (R6422-12) : " + ", ".join(Party(p).label for p in missing) + ".",
            "parts_missing",
        )
    request.state = RequestState.SUBMITTED
    request.submitted_on, request.submitted_month = submitted_on, submitted_on.replace(day=1)
    request.save(update_fields=["state", "submitted_on", "submitted_month"])
    transition_record("funding_request_submit", request=request, before=before, actor=actor, on=submitted_on)
    audit_event_record(
        actor=actor,
        action=EventType.FUNDING_REQUEST_SUBMITTED,
        obj=request,
        payload={"submitted_on": submitted_on.isoformat(), "requested_total": str(request.requested_total)},
    )
    funding_notice_queue(request=request, kind=SUBMITTED, actor=actor)
    return request
