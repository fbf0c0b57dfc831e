"""What the funding routes share: the router, loading a request (404 when the caller may not read it, 403 when it
reads but may not act), a service's refusal as a problem (409 from the state, 422 from the input: the split of
the workflow table, acquis/funding/transitions.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router

from acquis.accounts.permissions import load_for
from acquis.api.errors import PROBLEM_SCHEMA, validation_codes, validation_problem
from acquis.funding import selectors
from acquis.funding.models import FundingRequest
from acquis.funding.permissions import FundingAction
from acquis.funding.transitions import CONFLICTS, refusals_text

router = Router(tags=["financement"])
# The problems are application/problem+json: 401, 403, 404 (a path naming a resource) and 422 are documented
# for every route by acquis.api.errors.document_problems; the others here, with that content type.
ERRORS: dict = {}
WRITE_ERRORS: dict = {}


def problems(*codes: int, responses: dict | None = None) -> dict:
    documented = dict(responses or {})
    for code in codes:
        documented[code] = {
            "description": {
                404: "Ressource introuvable (ou que l'appelant ne peut pas lire).",
                409: "Conflit : l'étape de la demande ne permet pas cette action.",
            }[code],
            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
        }
    return {"responses": documented}


VISIBILITY = (
    " Une demande que vous ne pouvez pas lire répond 404, comme une demande inexistante ; une demande que vous "
    "lisez sans pouvoir faire cette action répond 403. Un refus dû à l'étape de la demande répond 409, un refus de "
    "la saisie 422 ; rien n'est enregistré."
)


def described(text: str, transition: str) -> str:
    """A write route's description: its text, then its refusals from the workflow table."""
    return f"{text} {refusals_text(transition)}".rstrip()


def load(request: HttpRequest, pk: int, action: FundingAction | None = None) -> FundingRequest:
    funding_request = selectors.request_for_actor(pk)
    missing = f"Aucune demande de prise en charge n° {pk} ne vous est accessible."
    try:
        load_for(request.auth, action, funding_request, missing=missing)  # the one policy, pages and API
    except PermissionDenied:
        raise PermissionDenied("Votre compte ou votre jeton ne permet pas cette action sur cette demande.") from None
    return funding_request


def refusal(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    codes = {code for field_codes in validation_codes(exc).values() for code in field_codes}
    extra: dict[str, Any] = {}
    groups = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    for error in (error for group in groups for error in group):
        decision = (error.params or {}).get("decision")
        if decision is not None:
            extra["sources"] = decision["sources"]
    return validation_problem(request, exc, status=409 if codes & CONFLICTS else 422, **extra)


def amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def request_body(funding_request: FundingRequest) -> dict[str, Any]:
    funding_request = FundingRequest.objects.select_related("funder").get(pk=funding_request.pk)
    decision = getattr(funding_request, "decision", None)
    agreement = getattr(funding_request, "agreement", None)
    signatures = list(agreement.signatures.select_related("signed_by", "organisation")) if agreement else []
    return {
        "id": funding_request.pk,
        "funder_id": funding_request.funder_id,
        "funder_name": funding_request.funder.name,
        "candidacy_id": funding_request.candidacy_id,
        "leave_request_id": funding_request.leave_request_id,
        "certification_title": funding_request.certification_title,
        "partial_certification": funding_request.partial_certification,
        "period_start": funding_request.period_start,
        "period_end": funding_request.period_end,
        "through_cpf": funding_request.through_cpf,
        "in_working_time": funding_request.in_working_time,
        "admissibility_proof_sent": funding_request.admissibility_proof_sent,
        "state": funding_request.state,
        "submitted_on": funding_request.submitted_on,
        "requested_total": money(funding_request.requested_total),
        "granted_total": money(funding_request.granted_total),
        "lines": [
            {
                "id": line.pk,
                "category": line.category,
                "hours": None if line.hours is None else str(line.hours),
                "amount": money(line.amount),
                "incurred_on": line.incurred_on,
                "granted_amount": money(line.granted_amount),
                "refusal_ground": line.refusal_ground,
                "organisation_siret": line.organisation.siret if line.organisation_id else None,
                "eligibility": line.eligibility_decision,
            }
            for line in funding_request.lines.select_related("organisation")
        ],
        "decision_kind": decision.kind if decision else None,
        "decided_on": decision.decided_on if decision else None,
        "refusal_grounds_decision": decision.grounds_decision if decision else None,
        "agreement_decision": funding_request.agreement_decision,
        "agreement_required": agreement is not None,
        "signatures": [
            {
                "party": s.party,
                "organisation_siret": s.organisation.siret if s.organisation_id else None,
                "signed_by": str(s.signed_by),
                "signed_at": s.signed_at,
                "records_consent": s.records_consent,
            }
            for s in signatures
        ],
    }
