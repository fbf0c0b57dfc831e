"""Funding of VAE costs: eligible expenses (R6422-9) and refusal grounds (R6422-10).

Both articles were abrogated on 2023-12-29 (décret 2023-1275); funding then follows R6412-2, which is not
yet encoded, so a governing date from 2023-12-29 raises NoVersionInForce rather than guess.
"""

from __future__ import annotations

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import FactSpec, parse_bool
from acquis.rules.versions import family_versions

VERSIONS = family_versions(__file__)

# --- funding.eligible_expenses (R6422-9) ----------------------------------------------------------------


def _eligible(ctx: Context) -> list[str]:
    return list(ctx.param("funding.eligible_expense_codes"))


def _financed_through_cpf(ctx: Context) -> bool:
    financed = bool(ctx.fact("financed_through_cpf"))
    ctx.step("financed through the CPF", financed)
    return financed


def _eligible_without_cpf_exclusions(ctx: Context) -> list[str]:
    excluded = ctx.param("funding.cpf_excluded_expense_codes")
    ctx.step("excluded when financed through the CPF", list(excluded))
    return [code for code in ctx.param("funding.eligible_expense_codes") if code not in excluded]


BASE_EXPENSES = Definition("expenses listed by the article", _eligible)
CPF_EXCEPTION = Definition(
    "CPF financing excludes transport, meals and lodging",
    _eligible_without_cpf_exclusions,
    applies=_financed_through_cpf,
)

ELIGIBLE_EXPENSES = Rule(
    id="funding.eligible_expenses",
    title="Frais de VAE éligibles à une prise en charge",
    articles=("R6422-9",),
    anchor="the expense date",
    facts=(FactSpec("financed_through_cpf", "bool", parse_bool),),
    value="list of codes among salary, transport_meals_lodging, admissibility_review, support, training, "
    "evaluation_session",
    # Décret 2020-372 adds the CPF exception from 2020-04-01 (spans: versions.yaml).
    versions=VERSIONS.of(
        "funding.eligible_expenses", eligible=BASE_EXPENSES, eligible_without_cpf_exclusions=CPF_EXCEPTION
    ),
)


# --- funding.refusal_grounds (R6422-10) -----------------------------------------------------------------

# Which fact, when false, makes each ground hold. The grounds themselves are a dated parameter; this mapping is
# only the vocabulary.
GROUND_FACTS = {
    "no_admissibility_proof": "admissibility_proof_sent",
    "outside_priorities": "within_funder_priorities",
    "cannot_meet_all_requests": "all_requests_can_be_met",
}


def _refusal_grounds(ctx: Context) -> dict[str, object]:
    # "Constitue un motif de refus … peuvent également refuser": every ground allows the funder to refuse, none
    # compels it. A funder may fund a request for which a ground holds.
    holding = []
    for ground in ctx.param("funding.refusal_ground_codes"):
        holds = not ctx.fact(GROUND_FACTS[ground])
        ctx.step(f"ground {ground}", holds)
        if holds:
            holding.append(ground)
    return {"refusal_allowed": bool(holding), "grounds": holding}


REFUSAL_GROUNDS = Rule(
    id="funding.refusal_grounds",
    title="Motifs de refus de prise en charge des frais de VAE",
    articles=("R6422-10",),
    anchor="the funding request date",
    facts=tuple(FactSpec(name, "bool", parse_bool) for name in GROUND_FACTS.values()),
    value='{"refusal_allowed": bool, "grounds": [codes]} among no_admissibility_proof, outside_priorities, '
    "cannot_meet_all_requests; each ground allows a refusal, none compels one",
    versions=VERSIONS.of(
        "funding.refusal_grounds", refusal_grounds=Definition("grounds listed by the article", _refusal_grounds)
    ),
)


# --- funding.agreement (R6422-11, R6422-12) ---------------------------------------------------------------

PAYER_KINDS = ("employer", "l6316_1_body", "cpf", "self", "other")


def _parse_payers(name: str, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or any(item not in PAYER_KINDS for item in raw):
        raise InvalidFacts(f"{name}: une liste non vide parmi {', '.join(PAYER_KINDS)}")
    return tuple(sorted(set(raw)))


def _agreement(ctx: Context) -> dict[str, object]:
    payers = ctx.fact("payers")
    through_cpf = "cpf" in payers
    ctx.step("the CPF is mobilised", through_cpf)
    agreement_payers = [p for p in payers if p in ctx.param("funding.agreement_payer_kinds")]
    ctx.step("paid by the employer or an L6316-1 body", agreement_payers)
    # I: a three-party agreement when the employer or an L6316-1 body pays "en l'absence de mobilisation du
    # compte personnel de formation"; its signature by the employee records consent (R6422-12). II (the CPF's
    # terms of use stand in for it) and III (a person paying alone) are not that agreement.
    required = bool(agreement_payers) and not through_cpf
    # "Sa signature est conditionnée à la production … de tout document attestant de la recevabilité".
    return {
        "agreement_required": required,
        "signature_requires_admissibility_proof": required,
        "signature_records_consent": required,
    }


AGREEMENT = Rule(
    id="funding.agreement",
    title="Convention tripartite de prise en charge des frais de VAE",
    articles=("R6422-11", "R6422-12"),
    anchor="the funding request date",
    facts=(FactSpec("payers", "list of codes", _parse_payers),),
    value='{"agreement_required": bool, "signature_requires_admissibility_proof": bool, '
    '"signature_records_consent": bool}; payers among employer, l6316_1_body, '
    "cpf, self, other",
    versions=VERSIONS.of(
        "funding.agreement",
        agreement=Definition("agreement when the employer or an L6316-1 body pays without the CPF", _agreement),
    ),
)

# --- funding.request_parts (R6422-12, 2017 version) ------------------------------------------------------


def _request_parts(ctx: Context) -> list[str]:
    parts = ["worker"]
    if ctx.fact("in_working_time"):
        parts.append("employer")
    ctx.step("the action takes place in working time", ctx.fact("in_working_time"))
    if ctx.fact("organisation_involved"):
        parts.append("organisation")
    ctx.step("an organisation intervenes", ctx.fact("organisation_involved"))
    return parts


def _no_parts(ctx: Context) -> list[str]:  # noqa: ARG001 — a Definition's signature
    return []


REQUEST_PARTS = Rule(
    id="funding.request_parts",
    title="Parties qui remplissent la demande de prise en charge des frais de VAE",
    articles=("R6422-12",),
    anchor="the funding request's submission date",
    facts=(
        FactSpec("in_working_time", "bool", parse_bool),
        FactSpec("organisation_involved", "bool", parse_bool),
    ),
    value="list of codes among worker, employer, organisation (the parties that fill the request)",
    # On 2019-11-04 R6422-12 was rewritten to one sentence: it no longer says who fills the request, so no
    # part is required (the agreement's signature records the employee's consent instead).
    versions=VERSIONS.of(
        "funding.request_parts",
        request_parts=Definition("the worker, the employer in working time, each organisation", _request_parts),
        no_parts=Definition("no party named by the article", _no_parts),
    ),
)

RULES = (ELIGIBLE_EXPENSES, REFUSAL_GROUNDS, AGREEMENT, REQUEST_PARTS)
