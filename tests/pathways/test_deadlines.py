"""Stored deadlines (worklists) against what the rules give: the report, the correction, the audit."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.deadlines import drifts_of, expected_deadlines
from acquis.pathways.status import current_ruleset
from tests.pathways.factories import CandidacyFactory

D = dt.date


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("pathways_deadlines", "--no-progress", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_expected_deadlines_are_what_the_services_stored_in_each_step():
    pending = CandidacyFactory(complete=True, era_2024=True)  # complete on 2024-02-10, no decision
    assert expected_deadlines(pending) == {
        "decision_due_on": D(2024, 4, 10),
        "lapse_on": D(2024, 10, 12),  # the GIP's notice on 2024-04-11, six months without a step
        "latest_jury_on": None,
    }
    for candidacy in (pending, CandidacyFactory(admissible=True), CandidacyFactory(validation=True)):
        assert drifts_of(candidacy) == []
    earlier = CandidacyFactory(complete=True, era_2023=True)
    assert expected_deadlines(earlier) == {"decision_due_on": None, "lapse_on": None, "latest_jury_on": None}


def test_the_command_reports_a_drift_then_corrects_it_with_an_audit_event():
    candidacy = CandidacyFactory(complete=True, era_2024=True)
    untouched = CandidacyFactory(admissible=True)
    assert "Toutes les échéances enregistrées" in _run()
    # Deadlines stored under the ruleset in force are not re-read: drift is a query on the stored ruleset hash.
    type(candidacy).objects.filter(pk=candidacy.pk).update(decision_due_on=D(2024, 5, 1), lapse_on=None)
    assert "Toutes les échéances enregistrées" in _run()
    # As after a correction of the rules: the deadlines were stored under another ruleset.
    type(candidacy).objects.filter(pk=candidacy.pk).update(deadlines_ruleset="0" * 64)

    report = _run()
    assert (
        f"candidature {candidacy.pk} : fin du délai de décision sur la recevabilité enregistrée 1er mai 2024, "
        "selon les règles 10 avril 2024" in report
    )
    assert "caducité de la recevabilité enregistrée aucune, selon les règles 12 octobre 2024" in report
    assert "Rien n'a été modifié" in report
    candidacy.refresh_from_db()
    assert candidacy.decision_due_on == D(2024, 5, 1)  # a report only

    assert "1 candidature(s) corrigée(s)." in _run("--apply")
    candidacy.refresh_from_db()
    assert (candidacy.decision_due_on, candidacy.lapse_on) == (D(2024, 4, 10), D(2024, 10, 12))
    assert candidacy.deadlines_ruleset == current_ruleset() == untouched.deadlines_ruleset
    event = AuditEvent.objects.get(action=EventType.CANDIDACY_DEADLINES_REFRESHED)
    assert event.object_id == str(candidacy.pk)
    assert event.payload["changes"] == {
        "decision_due_on": ["2024-05-01", "2024-04-10"],
        "lapse_on": [None, "2024-10-12"],
    }
    assert not AuditEvent.objects.filter(action=EventType.CANDIDACY_DEADLINES_REFRESHED, object_id=str(untouched.pk))
    assert "Toutes les échéances enregistrées" in _run()


def test_the_service_corrects_the_jury_deadline():
    candidacy = CandidacyFactory(validation=True)
    expected = candidacy.latest_jury_on
    type(candidacy).objects.filter(pk=candidacy.pk).update(latest_jury_on=None)
    candidacy.refresh_from_db()
    changes = services.candidacy_deadlines_refresh(actor=None, candidacy=candidacy)
    assert changes == {"latest_jury_on": (None, expected.isoformat())}
    candidacy.refresh_from_db()
    assert candidacy.latest_jury_on == expected
