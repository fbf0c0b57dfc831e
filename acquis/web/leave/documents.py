"""Files of a congé VAE request: the PDF letter, the ICS deadlines, the attachments (each behind VIEW)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from acquis.documents.http import pdf_response
from acquis.leave import selectors
from acquis.leave.calendar import employer_calendar, leave_request_calendar
from acquis.leave.documents import leave_letter_file
from acquis.leave.models import LeaveAttachment
from acquis.leave.permissions import LeaveRequestAction
from acquis.web.common.files import stored_file_response
from acquis.web.decorators import requires
from acquis.web.leave.common import load_request
from acquis.web.leave.employer import load_employer


@require_safe
@requires(LeaveRequestAction.VIEW_LEAVE_REQUEST, load=load_request)
def leave_letter(request, leave_request, pk):
    return pdf_response(leave_letter_file(leave_request, today=timezone.localdate()))


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@requires(LeaveRequestAction.VIEW_LEAVE_REQUEST, load=load_request)
def leave_calendar(request, leave_request, pk):
    audience = "employee" if leave_request.employee_id == request.user.pk else "employer"
    return _ics(leave_request_calendar(leave_request, audience), f"conge-vae-{pk}.ics")


@require_safe
@requires(LeaveRequestAction.LIST_EMPLOYER_LEAVE_REQUESTS, load=load_employer)
def leave_employer_calendar(request, organisation):
    rows = selectors.leave_requests_of_employer(organisation=organisation, statuses=["pending"])
    return _ics(employer_calendar(organisation.name, rows), f"conges-vae-{organisation.siret}.ics")


@require_safe
@requires(LeaveRequestAction.VIEW_LEAVE_REQUEST, load=load_request)
def leave_attachment(request, leave_request, pk, attachment_id):
    attachment = get_object_or_404(LeaveAttachment, pk=attachment_id, request=leave_request)
    stem = f"{attachment.kind}-{pk}"
    return stored_file_response(attachment.file, content_type=attachment.content_type, stem=stem)
