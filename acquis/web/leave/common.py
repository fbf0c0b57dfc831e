"""Shared by the congé VAE views: loading a request for a permission check, mapping service errors."""

from __future__ import annotations

from django.http import Http404

from acquis.leave import selectors
from acquis.leave.models import LeaveRequest


def load_request(request, pk: int, **kwargs) -> LeaveRequest:
    try:
        return selectors.leave_request_detail(pk=pk)
    except LeaveRequest.DoesNotExist:
        raise Http404("Cette demande n'existe pas.") from None
