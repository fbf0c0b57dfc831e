"""Reads on congé VAE requests. The legal status is computed here, at read time, by the leave.* rules.

Lists fetch every row in one query (values, no model instances) and evaluate each row with the engine's
value-only path (no sources, no trace), memoised on the exact facts the rule reads, which keeps 10,000 rows
cheap. A page (``leave_requests_page``) reads only the status facts of every row, for its counts and
filters, and the displayed columns of the rows it shows.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind, Role
from acquis.accounts.models import ApiToken, Membership, Organisation, User
from acquis.leave.enums import STATUS_LABELS, NoticeKind, RequestState
from acquis.leave.facts import (
    fixed_term_facts,
    missing_items_facts,
    new_authorisation_facts,
    paid_hours_facts,
    status_facts,
)
from acquis.leave.models import LeaveAnswer, LeaveRequest
from acquis.notifications.models import OutboundEmail
from acquis.rules import Decision, decide, evaluate, ids
from acquis.rules.errors import NoVersionInForce

SENT_STATES = (RequestState.SENT, RequestState.ANSWERED)


def _answer(leave_request: LeaveRequest) -> LeaveAnswer | None:
    try:
        return leave_request.answer
    except LeaveAnswer.DoesNotExist:
        return None


def leave_request_detail(*, pk: int) -> LeaveRequest:
    """One request with everything its page shows, in a few queries (raises DoesNotExist)."""
    return (
        LeaveRequest.objects.select_related("employee", "employer", "certification", "answer", "superseded_by")
        .prefetch_related("actions", "attachments", "attendance_proof_requests__organisation")
        .get(pk=pk)
    )


def leave_request_status(leave_request: LeaveRequest, *, on: dt.date | None = None) -> Decision | None:
    """The leave.status Decision on ``on`` (today by default); None for a draft (nothing was received)."""
    if leave_request.request_received is None:
        return None
    on = on or timezone.localdate()
    return decide(ids.LEAVE_STATUS, status_facts(leave_request.request_received, _answer(leave_request), on))


def leave_answer_due(leave_request: LeaveRequest) -> Decision | None:
    """leave.employer_answer_due: the last day the employer may answer."""
    if leave_request.request_received is None:
        return None
    return decide(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": leave_request.request_received})


def leave_postponement_limit(leave_request: LeaveRequest) -> Decision | None:
    """leave.postponement_latest_date: the latest date a postponement may reach."""
    if leave_request.request_received is None:
        return None
    return decide(ids.LEAVE_POSTPONEMENT_LATEST_DATE, {"request_received": leave_request.request_received})


def paid_hours(leave_request: LeaveRequest) -> Decision | None:
    """leave.paid_hours_cap, at the day the VAE pathway began (D6422-8 NOTA); None if that day is unknown."""
    if leave_request.pathway_started_on is None:
        return None
    return decide(ids.LEAVE_PAID_HOURS_CAP, paid_hours_facts(leave_request), leave_request.pathway_started_on)


def previous_authorisation_on(leave_request: LeaveRequest, *, requested_on: dt.date) -> dt.date | None:
    """The last day the same employee was authorised by the same employer (R6422-6 « dans la même
    entreprise »), on or before ``requested_on``: an accord or a report (a postponed leave is still granted)
    answered that day, or the first day of a consent deemed by silence, as leave.status decides it."""
    earlier = (
        LeaveRequest.objects.filter(
            employee_id=leave_request.employee_id,
            employer_id=leave_request.employer_id,
            state__in=SENT_STATES,
            request_received__lte=requested_on,
        )
        .exclude(pk=leave_request.pk)
        .select_related("answer")
    )
    days = []
    for other in earlier:
        status = leave_request_status(other, on=requested_on).value
        if status in ("accepted", "postponed", "invalid_postponement"):
            days.append(other.answer.answered_on)
        elif status == "deemed_accepted":
            days.append(dt.date.fromisoformat(leave_answer_due(other).value) + dt.timedelta(days=1))
    return max((day for day in days if day <= requested_on), default=None)


def new_authorisation_wait(leave_request: LeaveRequest, *, on: dt.date) -> Decision:
    """leave.new_authorisation_wait, on the day the request was received (a draft: the day asked)."""
    requested_on = leave_request.request_received or on
    previous = previous_authorisation_on(leave_request, requested_on=requested_on)
    facts = new_authorisation_facts(leave_request, requested_on=requested_on, previous_on=previous)
    return decide(ids.LEAVE_NEW_AUTHORISATION_WAIT, facts)


def fixed_term_window(leave_request: LeaveRequest) -> Decision | None:
    """leave.fixed_term_contract_window (R6422-7-1, leaves starting 2017-10-01 → 2023-12-28); None when the
    employee gave no contract end or the leave has no first action yet."""
    facts = fixed_term_facts(leave_request)
    return None if facts is None else decide(ids.LEAVE_FIXED_TERM_CONTRACT_WINDOW, facts)


def paid_hours_in_force(leave_request: LeaveRequest) -> Decision | None:
    """paid_hours, or None when no version of D6422-8 was in force the day the pathway began (before
    2017-10-01): the letter and the API then state no cap instead of failing (security review M6); the
    request's page says why (acquis/web/leave/presentation.py)."""
    try:
        return paid_hours(leave_request)
    except NoVersionInForce:
        return None


