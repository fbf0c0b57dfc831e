"""Schemas of /api/v1/funding. Amounts are strings with a dot and two decimals ("1250.00"): a JSON number would
be read as a float by many clients, and money never is (acquis/funding/money.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from acquis.api.schemas import IsoDate, ProblemOut, StrictIn
from acquis.funding.enums import ExpenseCategory, PaymentBasis, RefusalGround

AMOUNT = r"^\d{1,10}(\.\d{1,2})?$"
AMOUNT_HELP = "Montant en euros, point décimal, au plus deux décimales (ex. `1250.50`)."


class LineIn(StrictIn):
    category: ExpenseCategory = Field(..., description="Nature des frais (codes de funding.eligible_expenses).")
    amount: str = Field(..., pattern=AMOUNT, description=AMOUNT_HELP)
    incurred_on: IsoDate = Field(..., description="Date de la dépense : elle choisit la version de R6422-9.")
    hours: str | None = Field(None, pattern=r"^\d{1,4}(\.\d{1,2})?$", description="Heures, dans le pas du barème.")


class RequestIn(StrictIn):
    candidacy_id: int = Field(..., description="La candidature (parcours) dont les frais sont demandés.")
    funder_id: int
    period_start: IsoDate
    period_end: IsoDate
    through_cpf: bool = False
    in_working_time: bool = False
    admissibility_proof_sent: bool = False
    lines: list[LineIn] = Field(default_factory=list)


class LeaveRequestIn(StrictIn):
    """A funding request for a congé VAE: filled by the employee, or by the employer when the action takes place
    in whole or in part during working time (R6422-12; then ``in_working_time`` is true)."""

    funder_id: int
    period_start: IsoDate
    period_end: IsoDate
    through_cpf: bool = Field(False, description="Financement par le CPF : il choisit les frais éligibles.")
    in_working_time: bool = False
    admissibility_proof_sent: bool = Field(
        False, description="Vrai aussi d'office quand le justificatif est joint au congé VAE."
    )
    lines: list[LineIn] = Field(default_factory=list)


class SubmitIn(StrictIn):
    submitted_on: IsoDate | None = None


class LineDecisionIn(StrictIn):
    line_id: int
    granted: str | None = Field(None, pattern=AMOUNT, description="Montant accordé ; absent : la ligne est refusée.")
    ground: RefusalGround | None = Field(None, description="Motif de refus (R6422-10) d'une ligne refusée.")


class DecisionIn(StrictIn):
    lines: list[LineDecisionIn]
    decided_on: IsoDate | None = None
    comment: str = ""


class SignatureIn(StrictIn):
    pass


class CommitmentIn(StrictIn):
    request_id: int


class PaymentRequestIn(StrictIn):
    amount: str = Field(..., pattern=AMOUNT, description=AMOUNT_HELP)
    basis: PaymentBasis


class LineOut(Schema):
    id: int
    category: str
    hours: str | None
    amount: str
    incurred_on: dt.date
    granted_amount: str | None
    refusal_ground: str
    organisation_siret: str | None
    eligibility: dict[str, Any] | None = Field(None, description="La Decision funding.eligible_expenses gardée.")


class SignatureOut(Schema):
    party: str
    organisation_siret: str | None
    signed_by: str
    signed_at: dt.datetime
    records_consent: bool


class FundingRequestOut(Schema):
    id: int
    funder_id: int
    funder_name: str
    candidacy_id: int | None
    leave_request_id: int | None
    certification_title: str
    partial_certification: bool
    period_start: dt.date
    period_end: dt.date
    through_cpf: bool
    in_working_time: bool
    admissibility_proof_sent: bool
    state: str
    submitted_on: dt.date | None
    requested_total: str
    granted_total: str
    lines: list[LineOut]
    decision_kind: str | None
    decided_on: dt.date | None
    refusal_grounds_decision: dict[str, Any] | None
    agreement_decision: dict[str, Any] | None
    agreement_required: bool
    signatures: list[SignatureOut]


class FundingListOut(Schema):
    total: int
    items: list[FundingRequestOut]


class TotalRowOut(Schema):
    key: str | None
    count: int
    requested: str
    granted: str


class TotalsOut(Schema):
    funder_id: int
    count: int
    requested: str
    granted: str
    by_status: list[TotalRowOut]
    by_territory: list[TotalRowOut]
    by_month: list[TotalRowOut]


class FunderOut(Schema):
    id: int
    kind: str
    name: str
    organisation_siret: str | None


class CommitmentOut(Schema):
    id: int
    envelope_id: int
    request_id: int
    amount: str
    remaining: str


class PaymentOut(Schema):
    id: int
    request_id: int
    organisation_siret: str
    amount: str
    basis: str
    state: str
    requested_on: dt.date
    paid_on: dt.date | None


class BillingRowOut(Schema):
    request_id: int
    funder_name: str
    granted: str
    asked: str
    remaining: str


__all__ = ["ProblemOut"]
