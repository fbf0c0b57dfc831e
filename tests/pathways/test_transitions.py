"""The workflow table (acquis/pathways/transitions.py): complete against the services' refusals, one class per
code, checked by the services before they write, and logged as CandidacyTransition rows beside the AuditEvents."""

from __future__ import annotations

import inspect
import re

import pytest
from django.core.exceptions import ValidationError

from acquis.api.api import api
from acquis.audit.models import AuditEvent
from acquis.pathways import services, transitions
from acquis.pathways.enums import Stage
from acquis.pathways.models import CandidacyTransition, JurySession
from acquis.pathways.transitions import CONFLICTS, TRANSITIONS
from tests.pathways.factories import MEMBERS, CandidacyFactory

# The 409 codes the API answered before the table existed (api/pathways/common.py, hand-listed): the table
# must class them the same way, so that no answer changes.
PREVIOUS_CONFLICTS = {
    "candidacy_closed",
    "candidacy_anonymised",
    "feasibility_not_filed",
    "receipt_already_acknowledged",
    "receipt_not_acknowledged",
    "decision_already_recorded",
    "jury_not_expected",
    "jury_not_scheduled",
    "result_already_recorded",
    "no_accompanier",
    "opinion_after_receipt",
    "feasibility_already_filed",
    "experiences_required",
    "feasibility_complete",
    "validation_not_expected",
    "feasibility_not_admissible",
    "result_not_recorded",
    "result_already_notified",
    "result_already_withdrawn",
    "observations_not_requested",
    "no_jury_result",
    "no_blocks_acquired",
    "decision_awaited",
    "candidacy_not_closed",
    "candidacy_reoriented",
    "attestation_already_issued",
    "result_withdrawn",
}
# ``code="…"`` in a ValidationError, or the code argument of corrections._refused(message, code, field).
CODE = re.compile(r'code="([a-z_0-9]+)"|_refused\(\s*f?"[^"]*",\s*"([a-z_0-9]+)"')


def test_the_409_codes_are_those_the_api_answered_before():
    assert CONFLICTS == PREVIOUS_CONFLICTS


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_every_refusal_a_service_writes_is_in_its_row(name):
    row = TRANSITIONS[name]
    source = inspect.getsource(getattr(services, name))
    written = {a or b for a, b in CODE.findall(source)} - {""}
    assert written <= row.state_codes | row.input_codes, written - (row.state_codes | row.input_codes)


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_each_row_names_a_service_and_checks_it_before_writing(name):
    row = TRANSITIONS[name]
    source = inspect.getsource(row.service())
    assert f'transition_check("{name}", candidacy)' in source
    assert re.search(rf'transition_record\(\s*"{name}"', source)


def test_the_openapi_descriptions_list_each_routes_refusals_from_the_table():
    schema = api.get_openapi_schema()
    descriptions = " ".join(
        operation.get("description", "") for path in schema["paths"].values() for operation in path.values()
    )
    for name in TRANSITIONS:
        if name == "feasibility_date_correct":  # a page of the GIP only, no route
            continue
        assert transitions.refusals_text(name) in descriptions, name


def test_a_service_refuses_a_stage_its_row_does_not_allow_and_writes_nothing(world_certifier):
    candidacy = CandidacyFactory(certifier=world_certifier, filed=True)
    before = CandidacyTransition.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.attestation_request(actor=candidacy.candidate, candidacy=candidacy, kind="result")
    assert refused.value.code == "no_jury_result"
    assert CandidacyTransition.objects.count() == before


def test_the_log_follows_the_pathway_beside_the_audit_events(world_certifier):
    candidacy = CandidacyFactory(certifier=world_certifier, result_full=True)
    log = list(candidacy.transitions.order_by("id"))
    moves = [(row.action, row.from_stage, row.to_stage) for row in log if row.from_stage != row.to_stage]
    assert moves == [
        ("feasibility_file_submit", Stage.REGISTERED, Stage.FEASIBILITY_FILED),
        ("validation_file_submit", Stage.FEASIBILITY_FILED, Stage.VALIDATION_FILED),
        ("jury_schedule", Stage.VALIDATION_FILED, Stage.JURY_SCHEDULED),
        ("jury_result_record", Stage.JURY_SCHEDULED, Stage.JURY_DECIDED),
    ]
    # Each row sits beside its audit event, and the steps that keep a Decision keep it.
    events = AuditEvent.objects.filter(object_type="pathways.candidacy", object_id=str(candidacy.pk))
    assert events.count() >= len(log)
    by_action = {row.action: row for row in log}
    assert by_action["feasibility_file_submit"].decision["rule_id"] == "admissibility.annual_quota"
    assert by_action["feasibility_receipt_acknowledge"].decision["rule_id"] == "admissibility.decision_due"
    assert by_action["jury_schedule"].decision["rule_id"] == "jury.composition_check"
    assert by_action["validation_file_submit"].decision["rule_id"] == "jury.latest_date"


def test_a_refused_transition_keeps_the_log_unchanged(world_certifier):
    candidacy = CandidacyFactory(certifier=world_certifier, validation=True)
    validation = candidacy.validation_files.get()
    services.jury_schedule(actor=None, validation_file=validation, held_on=validation.filed_on, members=MEMBERS)
    count = candidacy.transitions.count()
    with pytest.raises(ValidationError) as refused:
        services.jury_schedule(actor=None, validation_file=validation, held_on=validation.filed_on, members=MEMBERS)
    assert refused.value.code == "jury_not_expected"
    assert candidacy.transitions.count() == count and JurySession.objects.count() == 1


@pytest.fixture
def world_certifier():
    from tests.accounts.factories import OrganisationFactory

    return OrganisationFactory(certifier=True)