def leave_request_check(leave_request: LeaveRequest, *, on: dt.date | None = None) -> tuple[Decision, Decision | None]:
    """For a draft: what is missing (R6422-2) and the last day it may reach the employer (R6422-3), as of
    ``on`` (today by default). The second is None while no action has dates. Sent requests keep theirs."""
    on = on or timezone.localdate()
    actions = list(leave_request.actions.all())
    kinds = {attachment.kind for attachment in leave_request.attachments.all()}
    missing = decide(ids.LEAVE_REQUEST_MISSING_ITEMS, missing_items_facts(leave_request, actions, kinds), on)
    latest = (
        decide(ids.LEAVE_REQUEST_LATEST_SEND_DATE, {"actions_start": min(a.start for a in actions)}, on)
        if actions
        else None
    )
    return missing, latest


def stored_decision(data: dict[str, Any] | None) -> Decision | None:
    """A Decision kept at send time (latest_send_decision, missing_items_decision), read back unchanged."""
    return Decision.from_dict(data) if data else None


class LeaveRequestRow(NamedTuple):
    """One line of a list: the request's stored facts and its status computed for ``on`` (a named tuple:
    10,000 of them are built per employer list, and a tuple is the cheapest immutable record)."""

    pk: int
    state: str
    employee_name: str
    employee_email: str
    employer_name: str
    employer_siret: str
    certification_title: str
    actions_start: dt.date | None
    request_received: dt.date | None
    sent_late: bool
    answer_kind: str | None
    postponed_to: dt.date | None
    answer_due: dt.date | None
    status: str | None
    status_rule_version: str | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status or "", "brouillon")


ROW_FIELDS = (
    "pk",
    "state",
    "employee__first_name",
    "employee__last_name",
    "employee__email",
    "employer__name",
    "employer__siret",
    "certification_title",
    "certification__title",
    "request_received",
    "sent_late",
    "answer__kind",
    "answer__answered_on",
    "answer__postponed_to",
    "answer__reasons",
    "actions_start",
)


@functools.lru_cache(maxsize=65_536)
def status_value(
    received: dt.date,
    kind: str | None,
    answered_on: dt.date | None,
    postponed_to: dt.date | None,
    reasons: str,
    on: dt.date,
) -> tuple[str, str]:
    """leave.status's value and version for these exact facts. Pure (same facts, same ruleset → same value),
    so it is memoised: a list re-rendered the same day re-decides nothing. The ruleset cannot change
    inside a process (default_registry is loaded once). The engine's value-only path gives the value
    ``decide`` would give (tests/rules/test_rules_cases.py checks it on every case) without its trace."""
    answer = (
        None
        if kind is None
        else {"date": answered_on, "kind": kind, "postponed_to": postponed_to, "reasons": [reasons] if reasons else []}
    )
    outcome = evaluate(ids.LEAVE_STATUS, {"request_received": received, "answer": answer, "on": on})
    return outcome.value, outcome.rule_version


