"""The demo candidate's congé VAE requests to the demo employer: one per era, and one pending now."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from acquis.accounts.models import Organisation, User
from acquis.demo.data import LEAVE_REQUESTS, DemoLeaveRequest
from acquis.leave import services
from acquis.leave.enums import ActionNature, AnswerKind, AttachmentKind, ReceiptMethod
from acquis.leave.models import LeaveRequest

# A minimal well-formed PDF: the demo attachments only need to pass the content check.
DEMO_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _day(value: str | None, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if value else default


def _one(spec: DemoLeaveRequest, *, employee: User, employer: Organisation, hr: User, today: dt.date) -> LeaveRequest:
    request = services.leave_request_create(
        employee=employee,
        employer_siret=employer.siret,
        certification_title=spec.certification_title,
        certifier_name="Ministère chargé de la santé",
        pathway_started_on=_day(spec.pathway_started_on, today - dt.timedelta(days=60)),
        funding_obtained=spec.funding_obtained,
    )
    start = _day(spec.actions_start, today + dt.timedelta(days=45))
    services.leave_action_add(
        leave_request=request,
        actor=employee,
        start=start,
        end=start + dt.timedelta(days=1),
        nature=ActionNature.EVALUATION,
        hours=14,
    )
    services.leave_attachment_add(
        leave_request=request,
        actor=employee,
        kind=AttachmentKind.ADMISSIBILITY_PROOF,
        file=ContentFile(DEMO_PDF, name="recevabilite.pdf"),
    )
    if spec.received is None:
        return services.leave_request_send(
            leave_request=request, actor=employee, receipt_method=ReceiptMethod.PLATFORM
        )
    received = dt.date.fromisoformat(spec.received)
    # A demo request received in the past was drafted before it was received: its draft is dated so (the
    # service refuses a receipt before the draft, as it would for a person).
    drafted = timezone.make_aware(dt.datetime.combine(received, dt.time(9)))
    LeaveRequest.objects.filter(pk=request.pk, created_at__gt=drafted).update(created_at=drafted)
    request.refresh_from_db()
    request = services.leave_request_send(
        leave_request=request,
        actor=employee,
        receipt_method=ReceiptMethod.REGISTERED_LETTER,
        received_on=received,
        receipt_file=ContentFile(DEMO_PDF, name="avis-de-reception.pdf"),
    )
    if spec.answer is not None:
        services.leave_request_answer(
            leave_request=request,
            actor=hr,
            kind=spec.answer,
            answered_on=received + dt.timedelta(days=10),
            postponed_to=received + dt.timedelta(days=25) if spec.answer == AnswerKind.POSTPONE else None,
            reasons="Inventaire annuel du service" if spec.answer == AnswerKind.POSTPONE else "",
        )
    return request


def demo_leave_load(
    *, employee: User, employer: Organisation, hr: User, specs: tuple[DemoLeaveRequest, ...] = LEAVE_REQUESTS
) -> list[LeaveRequest]:
    """Create the demo requests unless the employee already has some (a second run creates nothing)."""
    if LeaveRequest.objects.filter(employee=employee).exists():
        return []
    today = timezone.localdate()
    return [_one(spec, employee=employee, employer=employer, hr=hr, today=today) for spec in specs]
