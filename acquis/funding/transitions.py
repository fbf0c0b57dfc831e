"""The funding request's workflow as one table: for each write on a request or its dependants (lines, parts,
attachments, decision, agreement, commitment, payments), the permission it needs, the request states it may
start from (and the refusal when it may not), the state it leads to, and the codes its service may refuse
with, each classed as the request's *state* (HTTP 409) or the caller's *input* (422).

The services check their row before writing (``transition_check``); those that change what the request is
(submission, decision, the signature that completes the agreement, the commitment on an envelope, a payment
made) append a ``FundingRequestTransition`` next to their AuditEvent (``transition_record``). The request's
page offers the actions whose row allows them (``available``); the API answers 409 for the state codes and
422 for the others, and its OpenAPI descriptions list each route's refusals from here (``refusals_text``).

Left out: the writes that are not on a request — creating one (there is no state to start from yet: its
refusals are all of the input), funders, their scales and envelopes.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from acquis.accounts.actors import Actor
from acquis.audit.transitions import NO_REFUSAL, Refusal, entry_fields, refusals_sentence
from acquis.documents.uploads import UPLOAD_REFUSALS as UPLOAD
from acquis.funding.enums import RequestState
from acquis.funding.models import Agreement, FundingRequest, FundingRequestTransition
from acquis.funding.permissions import FundingAction

ANY_STATE = frozenset(RequestState)
DRAFT = frozenset({RequestState.DRAFT})
SUBMITTED = frozenset({RequestState.SUBMITTED})
DECIDED = frozenset({RequestState.DECIDED})
# The refusals of a cost line: funding.eligible_expenses, then the funder's scale (R6412-2 for the GIP).
LINE = (
    "invalid_category",
    "invalid_amount",
    "expense_not_eligible",
    "no_scale",
    "not_in_scale",
    "hours_required",
    "hour_step",
    "too_many_hours",
    "above_scale",
    "above_ceiling",
)
NO_AGREEMENT = Refusal("no_agreement", "Aucune convention à signer pour vous sur cette demande.")


# --- targets: the object an action acts on, resolved from the request (a state refusal when missing) ---------


def target_agreement(request: FundingRequest) -> Agreement:
    """The request's R6422-11 agreement; none (the text does not call for one, or no decision yet): refused."""
    agreement = getattr(request, "agreement", None)
    if agreement is None:
        raise NO_AGREEMENT.error()
    return agreement


# The codes each target resolver may refuse with (all of the request's state).
TARGETS: dict[str, tuple[Callable[[FundingRequest], Any], tuple[str, ...]]] = {
    "request": (lambda request: request, ()),
    "agreement": (target_agreement, (NO_AGREEMENT.code,)),
}


# --- the page's view of a request, for the rows' finer conditions --------------------------------------------


@dataclass(frozen=True)
class Situation:
    """What the request's page knows when it offers actions: the request, whether the reader's party has yet to
    sign its agreement, whether a payment awaits being made."""

    request: FundingRequest
    to_sign: bool = False
    payment_awaited: bool = False


def _granted(request: FundingRequest) -> bool:
    return request.granted_total > 0


@dataclass(frozen=True)
class Transition:
    """One write of the workflow (its name is its service's)."""

    name: str
    action: FundingAction
    states: frozenset[str] = ANY_STATE
    wrong_state: Refusal = NO_REFUSAL  # the refusal when the state is not allowed (every row restricting states)
    # A condition on the request's own columns that the same refusal covers (e.g. "granted" for a commitment).
    holds: Callable[[FundingRequest], bool] = field(default=lambda request: True)
    to: str | None = None  # the state it leads to; None: unchanged
    logged: bool = False  # appends a FundingRequestTransition: it changes what the request is
    target: str = "request"
    # The object the permission is asked about: the request, or its funder (the envelopes are the funder's).
    on_funder: bool = False
    state: tuple[str, ...] = ()  # refusals from the request's state: 409
    input: tuple[str, ...] = ()  # refusals from the input: 422
    when: Callable[[Situation], bool] = field(default=lambda s: True)  # the page's finer condition

    @property
    def state_codes(self) -> frozenset[str]:
        codes = {*self.state, *TARGETS[self.target][1]}
        if self.wrong_state.code:
            codes.add(self.wrong_state.code)
        return frozenset(codes)

    @property
    def input_codes(self) -> frozenset[str]:
        return frozenset(self.input)

    def service(self) -> Callable[..., Any]:
        # Resolved when called: the services import this module to check their row.
        return getattr(importlib.import_module("acquis.funding.services"), self.name)

    def resolve(self, request: FundingRequest) -> Any:
        return TARGETS[self.target][0](request)


def _row(name: str, action: FundingAction, **kwargs: Any) -> tuple[str, Transition]:
    return name, Transition(name, action, **kwargs)


