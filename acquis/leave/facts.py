"""The facts the leave.* rules read, built from a request's rows (shared by services and selectors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from acquis.leave.models import LeaveAction, LeaveAnswer, LeaveRequest


def number(value: Decimal | None) -> int | str | None:
    """A Decimal as the engine reads it (an int when whole, else its exact string)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def actions_fact(actions: Iterable[LeaveAction]) -> list[dict[str, Any]]:
    return [
        {"start": a.start, "end": a.end, "nature": a.get_nature_display(), "hours": number(a.hours)} for a in actions
    ]


def missing_items_facts(request: LeaveRequest, actions: list[LeaveAction], attachment_kinds: set[str]) -> dict:
    return {
        "certification": request.target_title or None,
        "actions": actions_fact(actions),
        "certifier": request.certifier_name or None,
        "admissibility_proof": "admissibility_proof" in attachment_kinds,
        "extension_claimed": request.extension_claimed,
        "qualification_proof": "qualification_proof" in attachment_kinds,
    }


def status_facts(received: dt.date, answer: LeaveAnswer | None, on: dt.date) -> dict:
    return {"request_received": received, "answer": answer.as_fact() if answer else None, "on": on}


def paid_hours_facts(request: LeaveRequest) -> dict:
    facts = {
        "qualification_level": request.qualification_level,
        "job_threatened": request.job_threatened,
        "collective_agreement_hours": number(request.collective_agreement_hours),
        "funding_obtained": request.funding_obtained,
    }
    # The day of the request is its receipt by the employer (the date R6422-4 counts « la demande » from): it
    # selects D6422-8's wording before 2024 and the loi's cap (L6422-2). A draft has none yet; a receipt dated
    # before the recorded start of the pathway is not passed (the rule would refuse it), the start is used.
    received = request.request_received
    if received is not None and (request.pathway_started_on is None or received >= request.pathway_started_on):
        facts["leave_requested_on"] = received
    return facts


def new_authorisation_facts(request: LeaveRequest, *, requested_on: dt.date, previous_on: dt.date | None) -> dict:
    """leave.new_authorisation_wait (R6422-6): the day asked, the previous authorisation in the same company."""
    return {
        "requested_on": requested_on,
        "previous_authorisation_on": previous_on,
        "complementary_evaluation": request.complementary_evaluation,
    }


def fixed_term_facts(request: LeaveRequest) -> dict | None:
    """leave.fixed_term_contract_window (R6422-7-1); None when the employee is not on a fixed-term contract or
    the leave has no start yet. Acquis records no early agreement: the employer gives it by accepting."""
    if request.fixed_term_contract_end is None or request.actions_start is None:
        return None
    return {"contract_end": request.fixed_term_contract_end, "leave_start": request.actions_start}
