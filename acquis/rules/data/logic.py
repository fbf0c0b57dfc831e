"""Retention of the personal data of the VAE public service (R6411-6, décret 2023-1275, from 2023-12-29).

Governed by the day the pathway ended (a fact of the case): the limit applies to the data held when the
pathway ends, and R6411-6 carries no transitional note tying it to the pathway's start. For people who
never file an admissibility request, the caller passes the collection date as ``pathway_ended_on`` (the
article runs the same twelve months from it). Accounting documents (ten years) are not personal data of
the pathway in this sense and are kept by the accounting, not by this rule.
"""

from __future__ import annotations

import datetime as dt

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.facts import FactSpec, parse_bool, parse_date
from acquis.rules.versions import family_versions


def _retention_until(ctx: Context) -> dt.date | None:
    if ctx.fact("litigation_pending") and ctx.param("data.litigation_extends_retention"):
        ctx.step("litigation pending", True, "retention extended until a final court decision")
        return None
    until = ctx.param("data.personal_data_retention").after(ctx.fact("pathway_ended_on"))
    ctx.step("end of pathway + retention", until, "last day the personal data may be kept")
    return until


RETENTION_UNTIL = Rule(
    id="data.retention_until",
    title="Dernier jour de conservation des données personnelles d'un parcours",
    articles=("R6411-6",),
    anchor="pathway_ended_on",
    anchor_fact="pathway_ended_on",
    facts=(
        FactSpec(
            "pathway_ended_on",
            "date",
            parse_date,
            description="day the pathway ended (or the data were collected, for people who never filed)",
        ),
        FactSpec("litigation_pending", "bool", parse_bool),
    ),
    value="ISO date: the last day personal data may be kept; null while litigation is pending",
    versions=family_versions(__file__).of(
        "data.retention_until",
        retention_until=Definition("twelve months after the end, unless litigation", _retention_until),
    ),
)

RULES = (RETENTION_UNTIL,)
