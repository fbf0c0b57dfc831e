"""Reads of certification governance, and what is derived from dates at read time (presidency, deadlines)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from acquis.accounts.models import Organisation
from acquis.documents.text import french_date
from acquis.governance.enums import PresidencyCollege
from acquis.governance.models import (
    BranchProposal,
    Commission,
    CompositionChange,
    GipMember,
    Meeting,
    Member,
    Opinion,
    Programme,
)
from acquis.rules import answer, ids
from acquis.rules.decision import Decision
from acquis.rules.durations import add_months


def commissions(*, organisation: Organisation | None = None) -> QuerySet[Commission]:
    found = Commission.objects.select_related("organisation")
    return found.filter(organisation=organisation) if organisation is not None else found


def members_in_office(*, commission: Commission, on: dt.date | None = None) -> QuerySet[Member]:
    """Members appointed by ``on`` and not yet replaced then (today's composition when ``on`` is None)."""
    found = commission.members.all()
    if on is None:
        return found.filter(ended_on__isnull=True)
    return found.filter(appointed_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def latest_composition_change(*, commission: Commission) -> CompositionChange | None:
    """The check of the most recent composition (latest appointment date; a backdated entry does not hide it)."""
    return commission.changes.select_related("member").order_by("-appointed_on", "-created_at", "-id").first()


def composition_changes(*, commission: Commission) -> QuerySet[CompositionChange]:
    return commission.changes.select_related("member", "actor").order_by("-created_at", "-id")


def stored_decision(change: CompositionChange) -> Decision | None:
    return Decision.from_dict(change.decision) if change.decision else None


@dataclass(frozen=True)
class PresidencyPeriod:
    college: str
    label: str
    start: dt.date
    end: dt.date  # last day
    current: bool


def presidency_periods(*, commission: Commission, today: dt.date) -> list[PresidencyPeriod]:
    """R6113-22: the chair alternates, "pour la moitié de la durée pour laquelle les membres de la commission
    ont été nommés", between a member elected by the unions (1°) and one elected by the employers (2°, 3°).
    Computed from the term's start and length; the months of a term are split in two equal halves."""
    months = commission.term_years * 12
    middle = add_months(commission.term_start, months // 2)
    end = add_months(commission.term_start, months)
    first = PresidencyCollege(commission.first_presidency)
    second = PresidencyCollege.EMPLOYERS if first == PresidencyCollege.UNIONS else PresidencyCollege.UNIONS
    one_day = dt.timedelta(days=1)
    return [
        PresidencyPeriod(college, college.label, start, last, start <= today <= last)
        for college, start, last in ((first, commission.term_start, middle - one_day), (second, middle, end - one_day))
    ]


def meetings(*, commission: Commission) -> QuerySet[Meeting]:
    return commission.meetings.all()


def opinions(*, commission: Commission) -> QuerySet[Opinion]:
    return commission.opinions.select_related("certification")


def programmes(*, commission: Commission) -> QuerySet[Programme]:
    return commission.programmes.prefetch_related("proposals")


@dataclass(frozen=True)
class DecidedDate:
    """A date given by a rule, or why the rule could not give one."""

    value: Any
    decision: Decision | None
    error: str = ""


def programme_deadline(*, programme: Programme) -> DecidedDate:
    """cpc.programme_deadline for the programme's year, governed by the programme itself (its first year),
    never by the day the question is asked: the same programme always gets the same deadline."""
    decided = answer(ids.CPC_PROGRAMME_DEADLINE, {"year": programme.year})
    return DecidedDate(decided.value and dt.date.fromisoformat(decided.value), decided.decision, decided.message)


def proposal_windows(*, programme: Programme) -> DecidedDate:
    if programme.published_on is None:
        return DecidedDate(
            None, None, "Le programme n'est pas encore publié : les délais des branches ne courent pas."
        )
    decided = answer(ids.CPC_BRANCH_PROPOSAL_WINDOWS, {"programme_published_on": programme.published_on.isoformat()})
    value = decided.value and {key: dt.date.fromisoformat(day) if day else None for key, day in decided.value.items()}
    return DecidedDate(value, decided.decision, decided.message)


def proposal_lateness(*, proposal: BranchProposal, windows: DecidedDate) -> list[str]:
    """Why a branch proposal is late (empty when it is on time or when no window applies)."""
    if not windows.value:
        return []
    late = []
    notify_by, submit_by = windows.value["notify_secretariat_by"], windows.value["submit_by"]
    if notify_by is not None and (proposal.notified_on is None or proposal.notified_on > notify_by):
        late.append(f"secrétariat non informé au plus tard le {french_date(notify_by)}")
    if submit_by is not None and proposal.submitted_on > submit_by:
        late.append(f"proposition transmise après le {french_date(submit_by)}")
    return late


def gip_members() -> QuerySet[GipMember]:
    return GipMember.objects.all()


def gip_member_by_right_on(*, member: GipMember, on: dt.date) -> DecidedDate:
    """gip.member_by_right asked again on ``on``: the text may have changed since the member joined (Pôle
    emploi is no longer named from 2024-01-01, France Travail is)."""
    decided = answer(ids.GIP_MEMBER_BY_RIGHT, {"organisation_kind": member.kind}, on)
    return DecidedDate(decided.value, decided.decision, decided.message)
