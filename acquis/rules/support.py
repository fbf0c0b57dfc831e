"""Support (accompagnement) of VAE candidates: help filing the admissibility request (R6423-3-1).

R6423-3-1 existed from 2019-11-04 to 2023-12-28. The R6412-1 NOTA (décret 2023-1275) keeps it applicable
to pathways begun before the portal's rollout date for the certification; that survival depends on the
pathway, not on the support action date this rule is governed by, so it is not encoded (see docs/rules.md).
"""

from __future__ import annotations

import datetime as dt

from acquis.rules.engine import Context, Definition, Rule, RuleVersion
from acquis.rules.facts import FactSpec, enum_parser, parse_bool, parse_level


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


ADMISSIBILITY_FILING_ASSISTANCE = Rule(
    id="support.admissibility_filing_assistance",
    title="Assistance au dépôt de la demande de recevabilité dans un accompagnement collectif",
    articles=("R6423-3-1",),
    anchor="the support action date",
    facts=(
        FactSpec("qualification_level", "level", parse_level, nullable=True),
        FactSpec("job_threatened", "bool", parse_bool),
        FactSpec("collective_support_funder", "enum", enum_parser("state", "region"), nullable=True),
    ),
    value="bool",
    versions=(
        RuleVersion(
            "2019-11-04",
            dt.date(2019, 11, 4),
            dt.date(2023, 12, 28),
            base=Definition("derogation for collective support", _filing_assistance),
            parameters=("support.collective_support_funders", "support.filing_assistance_below_level"),
        ),
    ),
)

RULES = (ADMISSIBILITY_FILING_ASSISTANCE,)
