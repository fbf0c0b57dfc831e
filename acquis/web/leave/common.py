"""Shared by the congé VAE views: loading a request for a permission check, mapping service errors."""

from __future__ import annotations

from acquis.accounts.enums import Role
from acquis.accounts.permissions import grants_of
from acquis.leave import selectors
from acquis.leave.models import LeaveRequest
from acquis.web.common.loading import loader

load_request = loader(selectors.leave_request_detail, LeaveRequest.DoesNotExist, "Cette demande n'existe pas.")


def acts_for_employer(user, leave_request: LeaveRequest) -> bool:
    """The reader holds the employer role for the request's company (its page then leads back to its list)."""
    return any(g.role == Role.EMPLOYER and g.organisation_id == leave_request.employer_id for g in grants_of(user))
