"""The stage → status mapping of a candidacy, written once as a table, from which both the Python status of one
candidacy (``code_of``, used by ``status.compute_status``) and the SQL CASE the worklists group by
(``sql_case``) are generated.

Each row gives a status and the conditions under which a candidacy has it; the first row that holds wins, in
Python as in SQL (CASE WHEN takes the first). Each condition has two meanings, kept side by side here:
- in Python, on one candidacy's facts, through the rules (admissibility.status decides ``lapsed``, ``admissible``,
  ``deemed_admissible``, ``not_admissible`` for R6412-4);
- in SQL, over many rows, through the deadlines the rules gave when each step was recorded (``decision_due_on``,
  ``lapse_on``: see ``deadlines.py``), compared with the day asked.
tests/pathways/test_status_table.py runs every YAML case of admissibility.status through both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, IntegerField, Q, Value, When

from acquis.pathways.enums import AdmissibilityKind, Closure, ResultKind, Stage

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Facts:
    """What a condition reads in Python: the candidacy's status facts, the day asked, and the rule's value of
    admissibility.status on that day (None when no version is in force: the earlier procedure)."""

    facts: Any  # status.StatusFacts
    on: dt.date
    admissibility: str | None


@dataclass(frozen=True)
class Condition:
    name: str
    python: Callable[[Facts], bool]
    sql: Callable[[dt.date], Q]


def _known(f: Facts) -> bool:
    return bool(f.facts.decision_kind) and f.facts.decided_on is not None and f.facts.decided_on <= f.on


def _known_sql(on: dt.date) -> Q:
    return Q(admissibility_decided_on__lte=on)


def _admitted_sql(on: dt.date) -> Q:
    known = _known_sql(on)
    return (known & Q(admissibility_kind=AdmissibilityKind.ADMISSIBLE)) | (~known & Q(decision_due_on__lt=on))


def _kept_sql() -> Q:
    # A legitimate reason, or a step recorded before the first day of caducity (R6412-4).
    return Q(legitimate_reason_on__isnull=False) | Q(first_step_on__lt=F("lapse_on"))


def _decided(kind: str) -> Condition:
    """The certifier's decision ``kind`` is known on the day: the rule says so; for the earlier procedure (no
    rule in force) the recorded decision is shown as it is."""
    return Condition(
        f"decided_{kind}",
        lambda f: f.admissibility == kind or (f.admissibility is None and _known(f) and f.facts.decision_kind == kind),
        lambda on: _known_sql(on) & Q(admissibility_kind=kind),
    )


COMPLETE = Condition(
    "complete",
    lambda f: f.facts.complete_on is not None and f.facts.complete_on <= f.on,
    lambda on: Q(file_complete_on__lte=on),
)
NOT_COMPLETE = Condition("not_complete", lambda f: not COMPLETE.python(f), lambda on: ~COMPLETE.sql(on))
PIECES = Condition(
    "pieces", lambda f: f.facts.pieces_requested_on is not None, lambda on: Q(pieces_requested_on__isnull=False)
)
LAPSED = Condition(
    "lapsed",
    lambda f: f.admissibility == "lapsed",
    lambda on: _admitted_sql(on) & ~_kept_sql() & Q(lapse_on__lte=on),
)
DEEMED = Condition(
    "deemed_admissible",
    lambda f: f.admissibility == "deemed_admissible",
    lambda on: ~_known_sql(on) & Q(decision_due_on__lt=on),
)
WITHDRAWN = Condition("withdrawn", lambda f: f.facts.result_withdrawn, lambda on: Q(result_withdrawn_on__isnull=False))


def _result(kind: str) -> Condition:
    return Condition(f"result_{kind}", lambda f: f.facts.result_kind == kind, lambda on: Q(result_kind=kind))


# The deadline a row's candidacies run against, for the worklists' « due soon » count (SQL over ``soon``).
SOON: dict[str, Callable[[dt.date, dt.date], Q]] = {
    "decision_due": lambda on, soon: Q(decision_due_on__range=(on, soon)),
    # The deadline shown is the last day to record a step: the day before the first day of caducity.
    "lapse": lambda on, soon: ~_kept_sql() & Q(lapse_on__range=(on + ONE_DAY, soon + ONE_DAY)),
    "latest_jury": lambda on, soon: Q(latest_jury_on__range=(on, soon)),
    "jury": lambda on, soon: Q(jury_on__range=(on, soon)),
}


@dataclass(frozen=True)
class Row:
    status: str
    stage: str | None = None  # None: any stage
    closure: str = Closure.OPEN
    when: tuple[Condition, ...] = ()
    deadline: str | None = None  # a key of SOON


FF = Stage.FEASIBILITY_FILED
STATUS_TABLE: tuple[Row, ...] = (
    *(Row(closure, closure=closure) for closure in Closure.values if closure != Closure.OPEN),
    Row("result_withdrawn", Stage.JURY_DECIDED, when=(WITHDRAWN,)),
    *(Row(f"result_{kind}", Stage.JURY_DECIDED, when=(_result(kind),)) for kind in ResultKind.values),
    Row("jury_scheduled", Stage.JURY_SCHEDULED, deadline="jury"),
    Row("validation_filed", Stage.VALIDATION_FILED, deadline="latest_jury"),
    Row("registered", Stage.REGISTERED),
    Row("feasibility_incomplete", FF, when=(NOT_COMPLETE, PIECES)),
    Row("feasibility_submitted", FF, when=(NOT_COMPLETE,)),
    Row("lapsed", FF, when=(LAPSED,)),
    Row("not_admissible", FF, when=(_decided(AdmissibilityKind.NOT_ADMISSIBLE),)),
    Row("admissible", FF, when=(_decided(AdmissibilityKind.ADMISSIBLE),), deadline="lapse"),
    Row("deemed_admissible", FF, when=(DEEMED,), deadline="lapse"),
    Row("pending", FF, deadline="decision_due"),
)


def _holds_python(row: Row, f: Facts) -> bool:
    if row.closure != f.facts.closure:
        return False
    if row.stage is not None and row.stage != f.facts.stage:
        return False
    return all(condition.python(f) for condition in row.when)


def code_of(facts: Any, on: dt.date, admissibility: str | None) -> str:
    """The status code of one candidacy on ``on`` (``admissibility``: the rule's value that day, or None)."""
    f = Facts(facts, on, admissibility)
    for row in STATUS_TABLE:
        if _holds_python(row, f):
            return row.status
    raise ValueError(f"no status for stage {facts.stage!r}")  # the table covers every stage: a new one must be added


def _condition_sql(row: Row, on: dt.date) -> Q:
    # Closed rows come first: the open ones need not repeat ``closure = ''``.
    condition = Q(closure=row.closure) if row.closure != Closure.OPEN else Q()
    if row.stage is not None:
        condition &= Q(stage=row.stage)
    for part in row.when:
        condition &= part.sql(on)
    return condition


def sql_case(on: dt.date, soon: dt.date) -> Case:
    """One integer per candidacy: 2 × the index of its row in STATUS_TABLE, + 1 when its row's deadline falls
    between ``on`` and ``soon`` (see ``decode``)."""
    whens = []
    for index, row in enumerate(STATUS_TABLE):
        condition = _condition_sql(row, on)
        if row.deadline is not None:
            whens.append(When(condition & SOON[row.deadline](on, soon), then=Value(2 * index + 1)))
        whens.append(When(condition, then=Value(2 * index)))
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def decode(key: int) -> tuple[str, bool]:
    """The status and whether its deadline falls due soon, from a key of ``sql_case``."""
    if key < 0:
        raise ValueError("a candidacy matched no row of the status table")
    index, soon = divmod(key, 2)
    return STATUS_TABLE[index].status, bool(soon)
