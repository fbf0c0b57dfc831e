"""The pathway services' entries of tests/audit/test_services.py CASES (kept here to keep that file short)."""

from __future__ import annotations

import datetime as dt

from acquis.accounts.enums import OrganisationKind
from acquis.audit.enums import EventType
from acquis.pathways import services as pathways
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import pdf
from tests.pathways.factories import (
    EXPERIENCE,
    MEMBERS,
    CandidacyFactory,
    certification,
    department,
    listed_accompanier,
)

D = dt.date
P = "acquis.pathways.services."


def _validation():
    candidacy = CandidacyFactory(validation=True)
    return candidacy.validation_files.get()


def _session():
    return CandidacyFactory(jury=True).validation_files.get().jury


def _deemed_notice():
    candidacy = CandidacyFactory(complete=True)  # no decision: recevable by silence from 2024-09-12
    return pathways.pathway_notice_queue(
        candidacy=candidacy, kind="deemed_admissible", subject=candidacy.feasibility, on=D(2024, 9, 12)
    )


def _result():
    return CandidacyFactory(result_full=True).validation_files.get().jury.result


def _proposal():
    return {
        "certification": certification(),
        "department": department(),
        "qualification_level": 3,
        "started_on": D(2024, 6, 1),
        "accompaniment_mode": "autonomous",
        "in_initial_training": False,
        "experiences": [EXPERIENCE],
    }


def _invitee():
    return UserFactory(candidate=True, email="invitee@example.org")


def _invitation():
    inviter = UserFactory(accompanier=True)
    return pathways.registration_invite(actor=inviter, email="invitee@example.org", registration=_proposal())


def _corrected_receipt(user):
    file = CandidacyFactory(complete=True).feasibility
    return pathways.feasibility_date_correct(
        actor=user, file=file, field="complete_on", on=file.complete_on + dt.timedelta(days=1), reason="Courrier"
    )


