"""Congé VAE: who may take it and how long the absence lasts (R6422-6, R6422-7-1, L6422-2).

* ``leave.new_authorisation_wait`` — R6422-6: no new authorisation in the same company for the same purpose
  before one year, except for the complementary evaluation after a partial validation.
* ``leave.fixed_term_contract_window`` — R6422-7-1 (2017-10-01 → 2023-12-28): a worker on a fixed-term
  contract takes the leave after the contract, starting at most twelve months after its end; earlier, in
  whole or part, at the worker's request and with the employer's agreement.
* ``leave.absence_cap`` — L6422-2: the absence itself, per evaluation session (24 hours from 2019-01-01,
  extendable by agreement for workers below the level fixed by decree or whose job is threatened; 48 hours
  from 2022-12-23, extendable by any agreement).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import FactSpec, parse_bool, parse_date, parse_level, parse_number
from acquis.rules.versions import family_versions

# Spans of R6422-6, R6422-7-1 and L6422-2: the family's versions.yaml.
VERSIONS = family_versions(__file__)

# --- leave.new_authorisation_wait (R6422-6) --------------------------------------------------------------


def _new_authorisation(ctx: Context) -> dict[str, Any]:
    requested: dt.date = ctx.fact("requested_on")
    previous: dt.date | None = ctx.fact("previous_authorisation_on")
    if previous is None:
        ctx.step("no earlier authorisation in this company", True)
        return {"allowed": True, "earliest": None}
    if previous > requested:
        raise InvalidFacts(f"previous_authorisation_on ({previous}) is after requested_on ({requested})")
    earliest = ctx.param("leave.new_authorisation_wait").after(previous)
    ctx.step("earliest new authorisation in the same company", earliest, "one year after the previous one")
    if requested >= earliest:
        return {"allowed": True, "earliest": earliest}
    if ctx.fact("complementary_evaluation") and ctx.param("leave.new_authorisation_wait_exempts_complementary"):
        ctx.step("complementary evaluation after a partial validation", True, "the one-year wait does not apply")
        return {"allowed": True, "earliest": earliest}
    return {"allowed": False, "earliest": earliest}


NEW_AUTHORISATION_WAIT = Rule(
    id="leave.new_authorisation_wait",
    title="Délai d'un an avant une nouvelle autorisation d'absence pour VAE dans la même entreprise",
    articles=("R6422-6",),
    anchor="the day the new authorisation is requested (requested_on)",
    anchor_fact="requested_on",
    facts=(
        FactSpec("requested_on", "date", parse_date, description="day the new authorisation is requested"),
        FactSpec(
            "previous_authorisation_on",
            "date",
            parse_date,
            nullable=True,
            description="day the previous authorisation in the same company was given (null: none)",
        ),
        FactSpec(
            "complementary_evaluation",
            "bool",
            parse_bool,
            required=False,
            description="the request is for the complementary evaluation after one or more parts of the "
            "certification were obtained (default false)",
        ),
    ),
    value='{"allowed": bool, "earliest": ISO date | null}',
    versions=VERSIONS.of(
        "leave.new_authorisation_wait",
        new_authorisation=Definition("one year between authorisations", _new_authorisation),
    ),
)


# --- leave.fixed_term_contract_window (R6422-7-1) ---------------------------------------------------------


def _fixed_term_window(ctx: Context) -> dict[str, Any]:
    contract_end: dt.date = ctx.fact("contract_end")
    start: dt.date = ctx.fact("leave_start")
    latest = ctx.param("leave.fixed_term_latest_start").after(contract_end)
    ctx.step("latest start after the end of the contract", latest, "douze mois après le terme du contrat")
    if start <= contract_end:
        agreed = bool(ctx.fact("employer_agreed")) and ctx.param("leave.fixed_term_early_with_agreement")
        ctx.step("leave during the contract, at the worker's request with the employer's agreement", agreed)
        return {"allowed": agreed, "latest_start": latest, "reason": None if agreed else "during_contract"}
    if start > latest:
        return {"allowed": False, "latest_start": latest, "reason": "too_late"}
    return {"allowed": True, "latest_start": latest, "reason": None}


FIXED_TERM_CONTRACT_WINDOW = Rule(
    id="leave.fixed_term_contract_window",
    title="Congé VAE d'un salarié en contrat à durée déterminée : après le contrat, dans les douze mois",
    articles=("R6422-7-1",),
    anchor="the day the leave starts (leave_start)",
    anchor_fact="leave_start",
    facts=(
        FactSpec("contract_end", "date", parse_date, description="last day of the fixed-term contract"),
        FactSpec("leave_start", "date", parse_date, description="first day of the leave"),
        FactSpec(
            "employer_agreed",
            "bool",
            parse_bool,
            required=False,
            description="the employer agreed, at the worker's request, to a leave before the end (default false)",
        ),
    ),
    value='{"allowed": bool, "latest_start": ISO date, "reason": null | during_contract | too_late}',
    versions=VERSIONS.of(
        "leave.fixed_term_contract_window",
        fixed_term_window=Definition("after the contract, within twelve months", _fixed_term_window),
    ),
)


# --- leave.absence_cap (L6422-2) -------------------------------------------------------------------------


def _absence_hours(ctx: Context) -> Any:
    return ctx.param("leave.absence_hours_per_session")


def _agreement_raises_absence(ctx: Context) -> bool:
    agreed = ctx.fact("collective_agreement_hours")
    if agreed is None or agreed <= ctx.param("leave.absence_hours_per_session"):
        return False  # « peut être augmentée »: an agreement only raises it
    if ctx.param("leave.absence_extension_unconditional"):
        ctx.step("any collective agreement may raise it", True)
        return True
    if ctx.fact("job_threatened"):
        ctx.step("job threatened", True)
        return True
    level = ctx.fact("qualification_level")
    # « un niveau de qualification fixé par décret »: the level of D6422-8 (niveau 4), read from its parameter.
    below = ctx.param("leave.paid_hours_extension_below_level")
    if level is None:
        ctx.mark_missing("qualification_level")
        return False
    ctx.step(f"qualification level below {below}", level < below)
    return level < below


ABSENCE_CAP = Rule(
    id="leave.absence_cap",
    title="Durée maximale de l'absence pour VAE par session d'évaluation",
    articles=("L6422-2",),
    anchor="the day the leave is requested",
    facts=(
        FactSpec("qualification_level", "level", parse_level, nullable=True, description="1–8 or null"),
        FactSpec("job_threatened", "bool", parse_bool),
        FactSpec("collective_agreement_hours", "number", parse_number, nullable=True),
    ),
    value="hours per evaluation session (number)",
    versions=VERSIONS.of(
        "leave.absence_cap",
        absence_hours=Definition("hours per evaluation session", _absence_hours),
        agreement_raises_absence=Definition(
            "collective agreement raises the absence",
            lambda ctx: ctx.fact("collective_agreement_hours"),
            applies=_agreement_raises_absence,
        ),
    ),
)

RULES = (NEW_AUTHORISATION_WAIT, FIXED_TERM_CONTRACT_WINDOW, ABSENCE_CAP)
