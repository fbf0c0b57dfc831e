"""The computed status of a candidacy and its next deadline, decided by the rules at read time.

The status is not stored: on a given day it follows from the dates kept (complete file, decision, steps,
filings) and that day, through the stage → status table (``status_table.py``), whose SQL twin counts the
worklists. Pathways begun before the 2024 procedure get no_version_in_force
from the rules; they keep their recorded decisions and show « procédure antérieure : délai non calculé,
texte non disponible » instead of a deadline.

Lists decide per *era* rather than per start date: the rules used here can only change their answer on
their boundaries (``acquis.rules.check.rule_boundaries``: version starts, parameter value changes), so two
pathways begun between the same two boundaries get the same answer for the same facts. That keeps the
memo small (a few eras × distinct dates) without any legal date written here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from acquis.pathways import status_table
from acquis.pathways.enums import EARLIER_PROCEDURE_NOTE, STATUS_LABELS, Closure, Stage
from acquis.pathways.facts import StatusFacts
from acquis.rules import answer, ids
from acquis.rules.catalogue import default_registry
from acquis.rules.check import rule_boundaries

ONE_DAY = dt.timedelta(days=1)
STATUS_RULES = (
    ids.ADMISSIBILITY_STATUS,
    ids.ADMISSIBILITY_DECISION_DUE,
    ids.ADMISSIBILITY_LAPSE_DATE,
    ids.JURY_LATEST_DATE,
    ids.JURY_RESULT_NOTIFICATION_DUE,
)


@functools.cache
def era_boundaries() -> tuple[dt.date, ...]:
    registry = default_registry()
    return tuple(sorted({day for rule_id in STATUS_RULES for day in rule_boundaries(registry, registry.get(rule_id))}))


def era_of(started_on: dt.date) -> int:
    return bisect.bisect_right(era_boundaries(), started_on)


def era_day(era: int) -> dt.date:
    """A start date inside the era, for which the rules answer as for any other day of it."""
    boundaries = era_boundaries()
    return boundaries[era - 1] if era else boundaries[0] - ONE_DAY


@functools.lru_cache(maxsize=131_072)
def _value(rule_id: str, era: int, facts: tuple[tuple[str, Any], ...]) -> Any:
    """The rule's value for these facts in this era; None when the rule cannot decide (earlier procedure).
    Pure (same facts, same era, same ruleset → same value), hence memoised; the ruleset is loaded once."""
    plain = {name: dict(value) if isinstance(value, tuple) else value for name, value in facts}
    decision, _ = answer(rule_id, plain, era_day(era))
    return None if decision is None else decision.value


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Status:
    code: str
    deadline: dt.date | None = None
    deadline_label: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.code]


def current_ruleset() -> str:
    """The hash of the ruleset that gives deadlines today: stored beside them (Candidacy.deadlines_ruleset)."""
    return default_registry().ruleset_hash


def gip_notice_day(due: dt.date) -> dt.date:
    """The day admissibility is notified when the certifier's delay ends without a decision: the GIP notifies
    « immédiatement » (R6412-4), the day after the delay. Caducity then runs from it. Written here only."""
    return due + ONE_DAY


def admissibility_notified_on(facts: StatusFacts, era: int) -> dt.date | None:
    """The day admissibility was notified: the certifier's decision within the delay, else the GIP's notice."""
    due = _date(_value(ids.ADMISSIBILITY_DECISION_DUE, era, (("file_complete_on", facts.complete_on),)))
    if facts.decision_kind and facts.decided_on and (due is None or facts.decided_on <= due):
        return facts.decided_on
    return gip_notice_day(due) if due else None


def _admissibility_facts(facts: StatusFacts, on: dt.date) -> tuple[tuple[str, Any], ...]:
    """The facts of admissibility.status on ``on``, caducity's included (the steps and legitimate reason)."""
    decision = {"date": facts.decided_on, "kind": facts.decision_kind} if facts.decision_kind else None
    if decision is not None and facts.decided_on > on:
        decision = None  # not known yet on that day
    return (
        ("file_complete_on", facts.complete_on),
        ("decision", None if decision is None else tuple(decision.items())),
        ("on", on),
        ("first_step_on", facts.first_step_on),
        ("legitimate_reason", facts.legitimate_reason),
    )


def lapse_kept(facts: StatusFacts, era: int, lapse: dt.date) -> bool:
    """Whether a recorded step or a legitimate reason keeps the admissibility: the rule's status on the first
    day of caducity is not ``lapsed``. The rule decides caducity (R6412-4); nothing here re-derives it."""
    return _value(ids.ADMISSIBILITY_STATUS, era, _admissibility_facts(facts, lapse)) != "lapsed"


def _deadline(code: str, facts: StatusFacts, era: int, on: dt.date, rule_value: str | None) -> Status:
    """The status ``code`` (from the table) with its next deadline, or the earlier procedure's note."""
    if code == "jury_scheduled":
        label = "jury le" if facts.jury_on >= on else "résultat à enregistrer pour le jury tenu le"
        return Status(code, facts.jury_on, label)
    if code == "validation_filed":
        latest = _date(_value(ids.JURY_LATEST_DATE, era, (("validation_file_filed_on", facts.validation_filed_on),)))
        if latest is None:
            return Status(code, note=EARLIER_PROCEDURE_NOTE)
        return Status(code, latest, "jury à tenir au plus tard le")
    if code not in ("pending", "admissible", "deemed_admissible", "not_admissible"):
        return Status(code)
    if rule_value is None:  # the earlier procedure: the recorded decision, no deadline computed
        return Status(code, note=EARLIER_PROCEDURE_NOTE)
    if code == "pending":
        due = _date(_value(ids.ADMISSIBILITY_DECISION_DUE, era, (("file_complete_on", facts.complete_on),)))
        return Status(code, due, "décision du certificateur attendue au plus tard le")
    if code == "not_admissible":
        return Status(code)
    lapse = _date(_value(ids.ADMISSIBILITY_LAPSE_DATE, era, (("notified_on", admissibility_notified_on(facts, era)),)))
    if lapse_kept(facts, era, lapse):
        return Status(code)
    return Status(code, lapse - ONE_DAY, "dernier jour pour enregistrer une démarche")


def compute_status(facts: StatusFacts, on: dt.date) -> Status:
    """The status on ``on`` (the first row of status_table.STATUS_TABLE that holds) and the next deadline."""
    era = era_of(facts.started_on)
    rule_value = None
    complete = facts.complete_on is not None and facts.complete_on <= on
    if facts.closure == Closure.OPEN and facts.stage == Stage.FEASIBILITY_FILED and complete:
        rule_value = _value(ids.ADMISSIBILITY_STATUS, era, _admissibility_facts(facts, on))
    return _deadline(status_table.code_of(facts, on, rule_value), facts, era, on, rule_value)
