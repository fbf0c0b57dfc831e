"""Recevabilité (admissibility) of a VAE request: the certifier's delay, deemed admissibility, lapse, quota.

Articles R6412-3 and R6412-4 (décret 2023-1275, in force 2023-12-29). The R6412-1 NOTA applies this
procedure to people who begin their pathway from 2024-01-01, so these rules are governed by the day the
pathway began and their first version starts on 2024-01-01. Earlier pathways keep the procedure of the
Code de l'éducation (R335-7, R335-8), which is not in the corpus: the rules answer no_version_in_force
for them rather than guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import FactSpec, enum_parser, parse_bool, parse_date, parse_text
from acquis.rules.versions import family_versions

PATHWAY_START = "the day the person's VAE pathway began (R6412-1 NOTA, décret 2023-1275 art. 5)"

# Spans, the R6412-1 NOTA and the transitional note of every version: versions.yaml.
VERSIONS = family_versions(__file__)

FILE_COMPLETE_ON = FactSpec(
    "file_complete_on", "date", parse_date, description="day the certifier received the complete admissibility file"
)


def _decision_due(ctx: Context) -> dt.date:
    due = ctx.param("admissibility.decision_delay").after(ctx.fact("file_complete_on"))
    ctx.step("file complete + decision delay", due, "last day for the certifier to notify its decision")
    return due


DECISION_DUE = Rule(
    id="admissibility.decision_due",
    title="Dernier jour pour la décision du certificateur sur la recevabilité",
    articles=("R6412-4",),
    anchor=PATHWAY_START,
    facts=(FILE_COMPLETE_ON,),
    value="ISO date: the last day of the certifier's decision delay",
    versions=VERSIONS.of(
        "admissibility.decision_due",
        decision_due=Definition("decision delay after the complete file", _decision_due),
    ),
)


# --- admissibility.status --------------------------------------------------------------------------------

parse_decision_kind = enum_parser("admissible", "not_admissible")


def parse_decision(name: str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) - {"date", "kind"} or raw.get("date") is None or not raw.get("kind"):
        raise InvalidFacts(f"fact {name!r} must be null or an object {{date, kind: admissible | not_admissible}}")
    return {"date": parse_date(f"{name}.date", raw["date"]), "kind": parse_decision_kind(f"{name}.kind", raw["kind"])}


def _lapse_on(ctx: Context, notified_on: dt.date) -> dt.date:
    # "à l'issue du sixième mois qui suit cette notification": read as the end of the six-month period that
    # starts with the notification (notified + 6 months, end-of-month clamp); the admissibility is caduque
    # from the next day unless a step was recorded or a legitimate reason is (docs/rules.md, interpretations).
    period_end = ctx.param("admissibility.lapse_period").after(notified_on)
    ctx.step("end of the period after the notification", period_end, "last day a recorded step keeps it")
    lapse = period_end + dt.timedelta(days=1)
    ctx.step("lapses on", lapse, "without a recorded step or a legitimate reason")
    return lapse


def _caducity(ctx: Context, status: str, notified_on: dt.date) -> str:
    """R6412-4: « Sauf motif légitime, l'absence, sur le portail numérique, d'enregistrement à l'issue du
    sixième mois qui suit cette notification, de démarches […] entraine la caducité de la décision de
    recevabilité. » Decided here, once, for every caller (pathway pages, lists, notices)."""
    if not ctx.has_fact("first_step_on"):
        # Without the steps, caducity cannot be decided: the status is given without it, and said so.
        ctx.mark_missing("first_step_on")
        ctx.step("caducity not decided", True, "first_step_on not given")
        return status
    on: dt.date = ctx.fact("on")
    lapse = _lapse_on(ctx, notified_on)
    if on < lapse:
        return status
    first_step: dt.date | None = ctx.fact("first_step_on")
    if first_step is not None and first_step < lapse:
        ctx.step("step recorded before caducity", first_step.isoformat(), "the admissibility is kept")
        return status
    if ctx.fact("legitimate_reason"):
        ctx.step("legitimate reason recorded", True, "« sauf motif légitime »: the admissibility is kept")
        return status
    ctx.step("no step recorded by the end of the sixth month, no legitimate reason", True, "caducity")
    return "lapsed"


def _status(ctx: Context) -> str:
    complete: dt.date = ctx.fact("file_complete_on")
    on: dt.date = ctx.fact("on")
    decision: dict[str, Any] | None = ctx.fact("decision")
    if on < complete:
        raise InvalidFacts(f"'on' ({on}) is before file_complete_on ({complete})")
    if decision is not None and decision["date"] < complete:
        raise InvalidFacts(f"the decision ({decision['date']}) is dated before file_complete_on ({complete})")
    due = ctx.param("admissibility.decision_delay").after(complete)
    ctx.step("decision due", due, "last day of the certifier's delay")
    # A decision dated after `on` is not known on `on`: the status is what could be said that day.
    known = decision if decision is not None and decision["date"] <= on else None
    silence_is_admissible: bool = ctx.param("admissibility.silence_is_admissible")
    if known is not None and known["date"] <= due:
        ctx.step("certifier decided within the delay", known["kind"], known["date"].isoformat())
        if known["kind"] == "admissible":
            return _caducity(ctx, "admissible", known["date"])
        return known["kind"]
    if on <= due:
        ctx.step("no decision yet, delay running", True)
        return "pending"
    # The GIP notifies admissibility "immédiatement" when the delay ends: a later decision cannot undo it.
    ctx.step("delay over without decision", True, "the GIP notifies that the file is admissible")
    if not silence_is_admissible:
        return "pending"
    return _caducity(ctx, "deemed_admissible", due + dt.timedelta(days=1))


STATUS = Rule(
    id="admissibility.status",
    title="État de la recevabilité d'un dossier à une date donnée",
    articles=("R6412-4",),
    anchor=PATHWAY_START,
    facts=(
        FILE_COMPLETE_ON,
        FactSpec("decision", "object", parse_decision, nullable=True, description="null or {date, kind}"),
        FactSpec("on", "date", parse_date, description="the day the status is asked for"),
        FactSpec(
            "first_step_on",
            "date",
            parse_date,
            required=False,
            nullable=True,
            description="first démarche recorded on the portal after admissibility (null: none); absent: "
            "caducity is not decided",
        ),
        FactSpec(
            "legitimate_reason",
            "bool",
            parse_bool,
            required=False,
            description="a legitimate reason for the absence of steps is recorded (default false)",
        ),
    ),
    value="pending | admissible | not_admissible | deemed_admissible | lapsed",
    versions=VERSIONS.of(
        "admissibility.status",
        status=Definition("decision or silence of the certifier, then caducity", _status),
    ),
)


# --- admissibility.lapse_date ----------------------------------------------------------------------------


def _lapse_date(ctx: Context) -> dt.date:
    return _lapse_on(ctx, ctx.fact("notified_on"))


LAPSE_DATE = Rule(
    id="admissibility.lapse_date",
    title="Date à laquelle la recevabilité devient caduque sans démarche enregistrée",
    articles=("R6412-4",),
    anchor=PATHWAY_START,
    facts=(FactSpec("notified_on", "date", parse_date, description="day the admissibility was notified"),),
    value="ISO date: the first day the admissibility is lapsed if no step was recorded before it",
    versions=VERSIONS.of("admissibility.lapse_date", lapse_date=Definition("six months without a step", _lapse_date)),
)


# --- admissibility.annual_quota --------------------------------------------------------------------------

FILE_KEYS = frozenset({"certification", "filed_on", "is_block"})
OPTIONAL_FILE_KEYS = frozenset({"lapsed", "referential_changed"})


def parse_previous_files(name: str, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise InvalidFacts(f"fact {name!r} must be a list of {{certification, filed_on, is_block}}")
    files = []
    for index, item in enumerate(raw):
        where = f"{name}[{index}]"
        if not isinstance(item, dict) or not set(item) >= FILE_KEYS or set(item) - FILE_KEYS - OPTIONAL_FILE_KEYS:
            raise InvalidFacts(
                f"fact {where} must be an object with certification, filed_on, is_block "
                "and optionally lapsed, referential_changed"
            )
        files.append(
            {
                "certification": parse_text(f"{where}.certification", item["certification"]),
                "filed_on": parse_date(f"{where}.filed_on", item["filed_on"]),
                "is_block": parse_bool(f"{where}.is_block", item["is_block"]),
                # Both default to false: a file not said to have lapsed is counted, as before.
                "lapsed": parse_bool(f"{where}.lapsed", item.get("lapsed", False)),
                "referential_changed": parse_bool(
                    f"{where}.referential_changed", item.get("referential_changed", False)
                ),
            }
        )
    return files


def _annual_quota(ctx: Context) -> dict[str, Any]:
    filing_on: dt.date = ctx.fact("filing_on")
    certification: str = ctx.fact("certification")
    blocks_exempt: bool = ctx.param("admissibility.quota_exempts_blocks")
    # The text exempts the case where the files *previously* submitted were on skill blocks; a new file on
    # blocks is counted against earlier full files like any other (docs/rules.md, interpretations).
    ctx.step("the new file is on skill blocks", ctx.fact("is_block"), "does not exempt it by itself")
    counted = [
        f
        for f in ctx.fact("previous_files")
        if f["filed_on"].year == filing_on.year
        and f["filed_on"] <= filing_on
        and not (f["is_block"] and blocks_exempt)
    ]
    ctx.step(f"files counted in {filing_on.year}", len(counted), "same calendar year, skill-block files excluded")
    same = sum(1 for f in counted if f["certification"] == certification)
    per_certification = ctx.param("admissibility.files_per_certification_per_year")
    ctx.step("files for the same certification", same, f"limit {per_certification}")
    if same >= per_certification:
        return {"allowed": False, "reason": "same_certification_this_year"}
    distinct = {f["certification"] for f in counted}
    limit = ctx.param("admissibility.distinct_certifications_per_year")
    ctx.step("different certifications already filed for", len(distinct), f"limit {limit}")
    if len(distinct | {certification}) > limit:
        return {"allowed": False, "reason": "too_many_certifications_this_year"}
    return {"allowed": True, "reason": None}


def _refiling_after_lapse(ctx: Context) -> bool:
    # R6412-4, last sentence: after caducity, R6412-3 al. 2 "ne peu[t] être opposé[e]s à la nouvelle
    # présentation par le candidat de son dossier" while the référentiel is unchanged. "Son dossier" is the
    # lapsed one: the exception covers re-filing for the certification of a lapsed file, not another one.
    # The parameter is read (and cited) only when a lapsed file could open the exception.
    certification = ctx.fact("certification")
    return any(
        f["lapsed"] and not f["referential_changed"] and f["certification"] == certification
        for f in ctx.fact("previous_files")
    ) and bool(ctx.param("admissibility.quota_waived_after_lapse"))


def _quota_not_opposable(ctx: Context) -> dict[str, Any]:
    ctx.step(
        "a previous file for this certification lapsed, référentiel unchanged",
        True,
        "the yearly limit cannot be opposed to its new presentation",
    )
    return {"allowed": True, "reason": None}


REFILING_AFTER_LAPSE = Definition(
    "re-filing after caducity, référentiel unchanged",
    _quota_not_opposable,
    applies=_refiling_after_lapse,
    description="R6412-4, last sentence: the yearly limit of R6412-3 cannot be opposed",
)


ANNUAL_QUOTA = Rule(
    id="admissibility.annual_quota",
    title="Limite annuelle des dossiers de recevabilité",
    articles=("R6412-3", "R6412-4"),
    anchor=PATHWAY_START,
    facts=(
        FactSpec(
            "previous_files",
            "list",
            parse_previous_files,
            description="[{certification, filed_on, is_block, lapsed?, referential_changed?}] (both false by default)",
        ),
        FactSpec("certification", "string", parse_text, description="the certification of the new file"),
        FactSpec("is_block", "bool", parse_bool, description="the new file is on skill blocks"),
        FactSpec("filing_on", "date", parse_date, description="day the new file would be filed"),
    ),
    value='{"allowed": bool, "reason": null | same_certification_this_year | too_many_certifications_this_year}',
    versions=VERSIONS.of(
        "admissibility.annual_quota",
        annual_quota=Definition("one file per certification, three certifications, per calendar year", _annual_quota),
        refiling_after_lapse=REFILING_AFTER_LAPSE,
    ),
)

RULES = (DECISION_DUE, STATUS, LAPSE_DATE, ANNUAL_QUOTA)
