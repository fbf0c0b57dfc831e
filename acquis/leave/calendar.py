"""The deadlines of congé VAE requests as an iCalendar file (RFC 5545, icalendar library).

Each date is an all-day event whose description cites the article version it comes from, so the calendar
says why, not only when. The employee's view adds the notice deadline (R6422-3: it binds the employee);
both views hold the answer due date, the postponement limit, the actions and any postponed date. UIDs are
stable (request, kind), so re-importing the file updates the events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from icalendar import Calendar, Event

from acquis.documents.text import french_date
from acquis.leave import selectors
from acquis.leave.models import LeaveRequest
from acquis.leave.selectors import LeaveRequestRow
from acquis.rules import Decision, ids
from acquis.rules.answer import answer_with

Audience = Literal["employee", "employer"]
PRODID = "-//Acquis//Congé VAE//FR"
UID_DOMAIN = "conge-vae.acquis"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(uid: str, summary: str, start: dt.date, *, end: dt.date | None = None, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("summary", summary)
    event.add("dtstart", start)
    # All-day events: DTEND is the day after the last day (RFC 5545 §3.6.1).
    event.add("dtend", (end or start) + dt.timedelta(days=1))
    # A fixed stamp keeps the file identical for identical data (RFC 5545 requires DTSTAMP, in UTC).
    event.add("dtstamp", dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC))
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    return event


def _why(decision: Decision) -> str:
    return "\n".join(
        f"Article {s.article} du Code du travail ({s.legiarti}, en vigueur depuis le {french_date(s.valid_from)}) : "
        f"« {s.sentence} »"
        for s in decision.sources
    )


def leave_request_events(leave_request: LeaveRequest, audience: Audience) -> list[Event]:
    pk = leave_request.pk
    label = f"congé VAE n° {pk}"
    events: list[Event] = []
    actions = list(leave_request.actions.all())
    if audience == "employee" and actions:
        latest = (
            selectors.stored_decision(leave_request.latest_send_decision)
            if leave_request.latest_send_decision
            else answer_with(
                lambda: selectors.leave_request_check(leave_request)[1], ids.LEAVE_REQUEST_LATEST_SEND_DATE
            ).decision
        )
        if latest is not None:
            events.append(
                _event(
                    f"leave-{pk}-notice",
                    f"Dernier jour pour que l'employeur reçoive la demande ({label})",
                    dt.date.fromisoformat(latest.value),
                    description=_why(latest),
                )
            )
    deadlines = (
        (
            "answer-due",
            "Dernier jour pour la réponse de l'employeur",
            ids.LEAVE_EMPLOYER_ANSWER_DUE,
            selectors.leave_answer_due,
        ),
        (
            "postponement-limit",
            "Date limite d'un report de l'absence",
            ids.LEAVE_POSTPONEMENT_LATEST_DATE,
            selectors.leave_postponement_limit,
        ),
    )
    for kind, title, rule_id, select in deadlines:
        # No Decision for a date before any version in force: no legal deadline to export.
        decision = answer_with(lambda select=select: select(leave_request), rule_id).decision
        if decision is not None:
            day = dt.date.fromisoformat(decision.value)
            events.append(_event(f"leave-{pk}-{kind}", f"{title} ({label})", day, description=_why(decision)))
    for action in actions:
        events.append(
            _event(
                f"leave-{pk}-action-{action.pk}",
                f"{action.get_nature_display()} — {label} ({action.hours.normalize():f} h)",
                action.start,
                end=action.end,
            )
        )
    answer = selectors.leave_request_answer_of(leave_request)
    if answer is not None and answer.postponed_to:
        events.append(
            _event(
                f"leave-{pk}-postponed-to",
                f"Absence reportée par l'employeur ({label})",
                answer.postponed_to,
                description=f"Raisons de service : {answer.reasons}",
            )
        )
    return events


def leave_request_calendar(leave_request: LeaveRequest, audience: Audience) -> bytes:
    calendar = _calendar(f"Congé VAE n° {leave_request.pk}")
    for event in leave_request_events(leave_request, audience):
        calendar.add_component(event)
    return calendar.to_ical()


def employer_calendar(organisation_name: str, rows: Iterable[LeaveRequestRow]) -> bytes:
    """The answer due dates of the company's pending requests (one event each), for the HR calendar."""
    calendar = _calendar(f"Congés VAE — {organisation_name}")
    for row in rows:
        if row.status != "pending" or row.answer_due is None:
            continue
        calendar.add_component(
            _event(
                f"leave-{row.pk}-answer-due",
                f"Répondre à la demande de congé VAE n° {row.pk} de {row.employee_name}",
                row.answer_due,
                description="Délai de réponse de l'employeur (article R6422-4 du Code du travail).",
            )
        )
    return calendar.to_ical()
