"""French labels of the values rules return, keyed by rule id, for the rule pages (acquis/rules speaks English
to developers and is not translated). A status rule's codes get the same labels as the domain pages; a date is
written as the pages write dates; any other value is shown as it is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.law.presentation import french_date
from acquis.leave.enums import STATUS_LABELS as LEAVE_STATUS_LABELS
from acquis.pathways.enums import STATUS_LABELS as PATHWAY_STATUS_LABELS
from acquis.rules import ids

VALUE_LABELS: dict[str, dict[str, str]] = {
    ids.LEAVE_STATUS: LEAVE_STATUS_LABELS,
    ids.ADMISSIBILITY_STATUS: PATHWAY_STATUS_LABELS,
}


def value_label(rule_id: str, value: Any) -> str:
    """The value of a decision of ``rule_id`` in French, with its code where a code has a label."""
    if isinstance(value, str):
        label = VALUE_LABELS.get(rule_id, {}).get(value)
        if label:
            return label[0].upper() + label[1:]
        try:
            return french_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)
