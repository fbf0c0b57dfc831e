"""The deadlines a candidacy keeps in its own columns, recomputed from the rules as they are today.

Worklists over tens of thousands of candidacies compare the day asked with deadlines stored when each step
was recorded (``decision_due_on`` at the receipt of the complete file, ``lapse_on`` at the notification of
admissibility, ``latest_jury_on`` at the filing of the validation file): see ``status.py``. The candidacy's
own page decides at read time and is always right; the stored copies are right as long as the catalogue
that computed them is unchanged. After a correction of a rule or of a parameter value (a new ruleset hash),
``acquis pathways deadlines`` lists the candidacies whose stored deadlines differ from what the rules now
give, and ``--apply`` corrects them through ``candidacy_deadlines_refresh`` (one audit event each).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from acquis.pathways.enums import AdmissibilityKind
from acquis.pathways.models import Candidacy
from acquis.pathways.status import current_ruleset, gip_notice_day
from acquis.rules import answer, ids

STORED_DEADLINES = ("decision_due_on", "lapse_on", "latest_jury_on")


def _rule_day(rule_id: str, fact: str, day: dt.date | None, started_on: dt.date) -> dt.date | None:
    if day is None:
        return None
    decision, _error = answer(rule_id, {fact: day}, started_on)  # None for pathways of the earlier procedure
    return dt.date.fromisoformat(decision.value) if decision else None


def expected_deadlines(candidacy: Candidacy) -> dict[str, dt.date | None]:
    """What the services would store today from the candidacy's recorded dates (same rules, same anchors)."""
    started = candidacy.started_on
    due = _rule_day(ids.ADMISSIBILITY_DECISION_DUE, "file_complete_on", candidacy.file_complete_on, started)
    if candidacy.admissibility_kind == AdmissibilityKind.ADMISSIBLE:
        notified = candidacy.admissibility_decided_on
    elif candidacy.admissibility_kind == AdmissibilityKind.NOT_ADMISSIBLE:
        notified = None
    else:  # no decision yet: the GIP's notice, the day after the delay, starts the lapse (R6412-4)
        notified = gip_notice_day(due) if due else None
    return {
        "decision_due_on": due,
        "lapse_on": _rule_day(ids.ADMISSIBILITY_LAPSE_DATE, "notified_on", notified, started),
        "latest_jury_on": _rule_day(
            ids.JURY_LATEST_DATE, "validation_file_filed_on", candidacy.validation_filed_on, started
        ),
    }


@dataclass(frozen=True)
class Drift:
    candidacy_id: int
    field: str
    stored: dt.date | None
    expected: dt.date | None


def drifts_of(candidacy: Candidacy) -> list[Drift]:
    expected = expected_deadlines(candidacy)
    return [
        Drift(candidacy.pk, name, getattr(candidacy, name), expected[name])
        for name in STORED_DEADLINES
        if getattr(candidacy, name) != expected[name]
    ]


def candidacies_with_deadlines() -> Iterator[Candidacy]:
    """Candidacies not anonymised that store at least one deadline or a date one derives from, whose deadlines
    were not stored under today's ruleset: drift is a query on ``deadlines_ruleset``, not a scan of every row."""
    fields = (
        "pk",
        "started_on",
        "file_complete_on",
        "admissibility_kind",
        "admissibility_decided_on",
        "validation_filed_on",
        *STORED_DEADLINES,
    )
    rows = (
        Candidacy.objects.filter(anonymised_on__isnull=True)
        .exclude(deadlines_ruleset=current_ruleset())
        .exclude(
            file_complete_on__isnull=True,
            validation_filed_on__isnull=True,
            decision_due_on__isnull=True,
            lapse_on__isnull=True,
            latest_jury_on__isnull=True,
        )
    )
    return rows.only(*fields).order_by("pk").iterator(chunk_size=2000)
