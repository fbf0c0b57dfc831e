"""The congé VAE's workflow as one table: for each write on a request, the permission it needs, the states it
may start from (and the refusal when it may not), the state it leads to, and the codes its service may refuse
with, each classed as the request's *state* (HTTP 409) or the caller's *input* (422).

The services check their row before writing (``transition_check``); those that move the request (or confirm its
receipt) append a ``LeaveRequestTransition`` next to their AuditEvent (``transition_record``); the request's page
offers the actions whose row allows them (``available``); the API answers 409 for the state codes and 422 for
the others, and its OpenAPI descriptions list each write route's refusals from here (``refusals_text``).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from acquis.accounts.actors import Actor
from acquis.accounts.permissions import Action
from acquis.audit.transitions import Refusal, entry_fields, refusals_sentence
from acquis.documents.uploads import UPLOAD_REFUSALS as UPLOAD
from acquis.leave.enums import ReceiptMethod, RequestState
from acquis.leave.models import LeaveRequest, LeaveRequestTransition
from acquis.leave.permissions import LeaveRequestAction


class LeaveConflict(ValidationError):
    """Another write won the race (a second answer, a second acknowledgement, a second replacement): the pages
    show what was recorded rather than a form error."""


ALREADY_ANSWERED = "L'employeur a déjà répondu à cette demande : une seule réponse peut être enregistrée."
NOT_DRAFT = Refusal(
    "request_not_draft",
    "Cette demande a déjà été envoyée : elle ne peut plus être modifiée. "
    "Pour la corriger, remplacez-la par une nouvelle demande.",
)
NOT_SENT = Refusal("not_sent", "Le justificatif d'assiduité concerne une demande envoyée à l'employeur.")
NOT_THROUGH_ACQUIS = Refusal(
    "not_sent_through_acquis", "Seule une demande transmise par Acquis peut faire l'objet d'un accusé de réception."
)
DRAFT = frozenset({RequestState.DRAFT})
SENT_OR_ANSWERED = frozenset({RequestState.SENT, RequestState.ANSWERED})


@dataclass(frozen=True)
class Situation:
    """What the request's page knows when it offers actions: the request, the day, whether a proof of
    attendance was asked for."""

    leave_request: LeaveRequest
    today: dt.date
    proof_requested: bool = False


@dataclass(frozen=True)
class Transition:
    """One write of the workflow (its name is its service's)."""

    name: str
    action: Action
    states: frozenset[str]
    wrong_state: Refusal  # the refusal when the state is not allowed…
    refusals: dict[str, Refusal] = field(default_factory=dict)  # …unless a state has its own
    to: str | None = None  # the state it leads to; None: unchanged
    logged: bool = False  # its service appends a LeaveRequestTransition
    state: tuple[str, ...] = ()  # further refusals from the request's state (409)
    input: tuple[str, ...] = ()  # refusals from the input (422)
    when: Callable[[Situation], bool] = field(default=lambda s: True)  # the page's finer condition

    @property
    def state_codes(self) -> frozenset[str]:
        return frozenset({self.wrong_state.code, *(r.code for r in self.refusals.values()), *self.state})

    @property
    def input_codes(self) -> frozenset[str]:
        return frozenset(self.input)

    def service(self) -> Callable[..., Any]:
        # Resolved when called: the services import this module to check their row.
        return getattr(importlib.import_module("acquis.leave.services"), self.name)


def _row(name: str, action: Action, **kwargs: Any) -> tuple[str, Transition]:
    return name, Transition(name, action, **kwargs)


EDIT = LeaveRequestAction.EDIT_LEAVE_REQUEST

TRANSITIONS: dict[str, Transition] = dict(
    [
        # The employee's draft: edited freely until it is sent (then replaced, never edited).
        _row("leave_request_update", EDIT, states=DRAFT, wrong_state=NOT_DRAFT),
        _row("leave_request_pathway_link", EDIT, states=DRAFT, wrong_state=NOT_DRAFT),
        _row("leave_action_add", EDIT, states=DRAFT, wrong_state=NOT_DRAFT),
        _row("leave_action_remove", EDIT, states=DRAFT, wrong_state=NOT_DRAFT),
        _row("leave_attachment_add", EDIT, states=DRAFT, wrong_state=NOT_DRAFT, input=UPLOAD),
        _row(
            "leave_request_send",
            EDIT,
            states=DRAFT,
            wrong_state=NOT_DRAFT,
            to=RequestState.SENT,
            logged=True,
            input=UPLOAD,
        ),
        # The employer's side once the request is sent.
        _row(
            "leave_request_acknowledge",
            LeaveRequestAction.ANSWER_LEAVE_REQUEST,
            states=frozenset({RequestState.SENT, RequestState.ANSWERED, RequestState.SUPERSEDED}),
            wrong_state=NOT_THROUGH_ACQUIS,
            logged=True,
            state=("already_acknowledged",),
            when=lambda s: (
                s.leave_request.receipt_method == ReceiptMethod.PLATFORM and s.leave_request.acknowledged_at is None
            ),
        ),
        _row(
            "leave_request_answer",
            LeaveRequestAction.ANSWER_LEAVE_REQUEST,
            states=frozenset({RequestState.SENT}),
            wrong_state=Refusal(
                "not_awaiting_answer", "Cette demande n'est pas en attente d'une réponse de l'employeur."
            ),
            refusals={RequestState.ANSWERED: Refusal("already_answered", ALREADY_ANSWERED, kind=LeaveConflict)},
            to=RequestState.ANSWERED,
            logged=True,
            input=(
                "answer_in_future",
                "answer_before_receipt",
                "reasons_required",
                "postponed_to_required",
                "already_deemed_accepted",
                "postponement_beyond_limit",
                "invalid_answer_kind",
            ),
        ),
        # The employee's correction of a sent request: a new draft replaces it.
        _row(
            "leave_request_supersede",
            LeaveRequestAction.SUPERSEDE_LEAVE_REQUEST,
            states=SENT_OR_ANSWERED,
            wrong_state=Refusal(
                "request_is_draft", "Un brouillon se modifie directement : il n'a pas à être remplacé."
            ),
            refusals={
                RequestState.SUPERSEDED: Refusal(
                    "already_superseded", "Cette demande a déjà été remplacée.", kind=LeaveConflict
                )
            },
            to=RequestState.SUPERSEDED,
            logged=True,
        ),
        # The proof of attendance (R6422-5), after the sending.
        _row(
            "leave_attendance_proof_request",
            LeaveRequestAction.REQUEST_ATTENDANCE_PROOF,
            states=SENT_OR_ANSWERED,
            wrong_state=NOT_SENT,
        ),
        _row(
            "leave_attendance_proof_upload",
            LeaveRequestAction.UPLOAD_ATTENDANCE_PROOF,
            states=SENT_OR_ANSWERED,
            wrong_state=NOT_SENT,
            input=UPLOAD,
            when=lambda s: s.proof_requested,
        ),
    ]
)

# Every code the API answers 409: the request's state forbids the action (else 422).
CONFLICTS = frozenset().union(*(row.state_codes for row in TRANSITIONS.values()))


def available(name: str, actor: Actor, situation: Situation) -> bool:
    """Whether the page offers this action to ``actor`` now (its permission, state and finer condition)."""
    from acquis.accounts.permissions import can

    row = TRANSITIONS[name]
    if situation.leave_request.state not in row.states or not row.when(situation):
        return False
    return can(actor, row.action, situation.leave_request)


def available_actions(actor: Actor, situation: Situation) -> frozenset[str]:
    """The names of every action the page offers ``actor`` now."""
    return frozenset(name for name in TRANSITIONS if available(name, actor, situation))


def transition_check(name: str, leave_request: LeaveRequest) -> None:
    """Refuse, before any write, an action whose row does not allow the request's state."""
    row = TRANSITIONS[name]
    if leave_request.state not in row.states:
        raise row.refusals.get(leave_request.state, row.wrong_state).error()


def transition_record(
    name: str,
    *,
    leave_request: LeaveRequest,
    before: str,
    actor: Actor,
    on: dt.date | None = None,
    decision: dict | None = None,
) -> LeaveRequestTransition:
    """Append the transition log's row (from/to state, who, the day, the kept Decision)."""
    return LeaveRequestTransition.objects.create(
        request=leave_request,
        from_state=before,
        to_state=leave_request.state,
        **entry_fields(name, actor=actor, on=on, decision=decision),
    )


def refusals_text(name: str) -> str:
    """The OpenAPI description's list of the route's refusals, from its row."""
    row = TRANSITIONS[name]
    return " " + refusals_sentence(row.state_codes, row.input_codes)
