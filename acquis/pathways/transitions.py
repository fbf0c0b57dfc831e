"""The pathway's workflow as one table: for each action on a candidacy, the permission it needs, the stages it
may start from (and the refusal when it may not), the stage it leads to, the object it acts on, and the codes
its service may refuse with, each classed as the candidacy's *state* (HTTP 409) or the caller's *input* (422).

The services check their row before writing (``transition_check``) and append a ``CandidacyTransition`` next
to their AuditEvent (``transition_record``); the candidacy page offers the actions whose row allows them
(``available``); the API answers 409 for the state codes and 422 for the others, and its OpenAPI descriptions
list each route's refusals from here (``refusals_text``). Nothing else lists them.
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
from acquis.audit.transitions import NO_REFUSAL, Refusal, entry_fields, refusals_sentence
from acquis.documents.uploads import UPLOAD_REFUSALS as UPLOAD
from acquis.pathways.enums import Closure, ResultKind, Stage
from acquis.pathways.models import (
    Candidacy,
    CandidacyTransition,
    FeasibilityFile,
    JuryResult,
    JurySession,
    ValidationFile,
)
from acquis.pathways.permissions import PathwayAction

ADMITTED = ("admissible", "deemed_admissible")
FILED = frozenset({Stage.FEASIBILITY_FILED, Stage.VALIDATION_FILED, Stage.JURY_SCHEDULED, Stage.JURY_DECIDED})
ANY_STAGE = frozenset(Stage)
EXPERIENCE = (
    "experience_title_required",
    "experience_start_required",
    "implausible_date",
    "experience_end_before_start",
    "experience_title_too_long",
    "experience_hours_invalid",
    "invalid_employment_status",
)
# Refusals every write on a candidacy may answer: its state (closed, anonymised), a date typed in the future.
COMMON_STATE = ("candidacy_closed", "candidacy_anonymised")
COMMON_INPUT = ("date_in_future",)


# --- targets: the object an action acts on, resolved from the candidacy (a state refusal when missing) -------


def target_file(candidacy: Candidacy) -> FeasibilityFile:
    file = FeasibilityFile.objects.filter(candidacy=candidacy).first()
    if file is None:
        raise ValidationError("Le dossier de faisabilité n'est pas encore déposé.", code="feasibility_not_filed")
    return file


def target_validation(candidacy: Candidacy) -> ValidationFile:
    validation = candidacy.validation_files.order_by("-filed_on", "-id").first()
    if validation is None:
        raise ValidationError("Aucun dossier de validation n'attend de jury.", code="jury_not_expected")
    return validation


def target_session(candidacy: Candidacy) -> JurySession:
    session = JurySession.objects.filter(validation_file__candidacy=candidacy).order_by("-held_on", "-id").first()
    if session is None:
        raise ValidationError("Aucun jury n'est programmé pour cette candidature.", code="jury_not_scheduled")
    return session


def target_result(candidacy: Candidacy) -> JuryResult:
    result = JuryResult.objects.filter(session=target_session(candidacy)).first()
    if result is None:
        raise ValidationError("Le résultat du jury n'est pas encore enregistré.", code="result_not_recorded")
    return result


# The codes each target resolver may refuse with (all of the candidacy's state).
TARGETS: dict[str, tuple[Callable[[Candidacy], Any], tuple[str, ...]]] = {
    "candidacy": (lambda candidacy: candidacy, ()),
    "file": (target_file, ("feasibility_not_filed",)),
    "validation": (target_validation, ("jury_not_expected",)),
    "session": (target_session, ("jury_not_scheduled",)),
    "result": (target_result, ("jury_not_scheduled", "result_not_recorded")),
}


# --- the page's view of a candidacy, for the rows' finer conditions ------------------------------------------


@dataclass(frozen=True)
class Situation:
    """What the candidacy page knows when it offers actions: the candidacy, its computed status, the day, and
    its current validation file, jury session and result (None when there is none)."""

    candidacy: Candidacy
    status: str
    today: dt.date
    validation: Any = None
    session: Any = None
    result: Any = None


def _before_receipt(s: Situation) -> bool:
    # The opinion (R6412-2) may follow the filing until the certifier acknowledges the complete file.
    return s.candidacy.stage == Stage.REGISTERED or (
        s.candidacy.stage == Stage.FEASIBILITY_FILED and s.candidacy.file_complete_on is None
    )


def _incomplete(s: Situation) -> bool:
    return s.candidacy.stage == Stage.FEASIBILITY_FILED and s.candidacy.file_complete_on is None


def _refile(s: Situation) -> bool:
    candidacy = s.candidacy
    refile = candidacy.stage == Stage.JURY_DECIDED and candidacy.result_kind in (
        ResultKind.PARTIAL,
        ResultKind.REFUSED,
    )
    return refile or (candidacy.stage == Stage.FEASIBILITY_FILED and s.status in ADMITTED)


@dataclass(frozen=True)
class Transition:
    """One action of the workflow (its name is its service's)."""

    name: str
    action: Action
    stages: frozenset[str] = ANY_STAGE
    wrong_stage: Refusal = NO_REFUSAL  # the refusal when the stage is not allowed (every row restricting stages)
    to: str | None = None  # the stage it leads to; None: unchanged
    target: str = "candidacy"
    state: tuple[str, ...] = ()  # refusals from the candidacy's state: 409
    input: tuple[str, ...] = ()  # refusals from the input: 422
    closed_ok: bool = False  # meant for closed candidacies too (the API then answers 403 rather than 409)
    open_only: bool = True  # offered on the page only while the candidacy is open
    when: Callable[[Situation], bool] = field(default=lambda s: True)  # the page's finer condition

    @property
    def state_codes(self) -> frozenset[str]:
        codes = {*COMMON_STATE, *self.state, *TARGETS[self.target][1]}
        if self.wrong_stage.code:
            codes.add(self.wrong_stage.code)
        return frozenset(codes)

    @property
    def input_codes(self) -> frozenset[str]:
        return frozenset({*COMMON_INPUT, *self.input})

    def service(self) -> Callable[..., Any]:
        # Resolved when called: the services import this module to check their row.
        return getattr(importlib.import_module("acquis.pathways.services"), self.name)

    def resolve(self, candidacy: Candidacy) -> Any:
        return TARGETS[self.target][0](candidacy)


def _row(name: str, action: Action, **kwargs: Any) -> tuple[str, Transition]:
    return name, Transition(name, action, **kwargs)


EDIT, INSTRUCT, JURY = PathwayAction.EDIT_CANDIDACY, PathwayAction.INSTRUCT_FEASIBILITY, PathwayAction.MANAGE_JURY
FILED_ALREADY = Refusal("feasibility_already_filed", "Le dossier de faisabilité de cette candidature est déjà déposé.")

TRANSITIONS: dict[str, Transition] = dict(
    [
        _row(
            "candidacy_experience_add",
            EDIT,
            stages=frozenset({Stage.REGISTERED}),
            wrong_stage=Refusal(
                "feasibility_already_filed",
                "Le dossier de faisabilité est déposé : ses expériences ne peuvent plus changer.",
            ),
            input=EXPERIENCE,
        ),
        _row(
            "candidacy_accompanier_choose",
            EDIT,
            input=("unknown_accompanier", "accompanier_not_listed"),
            when=lambda s: s.candidacy.stage == Stage.REGISTERED,
            open_only=False,
        ),
        _row(
            "candidacy_programme_enrol",
            EDIT,
            input=(
                "unknown_enrolment_code",
                "already_enrolled",
                "programme_not_open",
                "programme_other_certification",
            ),
            when=lambda s: s.candidacy.programme_id is None,
        ),
        _row(
            "candidacy_opinion_give",
            PathwayAction.GIVE_ACCOMPANIER_OPINION,
            state=("no_accompanier", "opinion_after_receipt"),
            input=("invalid_opinion", "opinion_text_required"),
            when=_before_receipt,
        ),
        _row(
            "feasibility_file_submit",
            EDIT,
            stages=frozenset({Stage.REGISTERED}),
            wrong_stage=FILED_ALREADY,
            to=Stage.FEASIBILITY_FILED,
            state=("experiences_required",),
            input=(
                "same_certification_this_year",
                "too_many_certifications_this_year",
                "filing_before_registration",
                "invalid_attachment_kind",
                *UPLOAD,
            ),
        ),
        _row(
            "feasibility_attachment_add",
            EDIT,
            target="file",
            state=("feasibility_complete",),
            input=("invalid_attachment_kind", *UPLOAD),
            when=_incomplete,
        ),
        _row(
            "feasibility_pieces_request",
            INSTRUCT,
            target="file",
            state=("receipt_already_acknowledged",),
            input=("pieces_required", "date_before_filing"),
            when=_incomplete,
        ),
        _row(
            "feasibility_receipt_acknowledge",
            INSTRUCT,
            target="file",
            state=("receipt_already_acknowledged",),
            input=("complete_before_filing",),
            when=_incomplete,
        ),
        _row(
            "feasibility_decide",
            INSTRUCT,
            target="file",
            state=("receipt_not_acknowledged", "decision_already_recorded"),
            input=("decision_delay_expired", "decision_before_receipt", "invalid_decision_kind", "gaps_required"),
            when=lambda s: (
                s.candidacy.stage == Stage.FEASIBILITY_FILED
                and s.candidacy.file_complete_on is not None
                and not s.candidacy.admissibility_kind
                and s.status == "pending"
            ),
        ),
        _row(
            "candidacy_step_record",
            EDIT,
            input=("description_required",),
            when=lambda s: s.candidacy.stage == Stage.FEASIBILITY_FILED and s.status in ADMITTED,
        ),
        _row(
            "candidacy_legitimate_reason_record",
            EDIT,
            input=("reason_required",),
            when=lambda s: s.candidacy.stage == Stage.FEASIBILITY_FILED and s.status in (*ADMITTED, "lapsed"),
            open_only=False,
        ),
        _row(
            "validation_file_submit",
            EDIT,
            stages=frozenset({Stage.FEASIBILITY_FILED, Stage.JURY_DECIDED}),
            wrong_stage=Refusal(
                "validation_not_expected", "Le dossier de validation suit la recevabilité du dossier de faisabilité."
            ),
            to=Stage.VALIDATION_FILED,
            state=("feasibility_not_admissible",),
            input=UPLOAD,
            when=_refile,
        ),
        _row(
            "jury_schedule",
            JURY,
            stages=frozenset({Stage.VALIDATION_FILED}),
            wrong_stage=Refusal("jury_not_expected", "Ce dossier de validation n'attend pas de jury."),
            to=Stage.JURY_SCHEDULED,
            target="validation",
            input=(
                "jury_after_latest_date",
                "jury_composition_invalid",
                "jury_before_filing",
                "jury_member_incomplete",
            ),
            # Only with a validation file to judge: a bulk demo row at this stage has none (no dead-end button).
            when=lambda s: s.candidacy.stage == Stage.VALIDATION_FILED and s.validation is not None,
            open_only=False,
        ),
        _row(
            "jury_result_record",
            JURY,
            stages=frozenset({Stage.JURY_SCHEDULED}),
            wrong_stage=Refusal("result_already_recorded", "Le résultat de ce jury est déjà enregistré.", "kind"),
            to=Stage.JURY_DECIDED,
            target="session",
            input=(
                "jury_not_held_yet",
                "invalid_result_kind",
                "blocks_required",
                "blocks_not_allowed",
                "blocks_outside_certification",
                "unknown_block",
            ),
            when=lambda s: (
                s.candidacy.stage == Stage.JURY_SCHEDULED and s.session is not None and s.session.held_on <= s.today
            ),
        ),
        _row(
            "jury_result_notify",
            JURY,
            target="result",
            state=("result_already_notified",),
            input=("notification_before_jury",),
            when=lambda s: (
                s.candidacy.stage == Stage.JURY_DECIDED and s.result is not None and s.result.notified_on is None
            ),
        ),
        _row(
            "jury_result_observations_request",
            JURY,
            target="result",
            state=("result_already_withdrawn",),
            input=("reason_required",),
            when=lambda s: (
                s.result is not None and s.result.withdrawn_on is None and s.result.observations_requested_on is None
            ),
            open_only=False,
        ),
        _row(
            "jury_result_withdraw",
            JURY,
            target="result",
            state=("observations_not_requested", "result_already_withdrawn"),
            input=("withdrawal_before_request",),
            when=lambda s: (
                s.result is not None
                and s.result.withdrawn_on is None
                and s.result.observations_requested_on is not None
            ),
            open_only=False,
        ),
        _row(
            "attestation_request",
            PathwayAction.REQUEST_ATTESTATION,
            stages=frozenset({Stage.JURY_DECIDED}),
            wrong_stage=Refusal("no_jury_result", "Une attestation suppose un résultat de jury (non retiré)."),
            state=("no_blocks_acquired",),
            input=("invalid_attestation_kind",),
            when=lambda s: s.candidacy.stage == Stage.JURY_DECIDED and s.candidacy.result_withdrawn_on is None,
        ),
        _row(
            "attestation_issue",
            PathwayAction.ISSUE_ATTESTATION,
            state=("attestation_already_issued", "result_withdrawn"),
            input=("issue_before_request",),
            closed_ok=True,
        ),
        _row("candidacy_drop_out", PathwayAction.CLOSE_CANDIDACY, input=("invalid_reason", "note_required")),
        _row(
            "candidacy_archive",
            PathwayAction.CLOSE_CANDIDACY,
            state=("decision_awaited",),
            input=("invalid_reason", "note_required"),
            # candidacy_archive refuses while the certifier's admissibility decision is awaited.
            when=lambda s: s.status not in ("pending", "feasibility_submitted"),
        ),
        _row(
            "candidacy_reorient",
            PathwayAction.CLOSE_CANDIDACY,
            input=(
                "unknown_certification",
                "unknown_block",
                "certification_not_vae_accessible",
                "blocks_outside_certification",
                "accompanier_not_listed",
            ),
        ),
        _row(
            "candidacy_reopen",
            PathwayAction.CLOSE_CANDIDACY,
            state=("candidacy_not_closed", "candidacy_reoriented"),
            closed_ok=True,
            open_only=False,
            when=lambda s: s.candidacy.closure in (Closure.DROPPED_OUT, Closure.ARCHIVED),
        ),
        _row(
            "candidacy_litigation_set",
            PathwayAction.MANAGE_LITIGATION,
            input=("litigation_reference_required",),
            closed_ok=True,
            open_only=False,
        ),
        _row(
            "feasibility_date_correct",
            PathwayAction.CORRECT_LEGAL_DATE,
            stages=FILED,
            target="file",
            state=("receipt_not_acknowledged",),
            input=("invalid_field", "reason_required", "order"),
            open_only=False,
        ),
    ]
)

# Every code the API answers 409: the candidacy's state forbids the action (else 422).
CONFLICTS = frozenset().union(*(row.state_codes for row in TRANSITIONS.values()))


def _closed(candidacy: Candidacy) -> bool:
    return candidacy.closure != Closure.OPEN or candidacy.anonymised_on is not None


def available(name: str, actor: Actor, situation: Situation) -> bool:
    """Whether the page offers this action to ``actor`` now (its permission, stage and finer condition)."""
    from acquis.accounts.permissions import can

    row = TRANSITIONS[name]
    candidacy = situation.candidacy
    if candidacy.anonymised_on is not None or (row.open_only and _closed(candidacy)):
        return False
    if candidacy.stage not in row.stages or not row.when(situation):
        return False
    return can(actor, row.action, candidacy)


def transition_check(name: str, candidacy: Candidacy) -> None:
    """Refuse, before any write, an action whose row does not allow the candidacy's stage."""
    row = TRANSITIONS[name]
    if candidacy.stage in row.stages:
        return
    raise row.wrong_stage.error()


def transition_record(
    name: str,
    *,
    candidacy: Candidacy,
    before: tuple[str, str],
    actor: Actor,
    on: dt.date | None = None,
    decision: dict | None = None,
) -> CandidacyTransition:
    """Append the transition log's row (from/to stage and closure, who, the day, the kept Decision)."""
    return CandidacyTransition.objects.create(
        candidacy=candidacy,
        from_stage=before[0],
        to_stage=candidacy.stage,
        from_closure=before[1],
        to_closure=candidacy.closure,
        **entry_fields(name, actor=actor, on=on, decision=decision),
    )


def state_of(candidacy: Candidacy) -> tuple[str, str]:
    """The (stage, closure) a transition starts from."""
    return candidacy.stage, candidacy.closure


def refusals_text(name: str) -> str:
    """The OpenAPI description's list of the route's refusals, from its row."""
    row = TRANSITIONS[name]
    state = row.state_codes - ({"candidacy_closed"} if row.closed_ok else set())
    return refusals_sentence(state, row.input_codes) + " "
