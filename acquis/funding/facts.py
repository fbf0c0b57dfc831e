"""The facts the funding.* rules read, built from a request's rows (shared by services and selectors)."""

from __future__ import annotations

from acquis.funding.enums import PAYER_KIND, RULE_CATEGORY, FunderKind
from acquis.funding.models import FundingRequest


def rule_category(category: str) -> str:
    return str(RULE_CATEGORY.get(category, category))


def eligibility_facts(request: FundingRequest) -> dict:
    return {"financed_through_cpf": request.through_cpf}


def refusal_facts(request: FundingRequest, grounds: set[str]) -> dict:
    # The proof of admissibility is a fact of the request; the two other grounds are the funder's own finding,
    # which it states by choosing the ground.
    return {
        "admissibility_proof_sent": request.admissibility_proof_sent,
        "within_funder_priorities": "outside_priorities" not in grounds,
        "all_requests_can_be_met": "cannot_meet_all_requests" not in grounds,
    }


def agreement_facts(request: FundingRequest) -> dict:
    payers = {PAYER_KIND[FunderKind(request.funder.kind)]}
    if request.through_cpf:
        payers.add("cpf")
    return {"payers": sorted(payers)}
