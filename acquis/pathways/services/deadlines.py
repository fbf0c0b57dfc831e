"""Correcting the deadlines a candidacy stores for the worklists (see acquis.pathways.deadlines)."""

from __future__ import annotations

from acquis.accounts.actors import Actor
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.pathways.deadlines import expected_deadlines
from acquis.pathways.models import Candidacy
from acquis.pathways.services.admissibility import deadlines_store
from acquis.pathways.services.common import locked


@service
def candidacy_deadlines_refresh(*, actor: Actor, candidacy: Candidacy) -> dict[str, tuple[str | None, str | None]]:
    """Store the deadlines the rules give today; returns (and audits) each change as (before, after), ISO."""
    candidacy = locked(candidacy)
    expected = expected_deadlines(candidacy)
    changes = {
        name: (_iso(getattr(candidacy, name)), _iso(value))
        for name, value in expected.items()
        if getattr(candidacy, name) != value
    }
    # Stored again under today's ruleset, changed or not: the candidacy leaves the list of those to check.
    fields = deadlines_store(candidacy, **{name: expected[name] for name in changes})
    candidacy.save(update_fields=[*fields, "updated_at"])
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_DEADLINES_REFRESHED,
        obj=candidacy,
        payload={"changes": {name: list(pair) for name, pair in changes.items()}},
    )
    return changes


def _iso(day) -> str | None:
    return day.isoformat() if day else None
