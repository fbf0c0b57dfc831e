"""Writes on congé VAE requests, by step: drafting, sending and proofs (requests.py), the employer's answer
(answers.py). Each is a @service: keyword-only, transactional, audited."""

from acquis.leave.services.answers import leave_request_answer
from acquis.leave.services.requests import (
    EDITABLE_FIELDS,
    RECEIPT_ATTACHMENT,
    leave_action_add,
    leave_action_remove,
    leave_attachment_add,
    leave_attendance_proof_request,
    leave_attendance_proof_upload,
    leave_notice_queue,
    leave_request_acknowledge,
    leave_request_create,
    leave_request_pathway_link,
    leave_request_send,
    leave_request_supersede,
    leave_request_update,
)
from acquis.leave.transitions import ALREADY_ANSWERED, LeaveConflict

__all__ = [
    "ALREADY_ANSWERED",
    "EDITABLE_FIELDS",
    "RECEIPT_ATTACHMENT",
    "LeaveConflict",
    "leave_action_add",
    "leave_action_remove",
    "leave_attachment_add",
    "leave_attendance_proof_request",
    "leave_attendance_proof_upload",
    "leave_notice_queue",
    "leave_request_acknowledge",
    "leave_request_answer",
    "leave_request_create",
    "leave_request_pathway_link",
    "leave_request_send",
    "leave_request_supersede",
    "leave_request_update",
]
