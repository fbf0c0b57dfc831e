"""The admissibility file: quota, pieces, receipt, decision, deemed admissibility, caducity — in each era."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from acquis.pathways import services
from acquis.pathways.enums import EARLIER_PROCEDURE_NOTE
from acquis.pathways.selectors import candidacy_decisions, candidacy_status, lapse_day
from tests.accounts.factories import UserFactory
from tests.leave.factories import pdf
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, certification, department

D = dt.date


def _register(candidate, cert, started_on):
    return services.candidacy_register(
        actor=candidate,
        candidate=candidate,
        certification=cert,
        department=department(),
        qualification_level=3,
        started_on=started_on,
        registered_on=started_on,
        accompaniment_mode="autonomous",
        in_initial_training=False,
        experiences=[EXPERIENCE],
    )


def test_filing_keeps_the_structured_content_the_attachments_and_the_quota_decision():
    candidacy = CandidacyFactory(filed=True, accompanied=True)
    file = candidacy.feasibility
    assert file.content["certification"]["code"] == candidacy.certification.code
    assert file.content["experiences"][0]["hours"] == 9000
    assert file.content["candidate"]["department"] == "31"
    assert file.attachments.get().content_type == "application/pdf"
    assert file.quota_decision["rule_id"] == "admissibility.annual_quota"
    assert file.quota_decision["value"] == {"allowed": True, "reason": None}
    assert candidacy.stage == "feasibility_filed"
    assert candidacy_status(candidacy).code == "feasibility_submitted"


def test_filing_twice_or_without_experience_is_refused():
    candidacy = CandidacyFactory(filed=True)
    with pytest.raises(ValidationError):
        services.feasibility_file_submit(actor=None, candidacy=candidacy)
    empty = CandidacyFactory()
    empty.experiences.all().delete()
    with pytest.raises(ValidationError) as error:
        services.feasibility_file_submit(actor=None, candidacy=empty)
    assert "experiences" in error.value.message_dict


def test_an_attachment_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_filed():
    candidacy = CandidacyFactory()
    with pytest.raises(ValidationError):
        services.feasibility_file_submit(
            actor=None, candidacy=candidacy, attachments=[("identity", pdf("x.exe", b"MZ\x90\x00" * 10))]
        )
    candidacy.refresh_from_db()
    assert candidacy.stage == "registered"


def test_quota_one_file_per_certification_per_year_from_2024_quoting_r6412_3():
    candidate = UserFactory(candidate=True)
    cert = certification()
    first = _register(candidate, cert, D(2024, 1, 1))
    services.feasibility_file_submit(actor=candidate, candidacy=first, filed_on=D(2024, 2, 1))
    second = _register(candidate, cert, D(2024, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.feasibility_file_submit(actor=candidate, candidacy=second, filed_on=D(2024, 3, 2))
    message = error.value.message_dict["filed_on"][0]
    assert "R6412-3" in message and "pour cette certification" in message
    # The next calendar year, it is allowed again.
    services.feasibility_file_submit(actor=candidate, candidacy=second, filed_on=D(2025, 1, 2))


def test_quota_three_certifications_per_year():
    candidate = UserFactory(candidate=True)
    for month in (1, 2, 3):
        c = _register(candidate, certification(), D(2024, 1, 1))
        services.feasibility_file_submit(actor=candidate, candidacy=c, filed_on=D(2024, month, 5))
    fourth = _register(candidate, certification(), D(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.feasibility_file_submit(actor=candidate, candidacy=fourth, filed_on=D(2024, 4, 5))
    assert "certifications différentes" in error.value.message_dict["filed_on"][0]


def test_quota_is_not_decided_for_a_pathway_begun_on_2023_12_31():
    candidate = UserFactory(candidate=True)
    cert = certification()
    first = _register(candidate, cert, D(2023, 12, 31))
    services.feasibility_file_submit(actor=candidate, candidacy=first, filed_on=D(2024, 2, 1))
    second = _register(candidate, cert, D(2023, 12, 31))
    file = services.feasibility_file_submit(actor=candidate, candidacy=second, filed_on=D(2024, 2, 2))
    assert file.quota_decision is None


def test_missing_pieces_then_receipt_of_the_complete_file():
    candidacy = CandidacyFactory(pieces=True)
    assert candidacy_status(candidacy).code == "feasibility_incomplete"
    file = candidacy.feasibility
    services.feasibility_attachment_add(actor=None, file=file, kind="experience_proof", document=pdf())
    with pytest.raises(ValidationError):
        services.feasibility_attachment_add(actor=None, file=file, kind="nope", document=pdf())
    with pytest.raises(ValidationError):
        services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=D(2024, 7, 2))  # before request
    with pytest.raises(ValidationError):
        services.feasibility_pieces_request(actor=None, file=file, pieces=" ")
    services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=D(2024, 7, 20))
    file.refresh_from_db()
    assert file.complete_on == D(2024, 7, 20) and file.pieces_requested_on is None
    with pytest.raises(ValidationError):
        services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=D(2024, 7, 21))
    with pytest.raises(ValidationError):
        services.feasibility_pieces_request(actor=None, file=file, pieces="Autre pièce")
    with pytest.raises(ValidationError):
        services.feasibility_attachment_add(actor=None, file=file, kind="other", document=pdf())


def test_pending_then_deemed_admissible_by_silence_from_2024():
    candidacy = CandidacyFactory(complete=True, era_2024=True)  # complete on 2024-02-10
    pending = candidacy_status(candidacy, on=D(2024, 4, 10))
    assert pending.code == "pending" and pending.deadline == D(2024, 4, 10)
    deemed = candidacy_status(candidacy, on=D(2024, 4, 11))
    assert deemed.code == "deemed_admissible"
    # Notified by the GIP on 2024-04-11; lapses on 2024-10-12, so the last day to record a step is the 11th.
    assert deemed.deadline == D(2024, 10, 11)
    answers = {a.rule_id: a for a in candidacy_decisions(candidacy, on=D(2024, 4, 11))}
    assert answers["admissibility.status"].decision.value == "deemed_admissible"
    assert answers["admissibility.lapse_date"].decision.value == "2024-10-12"


def test_earlier_procedure_shows_no_deadline_and_does_not_crash():
    candidacy = CandidacyFactory(complete=True, era_2023=True)
    status = candidacy_status(candidacy, on=D(2026, 1, 1))
    assert status.code == "pending" and status.deadline is None and status.note == EARLIER_PROCEDURE_NOTE
    answers = candidacy_decisions(candidacy, on=D(2026, 1, 1))
    assert {a.error for a in answers} == {"no_version_in_force"}
    services.feasibility_decide(
        actor=None, file=candidacy.feasibility, kind="admissible", decided_on=D(2025, 6, 1)
    )  # no delay known: a late decision is accepted
    candidacy.refresh_from_db()
    assert candidacy_status(candidacy, on=D(2026, 1, 1)).code == "admissible"
    assert lapse_day(candidacy) is None


def test_decision_refusals():
    file = CandidacyFactory(filed=True).feasibility
    with pytest.raises(ValidationError):
        services.feasibility_decide(actor=None, file=file, kind="admissible", decided_on=D(2024, 7, 20))
    file = CandidacyFactory(complete=True).feasibility  # complete on 2024-07-11
    with pytest.raises(ValidationError) as error:
        services.feasibility_decide(actor=None, file=file, kind="not_admissible", decided_on=D(2024, 7, 20))
    assert "gaps" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.feasibility_decide(actor=None, file=file, kind="admissible", decided_on=D(2024, 7, 1))
    assert "decided_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.feasibility_decide(actor=None, file=file, kind="maybe", decided_on=D(2024, 7, 20))
    assert "kind" in error.value.message_dict


def test_a_decision_after_the_delay_is_refused_quoting_r6412_4():
    file = CandidacyFactory(complete=True).feasibility  # complete 2024-07-11, due 2024-09-11
    with pytest.raises(ValidationError) as error:
        services.feasibility_decide(actor=None, file=file, kind="not_admissible", decided_on=D(2024, 9, 12), gaps="x")
    assert "R6412-4" in error.value.message_dict["decided_on"][0]
    services.feasibility_decide(actor=None, file=file, kind="not_admissible", decided_on=D(2024, 9, 11), gaps="x")
    with pytest.raises(ValidationError):
        services.feasibility_decide(actor=None, file=file, kind="admissible", decided_on=D(2024, 9, 11))


def test_not_admissible_keeps_the_gaps_and_recommendations():
    candidacy = CandidacyFactory(not_admissible=True)
    assert candidacy.feasibility.gaps and candidacy_status(candidacy).code == "not_admissible"


def test_admissibility_lapses_six_months_after_the_notification_without_a_step():
    candidacy = CandidacyFactory(admissible=True)  # decided 2024-07-31 → lapses 2025-02-01
    assert lapse_day(candidacy) == D(2025, 2, 1)
    before = candidacy_status(candidacy, on=D(2025, 1, 31))
    assert before.code == "admissible" and before.deadline == D(2025, 1, 31)
    assert candidacy_status(candidacy, on=D(2025, 2, 1)).code == "lapsed"


def test_a_step_before_the_lapse_date_keeps_the_admissibility():
    candidacy = CandidacyFactory(admissible=True)
    services.candidacy_step_record(actor=None, candidacy=candidacy, description="RDV", recorded_on=D(2025, 1, 31))
    candidacy.refresh_from_db()
    assert candidacy.first_step_on == D(2025, 1, 31)
    assert candidacy_status(candidacy, on=D(2026, 1, 1)).code == "admissible"


def test_a_step_after_the_lapse_date_does_not_revive_it():
    candidacy = CandidacyFactory(admissible=True)
    services.candidacy_step_record(actor=None, candidacy=candidacy, description="RDV", recorded_on=D(2025, 2, 1))
    candidacy.refresh_from_db()
    assert candidacy_status(candidacy, on=D(2025, 3, 1)).code == "lapsed"
    with pytest.raises(ValidationError):
        services.validation_file_submit(actor=None, candidacy=candidacy, filed_on=D(2025, 3, 1))


def test_a_legitimate_reason_keeps_the_admissibility():
    candidacy = CandidacyFactory(admissible=True)
    with pytest.raises(ValidationError):
        services.candidacy_legitimate_reason_record(actor=None, candidacy=candidacy, reason="")
    services.candidacy_legitimate_reason_record(
        actor=None, candidacy=candidacy, reason="Arrêt maladie", recorded_on=D(2025, 3, 1)
    )
    candidacy.refresh_from_db()
    assert candidacy_status(candidacy, on=D(2025, 3, 2)).code == "admissible"


def test_a_step_needs_a_description():
    with pytest.raises(ValidationError):
        services.candidacy_step_record(actor=None, candidacy=CandidacyFactory(admissible=True), description=" ")


def _refile_after(first, filed_on):
    second = _register(first.candidate, first.certification, filed_on)
    return services.feasibility_file_submit(actor=first.candidate, candidacy=second, filed_on=filed_on)


def test_re_filing_the_same_certification_after_caducity_is_not_refused_by_the_yearly_limit():
    # R6412-4, last sentence: after caducity, R6412-3 al. 2 "ne peuvent être opposées à la nouvelle
    # présentation par le candidat de son dossier". Filed 2025-01-31, decided 2025-03-02 → lapses 2025-09-03.
    first = CandidacyFactory(admissible=True, started_on=D(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        _refile_after(first, D(2025, 9, 2))  # still admissible that day: the limit applies
    assert "R6412-3" in error.value.message_dict["filed_on"][0]
    file = _refile_after(first, D(2025, 9, 3))
    assert file.quota_decision["value"] == {"allowed": True, "reason": None}
    assert {source["article"] for source in file.quota_decision["sources"]} >= {"R6412-4"}


def test_re_filing_after_caducity_is_refused_when_the_referential_changed_since():
    first = CandidacyFactory(admissible=True, started_on=D(2025, 1, 1))
    first.certification.decision_on = D(2025, 6, 1)  # the fiche was re-decided after the first filing
    first.certification.save(update_fields=["decision_on"])
    with pytest.raises(ValidationError):
        _refile_after(first, D(2025, 9, 3))
