"""Correcting the deadlines a candidacy stores for the worklists (see acquis.pathways.deadlines)."""

from __future__ import annotations

from typing import Any

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.pathways.deadlines import expected_deadlines
from acquis.pathways.models import Candidacy, FeasibilityFile
from acquis.pathways.services.common import locked


@service
def candidacy_deadlines_refresh(*, actor: Any, candidacy: Candidacy) -> dict[str, tuple[str | None, str | None]]:
    """Store the deadlines the rules give today; returns (and audits) each change as (before, after), ISO."""
    candidacy = locked(candidacy)
    expected = expected_deadlines(candidacy)
    changes = {
        name: (_iso(getattr(candidacy, name)), _iso(value))
        for name, value in expected.items()
        if getattr(candidacy, name) != value
    }
    if changes:
        for name in changes:
            setattr(candidacy, name, expected[name])
        candidacy.save(update_fields=[*changes, "updated_at"])
        # The admissibility file keeps the same two dates (the candidacy mirrors it): both stay equal.
        file_fields = {name: expected[name] for name in ("decision_due_on", "lapse_on") if name in changes}
        if file_fields:
            FeasibilityFile.objects.filter(candidacy=candidacy).update(**file_fields)
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_DEADLINES_REFRESHED,
        obj=candidacy,
        payload={"changes": {name: list(pair) for name, pair in changes.items()}},
    )
    return changes


def _iso(day) -> str | None:
    return day.isoformat() if day else None
