"""Who may do what with a congé VAE request (registered with acquis.accounts.permissions when the app loads).

Predicates read only the request's own columns (state, employee_id, employer_id) and the actor's grants: no query.
"""

from __future__ import annotations

import enum
from typing import Any

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.permissions import grants_of, has_role, in_organisation, is_gip, is_user, register
from acquis.leave.enums import RequestState


class LeaveRequestAction(enum.StrEnum):
    CREATE_LEAVE_REQUEST = "create_leave_request"
    VIEW_LEAVE_REQUEST = "view_leave_request"
    EDIT_LEAVE_REQUEST = "edit_leave_request"
    ANSWER_LEAVE_REQUEST = "answer_leave_request"
    REQUEST_ATTENDANCE_PROOF = "request_attendance_proof"
    REQUEST_ATTENDANCE_PROOF_AS_FUNDER = "request_attendance_proof_as_funder"
    UPLOAD_ATTENDANCE_PROOF = "upload_attendance_proof"
    SUPERSEDE_LEAVE_REQUEST = "supersede_leave_request"
    LIST_EMPLOYER_LEAVE_REQUESTS = "list_employer_leave_requests"
    FIND_LEAVE_REQUEST_AS_FUNDER = "find_leave_request_as_funder"
    LIST_ALL_LEAVE_REQUESTS = "list_all_leave_requests"


_LEAVE_SENT_STATES = frozenset({RequestState.SENT, RequestState.ANSWERED})


def _leave_employee(actor: Actor, obj: Any) -> bool:
    return is_user(actor) and obj is not None and obj.employee_id == actor.pk


def _leave_employer(actor: Actor, obj: Any) -> bool:
    """A member (employer role) of the request's organisation, or that organisation's employer API token."""
    return (
        obj is not None
        and obj.state in _LEAVE_SENT_STATES | {RequestState.SUPERSEDED}
        and any(g.role == Role.EMPLOYER and g.organisation_id == obj.employer_id for g in grants_of(actor))
    )


register(
    {
        LeaveRequestAction.CREATE_LEAVE_REQUEST: lambda actor, obj: is_user(actor),
        LeaveRequestAction.VIEW_LEAVE_REQUEST: lambda actor, obj: (
            _leave_employee(actor, obj) or _leave_employer(actor, obj) or is_gip(actor)
        ),
        LeaveRequestAction.EDIT_LEAVE_REQUEST: lambda actor, obj: (
            _leave_employee(actor, obj) and obj.state == RequestState.DRAFT
        ),
        LeaveRequestAction.ANSWER_LEAVE_REQUEST: lambda actor, obj: (
            _leave_employer(actor, obj) and obj.state == RequestState.SENT
        ),
        # R6422-5: the employer, or a body financing the leave (L6316-1), may ask for the proof of attendance.
        # The employer acts on its requests by number; a funder holds no tie to a request but the letter the
        # employee gives it, so it acts only on a request it reached by number *and* employer's SIRET
        # (selectors.leave_request_for_funder): REQUEST_ATTENDANCE_PROOF_AS_FUNDER is judged on that row only.
        LeaveRequestAction.REQUEST_ATTENDANCE_PROOF: lambda actor, obj: (
            obj is not None and obj.state in _LEAVE_SENT_STATES and _leave_employer(actor, obj)
        ),
        LeaveRequestAction.REQUEST_ATTENDANCE_PROOF_AS_FUNDER: lambda actor, obj: (
            obj is not None and obj.state in _LEAVE_SENT_STATES and has_role(actor, Role.FUNDER)
        ),
        LeaveRequestAction.UPLOAD_ATTENDANCE_PROOF: lambda actor, obj: (
            _leave_employee(actor, obj) and obj.state in _LEAVE_SENT_STATES
        ),
        # A sent request is never edited: its employee replaces it by a new draft (trace kept).
        LeaveRequestAction.SUPERSEDE_LEAVE_REQUEST: lambda actor, obj: (
            _leave_employee(actor, obj) and obj.state in _LEAVE_SENT_STATES
        ),
        # obj is the Organisation whose requests are listed.
        LeaveRequestAction.LIST_EMPLOYER_LEAVE_REQUESTS: lambda actor, obj: (
            obj is not None
            and (is_gip(actor) or (is_user(actor) and in_organisation(actor, obj, frozenset({Role.EMPLOYER}))))
        ),
        # A funder sees no list: it reaches one request by its reference and the employer's SIRET.
        LeaveRequestAction.FIND_LEAVE_REQUEST_AS_FUNDER: lambda actor, obj: (
            is_user(actor) and has_role(actor, Role.FUNDER)
        ),
    }
)


register({LeaveRequestAction.LIST_ALL_LEAVE_REQUESTS: lambda actor, obj: is_gip(actor)})
