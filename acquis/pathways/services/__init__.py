"""Writes on the VAE pathway, one module per part of it; every function here is an audited @service."""

from acquis.pathways.services.accompaniment import (
    accompanier_listing_add,
    accompanier_listing_remove,
    candidacy_accompanier_choose,
    candidacy_opinion_give,
    candidacy_programme_enrol,
    programme_create,
)
from acquis.pathways.services.admissibility import (
    candidacy_legitimate_reason_record,
    candidacy_step_record,
    feasibility_attachment_add,
    feasibility_decide,
    feasibility_file_submit,
    feasibility_pieces_request,
    feasibility_receipt_acknowledge,
)
from acquis.pathways.services.attestations import attestation_issue
from acquis.pathways.services.corrections import feasibility_date_correct
from acquis.pathways.services.deadlines import candidacy_deadlines_refresh
from acquis.pathways.services.invitations import (
    invitations_erase,
    registration_invitation_accept,
    registration_invite,
)
from acquis.pathways.services.jury import (
    attestation_request,
    jury_result_notify,
    jury_result_observations_request,
    jury_result_record,
    jury_result_withdraw,
    jury_schedule,
    validation_file_submit,
)
from acquis.pathways.services.lifecycle import (
    candidacy_anonymise,
    candidacy_archive,
    candidacy_drop_out,
    candidacy_litigation_set,
    candidacy_reopen,
    candidacy_reorient,
)
from acquis.pathways.services.registration import candidacy_experience_add, candidacy_register
from acquis.pathways.services.reminders import pathway_notice_queue

__all__ = [
    "invitations_erase",
    "registration_invitation_accept",
    "registration_invite",
    "accompanier_listing_add",
    "accompanier_listing_remove",
    "attestation_issue",
    "attestation_request",
    "candidacy_accompanier_choose",
    "candidacy_anonymise",
    "candidacy_archive",
    "candidacy_deadlines_refresh",
    "candidacy_drop_out",
    "candidacy_experience_add",
    "candidacy_legitimate_reason_record",
    "candidacy_litigation_set",
    "candidacy_opinion_give",
    "candidacy_programme_enrol",
    "candidacy_register",
    "candidacy_reopen",
    "candidacy_reorient",
    "candidacy_step_record",
    "feasibility_attachment_add",
    "feasibility_date_correct",
    "feasibility_decide",
    "feasibility_file_submit",
    "feasibility_pieces_request",
    "feasibility_receipt_acknowledge",
    "jury_result_notify",
    "jury_result_observations_request",
    "jury_result_record",
    "jury_result_withdraw",
    "jury_schedule",
    "pathway_notice_queue",
    "programme_create",
    "validation_file_submit",
]
