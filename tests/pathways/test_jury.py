"""Validation file, jury date and composition in each era, result, notification, withdrawal, attestations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.pathways import services
from acquis.pathways.enums import EARLIER_PROCEDURE_NOTE
from acquis.pathways.selectors import candidacy_status
from tests.pathways.factories import MEMBERS, CandidacyFactory

D = dt.date
ONE_MAN = [{"name": "M. Seul", "sex": "M", "qualified": True, "is_chair": True}]


def test_validation_file_needs_admissibility():
    for trait in ("registered", "filed", "complete", "not_admissible"):
        candidacy = CandidacyFactory(**({trait: True} if trait != "registered" else {}))
        with pytest.raises(ValidationError):
            services.validation_file_submit(actor=None, candidacy=candidacy, filed_on=D(2024, 8, 1))


def test_validation_file_after_deemed_admissibility_keeps_the_latest_jury_date():
    candidacy = CandidacyFactory(complete=True)  # complete 2024-07-11 → deemed from 2024-09-12
    with pytest.raises(ValidationError):
        services.validation_file_submit(actor=None, candidacy=candidacy, filed_on=D(2024, 9, 11))
    validation = services.validation_file_submit(actor=None, candidacy=candidacy, filed_on=D(2024, 9, 12))
    assert validation.latest_jury_decision["value"] == "2024-12-12"
    candidacy.refresh_from_db()
    status = candidacy_status(candidacy, on=D(2024, 10, 1))
    assert status.code == "validation_filed" and status.deadline == D(2024, 12, 12)
    assert candidacy.first_step_on == D(2024, 9, 12)  # filing is a recorded step


def test_jury_date_after_the_latest_date_is_refused_quoting_r6412_5():
    validation = CandidacyFactory(validation=True).validation_files.get()  # filed 2024-08-30 → latest 2024-11-30
    with pytest.raises(ValidationError) as error:
        services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 12, 1), members=MEMBERS)
    assert (
        "R6412-5" in error.value.message_dict["held_on"][0]
        and "30 novembre 2024" in error.value.message_dict["held_on"][0]
    )
    services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 11, 30), members=MEMBERS)


def test_jury_before_filing_or_twice_is_refused():
    validation = CandidacyFactory(validation=True).validation_files.get()
    with pytest.raises(ValidationError):
        services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 8, 1), members=MEMBERS)
    services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 9, 30), members=MEMBERS)
    with pytest.raises(ValidationError):
        services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 10, 1), members=MEMBERS)


def test_incomplete_member_is_refused():
    validation = CandidacyFactory(validation=True).validation_files.get()
    with pytest.raises(ValidationError):
        services.jury_schedule(
            actor=None, validation_file=validation, held_on=D(2024, 9, 30), members=[{"name": "", "sex": "F"}]
        )


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (ONE_MAN, "plus de membres"),
        ([{**MEMBERS[0], "qualified": False}, {**MEMBERS[1], "qualified": False}], "qualifié"),
        ([{**MEMBERS[0], "is_chair": False}, MEMBERS[1]], "président"),
        ([MEMBERS[0], {**MEMBERS[1], "sex": "F"}], "femmes et des hommes"),
        ([MEMBERS[0], {**MEMBERS[1], "has_link_with_candidate": True}], "relation"),
        ([MEMBERS[0], {**MEMBERS[1], "is_accompanier": True}], "accompagné"),
    ],
)
def test_composition_violations_refuse_scheduling_from_2024_04_13(members, expected):
    validation = CandidacyFactory(validation=True, era_d6412=True).validation_files.get()
    with pytest.raises(ValidationError) as error:
        services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 8, 1), members=members)
    message = error.value.message_dict["members"][0]
    assert "D6412-6" in message and expected in message


def test_composition_is_not_checked_for_a_pathway_begun_on_2024_04_12():
    validation = CandidacyFactory(validation=True, started_on=D(2024, 4, 12)).validation_files.get()
    session = services.jury_schedule(actor=None, validation_file=validation, held_on=D(2024, 8, 1), members=ONE_MAN)
    assert session.composition_decision is None and session.composition_error == "no_version_in_force"
    assert validation.latest_jury_decision is not None  # R6412-5 applies from 2024-01-01


def test_a_valid_composition_is_kept_as_a_decision():
    session = CandidacyFactory(jury=True, era_d6412=True).validation_files.get().jury
    assert session.composition_decision["value"] == {"valid": True, "violations": []}
    assert session.members.count() == 2


def test_earlier_procedure_has_no_latest_date_nor_composition_check():
    candidacy = CandidacyFactory(validation=True, era_2023=True)
    validation = candidacy.validation_files.get()
    assert validation.latest_jury_error == "no_version_in_force"
    status = candidacy_status(candidacy, on=D(2025, 1, 1))
    assert status.deadline is None and status.note == EARLIER_PROCEDURE_NOTE
    services.jury_schedule(actor=None, validation_file=validation, held_on=D(2025, 6, 1), members=ONE_MAN)


def test_result_full_keeps_the_notification_due_and_ends_the_pathway():
    candidacy = CandidacyFactory(result_full=True)  # jury 2024-09-29
    result = candidacy.validation_files.get().jury.result
    assert result.notification_due_decision["value"] == "2024-10-14"
    assert candidacy.ended_on == D(2024, 9, 29) and candidacy_status(candidacy).code == "result_full"
    with pytest.raises(ValidationError):
        services.jury_result_notify(actor=None, result=result, notified_on=D(2024, 9, 1))
    services.jury_result_notify(actor=None, result=result, notified_on=D(2024, 10, 2))
    with pytest.raises(ValidationError):
        services.jury_result_notify(actor=None, result=result, notified_on=D(2024, 10, 3))


def test_result_refusals():
    session = CandidacyFactory(jury=True).validation_files.get().jury
    with pytest.raises(ValidationError) as error:
        services.jury_result_record(actor=None, session=session, kind="partial")
    assert "blocks_acquired" in error.value.message_dict
    other_block = CandidacyFactory().certification.blocks.first()
    with pytest.raises(ValidationError):
        services.jury_result_record(actor=None, session=session, kind="partial", blocks_acquired=[other_block])
    with pytest.raises(ValidationError):
        services.jury_result_record(
            actor=None,
            session=session,
            kind="full",
            blocks_acquired=[session.validation_file.candidacy.certification.blocks.first()],
        )
    with pytest.raises(ValidationError):
        services.jury_result_record(actor=None, session=session, kind="maybe")
    services.jury_result_record(actor=None, session=session, kind="refused")
    with pytest.raises(ValidationError):
        services.jury_result_record(actor=None, session=session, kind="full")


def test_result_cannot_precede_the_jury_day():
    validation = CandidacyFactory(
        validation=True, started_on=timezone.localdate() - dt.timedelta(days=91)
    ).validation_files.get()
    session = services.jury_schedule(
        actor=None,
        validation_file=validation,
        held_on=timezone.localdate() + dt.timedelta(days=5),
        members=MEMBERS,
    )
    with pytest.raises(ValidationError):
        services.jury_result_record(actor=None, session=session, kind="full")


def test_partial_validation_keeps_the_blocks_and_a_new_validation_file_may_follow():
    candidacy = CandidacyFactory(result_partial=True)
    result = candidacy.validation_files.get().jury.result
    assert result.blocks_acquired.count() == 1
    services.attestation_request(actor=None, candidacy=candidacy, kind="blocks")
    services.validation_file_submit(actor=None, candidacy=candidacy, filed_on=D(2025, 3, 1))
    candidacy.refresh_from_db()
    assert candidacy.stage == "validation_filed" and candidacy.ended_on is None
    assert candidacy.validation_files.count() == 2


def test_full_validation_cannot_be_followed_by_a_new_file():
    with pytest.raises(ValidationError):
        services.validation_file_submit(actor=None, candidacy=CandidacyFactory(result_full=True))


def test_withdrawal_for_fraud_only_after_observations():
    candidacy = CandidacyFactory(result_full=True)
    result = candidacy.validation_files.get().jury.result
    with pytest.raises(ValidationError):
        services.jury_result_withdraw(actor=None, result=result)
    with pytest.raises(ValidationError):
        services.jury_result_observations_request(actor=None, result=result, reason="")
    services.jury_result_observations_request(
        actor=None, result=result, reason="Pièces falsifiées", requested_on=D(2025, 1, 10)
    )
    with pytest.raises(ValidationError):
        services.jury_result_withdraw(actor=None, result=result, withdrawn_on=D(2025, 1, 9))
    services.jury_result_withdraw(actor=None, result=result, observations="Je conteste", withdrawn_on=D(2025, 2, 10))
    candidacy.refresh_from_db()
    assert candidacy_status(candidacy).code == "result_withdrawn"
    with pytest.raises(ValidationError):
        services.jury_result_withdraw(actor=None, result=result)
    with pytest.raises(ValidationError):
        services.jury_result_observations_request(actor=None, result=result, reason="Encore")
    with pytest.raises(ValidationError):
        services.attestation_request(actor=None, candidacy=candidacy, kind="result")


def test_attestations_need_a_result():
    with pytest.raises(ValidationError):
        services.attestation_request(actor=None, candidacy=CandidacyFactory(jury=True), kind="result")
    full = CandidacyFactory(result_full=True)
    with pytest.raises(ValidationError):
        services.attestation_request(actor=None, candidacy=full, kind="blocks")
    with pytest.raises(ValidationError):
        services.attestation_request(actor=None, candidacy=full, kind="nope")
    assert services.attestation_request(actor=None, candidacy=full, kind="result").kind == "result"
