"""Worked examples for the rules catalogue page: one congé VAE request per era of R6422-4, decided live.

The same request left unanswered is decided under the version in force on the day the employer
received it: no meaning for silence before 2019-11-04, consent after 30 days from then, after 15
days from 2023-12-29. Each decision comes with the sentence of the article version that grounds it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from acquis.leave.enums import STATUS_LABELS
from acquis.rules import decide, ids
from acquis.web.common.blocks import source_view

# Days the employer received the request: one per version of R6422-4 (see acquis/rules/leave/versions.yaml).
RECEIPT_DAYS = (dt.date(2019, 6, 3), dt.date(2021, 3, 1), dt.date(2024, 3, 1))


@dataclass(frozen=True)
class WorkedExample:
    received: dt.date
    answer_due: dt.date
    status: str
    status_label: str
    rule_version: str
    sources: list[dict[str, Any]]


def leave_examples(*, today: dt.date) -> list[WorkedExample]:
    examples = []
    for received in RECEIPT_DAYS:
        facts = {"request_received": received.isoformat()}
        due = decide(ids.LEAVE_EMPLOYER_ANSWER_DUE, facts)
        status = decide(ids.LEAVE_STATUS, {**facts, "answer": None, "on": today.isoformat()})
        examples.append(
            WorkedExample(
                received=received,
                answer_due=dt.date.fromisoformat(str(due.value)),
                status=str(status.value),
                status_label=STATUS_LABELS.get(str(status.value), str(status.value)),
                rule_version=status.rule_version,
                sources=[source_view(source) for source in status.sources],
            )
        )
    return examples
