"""Who may do what with funding (registered with acquis.accounts.permissions when the app loads).

A funder reads only the requests addressed to it (a member of its organisation, or its token); the accompanier
(the organisation that prepared the request) and the candidate read theirs; the GIP reads all. Predicates read
the request's own columns plus the actor's grants: no query.
"""

from __future__ import annotations

import enum
from typing import Any

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.permissions import grants_of, is_gip, is_user, organisation_ids_of, register
from acquis.funding.enums import Party, RequestState
from acquis.leave.enums import RequestState as LeaveState


class FundingAction(enum.StrEnum):
    VIEW_FUNDING_REQUEST = "view_funding_request"
    CREATE_FUNDING_REQUEST = "create_funding_request"
    CREATE_LEAVE_FUNDING_REQUEST = "create_leave_funding_request"
    EDIT_FUNDING_REQUEST = "edit_funding_request"
    DECIDE_FUNDING_REQUEST = "decide_funding_request"
    SIGN_AGREEMENT = "sign_agreement"
    VIEW_FUNDER_DESK = "view_funder_desk"
    MANAGE_ENVELOPES = "manage_envelopes"
    REQUEST_PAYMENT = "request_payment"
    PAY = "pay"
    VIEW_BILLING = "view_billing"


def is_request_funder(actor: Actor, request: Any) -> bool:
    # A draft is the preparer's: it is addressed to the funder once submitted.
    if request is None or request.state == RequestState.DRAFT:
        return False
    organisation_id = request.funder.organisation_id
    return organisation_id is not None and organisation_id in organisation_ids_of(actor, Role.FUNDER)


def is_request_preparer(actor: Actor, request: Any) -> bool:
    return request is not None and request.organisation_id in organisation_ids_of(actor, Role.ACCOMPANIER)


def is_request_candidate(actor: Actor, request: Any) -> bool:
    return is_user(actor) and request is not None and request.candidate_id == actor.pk


def _employer(actor: Actor, request: Any) -> bool:
    return request is not None and request.employer_id in organisation_ids_of(actor, Role.EMPLOYER)


def _leave_employer_filler(actor: Actor, request: Any) -> bool:
    # R6422-12: the employer fills the request of a congé VAE whose action is (partly) in working time.
    return (
        request is not None
        and request.leave_request_id is not None
        and request.in_working_time
        and _employer(actor, request)
    )


#: A congé VAE on which funding may be asked: the employer knows it once sent; a replaced one is closed.
_LEAVE_OPEN = frozenset({LeaveState.DRAFT, LeaveState.SENT, LeaveState.ANSWERED})
_LEAVE_KNOWN_TO_EMPLOYER = frozenset({LeaveState.SENT, LeaveState.ANSWERED})


def create_leave_funding(actor: Actor, leave_request: Any) -> bool:
    """obj: the congé VAE (leave.LeaveRequest). Its employee (a person), or its employer's staff once it is sent;
    the service then checks that the employer's request is for an action in working time (R6422-12)."""
    if leave_request is None or leave_request.state not in _LEAVE_OPEN:
        return False
    if is_user(actor) and leave_request.employee_id == actor.pk:
        return True
    return leave_request.state in _LEAVE_KNOWN_TO_EMPLOYER and leave_request.employer_id in organisation_ids_of(
        actor, Role.EMPLOYER
    )


def _funder_organisation(actor: Actor, funder: Any) -> bool:
    return funder is not None and funder.organisation_id in organisation_ids_of(actor, Role.FUNDER)


def view_request(actor: Actor, request: Any) -> bool:
    return (
        is_request_funder(actor, request)
        or is_request_preparer(actor, request)
        or is_request_candidate(actor, request)
        or _employer(actor, request)
        or is_gip(actor)
    )


def signing_party(user, funding_request):
    """The party the reader signs for (candidate, funder, or the organisation billing), or None."""
    if is_request_candidate(user, funding_request):
        return Party.WORKER, None
    if is_request_funder(user, funding_request):
        return Party.FUNDER, funding_request.funder.organisation
    if is_request_preparer(user, funding_request):
        return Party.ORGANISATION, funding_request.organisation
    return None


register(
    {
        FundingAction.VIEW_FUNDING_REQUEST: view_request,
        # obj: None (any accompanier or candidate may prepare one; the service checks the pathway).
        FundingAction.CREATE_FUNDING_REQUEST: lambda actor, obj: (
            is_user(actor)
            and (
                bool(organisation_ids_of(actor, Role.ACCOMPANIER))
                or any(g.role == Role.CANDIDATE for g in grants_of(actor))
            )
        ),
        FundingAction.CREATE_LEAVE_FUNDING_REQUEST: create_leave_funding,
        FundingAction.EDIT_FUNDING_REQUEST: lambda actor, obj: (
            obj is not None
            and obj.state == RequestState.DRAFT
            and (
                is_request_preparer(actor, obj)
                or is_request_candidate(actor, obj)
                or _leave_employer_filler(actor, obj)
            )
        ),
        FundingAction.DECIDE_FUNDING_REQUEST: lambda actor, obj: obj is not None and is_request_funder(actor, obj),
        # Each party signs its own line: the candidate, the funder, each organisation (the service says which).
        FundingAction.SIGN_AGREEMENT: lambda actor, obj: (
            is_user(actor)
            and (is_request_candidate(actor, obj) or is_request_funder(actor, obj) or is_request_preparer(actor, obj))
        ),
        # obj: the Funder whose desk (worklist, totals, envelopes, exports) is read.
        FundingAction.VIEW_FUNDER_DESK: lambda actor, obj: is_gip(actor) or _funder_organisation(actor, obj),
        FundingAction.MANAGE_ENVELOPES: lambda actor, obj: _funder_organisation(actor, obj),
        FundingAction.REQUEST_PAYMENT: lambda actor, obj: is_request_preparer(actor, obj),
        FundingAction.PAY: lambda actor, obj: obj is not None and is_request_funder(actor, obj),
        # obj: the accompanier's Organisation whose billable amounts are read.
        FundingAction.VIEW_BILLING: lambda actor, obj: (
            is_gip(actor) or (obj is not None and obj.pk in organisation_ids_of(actor, Role.ACCOMPANIER))
        ),
    }
)
