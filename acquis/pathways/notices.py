"""The pathway's e-mails: who is told what, worded from the rules' Decisions (dates and the article version
they rest on), queued once through ``notification_queue``.

The transition services call ``notice_queue`` in their own transaction (the e-mails go out on commit, and a
refused transition queues nothing); the daily scan (``acquis.pathways.reminders``) calls it through the
``pathway_notice_queue`` service for the notices no transition triggers. Nothing legal depends on an e-mail:
statuses and deadlines are computed when read. Each e-mail's idempotency key names the candidacy, the notice
kind, the object it is about (file, pieces request, jury session…) and the recipient: queueing the same
notice again, or running the scan twice, queues nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import User
from acquis.documents.text import cite
from acquis.notifications.erasure import notifications_erase
from acquis.notifications.models import OutboundEmail
from acquis.notifications.services import notification_queue
from acquis.pathways.enums import AdmissibilityKind, NoticeKind, ResultKind
from acquis.pathways.models import (
    Attestation,
    Candidacy,
    FeasibilityFile,
    FeasibilityPiecesRequest,
    JuryResult,
    JurySession,
)
from acquis.pathways.status import ONE_DAY, gip_notice_day
from acquis.rules import Decision, answer, ids

CANDIDATE, ACCOMPANIER, CERTIFIER = "candidate", "accompanier", "certifier"
# Who each notice goes to: the candidate and their accompanier follow their file; the certifier's members
# instruct it (and learn when the delay ran out without their decision).
AUDIENCES = {
    NoticeKind.FILE_SUBMITTED: (CERTIFIER,),
    NoticeKind.PIECES_REQUESTED: (CANDIDATE, ACCOMPANIER),
    NoticeKind.RECEIPT_ACKNOWLEDGED: (CANDIDATE, ACCOMPANIER),
    NoticeKind.ADMISSIBILITY_DECIDED: (CANDIDATE, ACCOMPANIER),
    NoticeKind.JURY_SCHEDULED: (CANDIDATE, ACCOMPANIER),
    NoticeKind.RESULT_NOTIFIED: (CANDIDATE, ACCOMPANIER),
    NoticeKind.ATTESTATION_ISSUED: (CANDIDATE,),
    NoticeKind.ACCOMPANIER_CHOSEN: (ACCOMPANIER,),
    NoticeKind.DEEMED_ADMISSIBLE: (CANDIDATE, ACCOMPANIER, CERTIFIER),
    NoticeKind.DECISION_REMINDER: (CERTIFIER,),
    NoticeKind.JURY_REMINDER: (CERTIFIER,),
    NoticeKind.LAPSE_WARNING: (CANDIDATE, ACCOMPANIER),
}


def _members(organisation_id: int | None, role: str) -> list[User]:
    if organisation_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=role,
            memberships__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )


def notice_recipients(candidacy: Candidacy, kind: str) -> list[tuple[str, User]]:
    """(audience, person) for the notice: the candidate (unless anonymised or inactive), the active members of
    the accompanier's and of the certifier's organisation; each person once."""
    recipients: list[tuple[str, User]] = []
    for audience in AUDIENCES[kind]:
        if audience == CANDIDATE:
            candidate = candidacy.candidate
            people = [candidate] if candidate is not None and candidate.is_active and candidate.email else []
        elif audience == ACCOMPANIER:
            people = _members(candidacy.accompanier_id, Role.ACCOMPANIER)
        else:
            people = _members(candidacy.certifier_id, Role.CERTIFIER)
        recipients += [(audience, person) for person in people]
    once: dict[int, tuple[str, User]] = {}
    for audience, person in recipients:
        once.setdefault(person.pk, (audience, person))
    return list(once.values())


def notice_key_prefix(*, candidacy_id: int, kind: str, ref: int) -> str:
    """Idempotency keys of one notice's e-mails (one per recipient), all under this prefix. ``ref`` is the
    object the notice is about: a second pieces request or a second jury is another notice."""
    return f"pathway:{candidacy_id}:{kind}:{ref}:"


def notices_erase(candidacy: Candidacy) -> int:
    """Erase the kept copies of every e-mail about the candidacy (they name the person and quote the file) when
    its personal data are anonymised (R6411-6); they leave the recipients' notification lists."""
    return notifications_erase(key_prefix=f"pathway:{candidacy.pk}:")


