"""Shared by the congé VAE views: loading a request for a permission check, mapping service errors."""

from __future__ import annotations

from django.http import Http404

from acquis.accounts.enums import Role
from acquis.accounts.permissions import grants_of
from acquis.leave import selectors
from acquis.leave.models import LeaveRequest


def load_request(request, pk: int, **kwargs) -> LeaveRequest:
    try:
        return selectors.leave_request_detail(pk=pk)
    except LeaveRequest.DoesNotExist:
        raise Http404("Cette demande n'existe pas.") from None


def acts_for_employer(user, leave_request: LeaveRequest) -> bool:
    """The reader holds the employer role for the request's company (its page then leads back to its list)."""
    return any(g.role == Role.EMPLOYER and g.organisation_id == leave_request.employer_id for g in grants_of(user))
