"""Retention of congé VAE requests (R6411-6): a request, its actions, answer, proof requests and files are
deleted once ``data.retention_until`` has passed from the request's last day (its latest action, postponement
or change). A request replaced by another goes with the whole chain, on the chain's last day.

A request a funding request refers to is kept: it belongs to the accounting documents, which R6411-6 keeps
ten years (reported as ``accounting``, not erased here).

The erasing service lives here rather than in services.py (at its size limit); it is audited like any other.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.db import transaction
from django.db.models import Max

from acquis.accounts.retention import is_due
from acquis.audit.enums import EventType
from acquis.audit.services import audit_details_erase, audit_event_record, service
from acquis.leave.models import AttendanceProofRequest, LeaveAnswer, LeaveAttachment, LeaveRequest


def chain_of(head: LeaveRequest) -> list[LeaveRequest]:
    """The head and every request it replaced, oldest first."""
    chain = [head]
    while True:
        previous = LeaveRequest.objects.filter(superseded_by=chain[-1]).first()
        if previous is None:
            return chain[::-1]
        chain.append(previous)


def last_day(chain: list[LeaveRequest]) -> dt.date:
    days = [request.updated_at.date() for request in chain]
    for request in chain:
        aggregate = request.actions.aggregate(end=Max("end"))
        if aggregate["end"]:
            days.append(aggregate["end"])
        answer = LeaveAnswer.objects.filter(request=request).first()
        if answer is not None:
            days += [answer.answered_on] + ([answer.postponed_to] if answer.postponed_to else [])
    return max(days)


def leave_chains_due(*, on: dt.date) -> list[list[LeaveRequest]]:
    due = []
    for head in LeaveRequest.objects.filter(superseded_by=None).order_by("pk"):
        chain = chain_of(head)
        if any(request.funding_requests.exists() for request in chain):
            continue
        if is_due(last_day(chain), on):
            due.append(chain)
    return due


@service
def leave_request_erase(*, chain: list[LeaveRequest], on: dt.date, actor=None) -> int:
    """Delete a request chain and everything of it; the files once the deletion is committed."""
    pks = [request.pk for request in chain]
    storage = LeaveAttachment._meta.get_field("file").storage
    names = list(LeaveAttachment.objects.filter(request__in=pks).values_list("file", flat=True))
    transaction.on_commit(functools.partial(_delete_files, storage, [name for name in names if name]))
    audit_details_erase(object_type=LeaveRequest._meta.label_lower, object_ids=pks, on=on)
    LeaveAnswer.objects.filter(request__in=pks).delete()
    AttendanceProofRequest.objects.filter(request__in=pks).delete()
    for request in chain:  # oldest first: each one points to its successor (PROTECT)
        LeaveRequest.objects.filter(pk=request.pk).delete()
        audit_event_record(
            actor=actor, action=EventType.LEAVE_REQUEST_ERASED, obj=request, payload={"on": on.isoformat()}
        )
    return len(pks)


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def leave_retention_run(*, on: dt.date, dry_run: bool = False) -> int:
    chains = leave_chains_due(on=on)
    if not dry_run:
        for chain in chains:
            leave_request_erase(chain=chain, on=on)
    return sum(len(chain) for chain in chains)
