"""The VAE jury: the latest date of the presentation (R6412-5), the notification of the result (R6412-7),
and the composition (D6412-6).

R6412-5 and R6412-7 belong to the procedure of décret 2023-1275 (pathways begun from 2024-01-01, R6412-1
NOTA); D6412-6 (décret 2024-332) applies to pathways begun from 2024-04-13 (its own NOTA). All three rules
are governed by the day the pathway began.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.rules.admissibility import PATHWAY_START
from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import FactSpec, enum_parser, parse_bool, parse_date
from acquis.rules.versions import family_versions

VERSIONS = family_versions(__file__)


def _latest_date(ctx: Context) -> dt.date:
    # "avant la fin du troisième mois qui suit le dépôt": read as the end of the three-month period that
    # starts with the filing (filed + 3 months, end-of-month clamp), the last day the jury may sit.
    latest = ctx.param("jury.latest_date_after_filing").after(ctx.fact("validation_file_filed_on"))
    ctx.step("filing + three months", latest, "last day for the presentation before the jury")
    return latest


LATEST_DATE = Rule(
    id="jury.latest_date",
    title="Dernier jour pour la présentation du candidat devant le jury",
    articles=("R6412-5",),
    anchor=PATHWAY_START,
    facts=(FactSpec("validation_file_filed_on", "date", parse_date, description="day the validation file was filed"),),
    value="ISO date: the last day the jury may sit",
    versions=VERSIONS.of("jury.latest_date", latest_date=Definition("three months after the filing", _latest_date)),
)


def _notification_due(ctx: Context) -> dt.date:
    due = ctx.param("jury.result_notification_delay").after(ctx.fact("jury_date"))
    ctx.step("jury date + delay", due, "last day to notify the result")
    return due


RESULT_NOTIFICATION_DUE = Rule(
    id="jury.result_notification_due",
    title="Dernier jour pour notifier le résultat du jury",
    articles=("R6412-7",),
    anchor=PATHWAY_START,
    facts=(FactSpec("jury_date", "date", parse_date, description="day of the presentation before the jury"),),
    value="ISO date: the last day to notify the result",
    versions=VERSIONS.of(
        "jury.result_notification_due", notification_due=Definition("fifteen days after the jury", _notification_due)
    ),
)


# --- jury.composition_check (D6412-6) ---------------------------------------------------------------------

# The LEGIARTI id of D6412-6 that the trace steps cite (from versions.yaml).
D6412_6 = VERSIONS.sources["d6412_6_nota"].legiarti

#: Violation codes, in the order they are reported.
VIOLATIONS = (
    "too_few_members",
    "no_qualified_member",
    "no_chair",
    "several_chairs",
    "gender_imbalance",
    "member_linked_to_candidate",
    "accompanier_in_jury",
)
MEMBER_KEYS = frozenset({"sex", "qualified", "has_link_with_candidate", "is_accompanier", "is_chair"})
parse_sex = enum_parser("F", "M")


def parse_members(name: str, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise InvalidFacts(f"fact {name!r} must be a list of members")
    members = []
    for index, item in enumerate(raw):
        where = f"{name}[{index}]"
        if not isinstance(item, dict) or set(item) != MEMBER_KEYS:
            raise InvalidFacts(f"fact {where} must be an object with exactly {', '.join(sorted(MEMBER_KEYS))}")
        members.append(
            {
                "sex": parse_sex(f"{where}.sex", item["sex"]),
                **{key: parse_bool(f"{where}.{key}", item[key]) for key in sorted(MEMBER_KEYS - {"sex"})},
            }
        )
    return members


def _composition(ctx: Context) -> dict[str, Any]:
    members = ctx.fact("members")
    violations = []
    minimum = ctx.param("jury.min_members")
    ctx.step("members", len(members), f"at least {minimum}")
    if len(members) < minimum:
        violations.append("too_few_members")
    qualified = sum(1 for m in members if m["qualified"])
    min_qualified = ctx.param("jury.min_qualified_members")
    ctx.step("qualified members", qualified, f"at least {min_qualified}")
    if qualified < min_qualified:
        violations.append("no_qualified_member")
    chairs = sum(1 for m in members if m["is_chair"])
    ctx.step("chairs", chairs, "exactly one, with the casting vote", sources=(D6412_6,))
    if chairs == 0:
        violations.append("no_chair")
    elif chairs > 1:
        violations.append("several_chairs")
    sexes = {m["sex"] for m in members}
    # "concourt à une représentation équilibrée": a jury of two or more with one sex only does not.
    ctx.step("sexes represented", sorted(sexes), "a jury of several people includes women and men", sources=(D6412_6,))
    if len(members) >= 2 and len(sexes) < 2:
        violations.append("gender_imbalance")
    if any(m["has_link_with_candidate"] for m in members):
        violations.append("member_linked_to_candidate")
    if any(m["is_accompanier"] for m in members):
        violations.append("accompanier_in_jury")
    ctx.step("violations", violations)
    return {"valid": not violations, "violations": violations}


COMPOSITION_CHECK = Rule(
    id="jury.composition_check",
    title="Composition du jury de VAE",
    articles=("D6412-6",),
    anchor="the day the person's VAE pathway began (D6412-6 NOTA, décret 2024-332 art. 2)",
    facts=(
        FactSpec(
            "members",
            "list",
            parse_members,
            description="[{sex: F|M, qualified, has_link_with_candidate, is_accompanier, is_chair}]",
        ),
    ),
    value='{"valid": bool, "violations": [codes among ' + ", ".join(VIOLATIONS) + "]}",
    # The D6412-6 NOTA, the sentences each check quotes and the transitional note: versions.yaml.
    versions=VERSIONS.of("jury.composition_check", composition=Definition("composition of the jury", _composition)),
)

RULES = (LATEST_DATE, RESULT_NOTIFICATION_DUE, COMPOSITION_CHECK)
