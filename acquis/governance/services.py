"""Writes on certification governance. Each is audited; composition changes and GIP memberships keep the
Decision of the rule that checked them (JSON, unchanged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from acquis.accounts.models import Organisation, User
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.models import Certification
from acquis.governance.enums import (
    College,
    CompositionChangeKind,
    MinisterDecision,
    OpinionKind,
)
from acquis.governance.facts import composition_facts
from acquis.governance.models import (
    BranchProposal,
    Commission,
    CompositionChange,
    GipMember,
    Meeting,
    Member,
    Opinion,
    Programme,
)
from acquis.rules import answer, ids


@service
def commission_create(
    *,
    organisation: Organisation,
    name: str,
    ministries: str,
    field: str,
    term_start: dt.date,
    term_years: int,
    first_presidency: str,
    actor: User | None = None,
) -> Commission:
    commission = Commission(
        organisation=organisation,
        name=name.strip(),
        ministries=ministries.strip(),
        field=field.strip(),
        term_start=term_start,
        term_years=term_years,
        first_presidency=first_presidency,
    )
    commission.full_clean()
    commission.save()
    audit_event_record(actor=actor, action=EventType.COMMISSION_CREATED, obj=commission, payload={"name": name})
    return commission


@service
def commission_internal_rules_update(*, commission: Commission, text: str, actor: User | None = None) -> Commission:
    commission.internal_rules = text.strip()
    commission.save(update_fields=["internal_rules"])
    audit_event_record(actor=actor, action=EventType.COMMISSION_RULES_UPDATED, obj=commission)
    return commission


def _member(commission: Commission, data: dict[str, Any]) -> Member:
    member = Member(commission=commission, **data)
    if member.college == College.STATE and not member.ministry:
        raise ValidationError({"ministry": "Indiquez le ministre qui désigne ce représentant de l'État."})
    if member.college != College.STATE:
        member.ministry = ""
    if bool(member.substitute_name.strip()) != bool(member.substitute_sex):
        raise ValidationError({"substitute_sex": "Donnez le nom et le sexe du suppléant, ou ni l'un ni l'autre."})
    member.full_clean(exclude=["replaced_by"])
    return member


def _check(commission: Commission, kind: str, member: Member, actor: User | None) -> CompositionChange:
    """Decide cpc.composition_check on the composition in force on the appointment date and keep it."""
    facts = composition_facts(commission=commission, on=member.appointed_on)
    change = CompositionChange(
        commission=commission, kind=kind, member=member, appointed_on=member.appointed_on, facts=facts, actor=actor
    )
    checked = answer(ids.CPC_COMPOSITION_CHECK, facts, member.appointed_on)
    # When the rules cannot decide, the member is appointed all the same; the page says why.
    kept = checked.kept()
    change.decision, change.error_code, change.error_message = kept["decision"], kept["error"], kept["message"]
    change.save()
    return change


def _payload(change: CompositionChange) -> dict[str, Any]:
    value = (change.decision or {}).get("value") or {}
    return {"member": change.member_id, "violations": value.get("violations", []), "error": change.error_code}


@service
def commission_member_add(
    *, commission: Commission, data: dict[str, Any], actor: User | None = None
) -> CompositionChange:
    """``data``: college, name, organisation, ministry, sex, substitute_name, substitute_sex, appointed_on,
    term_years (the Member fields)."""
    member = _member(commission, data)
    member.save()
    change = _check(commission, CompositionChangeKind.MEMBER_ADDED, member, actor)
    audit_event_record(actor=actor, action=EventType.COMMISSION_MEMBER_ADDED, obj=commission, payload=_payload(change))
    return change


@service
def commission_member_replace(*, member: Member, data: dict[str, Any], actor: User | None = None) -> CompositionChange:
    if member.ended_on is not None:
        raise ValidationError("Ce membre a déjà quitté la commission.")
    commission = member.commission
    successor = _member(commission, data)
    if successor.appointed_on < member.appointed_on:
        raise ValidationError({"appointed_on": "Le remplaçant ne peut pas être nommé avant le membre qu'il remplace."})
    successor.save()
    member.ended_on = successor.appointed_on
    member.replaced_by = successor
    member.save(update_fields=["ended_on", "replaced_by"])
    change = _check(commission, CompositionChangeKind.MEMBER_REPLACED, successor, actor)
    payload = _payload(change) | {"replaced": member.pk}
    audit_event_record(actor=actor, action=EventType.COMMISSION_MEMBER_REPLACED, obj=commission, payload=payload)
    return change


@service
def meeting_schedule(
    *, commission: Commission, held_on: dt.date, convened_on: dt.date, agenda: str, actor: User | None = None
) -> Meeting:
    if convened_on > held_on:
        raise ValidationError({"convened_on": "La convocation doit précéder la séance."})
    meeting = Meeting(commission=commission, held_on=held_on, convened_on=convened_on, agenda=agenda.strip())
    meeting.full_clean()
    meeting.save()
    audit_event_record(actor=actor, action=EventType.MEETING_SCHEDULED, obj=meeting, payload={"held_on": str(held_on)})
    return meeting


@service
def meeting_minutes_record(*, meeting: Meeting, minutes: str, actor: User | None = None) -> Meeting:
    if not minutes.strip():
        raise ValidationError({"minutes": "Le procès-verbal est vide."})
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    audit_event_record(actor=actor, action=EventType.MEETING_MINUTES_RECORDED, obj=meeting)
    return meeting


@service
def programme_adopt(
    *,
    commission: Commission,
    year: int,
    adopted_on: dt.date,
    published_on: dt.date | None,
    content: str,
    actor: User | None = None,
) -> Programme:
    if Programme.objects.filter(commission=commission, year=year).exists():
        raise ValidationError({"year": f"Un programme est déjà enregistré pour {year}."})
    if published_on is not None and published_on < adopted_on:
        raise ValidationError({"published_on": "La publication ne peut pas précéder l'adoption."})
    programme = Programme(
        commission=commission, year=year, adopted_on=adopted_on, published_on=published_on, content=content.strip()
    )
    programme.full_clean()
    programme.save()
    audit_event_record(actor=actor, action=EventType.PROGRAMME_ADOPTED, obj=programme, payload={"year": year})
    return programme


@service
def branch_proposal_record(
    *,
    programme: Programme,
    branch_commission: str,
    title: str,
    notified_on: dt.date | None,
    submitted_on: dt.date,
    actor: User | None = None,
) -> BranchProposal:
    if notified_on is not None and notified_on > submitted_on:
        raise ValidationError({"notified_on": "Le secrétariat est informé avant la transmission de la proposition."})
    proposal = BranchProposal(
        programme=programme,
        branch_commission=branch_commission.strip(),
        title=title.strip(),
        notified_on=notified_on,
        submitted_on=submitted_on,
    )
    proposal.full_clean()
    proposal.save()
    audit_event_record(actor=actor, action=EventType.BRANCH_PROPOSAL_RECORDED, obj=proposal)
    return proposal


@service
def branch_proposal_decide(
    *, proposal: BranchProposal, decision: str, reasons: str, actor: User | None = None
) -> BranchProposal:
    """R6113-24 (ministers "informent … des raisons de leurs choix") and R6113-24-2 ("La décision du ministre
    certificateur est motivée"): not retaining all or part of a proposal requires its reasons."""
    if decision not in MinisterDecision.values or decision == MinisterDecision.PENDING:
        raise ValidationError({"decision": "Choisissez la décision du ministre."})
    if decision != MinisterDecision.ACCEPTED and not reasons.strip():
        raise ValidationError(
            {"reasons": "Le ministre qui ne retient pas tout ou partie d'une proposition doit en donner les raisons."}
        )
    proposal.minister_decision = decision
    proposal.decision_reasons = reasons.strip()
    proposal.save(update_fields=["minister_decision", "decision_reasons"])
    audit_event_record(
        actor=actor, action=EventType.BRANCH_PROPOSAL_DECIDED, obj=proposal, payload={"decision": decision}
    )
    return proposal


@service
def opinion_record(
    *,
    commission: Commission,
    subject: str,
    required_for_profession: bool,
    rncp_code: str,
    certification_title: str,
    outcome: str,
    given_on: dt.date,
    actor: User | None = None,
) -> Opinion:
    """L6113-3 II: an avis conforme, or an avis simple when the diploma or title is required to practise a
    profession. The registry entry is linked when the fiche is in it; its code and title are kept as text."""
    code = rncp_code.strip().upper()
    certification = Certification.objects.filter(code=code).first() if code else None
    title = certification_title.strip() or (certification.title if certification else "")
    if not title:
        raise ValidationError({"certification_title": "Indiquez l'intitulé du diplôme ou titre."})
    opinion = Opinion(
        commission=commission,
        subject=subject,
        kind=OpinionKind.SIMPLE if required_for_profession else OpinionKind.CONFORME,
        required_for_profession=required_for_profession,
        certification=certification,
        rncp_code=code,
        certification_title=title,
        outcome=outcome,
        given_on=given_on,
    )
    opinion.full_clean()
    opinion.save()
    audit_event_record(actor=actor, action=EventType.OPINION_RECORDED, obj=opinion, payload={"kind": opinion.kind})
    return opinion


@service
def gip_member_add(*, name: str, kind: str, joined_on: dt.date, actor: User | None = None) -> GipMember:
    """gip.member_by_right decides, on the joining date, whether the organisation is a member by right
    (L6411-2) or an adhering member; its Decision is kept."""
    decision = answer(ids.GIP_MEMBER_BY_RIGHT, {"organisation_kind": kind}, joined_on).decided_or(
        lambda message: ValidationError({"joined_on": f"La règle ne peut pas décider à cette date : {message}"})
    )
    member = GipMember(
        name=name.strip(), kind=kind, joined_on=joined_on, by_right=decision.value, decision=decision.to_dict()
    )
    member.full_clean()
    member.save()
    audit_event_record(
        actor=actor, action=EventType.GIP_MEMBER_ADDED, obj=member, payload={"by_right": member.by_right}
    )
    return member