@functools.lru_cache(maxsize=16_384)
def answer_due_value(received: dt.date) -> dt.date:
    return dt.date.fromisoformat(evaluate(ids.LEAVE_EMPLOYER_ANSWER_DUE, {"request_received": received}).value)


def _rows(queryset: QuerySet[LeaveRequest], on: dt.date) -> list[LeaveRequestRow]:
    rows = []
    values = queryset.values_list(*ROW_FIELDS)
    for (
        pk,
        state,
        first_name,
        last_name,
        email,
        employer_name,
        siret,
        free_title,
        rncp_title,
        received,
        late,
        kind,
        answered_on,
        postponed_to,
        reasons,
        actions_start,
    ) in values:
        status = version = due = None
        if received is not None:
            status, version = status_value(received, kind, answered_on, postponed_to, reasons or "", on)
            due = answer_due_value(received)
        rows.append(
            LeaveRequestRow(
                pk=pk,
                state=state,
                employee_name=f"{first_name} {last_name}".strip() or email,
                employee_email=email,
                employer_name=employer_name,
                employer_siret=siret,
                certification_title=free_title or rncp_title or "",
                actions_start=actions_start,
                request_received=received,
                sent_late=late,
                answer_kind=kind,
                postponed_to=postponed_to,
                answer_due=due,
                status=status,
                status_rule_version=version,
            )
        )
    return rows


def _filtered(
    rows: Iterable[LeaveRequestRow],
    statuses: Iterable[str] | None,
    due_from: dt.date | None,
    due_until: dt.date | None,
) -> list[LeaveRequestRow]:
    wanted = set(statuses) if statuses else None
    return [
        row
        for row in rows
        if (wanted is None or row.status in wanted)
        and (due_from is None or (row.answer_due is not None and row.answer_due >= due_from))
        and (due_until is None or (row.answer_due is not None and row.answer_due <= due_until))
    ]


def leave_requests_of_employee(
    *,
    employee: User,
    on: dt.date | None = None,
    statuses: Iterable[str] | None = None,
    due_from: dt.date | None = None,
    due_until: dt.date | None = None,
    include_superseded: bool = False,
) -> list[LeaveRequestRow]:
    """The employee's requests (drafts included), newest first, with their status on ``on``."""
    queryset = LeaveRequest.objects.filter(employee=employee)
    if not include_superseded:
        queryset = queryset.exclude(state=RequestState.SUPERSEDED)
    rows = _rows(queryset.order_by("-created_at", "-pk"), on or timezone.localdate())
    return _filtered(rows, statuses, due_from, due_until)


def leave_requests_of_employer(
    *,
    organisation: Organisation,
    on: dt.date | None = None,
    statuses: Iterable[str] | None = None,
    due_from: dt.date | None = None,
    due_until: dt.date | None = None,
) -> list[LeaveRequestRow]:
    """The requests sent to the organisation (never drafts, never superseded), latest receipt first."""
    queryset = LeaveRequest.objects.filter(employer=organisation, state__in=SENT_STATES)
    rows = _rows(queryset.order_by("-request_received", "-pk"), on or timezone.localdate())
    return _filtered(rows, statuses, due_from, due_until)


def leave_requests_visible_to_filter(*, organisation_ids: Iterable[int], employee: User | None) -> Q:
    """The Q an API list applies: own requests, plus sent requests of the actor's employer organisations."""
    condition = Q(employer_id__in=list(organisation_ids), state__in=SENT_STATES)
    if employee is not None:
        condition |= Q(employee=employee)
    return condition


def leave_requests_visible(*, organisation_ids: Iterable[int], employee: User | None, everything: bool = False):
    """The requests an API caller lists: its own and its employer organisations' sent ones, or every request
    (``everything``, the GIP). Superseded requests are left out, as in the pages' lists (their replacement
    is listed; the detail of a superseded request stays readable)."""
    queryset = LeaveRequest.objects.exclude(state=RequestState.SUPERSEDED)
    if not everything:
        queryset = queryset.filter(
            leave_requests_visible_to_filter(organisation_ids=organisation_ids, employee=employee)
        )
    return queryset