EDIT = FundingAction.EDIT_FUNDING_REQUEST
NOT_DECIDED = Refusal("request_not_decided", "La demande n'est pas encore décidée.", "request")

TRANSITIONS: dict[str, Transition] = dict(
    [
        _row(
            "funding_line_add",
            EDIT,
            states=DRAFT,
            wrong_state=Refusal("request_not_draft", "Une demande déposée ne se modifie plus.", "request"),
            input=LINE,
        ),
        # R6422-12 (2017): each party fills its part; no state is checked (the permission asks for a draft).
        _row("funding_part_fill", EDIT, state=("part_already_filled",), input=("invalid_party",)),
        # The attendance proof (R6422-5) follows the decision: an attachment is welcome in every state.
        _row("funding_attachment_add", EDIT, input=("invalid_attachment_kind", *UPLOAD)),
        _row(
            "funding_request_submit",
            EDIT,
            states=DRAFT,
            wrong_state=Refusal("request_not_draft", "Cette demande est déjà déposée.", "request"),
            to=RequestState.SUBMITTED,
            logged=True,
            input=("date_in_future", "lines_required", "parts_missing"),
        ),
        _row(
            "funding_request_decide",
            FundingAction.DECIDE_FUNDING_REQUEST,
            states=SUBMITTED,
            wrong_state=Refusal("request_not_submitted", "Cette demande n'attend pas de décision.", "request"),
            to=RequestState.DECIDED,
            logged=True,
            input=(
                "date_in_future",
                "decision_before_submission",
                "lines_undecided",
                "refusal_ground_not_available",
                "refusal_reason_required",
                "granted_above_asked",
            ),
        ),
        _row(
            "agreement_sign",
            FundingAction.SIGN_AGREEMENT,
            states=DECIDED,
            wrong_state=NO_AGREEMENT,
            target="agreement",
            logged=True,  # the signature that completes the agreement (the others only sign)
            state=("already_signed",),
            input=("not_a_signatory", "admissibility_proof_required"),
            when=lambda s: s.to_sign,
        ),
        _row(
            "envelope_commit",
            FundingAction.MANAGE_ENVELOPES,
            states=DECIDED,
            holds=_granted,
            wrong_state=Refusal("request_not_granted", "Seule une prise en charge accordée s'engage.", "request"),
            logged=True,
            on_funder=True,
            state=("already_committed", "envelope_exhausted"),
            input=("other_funder", "outside_period", "outside_territory", "certification_not_eligible"),
            when=lambda s: not hasattr(s.request, "commitment"),
        ),
        # A claim of the organisation: the request is unchanged until the funder pays (payment_pay is logged).
        _row(
            "payment_request_create",
            FundingAction.REQUEST_PAYMENT,
            states=DECIDED,
            wrong_state=NOT_DECIDED,
            input=(
                "date_in_future",
                "attendance_proof_missing",
                "support_not_ended",
                "invalid_basis",
                "above_billable",
            ),
        ),
        _row(
            "payment_pay",
            FundingAction.PAY,
            states=DECIDED,
            wrong_state=NOT_DECIDED,
            logged=True,
            state=("already_paid", "not_committed", "above_committed"),
            input=("date_in_future",),
            when=lambda s: s.payment_awaited,
        ),
    ]
)

# Every code the API answers 409: the request's state forbids the action (else 422).
CONFLICTS = frozenset().union(*(row.state_codes for row in TRANSITIONS.values()))


def _allowed(row: Transition, request: FundingRequest) -> bool:
    return request.state in row.states and row.holds(request)


def available(name: str, actor: Actor, situation: Situation) -> bool:
    """Whether the page offers this action to ``actor`` now (its permission, state and finer condition)."""
    from acquis.accounts.permissions import can

    row = TRANSITIONS[name]
    request = situation.request
    if not _allowed(row, request) or not row.when(situation):
        return False
    return can(actor, row.action, request.funder if row.on_funder else request)


def transition_check(name: str, request: FundingRequest) -> None:
    """Refuse, before any write, an action whose row does not allow the request's state."""
    row = TRANSITIONS[name]
    if not _allowed(row, request):
        raise row.wrong_state.error()


def transition_record(
    name: str,
    *,
    request: FundingRequest,
    before: str,
    actor: Actor,
    on: dt.date | None = None,
    decision: dict | None = None,
) -> FundingRequestTransition:
    """Append the transition log's row (from/to state, who, the day, the kept Decision)."""
    return FundingRequestTransition.objects.create(
        request=request,
        from_state=before,
        to_state=request.state,
        **entry_fields(name, actor=actor, on=on, decision=decision),
    )


def refusals_text(name: str) -> str:
    """The OpenAPI description's list of the route's refusals, from its row."""
    row = TRANSITIONS[name]
    return refusals_sentence(row.state_codes, row.input_codes) + " "
