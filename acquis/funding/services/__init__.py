"""Writes of the funding domain (each one @service: keyword-only, transactional, audited)."""

from acquis.funding.services.budgets import envelope_commit, envelope_create, payment_pay, payment_request_create
from acquis.funding.services.decisions import agreement_sign, funding_request_decide
from acquis.funding.services.requests import (
    funder_create,
    funder_scale_add,
    funding_attachment_add,
    funding_leave_request_create,
    funding_line_add,
    funding_part_fill,
    funding_request_create,
    funding_request_submit,
)

__all__ = [
    "agreement_sign",
    "envelope_commit",
    "envelope_create",
    "funder_create",
    "funder_scale_add",
    "funding_attachment_add",
    "funding_leave_request_create",
    "funding_line_add",
    "funding_part_fill",
    "funding_request_create",
    "funding_request_decide",
    "funding_request_submit",
    "payment_pay",
    "payment_request_create",
]