# Status facts only: the narrow read every row of a page pays for (the displayed columns are read for the page).
STATUS_FIELDS = (
    "pk",
    "request_received",
    "answer__kind",
    "answer__answered_on",
    "answer__postponed_to",
    "answer__reasons",
)
DRAFT_STATUS = "draft"  # the counts' key for requests not yet received (they have no legal status)


@dataclass(frozen=True)
class LeaveRequestPage:
    """One page of a list. ``counts`` (by legal status, drafts under "draft") cover every row matching the
    due-date filters, whatever the status filter; ``total`` is the number of rows matching every filter."""

    rows: list[LeaveRequestRow]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int


def leave_requests_page(
    *,
    queryset: QuerySet[LeaveRequest],
    on: dt.date | None = None,
    statuses: Iterable[str] | None = None,
    due_from: dt.date | None = None,
    due_until: dt.date | None = None,
    offset: int = 0,
    limit: int = 50,
) -> LeaveRequestPage:
    """Latest receipt first (drafts first), two queries: the status facts of every row, then the columns of
    the rows shown. The status of every row is computed (counts, filters), never stored."""
    on = on or timezone.localdate()
    wanted = set(statuses) if statuses else None
    counts: dict[str, int] = {}
    kept: list[int] = []
    ordered = queryset.order_by(F("request_received").desc(nulls_first=True), "-pk")
    for pk, received, kind, answered_on, postponed_to, reasons in ordered.values_list(*STATUS_FIELDS):
        if received is None:
            status = DRAFT_STATUS
            if due_from is not None or due_until is not None:
                continue
        else:
            if due_from is not None or due_until is not None:
                due = answer_due_value(received)
                if (due_from is not None and due < due_from) or (due_until is not None and due > due_until):
                    continue
            status = status_value(received, kind, answered_on, postponed_to, reasons or "", on)[0]
        counts[status] = counts.get(status, 0) + 1
        if wanted is None or status in wanted:
            kept.append(pk)
    shown = kept[offset : offset + limit]
    by_pk = {row.pk: row for row in _rows(LeaveRequest.objects.filter(pk__in=shown), on)}
    return LeaveRequestPage(
        rows=[by_pk[pk] for pk in shown if pk in by_pk], total=len(kept), counts=counts, offset=offset, limit=limit
    )


def leave_requests_page_of_employer(*, organisation: Organisation, **options) -> LeaveRequestPage:
    """One page of the requests sent to the organisation (the employer's list), as leave_requests_page."""
    return leave_requests_page(
        queryset=LeaveRequest.objects.filter(employer=organisation, state__in=SENT_STATES), **options
    )


@dataclass(frozen=True)
class DueNotice:
    request_id: int
    kind: str
    answer_due: dt.date


def leave_notices_due(*, on: dt.date) -> list[DueNotice]:
    """The e-mails due on ``on`` for sent, unanswered requests, decided by the rules (never stored):

    * a reminder to the employer from LEAVE_ANSWER_REMINDER_DAYS before the last day to answer, while
      leave.status is still "pending";
    * a notice to both parties once leave.status reads "deemed_accepted" (the day after the delay, in the
      versions where silence is consent; never before 2019-11-04), for LEAVE_NOTICE_CATCH_UP_DAYS at most.

    Whether one was already queued is ``leave_notice_already_queued``'s business.
    """
    reminder_from = dt.timedelta(days=settings.LEAVE_ANSWER_REMINDER_DAYS)
    catch_up = dt.timedelta(days=settings.LEAVE_NOTICE_CATCH_UP_DAYS + 1)
    rows = (
        LeaveRequest.objects.filter(state=RequestState.SENT, answer__isnull=True, request_received__lte=on)
        .order_by("request_received", "pk")
        .values_list("pk", "request_received")
    )
    notices = []
    for pk, received in rows:
        due = answer_due_value(received)
        status = status_value(received, None, None, None, "", on)[0]
        if status == "pending" and on >= due - reminder_from:
            notices.append(DueNotice(pk, NoticeKind.ANSWER_REMINDER, due))
        elif status == "deemed_accepted" and on <= due + catch_up:
            notices.append(DueNotice(pk, NoticeKind.DEEMED_CONSENT, due))
    return notices


