"""The bodies the pathway routes answer: the full view of a candidacy and a sponsor's funding view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from acquis.accounts.models import Organisation
from acquis.pathways import selectors
from acquis.pathways.models import Attestation, Candidacy, FeasibilityFile, JurySession
from acquis.pathways.status import Status


def _status(status: Status) -> dict[str, Any]:
    return {
        "code": status.code,
        "label": status.label,
        "deadline": status.deadline,
        "deadline_label": status.deadline_label,
        "note": status.note,
    }


def _organisation(organisation: Organisation | None) -> dict[str, str] | None:
    return None if organisation is None else {"siret": organisation.siret, "name": organisation.name}


def _feasibility(file: FeasibilityFile | None) -> dict[str, Any] | None:
    if file is None:
        return None
    return {
        "filed_on": file.filed_on,
        "is_block": file.is_block,
        "quota_decision": file.quota_decision,
        "pieces_requests": [{"requested_on": r.requested_on, "pieces": r.pieces} for r in file.pieces_requests.all()],
        "pieces_requested_on": file.pieces_requested_on,
        "complete_on": file.complete_on,
        "decision_due_on": file.candidacy.decision_due_on,
        "decision_kind": file.decision_kind or None,
        "decided_on": file.decided_on,
        "gaps": file.gaps,
        "recommendations": file.recommendations,
        "lapse_on": file.candidacy.lapse_on,
        "attachments": [
            {
                "id": a.pk,
                "kind": a.kind,
                "original_name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.checksum,
            }
            for a in file.attachments.all()
        ],
    }


def _jury(session: JurySession | None) -> dict[str, Any] | None:
    if session is None:
        return None
    result = getattr(session, "result", None)
    return {
        "held_on": session.held_on,
        "held_at": session.held_at.isoformat(timespec="minutes") if session.held_at else None,
        "place": session.place,
        "members": [
            {
                "name": m.name,
                "sex": m.sex,
                "qualified": m.qualified,
                "has_link_with_candidate": m.has_link_with_candidate,
                "is_accompanier": m.is_accompanier,
                "is_chair": m.is_chair,
            }
            for m in session.members.all()
        ],
        "composition_decision": session.composition_decision,
        "composition_error": session.composition_error,
        "result": None
        if result is None
        else {
            "kind": result.kind,
            "kind_label": result.get_kind_display(),
            "blocks_acquired": [b.code for b in result.blocks_acquired.all()],
            "notification_due_decision": result.notification_due_decision,
            "notification_due_error": result.notification_due_error,
            "notified_on": result.notified_on,
            "withdrawn_on": result.withdrawn_on,
        },
    }


def _attestation(attestation: Attestation) -> dict[str, Any]:
    issued = attestation.issued_on is not None
    kwargs = {"candidacy_id": attestation.candidacy_id, "attestation_id": attestation.pk}
    return {
        "id": attestation.pk,
        "kind": attestation.kind,
        "kind_label": attestation.get_kind_display(),
        "state": "issued" if issued else "requested",
        "requested_on": attestation.requested_on,
        "issued_on": attestation.issued_on,
        "reference": attestation.reference,
        "pdf_url": reverse("api:candidacy_attestation_pdf", kwargs=kwargs) if issued else None,
    }


def candidacy_detail_out(pk: int, on: dt.date) -> dict[str, Any]:
    candidacy = selectors.candidacy_detail(pk=pk)
    file = getattr(candidacy, "feasibility", None)
    candidate = candidacy.candidate
    return {
        "view": "full",
        "id": candidacy.pk,
        "on": on,
        "status": _status(selectors.candidacy_status(candidacy, on=on)),
        "stage": candidacy.stage,
        "closure": candidacy.closure,
        "candidate": None if candidate is None else {"name": candidate.get_full_name(), "email": candidate.email},
        "certification": {"code": candidacy.certification.code, "title": candidacy.certification.title},
        "blocks": [{"code": b.code, "title": b.title} for b in candidacy.blocks.all()],
        "certifier": _organisation(candidacy.certifier),
        "accompanier": _organisation(candidacy.accompanier),
        "department": candidacy.department.code,
        "qualification_level": candidacy.qualification_level,
        "started_on": candidacy.started_on,
        "registered_on": candidacy.registered_on,
        "accompaniment_mode": candidacy.accompaniment_mode,
        "programme": candidacy.programme.enrolment_code if candidacy.programme else None,
        "accompanier_opinion": {
            "opinion": candidacy.accompanier_opinion,
            "text": candidacy.accompanier_opinion_text,
            "on": candidacy.accompanier_opinion_on,
        }
        if candidacy.accompanier_opinion
        else None,
        "experiences": [
            {
                "title": e.title,
                "started_on": e.started_on,
                "ended_on": e.ended_on,
                "hours": e.hours,
                "employment_status": e.employment_status,
            }
            for e in candidacy.experiences.all()
        ],
        "trainings": [
            {"title": t.title, "completed_on": t.completed_on, "hours": t.hours} for t in candidacy.trainings.all()
        ],
        "feasibility": _feasibility(file),
        "feasibility_pdf_url": None
        if file is None
        else reverse("api:candidacy_feasibility_pdf", kwargs={"candidacy_id": candidacy.pk}),
        "validation_files": [
            {
                "id": v.pk,
                "filed_on": v.filed_on,
                "latest_jury_decision": v.latest_jury_decision,
                "latest_jury_error": v.latest_jury_error,
                "jury": _jury(getattr(v, "jury", None)),
            }
            for v in candidacy.validation_files.all()
        ],
        "attestations": [_attestation(a) for a in selectors.candidacy_attestations(candidacy)],
        "decisions": [
            {
                "rule_id": answer.rule_id,
                "decision": answer.decision.to_dict() if answer.decision else None,
                "error": answer.error,
            }
            for answer in selectors.candidacy_decisions(candidacy, on=on)
        ],
        "timeline": [
            {
                "at": entry.at,
                "kind": entry.kind,
                "label": entry.label,
                "actor": entry.actor,
                "decision": entry.decision.to_dict() if entry.decision else None,
                "error": entry.error,
                "payload": entry.payload,
            }
            for entry in selectors.candidacy_timeline(candidacy, on=on)
        ],
    }


def funding_out(candidacy: Candidacy, on: dt.date) -> dict[str, Any]:
    """What a sponsor's funding needs (the same fields as a row of selectors.funder_worklist)."""
    return {
        "view": "funding",
        "id": candidacy.pk,
        "on": on,
        "status": _status(selectors.candidacy_status(candidacy, on=on)),
        "programme": candidacy.programme.enrolment_code,
        "certification_code": candidacy.certification.code,
        "department": candidacy.department.code,
        "enrolled_on": candidacy.enrolled_on,
    }
