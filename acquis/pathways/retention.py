"""Retention of the pathway's personal data (R6411-6): which candidacies are due for anonymisation, and the
run that anonymises them (the ``acquis pathways retention`` command and the daily task).

The GIP's page reads ``retention_overview`` (a dry run, nothing written).

The anchor is the day the pathway ended (result, drop-out, archive, reorientation) or, for people who never
filed an admissibility request, the day their data were collected (registration). data.retention_until
decides the last day of retention; while a litigation is pending it answers null and nothing is erased.
Pathways that ended before R6411-6 was in force get no_version_in_force: they are reported, not erased
(the earlier retention rules are not in the corpus). Accounting data (the candidacy row, its certification,
territory, dates, result, programme) are kept: only personal data are erased.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from acquis.accounts.actors import Actor
from acquis.pathways.models import Candidacy
from acquis.rules import answer, ids

ANONYMISE = "anonymise"
LITIGATION = "litigation"
NO_RULE = "no_rule"
KEPT = "kept"
OUTCOME_LABELS = {
    ANONYMISE: "à anonymiser (durée de conservation écoulée)",
    LITIGATION: "conservées : contentieux en cours",
    NO_RULE: "non traitées : parcours terminé avant l'entrée en vigueur de R6411-6",
    KEPT: "conservées : durée de conservation en cours",
}


@dataclass(frozen=True)
class RetentionItem:
    pk: int
    anchor: dt.date
    until: dt.date | None
    outcome: str


@functools.lru_cache(maxsize=16_384)
def _until(anchor: dt.date, litigation: bool) -> tuple[dt.date | None, str]:
    decision, error = answer(
        ids.DATA_RETENTION_UNTIL, {"pathway_ended_on": anchor, "litigation_pending": litigation}, anchor
    )
    if decision is None:
        return None, error
    return (dt.date.fromisoformat(decision.value) if decision.value else None), ""


def retention_plan(*, on: dt.date) -> list[RetentionItem]:
    """Every candidacy whose retention period has started (ended, or never filed), with what happens on ``on``."""
    queryset = Candidacy.objects.filter(anonymised_on=None).filter(
        Q(ended_on__isnull=False) | Q(feasibility__isnull=True)
    )
    items = []
    for pk, ended_on, registered_on, litigation in queryset.order_by("pk").values_list(
        "pk", "ended_on", "registered_on", "litigation_pending"
    ):
        anchor = ended_on or registered_on
        until, error = _until(anchor, litigation)
        if error:
            outcome = NO_RULE
        elif until is None:
            outcome = LITIGATION
        else:
            outcome = ANONYMISE if until < on else KEPT
        items.append(RetentionItem(pk, anchor, until, outcome))
    return items


@dataclass
class RetentionReport:
    on: dt.date
    dry_run: bool
    counts: Counter = field(default_factory=Counter)
    anonymised: list[int] = field(default_factory=list)


def retention_run(
    *, on: dt.date, dry_run: bool, actor: Actor = None, progress: Callable[[int], None] | None = None
) -> RetentionReport:
    """Anonymise every candidacy due on ``on`` (one audited service call each, so a failure stops at a clean
    candidacy boundary); with ``dry_run`` only report."""
    from acquis.pathways.services import candidacy_anonymise

    report = RetentionReport(on=on, dry_run=dry_run)
    for item in retention_plan(on=on):
        report.counts[item.outcome] += 1
        if item.outcome == ANONYMISE and not dry_run:
            candidacy_anonymise(actor=actor, candidacy=Candidacy(pk=item.pk), on=on)
            report.anonymised.append(item.pk)
        if progress is not None:
            progress(1)
    return report


@dataclass(frozen=True)
class RetentionRow:
    item: RetentionItem
    candidacy: Candidacy


@dataclass(frozen=True)
class RetentionOverview:
    """What a run on ``on`` would do (read only): counts by outcome, the candidacies it would anonymise and
    those it keeps because of a litigation (at most ``limit`` of each, the oldest anchors first)."""

    on: dt.date
    counts: dict[str, int]
    due: list[RetentionRow]
    held: list[RetentionRow]
    limit: int


def retention_overview(*, on: dt.date, limit: int = 200) -> RetentionOverview:
    plan = retention_plan(on=on)
    counts = Counter(item.outcome for item in plan)
    shown = {
        outcome: sorted((item for item in plan if item.outcome == outcome), key=lambda item: (item.anchor, item.pk))[
            :limit
        ]
        for outcome in (ANONYMISE, LITIGATION)
    }
    pks = [item.pk for items in shown.values() for item in items]
    candidacies = Candidacy.objects.select_related("certification", "department").in_bulk(pks)
    return RetentionOverview(
        on=on,
        counts={outcome: counts.get(outcome, 0) for outcome in OUTCOME_LABELS},
        due=[RetentionRow(item, candidacies[item.pk]) for item in shown[ANONYMISE]],
        held=[RetentionRow(item, candidacies[item.pk]) for item in shown[LITIGATION]],
        limit=limit,
    )


def invitations_due(*, on: dt.date) -> list[int]:
    """Registration invitations past retention: never accepted (anchor: sent), or whose candidacy was anonymised."""
    from acquis.accounts.retention import is_due
    from acquis.pathways.models import RegistrationInvitation

    due = list(
        RegistrationInvitation.objects.filter(candidacy__anonymised_on__isnull=False).values_list("pk", flat=True)
    )
    for pk, created_at in RegistrationInvitation.objects.filter(accepted_at=None).values_list("pk", "created_at"):
        if is_due(created_at.date(), on):
            due.append(pk)
    return due


def invitations_retention_run(*, on: dt.date, dry_run: bool = False) -> int:
    from acquis.pathways.services import invitations_erase

    pks = invitations_due(on=on)
    if pks and not dry_run:
        invitations_erase(pks=pks, on=on)
    return len(pks)