PATHWAY_CASES = {
    P + "corrections.feasibility_date_correct": (_corrected_receipt, EventType.FEASIBILITY_DATE_CORRECTED),
    P + "accompaniment.accompanier_listing_add": (
        lambda user: pathways.accompanier_listing_add(
            actor=user,
            organisation=OrganisationFactory(kind=OrganisationKind.ACCOMPANIER),
            qualiopi_number="Q1",
            qualiopi_expires_on=D(2030, 1, 1),
        ),
        EventType.ACCOMPANIER_LISTED,
    ),
    P + "accompaniment.accompanier_listing_remove": (
        lambda user: pathways.accompanier_listing_remove(
            actor=user, listing=listed_accompanier().listings.get(), reason="Certificat Qualiopi retiré"
        ),
        EventType.ACCOMPANIER_REMOVED,
    ),
    P + "accompaniment.programme_create": (
        lambda user: pathways.programme_create(
            actor=user,
            name="Cohorte aides-soignants",
            kind="sponsored_cohort",
            enrolment_code="AS2026",
            starts_on=D(2026, 1, 1),
            sponsor=OrganisationFactory(kind=OrganisationKind.FUNDER),
        ),
        EventType.PROGRAMME_CREATED,
    ),
    P + "accompaniment.candidacy_accompanier_choose": (
        lambda user: pathways.candidacy_accompanier_choose(
            actor=user, candidacy=CandidacyFactory(), accompanier=listed_accompanier()
        ),
        EventType.CANDIDACY_ACCOMPANIER_CHOSEN,
    ),
    P + "accompaniment.candidacy_opinion_give": (
        lambda user: pathways.candidacy_opinion_give(
            actor=user, candidacy=CandidacyFactory(accompanied=True), opinion="favourable", text="Adéquat."
        ),
        EventType.CANDIDACY_OPINION_GIVEN,
    ),
    P + "accompaniment.candidacy_programme_enrol": (
        lambda user: pathways.candidacy_programme_enrol(
            actor=user,
            candidacy=CandidacyFactory(),
            enrolment_code=pathways.programme_create(
                actor=user,
                name="Région",
                kind="public_collective",
                funder="region",
                enrolment_code="R1",
                starts_on=D(2024, 1, 1),
            ).enrolment_code,
        ),
        EventType.CANDIDACY_PROGRAMME_ENROLLED,
    ),
    P + "registration.candidacy_register": (
        lambda user: pathways.candidacy_register(
            actor=user,
            candidate=user,
            certification=certification(),
            department=department(),
            qualification_level=3,
            started_on=D(2024, 6, 1),
            accompaniment_mode="autonomous",
            in_initial_training=False,
            experiences=[EXPERIENCE],
        ),
        EventType.CANDIDACY_REGISTERED,
    ),
    P + "invitations.registration_invite": (
        lambda user: pathways.registration_invite(actor=user, email="invitee@example.org", registration=_proposal()),
        EventType.REGISTRATION_INVITED,
    ),
    P + "invitations.registration_invitation_accept": (
        lambda: pathways.registration_invitation_accept(actor=_invitee(), invitation=_invitation()),
        EventType.REGISTRATION_INVITATION_ACCEPTED,
    ),
    P + "registration.candidacy_experience_add": (
        lambda user: pathways.candidacy_experience_add(actor=user, candidacy=CandidacyFactory(), **EXPERIENCE),
        EventType.CANDIDACY_EXPERIENCE_ADDED,
    ),
    P + "admissibility.feasibility_file_submit": (
        lambda user: pathways.feasibility_file_submit(actor=user, candidacy=CandidacyFactory()),
        EventType.FEASIBILITY_FILE_SUBMITTED,
    ),
    P + "admissibility.feasibility_attachment_add": (
        lambda user: pathways.feasibility_attachment_add(
            actor=user, file=CandidacyFactory(filed=True).feasibility, kind="experience_proof", document=pdf()
        ),
        EventType.FEASIBILITY_ATTACHMENT_ADDED,
    ),
    P + "admissibility.feasibility_pieces_request": (
        lambda user: pathways.feasibility_pieces_request(
            actor=user, file=CandidacyFactory(filed=True).feasibility, pieces="Bulletins de salaire"
        ),
        EventType.FEASIBILITY_PIECES_REQUESTED,
    ),
    P + "admissibility.feasibility_receipt_acknowledge": (
        lambda user: pathways.feasibility_receipt_acknowledge(
            actor=user, file=CandidacyFactory(filed=True).feasibility, complete_on=D(2024, 7, 15)
        ),
        EventType.FEASIBILITY_RECEIPT_ACKNOWLEDGED,
    ),
    P + "admissibility.feasibility_decide": (
        lambda user: pathways.feasibility_decide(
            actor=user, file=CandidacyFactory(complete=True).feasibility, kind="admissible", decided_on=D(2024, 7, 20)
        ),
        EventType.FEASIBILITY_DECIDED,
    ),
    P + "admissibility.candidacy_step_record": (
        lambda user: pathways.candidacy_step_record(
            actor=user, candidacy=CandidacyFactory(admissible=True), description="Entretien avec l'accompagnateur"
        ),
        EventType.CANDIDACY_STEP_RECORDED,
    ),
    P + "admissibility.candidacy_legitimate_reason_record": (
        lambda user: pathways.candidacy_legitimate_reason_record(
            actor=user, candidacy=CandidacyFactory(admissible=True), reason="Hospitalisation"
        ),
        EventType.CANDIDACY_LEGITIMATE_REASON_RECORDED,
    ),
    P + "jury.validation_file_submit": (
        lambda user: pathways.validation_file_submit(
            actor=user, candidacy=CandidacyFactory(admissible=True), filed_on=D(2024, 8, 20)
        ),
        EventType.VALIDATION_FILE_SUBMITTED,
    ),
    P + "jury.jury_schedule": (
        lambda user: pathways.jury_schedule(
            actor=user, validation_file=_validation(), held_on=D(2024, 9, 15), members=MEMBERS
        ),
        EventType.JURY_SCHEDULED,
    ),
    P + "jury.jury_result_record": (
        lambda user: pathways.jury_result_record(actor=user, session=_session(), kind="full"),
        EventType.JURY_RESULT_RECORDED,
    ),
    P + "jury.jury_result_notify": (
        lambda user: pathways.jury_result_notify(actor=user, result=_result()),
        EventType.JURY_RESULT_NOTIFIED,
    ),
    P + "jury.jury_result_observations_request": (
        lambda user: pathways.jury_result_observations_request(actor=user, result=_result(), reason="Plagiat"),
        EventType.JURY_RESULT_OBSERVATIONS_REQUESTED,
    ),
    P + "jury.jury_result_withdraw": (
        lambda user: pathways.jury_result_withdraw(
            actor=user,
            result=pathways.jury_result_observations_request(actor=user, result=_result(), reason="Plagiat"),
        ),
        EventType.JURY_RESULT_WITHDRAWN,
    ),
    P + "jury.attestation_request": (
        lambda user: pathways.attestation_request(
            actor=user, candidacy=CandidacyFactory(result_full=True), kind="result"
        ),
        EventType.ATTESTATION_REQUESTED,
    ),
    P + "attestations.attestation_issue": (
        lambda user: pathways.attestation_issue(
            actor=user,
            attestation=pathways.attestation_request(
                actor=None, candidacy=CandidacyFactory(result_full=True), kind="result"
            ),
        ),
        EventType.ATTESTATION_ISSUED,
    ),
    P + "lifecycle.candidacy_drop_out": (
        lambda user: pathways.candidacy_drop_out(actor=user, candidacy=CandidacyFactory(), reason="personal"),
        EventType.CANDIDACY_DROPPED_OUT,
    ),
    P + "lifecycle.candidacy_archive": (
        lambda user: pathways.candidacy_archive(actor=user, candidacy=CandidacyFactory(), reason="inactivity"),
        EventType.CANDIDACY_ARCHIVED,
    ),
    P + "lifecycle.candidacy_reorient": (
        lambda user: pathways.candidacy_reorient(
            actor=user, candidacy=CandidacyFactory(not_admissible=True), certification=certification()
        ),
        EventType.CANDIDACY_REORIENTED,
    ),
    P + "lifecycle.candidacy_reopen": (
        lambda user: pathways.candidacy_reopen(actor=user, candidacy=CandidacyFactory(dropped_out=True)),
        EventType.CANDIDACY_REOPENED,
    ),
    P + "lifecycle.candidacy_litigation_set": (
        lambda user: pathways.candidacy_litigation_set(
            actor=user, candidacy=CandidacyFactory(), pending=True, note="TA Toulouse n° 2401234"
        ),
        EventType.CANDIDACY_LITIGATION_SET,
    ),
    P + "lifecycle.candidacy_anonymise": (
        lambda user: pathways.candidacy_anonymise(
            actor=user, candidacy=CandidacyFactory(dropped_out=True), on=D(2026, 1, 1)
        ),
        EventType.CANDIDACY_ANONYMISED,
    ),
    P + "deadlines.candidacy_deadlines_refresh": (
        lambda user: pathways.candidacy_deadlines_refresh(actor=user, candidacy=CandidacyFactory(complete=True)),
        EventType.CANDIDACY_DEADLINES_REFRESHED,
    ),
    P + "reminders.pathway_notice_queue": (
        lambda: _deemed_notice(),
        EventType.PATHWAY_NOTICE_QUEUED,
    ),
}
