"""The pathway's facts adapter (the domain template's ``facts.py``): a candidacy row → the facts its status reads.

The only place a candidacy is turned into what ``status.py`` (and through it the admissibility and jury rules)
reads; lists build the same facts from the columns they select (``worklists.ROW_FIELDS``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class StatusFacts:
    """What the status reads, as stored on the candidacy and its admissibility file (one row of a list)."""

    stage: str
    closure: str
    started_on: dt.date
    pieces_requested_on: dt.date | None = None
    complete_on: dt.date | None = None
    decision_kind: str = ""
    decided_on: dt.date | None = None
    first_step_on: dt.date | None = None
    legitimate_reason: bool = False
    validation_filed_on: dt.date | None = None
    jury_on: dt.date | None = None
    result_kind: str = ""
    result_withdrawn: bool = False


def status_facts_of(candidacy: Any) -> StatusFacts:
    """The status facts of one candidacy row (its mirrored admissibility, step and jury dates)."""
    return StatusFacts(
        stage=candidacy.stage,
        closure=candidacy.closure,
        started_on=candidacy.started_on,
        pieces_requested_on=candidacy.pieces_requested_on,
        complete_on=candidacy.file_complete_on,
        decision_kind=candidacy.admissibility_kind,
        decided_on=candidacy.admissibility_decided_on,
        first_step_on=candidacy.first_step_on,
        legitimate_reason=candidacy.legitimate_reason_on is not None,
        validation_filed_on=candidacy.validation_filed_on,
        jury_on=candidacy.jury_on,
        result_kind=candidacy.result_kind,
        result_withdrawn=candidacy.result_withdrawn_on is not None,
    )