def leave_notice_key_prefix(*, request_id: int, kind: str) -> str:
    """Idempotency keys of a notice's e-mails: one per recipient, all under this prefix."""
    return f"leave:{request_id}:{kind}:"


def leave_notice_already_queued(*, request_id: int, kind: str) -> bool:
    prefix = leave_notice_key_prefix(request_id=request_id, kind=kind)
    return OutboundEmail.objects.filter(idempotency_key__startswith=prefix).exists()


@dataclass(frozen=True)
class LeaveLetter:
    """Everything the R6422-2 letter (phase 2, PDF) prints, gathered in one read."""

    request: LeaveRequest
    employee: User
    employer: Organisation
    certification_title: str
    certification_code: str
    certifier_name: str
    actions: list
    attachments: list
    extension_claimed: bool
    latest_send_date: Decision | None
    missing_items: Decision
    paid_hours: Decision | None
    answer_due: Decision | None


def leave_request_letter(leave_request: LeaveRequest, *, on: dt.date | None = None) -> LeaveLetter:
    """The letter's content: for a sent request, the Decisions kept at send time; for a draft, today's."""
    request = leave_request_detail(pk=leave_request.pk)
    if request.missing_items_decision:
        missing = stored_decision(request.missing_items_decision)
        latest = stored_decision(request.latest_send_decision)
    else:
        missing, latest = leave_request_check(request, on=on)
    return LeaveLetter(
        request=request,
        employee=request.employee,
        employer=request.employer,
        certification_title=request.target_title,
        certification_code=request.certification.code if request.certification_id else "",
        certifier_name=request.certifier_name,
        actions=list(request.actions.all()),
        attachments=list(request.attachments.all()),
        extension_claimed=request.extension_claimed,
        latest_send_date=latest,
        missing_items=missing,
        paid_hours=paid_hours_in_force(request),
        answer_due=leave_answer_due(request),
    )


def leave_request_answer_of(leave_request: LeaveRequest) -> LeaveAnswer | None:
    """The employer's answer, or None (a page shows it without catching DoesNotExist)."""
    return _answer(leave_request)


def leave_employer_has_account(organisation: Organisation) -> bool:
    """Whether the employer can receive a request through Acquis (an active employer member or API token)."""
    return (
        Membership.objects.filter(organisation=organisation, role=Role.EMPLOYER, revoked_at__isnull=True).exists()
        or ApiToken.objects.filter(organisation=organisation, role=Role.EMPLOYER, revoked_at__isnull=True).exists()
    )


def leave_request_for_funder(*, pk: int, employer_siret: str) -> LeaveRequest | None:
    """A funder's way to one request: its number and its employer's SIRET must both match (no list, no guessing
    by number alone). Drafts and superseded requests are not reachable."""
    siret = employer_siret.replace(" ", "")
    return (
        LeaveRequest.objects.select_related("employee", "employer")
        .filter(pk=pk, employer__siret=siret, state__in=SENT_STATES)
        .first()
    )


def employers_matching(text: str, *, limit: int = 20) -> list[Organisation]:
    """The organisations Acquis knows as employers (companies, or any with an employer account) whose SIRET
    starts with ``text``'s digits or whose name contains it: the employee picks one instead of typing blind."""
    digits = text.replace(" ", "")
    match = Q(siret__startswith=digits) if digits.isdigit() else Q(name__icontains=text.strip())
    employers = Q(kind=OrganisationKind.COMPANY) | Q(
        memberships__role=Role.EMPLOYER, memberships__revoked_at__isnull=True
    )
    return list(Organisation.objects.filter(match).filter(employers).distinct().order_by("name", "siret")[:limit])