def notice_already_queued(*, candidacy_id: int, kind: str, ref: int) -> bool:
    prefix = notice_key_prefix(candidacy_id=candidacy_id, kind=kind, ref=ref)
    return OutboundEmail.objects.filter(idempotency_key__startswith=prefix).exists()


# --- what each notice says ------------------------------------------------------------------------------------


def quoted(decision: Decision | None) -> dict[str, str] | None:
    """The article version and sentence an e-mail quotes for a Decision: its last source, the one specific to
    the rule (the first ones are the transitional note that dates the procedure)."""
    if decision is None or not decision.sources:
        return None
    source = decision.sources[-1]
    return {"citation": cite(source), "article": source.article, "sentence": source.sentence}


def _day(decision: Decision | None) -> dt.date | None:
    return dt.date.fromisoformat(decision.value) if decision is not None else None


def _common(candidacy: Candidacy) -> dict[str, Any]:
    candidate = candidacy.candidate
    return {
        "number": candidacy.pk,
        "candidate_name": (candidate.get_full_name() or candidate.email) if candidate else "",
        "certification_title": candidacy.certification.title,
        "certification_code": candidacy.certification.code,
        "blocks": ", ".join(candidacy.blocks.order_by("code").values_list("code", flat=True)),
        "certifier_name": candidacy.certifier.name if candidacy.certifier else "",
        "accompanier_name": candidacy.accompanier.name if candidacy.accompanier else "",
        "path": reverse("web:pathway_detail", kwargs={"pk": candidacy.pk}),
    }


def _delay(candidacy: Candidacy, file: FeasibilityFile) -> dict[str, Any]:
    """The certifier's delay from the complete file and what its end without decision means (R6412-4)."""
    due, _ = answer(ids.ADMISSIBILITY_DECISION_DUE, {"file_complete_on": file.complete_on}, candidacy.started_on)
    if due is None:
        return {"complete_on": file.complete_on, "earlier_procedure": True}
    deemed_from = gip_notice_day(_day(due))
    silence, _ = answer(
        ids.ADMISSIBILITY_STATUS,
        {"file_complete_on": file.complete_on, "decision": None, "on": deemed_from},
        candidacy.started_on,
    )
    return {
        "complete_on": file.complete_on,
        "due": _day(due),
        "due_source": quoted(due),
        "deemed_from": deemed_from,
        "silence_source": quoted(silence),
        "earlier_procedure": False,
    }


def _lapse(candidacy: Candidacy, notified_on: dt.date) -> dict[str, Any]:
    lapse, _ = answer(ids.ADMISSIBILITY_LAPSE_DATE, {"notified_on": notified_on}, candidacy.started_on)
    if lapse is None:
        return {"notified_on": notified_on}
    return {
        "notified_on": notified_on,
        "lapse_on": _day(lapse),
        "last_step_day": _day(lapse) - ONE_DAY,
        "lapse_source": quoted(lapse),
    }


