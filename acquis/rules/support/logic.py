"""Support (accompagnement) of VAE candidates: help filing the admissibility request (R6423-3-1).

R6423-3-1 existed from 2019-11-04 to 2023-12-28. The R6412-1 NOTA (décret 2023-1275) keeps R6423-2 to
R6423-3-1 « dans leur rédaction en vigueur antérieurement » for people who begin their pathway before the
portal's rollout date for the certification, set by an arrêté during 2024 (audit D5). From 2023-12-29 the
rule therefore applies the 2019 wording (its parameters as on 2023-12-28) to those pathways: the pathway's
start is a fact, and the rollout date is the certification's when known, else a dated parameter whose
source is marked « to confirm » (the arrêté is not in the corpus).
"""

from __future__ import annotations

import datetime as dt

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.errors import MissingFacts, NoVersionInForce
from acquis.rules.facts import FactSpec, enum_parser, parse_bool, parse_date, parse_level
from acquis.rules.versions import family_versions


def _filing_assistance(ctx: Context) -> bool:
    funder = ctx.fact("collective_support_funder")
    funders = ctx.param("support.collective_support_funders")
    ctx.step("collective support funded by the State or a region", funder in funders)
    if funder not in funders:
        return False
    if ctx.fact("job_threatened"):
        ctx.step("job threatened", True)
        return True
    level = ctx.fact("qualification_level")
    below = ctx.param("support.filing_assistance_below_level")
    if level is None:
        ctx.mark_missing("qualification_level")
        ctx.step("qualification level unknown", None)
        return False
    ctx.step(f"qualification level below {below}", level < below)
    return level < below


def _surviving_assistance(ctx: Context) -> bool:
    started: dt.date | None = ctx.fact("pathway_started_on")
    if started is None:
        raise MissingFacts(
            "from 2023-12-29, R6423-3-1 survives only for pathways begun before the portal's rollout: "
            "pathway_started_on is needed",
            ("pathway_started_on",),
        )
    rollout: dt.date | None = ctx.fact("portal_rollout_on")
    if rollout is None:
        rollout = ctx.param("support.portal_rollout_latest", on=ctx.at)
        ctx.step("rollout date of the certification unknown: the latest the NOTA allows", rollout.isoformat())
    ctx.step("pathway begun before the portal's rollout for the certification", started < rollout)
    if started >= rollout:
        raise NoVersionInForce(
            f"R6423-3-1 was abrogated on 2023-12-29 and survives only for pathways begun before the portal's "
            f"rollout ({rollout.isoformat()}); this pathway began on {started.isoformat()}"
        )
    return _filing_assistance(ctx)


ADMISSIBILITY_FILING_ASSISTANCE = Rule(
    id="support.admissibility_filing_assistance",
    title="Assistance au dépôt de la demande de recevabilité dans un accompagnement collectif",
    articles=("R6423-3-1",),
    anchor="the support action date (from 2023-12-29 with the pathway's start: R6412-1 NOTA)",
    facts=(
        FactSpec("qualification_level", "level", parse_level, nullable=True),
        FactSpec("job_threatened", "bool", parse_bool),
        FactSpec("collective_support_funder", "enum", enum_parser("state", "region"), nullable=True),
        FactSpec(
            "pathway_started_on",
            "date",
            parse_date,
            required=False,
            nullable=True,
            description="day the VAE pathway began (needed from 2023-12-29: R6412-1 NOTA)",
        ),
        FactSpec(
            "portal_rollout_on",
            "date",
            parse_date,
            required=False,
            nullable=True,
            description="the portal's rollout date for the certification (arrêté), when known",
        ),
    ),
    value="bool",
    # R6423-3-1's span, then its survival under the R6412-1 NOTA (sources, note, texts_of): versions.yaml.
    versions=family_versions(__file__).of(
        "support.admissibility_filing_assistance",
        collective_support_derogation=Definition("derogation for collective support", _filing_assistance),
        surviving_assistance=Definition(
            "R6423-3-1 kept for pathways begun before the portal's rollout", _surviving_assistance
        ),
    ),
)

RULES = (ADMISSIBILITY_FILING_ASSISTANCE,)
