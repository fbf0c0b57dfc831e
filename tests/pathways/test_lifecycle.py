"""Drop-out, archive, reorientation, reopening, litigation, anonymisation and the retention command."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.models import Candidacy
from acquis.pathways.retention import retention_plan, retention_run
from acquis.pathways.selectors import candidacy_status
from acquis.pathways.tasks import pathways_retention_daily
from tests.pathways.factories import CandidacyFactory, certification

D = dt.date


def test_drop_out_with_reason_then_reopen():
    candidacy = CandidacyFactory(admissible=True)
    with pytest.raises(ValidationError):
        services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="bored")
    with pytest.raises(ValidationError) as error:
        services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="other")
    assert "note" in error.value.message_dict
    candidacy = services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="funding", on=D(2025, 1, 5))
    assert candidacy_status(candidacy).code == "dropped_out" and candidacy.ended_on == D(2025, 1, 5)
    with pytest.raises(ValidationError):
        services.candidacy_step_record(actor=None, candidacy=candidacy, description="RDV")
    with pytest.raises(ValidationError):
        services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="personal")
    candidacy = services.candidacy_reopen(actor=None, candidacy=candidacy)
    assert candidacy.closure == "" and candidacy.ended_on is None
    with pytest.raises(ValidationError):
        services.candidacy_reopen(actor=None, candidacy=candidacy)


def test_archive_is_refused_while_the_admissibility_decision_is_awaited():
    pending = CandidacyFactory(complete=True, started_on=D(2026, 11, 1) - dt.timedelta(days=40))
    with pytest.raises(ValidationError):
        services.candidacy_archive(actor=None, candidacy=pending, reason="inactivity", on=D(2026, 11, 2))
    with pytest.raises(ValidationError):
        services.candidacy_archive(actor=None, candidacy=CandidacyFactory(), reason="bad")
    archived = CandidacyFactory(archived=True)
    assert candidacy_status(archived).code == "archived"


def test_reopening_after_a_result_keeps_the_end_of_the_pathway():
    candidacy = CandidacyFactory(result_refused=True, archived=True)
    candidacy = services.candidacy_reopen(actor=None, candidacy=candidacy)
    assert candidacy.ended_on == candidacy.jury_on


def test_reorientation_opens_a_new_candidacy_and_cannot_be_reopened():
    candidacy = CandidacyFactory(not_admissible=True)
    target = certification()
    new = services.candidacy_reorient(
        actor=None, candidacy=candidacy, certification=target, blocks=[target.blocks.first()], on=D(2025, 1, 10)
    )
    candidacy.refresh_from_db()
    assert candidacy.closure == "reoriented" and candidacy.reoriented_to == new
    assert new.started_on == D(2025, 1, 10) and new.experiences.count() == 1 and new.blocks.count() == 1
    assert candidacy_status(candidacy).code == "reoriented"
    with pytest.raises(ValidationError):
        services.candidacy_reopen(actor=None, candidacy=candidacy)


def test_reorientation_towards_the_same_target_is_refused():
    candidacy = CandidacyFactory(blocks=1)
    with pytest.raises(ValidationError) as error:
        services.candidacy_reorient(
            actor=None, candidacy=candidacy, certification=candidacy.certification, blocks=candidacy.blocks.all()
        )
    assert "certification" in error.value.message_dict
    assert Candidacy.objects.count() == 1 and Candidacy.objects.get().closure == ""
    # Other blocks of the same certification are another target.
    other = candidacy.certification.blocks.exclude(pk__in=candidacy.blocks.all()).first()
    new = services.candidacy_reorient(
        actor=None, candidacy=candidacy, certification=candidacy.certification, blocks=[other]
    )
    assert list(new.blocks.all()) == [other]


def test_anonymisation_erases_personal_data_and_keeps_accounting_data(django_capture_on_commit_callbacks):
    candidacy = CandidacyFactory(result_partial=True)
    attachment = candidacy.feasibility.attachments.get()
    storage, name = attachment.document.storage, attachment.document.name
    assert storage.exists(name)
    # The file goes once the erasure is committed (tests/accounts/test_retention_end_to_end.py).
    with django_capture_on_commit_callbacks(execute=True):
        services.candidacy_anonymise(actor=None, candidacy=candidacy, on=D(2026, 1, 1))
    candidacy = Candidacy.objects.get(pk=candidacy.pk)
    assert candidacy.candidate is None and candidacy.anonymised_on == D(2026, 1, 1)
    assert not candidacy.experiences.exists() and not storage.exists(name)
    assert candidacy.feasibility.content == {"anonymised": True, "experiences": 1, "experience_hours": 9000}
    assert candidacy.result_kind == "partial" and candidacy.certification_id and candidacy.department_id
    assert set(candidacy.validation_files.get().jury.members.values_list("name", flat=True)) == {""}
    with pytest.raises(ValidationError):
        services.candidacy_anonymise(actor=None, candidacy=candidacy, on=D(2026, 1, 2))
    with pytest.raises(ValidationError):
        services.candidacy_reopen(actor=None, candidacy=candidacy)
    with pytest.raises(ValidationError):
        services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="personal")


def test_litigation_suspends_retention():
    candidacy = CandidacyFactory(dropped_out=True)
    with pytest.raises(ValidationError):
        services.candidacy_litigation_set(actor=None, candidacy=candidacy, pending=True)
    services.candidacy_litigation_set(actor=None, candidacy=candidacy, pending=True, note="TA n° 1")
    with pytest.raises(ValidationError):
        services.candidacy_anonymise(actor=None, candidacy=candidacy, on=D(2030, 1, 1))
    plan = {item.pk: item for item in retention_plan(on=D(2030, 1, 1))}
    assert plan[candidacy.pk].outcome == "litigation" and plan[candidacy.pk].until is None


def test_retention_plan_twelve_months_after_the_end_or_the_collection():
    ended = CandidacyFactory(result_full=True)  # jury 2024-09-29
    never_filed = CandidacyFactory(started_on=D(2024, 2, 1))  # collected (registered) 2024-02-01
    running = CandidacyFactory(admissible=True)  # filed, not ended: not in the plan
    old = CandidacyFactory(result_full=True, era_2023=True)  # ended 2024-04-29: R6411-6 in force
    plan = {item.pk: item for item in retention_plan(on=D(2025, 9, 30))}
    assert plan[ended.pk].until == D(2025, 9, 29) and plan[ended.pk].outcome == "anonymise"
    assert plan[never_filed.pk].until == D(2025, 2, 1) and plan[never_filed.pk].outcome == "anonymise"
    assert running.pk not in plan
    assert plan[old.pk].outcome == "anonymise"
    assert {item.pk: item.outcome for item in retention_plan(on=D(2025, 9, 29))}[ended.pk] == "kept"


def test_retention_of_a_pathway_ended_before_r6411_6_is_reported_not_erased():
    candidacy = CandidacyFactory(started_on=D(2023, 1, 1))
    services.candidacy_drop_out(actor=None, candidacy=candidacy, reason="personal", on=D(2023, 6, 1))
    plan = {item.pk: item for item in retention_plan(on=D(2026, 1, 1))}
    assert plan[candidacy.pk].outcome == "no_rule"


def test_retention_command_dry_run_reports_and_changes_nothing_then_runs():
    ended = CandidacyFactory(dropped_out=True)  # dropped out today: kept
    old = CandidacyFactory(result_full=True)
    out = io.StringIO()
    call_command("pathways_retention", "--dry-run", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "Simulation" in out.getvalue() and "à anonymiser" in out.getvalue()
    assert Candidacy.objects.get(pk=old.pk).anonymised_on is None
    out = io.StringIO()
    call_command("pathways_retention", "--no-progress", stdout=out, stderr=io.StringIO())
    assert re.search(r"\b1\s+candidature\(s\) anonymisée\(s\)", out.getvalue())
    assert Candidacy.objects.get(pk=old.pk).candidate is None
    assert Candidacy.objects.get(pk=ended.pk).candidate is not None
    assert AuditEvent.objects.filter(action="candidacy_anonymised").count() == 1


def test_retention_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("pathways_retention", "--on", "hier", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_daily_task_runs_the_retention():
    CandidacyFactory(result_full=True)
    assert pathways_retention_daily.call() == 1
    assert retention_run(on=D(2030, 1, 1), dry_run=True).anonymised == []