def notice_context(candidacy: Candidacy, kind: str, subject: Any, *, on: dt.date) -> dict[str, Any]:
    """What the notice of ``kind`` about ``subject`` (the file, pieces request, jury session, result or
    validation file) says on ``on``: the dates of the event and those the rules derive, with their sources."""
    context = {**_common(candidacy), "kind": kind, "on": on}
    if isinstance(subject, FeasibilityPiecesRequest):
        context.update(requested_on=subject.requested_on, pieces=subject.pieces)
    elif kind == NoticeKind.FILE_SUBMITTED:
        context.update(filed_on=subject.filed_on, is_block=subject.is_block, attachments=subject.attachments.count())
    elif kind in (NoticeKind.RECEIPT_ACKNOWLEDGED, NoticeKind.DECISION_REMINDER):
        context.update(_delay(candidacy, subject))
    elif kind == NoticeKind.ADMISSIBILITY_DECIDED:
        context.update(
            decision=AdmissibilityKind(subject.decision_kind).label.lower(),
            admissible=subject.decision_kind == AdmissibilityKind.ADMISSIBLE,
            decided_on=subject.decided_on,
            gaps=subject.gaps,
            recommendations=subject.recommendations,
        )
        if context["admissible"]:
            context.update(_lapse(candidacy, subject.decided_on))
    elif kind == NoticeKind.DEEMED_ADMISSIBLE:
        delay = _delay(candidacy, subject)
        context.update(delay)
        context.update(_lapse(candidacy, delay["deemed_from"]))
    elif kind == NoticeKind.LAPSE_WARNING:
        notified_on = subject.decided_on if subject.decision_kind else _delay(candidacy, subject)["deemed_from"]
        context.update(_lapse(candidacy, notified_on), deemed=not subject.decision_kind)
    elif isinstance(subject, JurySession):
        context.update(
            held_on=subject.held_on,
            held_at=subject.held_at,
            place=subject.place,
            filed_on=subject.validation_file.filed_on,
            calendar_path=reverse("web:pathway_jury_calendar", kwargs={"pk": candidacy.pk}),
        )
    elif isinstance(subject, JuryResult):
        blocks = subject.blocks_acquired.order_by("code")
        due = Decision.from_dict(subject.notification_due_decision) if subject.notification_due_decision else None
        context.update(
            result=ResultKind(subject.kind).label.lower(),
            partial=subject.kind == ResultKind.PARTIAL,
            blocks_acquired=[f"{block.code} — {block.title}" for block in blocks],
            held_on=subject.session.held_on,
            notified_on=subject.notified_on,
            notification_due=_day(due),
            notification_source=quoted(due),
        )
    elif isinstance(subject, Attestation):
        context.update(
            attestation=subject.get_kind_display(),
            reference=subject.reference,
            requested_on=subject.requested_on,
            issued_on=subject.issued_on,
            pdf_path=reverse("web:pathway_attestation_pdf", kwargs={"pk": candidacy.pk, "attestation_id": subject.pk}),
        )
    elif kind == NoticeKind.ACCOMPANIER_CHOSEN:
        candidate = candidacy.candidate
        context.update(
            candidate_email=candidate.email if candidate else "",
            registered_on=candidacy.registered_on,
            filed=FeasibilityFile.objects.filter(candidacy=candidacy).exists(),
        )
    elif kind == NoticeKind.JURY_REMINDER:
        latest = Decision.from_dict(subject.latest_jury_decision) if subject.latest_jury_decision else None
        context.update(filed_on=subject.filed_on, latest=_day(latest), latest_source=quoted(latest))
    return context


def accompanier_chosen_queue(*, candidacy: Candidacy, actor: Actor, on: dt.date) -> list[OutboundEmail]:
    """Tell the accompanier's members that a candidate chose them (at registration or later), except the person
    who made the choice on the candidate's behalf."""
    recipients = [
        (audience, person)
        for audience, person in notice_recipients(candidacy, NoticeKind.ACCOMPANIER_CHOSEN)
        if person != actor
    ]
    return notice_queue(
        candidacy=candidacy, kind=NoticeKind.ACCOMPANIER_CHOSEN, subject=candidacy, on=on, recipients=recipients
    )


def notice_queue(
    *, candidacy: Candidacy, kind: str, subject: Any, on: dt.date, recipients: Iterable[tuple[str, User]] | None = None
) -> list[OutboundEmail]:
    """Queue the notice to each recipient (template ``pathway_<kind>``, worded for the audience), once per
    recipient and subject. Called inside the caller's transaction: nothing is queued if it rolls back."""
    if kind not in NoticeKind.values:
        raise ValueError(f"unknown pathway notice kind {kind!r}")
    recipients = notice_recipients(candidacy, kind) if recipients is None else list(recipients)
    if not recipients:
        return []
    context = notice_context(candidacy, kind, subject, on=on)
    prefix = notice_key_prefix(candidacy_id=candidacy.pk, kind=kind, ref=subject.pk)
    return [
        notification_queue(
            to=person.email,
            template=f"pathway_{kind}",
            context={**context, "audience": audience, "first_name": person.first_name or person.email},
            idempotency_key=f"{prefix}{audience}:{person.pk}",
            recipient=person,
        )
        for audience, person in recipients
    ]
