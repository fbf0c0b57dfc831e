"""Funding of VAE costs: eligible expenses (R6422-9) and refusal grounds (R6422-10).

Both articles were abrogated on 2023-12-29 (décret 2023-1275); funding then follows R6412-2, which is not
yet encoded, so a governing date from 2023-12-29 raises NoVersionInForce rather than guess.
"""

from __future__ import annotations

import datetime as dt

from acquis.rules.engine import Context, Definition, Rule, RuleVersion
from acquis.rules.facts import FactSpec, parse_bool

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
    versions=(
        RuleVersion(
            "2017-10-01",
            dt.date(2017, 10, 1),
            dt.date(2019, 11, 3),
            base=BASE_EXPENSES,
            parameters=("funding.eligible_expense_codes",),
        ),
        RuleVersion(
            "2019-11-04",
            dt.date(2019, 11, 4),
            dt.date(2020, 3, 31),
            base=BASE_EXPENSES,
            parameters=("funding.eligible_expense_codes",),
        ),
        # Décret 2020-372 adds the CPF exception from 2020-04-01.
        RuleVersion(
            "2020-04-01",
            dt.date(2020, 4, 1),
            dt.date(2023, 12, 28),
            base=BASE_EXPENSES,
            exceptions=(CPF_EXCEPTION,),
            parameters=("funding.eligible_expense_codes", "funding.cpf_excluded_expense_codes"),
        ),
    ),
)


# --- funding.refusal_grounds (R6422-10) -----------------------------------------------------------------

# Which fact, when false, makes each ground hold. The grounds themselves (and whether each one is
# mandatory or optional) are dated parameters; this mapping is only the vocabulary.
GROUND_FACTS = {
    "no_admissibility_proof": "admissibility_proof_sent",
    "outside_priorities": "within_funder_priorities",
    "cannot_meet_all_requests": "all_requests_can_be_met",
}


def _refusal_grounds(ctx: Context) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for group in ("mandatory", "optional"):
        holding = []
        for ground in ctx.param(f"funding.refusal_grounds_{group}"):
            holds = not ctx.fact(GROUND_FACTS[ground])
            ctx.step(f"{group} ground {ground}", holds)
            if holds:
                holding.append(ground)
        result[group] = holding
    return result


REFUSAL_GROUNDS = Rule(
    id="funding.refusal_grounds",
    title="Motifs de refus de prise en charge des frais de VAE",
    articles=("R6422-10",),
    anchor="the funding request date",
    facts=tuple(FactSpec(name, "bool", parse_bool) for name in GROUND_FACTS.values()),
    value='{"mandatory": [codes], "optional": [codes]} among no_admissibility_proof, outside_priorities, '
    "cannot_meet_all_requests",
    versions=(
        RuleVersion(
            "2019-11-04",
            dt.date(2019, 11, 4),
            dt.date(2023, 12, 28),
            base=Definition("grounds listed by the article", _refusal_grounds),
            parameters=("funding.refusal_grounds_mandatory", "funding.refusal_grounds_optional"),
        ),
    ),
)

RULES = (ELIGIBLE_EXPENSES, REFUSAL_GROUNDS)
