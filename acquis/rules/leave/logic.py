"""Congé VAE (leave for a VAE): request content and notice, the employer's answer, postponement, paid hours.

Articles: R6422-2 (request content), R6422-3 (notice), R6422-4 (answer delay, postponement, silence),
D6422-8 (paid hours, bounded by the loi: L6422-2, L6422-3). Every number is a dated parameter in
parameters.yaml; this module only says how they combine. Version intervals follow the article
versions (2014-11-15, 2019-11-04, 2023-12-29 for R6422-x; 2017-10-01, 2019-11-04, 2024-04-13 for D6422-8).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from acquis.rules.engine import Context, Definition, HigherNorm, Rule
from acquis.rules.errors import InvalidFacts, MissingFacts, ParameterNotInForce
from acquis.rules.facts import FactSpec, enum_parser, parse_bool, parse_date, parse_level, parse_number, parse_text
from acquis.rules.versions import family_versions

# The article versions of R6422-2/-3/-4 (2014, décret 2019-1119, décret 2023-1275) and of D6422-8, their
# NOTA and transitional notes: versions.yaml. This module names the Definitions each version uses.
VERSIONS = family_versions(__file__)


# --- leave.request_latest_send_date (R6422-3) ----------------------------------------------------------


def _latest_send_date(ctx: Context) -> dt.date:
    notice = ctx.param("leave.request_notice")
    latest = notice.before(ctx.fact("actions_start"))
    ctx.step("actions_start − notice", latest, f"{notice} before the start of the actions")
    return latest


REQUEST_LATEST_SEND_DATE = Rule(
    id="leave.request_latest_send_date",
    title="Dernier jour où la demande de congé VAE peut parvenir à l'employeur",
    articles=("R6422-3",),
    anchor="the day the request is sent",
    facts=(FactSpec("actions_start", "date", parse_date, description="first day of the VAE actions"),),
    value="ISO date: the last day the request may reach the employer",
    versions=VERSIONS.of(
        "leave.request_latest_send_date", latest_send_date=Definition("notice before the actions", _latest_send_date)
    ),
)


# --- leave.employer_answer_due and leave.postponement_latest_date (R6422-4) ----------------------------


def _answer_due(ctx: Context) -> dt.date:
    # "Dans les N jours calendaires suivant la réception": day 1 is the day after receipt, so the last
    # day of the delay is receipt + N days.
    return ctx.param("leave.employer_answer_delay").after(ctx.fact("request_received"))


def _postponement_latest(ctx: Context) -> dt.date:
    # "à compter de la demande" is read as the receipt of the request (the only date the text makes certain).
    return ctx.param("leave.postponement_max").after(ctx.fact("request_received"))


REQUEST_RECEIVED = FactSpec(
    "request_received", "date", parse_date, description="day the employer received the request"
)

EMPLOYER_ANSWER_DUE = Rule(
    id="leave.employer_answer_due",
    title="Dernier jour du délai de réponse de l'employeur",
    articles=("R6422-4",),
    anchor="request_received",
    anchor_fact="request_received",
    facts=(REQUEST_RECEIVED,),
    value="ISO date: the last day of the employer's answer delay",
    versions=VERSIONS.of(
        "leave.employer_answer_due", answer_due=Definition("answer delay after receipt", _answer_due)
    ),
)

POSTPONEMENT_LATEST_DATE = Rule(
    id="leave.postponement_latest_date",
    title="Date la plus tardive à laquelle l'absence peut être reportée",
    articles=("R6422-4",),
    anchor="request_received",
    anchor_fact="request_received",
    facts=(REQUEST_RECEIVED,),
    value="ISO date: the latest date a postponement may reach",
    versions=VERSIONS.of(
        "leave.postponement_latest_date",
        postponement_latest=Definition("postponement limit from the request", _postponement_latest),
    ),
)


# --- leave.status (R6422-4) -----------------------------------------------------------------------------

ANSWER_KEYS = frozenset({"date", "kind", "postponed_to", "reasons"})
parse_answer_kind = enum_parser("accept", "postpone")


def parse_answer(name: str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidFacts(f"fact {name!r} must be null or an object {{date, kind, postponed_to, reasons}}")
    unknown = set(raw) - ANSWER_KEYS
    if unknown:
        raise InvalidFacts(f"fact {name!r} has unknown field(s) {', '.join(sorted(unknown))}")
    if raw.get("date") is None or raw.get("kind") is None:
        raise InvalidFacts(f"fact {name!r} needs a date and a kind (accept or postpone)")
    kind = parse_answer_kind(f"{name}.kind", raw["kind"])
    postponed_to = raw.get("postponed_to")
    if kind == "postpone" and postponed_to is None:
        raise InvalidFacts(f"fact {name!r}: a postponement must give postponed_to (the date the absence is moved to)")
    reasons = raw.get("reasons")
    if isinstance(reasons, str):
        reasons = [reasons]
    if reasons is not None and not (isinstance(reasons, list) and all(isinstance(r, str) for r in reasons)):
        raise InvalidFacts(f"fact {name!r}: reasons must be a string, a list of strings or null")
    return {
        "date": parse_date(f"{name}.date", raw["date"]),
        "kind": kind,
        "postponed_to": parse_date(f"{name}.postponed_to", postponed_to) if postponed_to is not None else None,
        "reasons": [reason.strip() for reason in reasons or () if reason.strip()],
    }


def _status(ctx: Context) -> str:
    received: dt.date = ctx.fact("request_received")
    on: dt.date = ctx.fact("on")
    answer: dict[str, Any] | None = ctx.fact("answer")
    if on < received:
        raise InvalidFacts(f"'on' ({on}) is before request_received ({received})")
    if answer is not None and answer["date"] < received:
        raise InvalidFacts(f"the answer ({answer['date']}) is dated before request_received ({received})")

    due = ctx.param("leave.employer_answer_delay").after(received)
    ctx.step("answer due", due, "last day of the employer's answer delay")
    silence_is_consent: bool = ctx.param("leave.employer_silence_is_consent")
    # An answer dated after `on` is not known on `on`: the status is what could be said that day.
    known = answer if answer is not None and answer["date"] <= on else None

    if known is None:
        if on <= due:
            ctx.step("no answer yet, delay running", True)
            return "pending"
        ctx.step(
            "delay over without answer", True, "silence is consent" if silence_is_consent else "silence has no meaning"
        )
        return "deemed_accepted" if silence_is_consent else "no_answer"

    if known["date"] > due and silence_is_consent:
        # Consent was acquired on the day after `due`; a later answer (even a postponement) cannot undo it.
        ctx.step("answer after the delay", known["date"], "consent was already deemed given the day after the delay")
        return "deemed_accepted"
    if known["kind"] == "accept":
        ctx.step("employer accepted", known["date"])
        return "accepted"

    latest = ctx.param("leave.postponement_max").after(received)
    ctx.step("postponement limit", latest)
    if known["postponed_to"] > latest:
        ctx.step("postponed beyond the limit", known["postponed_to"])
        return "invalid_postponement"
    if not known["reasons"]:
        ctx.step("postponement without the service reasons the text requires", True)
        return "invalid_postponement"
    return "postponed"


LEAVE_STATUS = Rule(
    id="leave.status",
    title="État de la demande de congé VAE à une date donnée",
    articles=("R6422-4",),
    anchor="request_received",
    anchor_fact="request_received",
    facts=(
        REQUEST_RECEIVED,
        FactSpec(
            "answer", "object", parse_answer, nullable=True, description="null or {date, kind, postponed_to, reasons}"
        ),
        FactSpec("on", "date", parse_date, description="the day the status is asked for"),
    ),
    value="pending | accepted | postponed | invalid_postponement | deemed_accepted | no_answer",
    versions=VERSIONS.of("leave.status", status=Definition("answer, silence and postponement", _status)),
)


# --- leave.paid_hours_cap (D6422-8, under L6422-2 and L6422-3) ------------------------------------------

# Only the 2024 wording has a transitional note (pathways begun from 2024-04-13). The earlier change of
# 2019-11-04 (décret 2019-1119, no NOTA) applies by the ordinary rule: to the leave requested from that day,
# whatever the start of the pathway (audit D8; interpretation d6422-8.earlier-wordings-by-request-date).


def _wording_day(ctx: Context) -> dt.date:
    """The day whose D6422-8 wording applies: the pathway's start from 2024-04-13 (NOTA); before, the day the
    leave was requested, kept under the 2019 wording (the 2024 one is only for pathways begun from then)."""
    if ctx.at >= NOTA_WORDING_FROM:
        return ctx.at
    requested: dt.date | None = ctx.fact("leave_requested_on")
    if requested is None:
        # A later request can only help: the 2019 wording drops the funding condition, the loi raises the cap.
        ctx.mark_missing("leave_requested_on")
        return ctx.at
    if requested < ctx.at:
        raise InvalidFacts(f"leave_requested_on ({requested}) is before the day the pathway began ({ctx.at})")
    day = min(requested, NOTA_WORDING_FROM - dt.timedelta(days=1))
    if day != ctx.at:
        ctx.step("D6422-8 wording of the day the leave was requested", day.isoformat(), "ordinary rule, no NOTA")
    return day


def _decree(ctx: Context, name: str) -> Any:
    return ctx.param(name, on=_wording_day(ctx))


def _pay_blocked(ctx: Context) -> bool:
    """Versions before 2019-11-04 pay only once a joint body has agreed to fund the leave."""
    if not _decree(ctx, "leave.paid_hours_require_funding"):
        return False
    funded = ctx.fact("funding_obtained")
    if funded is None:
        raise MissingFacts("this version of D6422-8 needs funding_obtained (true or false)", ("funding_obtained",))
    ctx.step("funding obtained", funded, "the right to pay depends on it in this version")
    return not funded


def _base_hours(ctx: Context) -> Any:
    return 0 if _pay_blocked(ctx) else _decree(ctx, "leave.paid_hours_base")


def _agreement_applies(ctx: Context) -> bool:
    agreed = ctx.fact("collective_agreement_hours")
    if agreed is None or _pay_blocked(ctx) or agreed <= _decree(ctx, "leave.paid_hours_base"):
        return False  # an agreement may only raise the limit
    if ctx.fact("job_threatened"):
        ctx.step("job threatened", True)
        return True
    level = ctx.fact("qualification_level")
    below = _decree(ctx, "leave.paid_hours_extension_below_level")
    if level is None:
        ctx.mark_missing("qualification_level")
        ctx.step("qualification level unknown", None, "the collective agreement's extension cannot be established")
        return False
    ctx.step(f"qualification level below {below}", level < below)
    return level < below


def _statute_floor(ctx: Context) -> Any:
    """What the loi guarantees: L6422-2 caps the absence per evaluation session and L6422-3 keeps the pay for
    those hours, so a decree's lower cap on paid hours cannot apply. Read on the day the leave was requested
    (a loi applies from its entry into force: L6422-2 has no transitional note), else the governing date.
    None before 2019-01-01: the earlier wordings of L6422-2 are not in the corpus."""
    day = ctx.fact("leave_requested_on") or ctx.at
    try:
        hours = ctx.param("leave.absence_hours_per_session", on=day)
    except ParameterNotInForce:
        return None
    agreed = ctx.fact("collective_agreement_hours")
    if agreed is not None and agreed > hours and ctx.param("leave.absence_extension_unconditional", on=day):
        ctx.step("collective agreement raises the absence (loi, without condition)", agreed)
        return agreed
    return hours


STATUTE = HigherNorm(
    name="L6422-2 absence per evaluation session, paid under L6422-3",
    lower="leave.paid_hours_base",
    higher="leave.absence_hours_per_session",
    also_reads=("leave.absence_extension_unconditional",),
    also_cites=(VERSIONS.sources["l6422_3"],),
    floor=_statute_floor,
)

PAID_HOURS_CAP = Rule(
    id="leave.paid_hours_cap",
    title="Plafond d'heures de congé VAE rémunérées par validation",
    articles=("D6422-8", "L6422-2", "L6422-3"),
    anchor="the day the person's VAE pathway began (D6422-8 NOTA for the 2024 version)",
    facts=(
        FactSpec("qualification_level", "level", parse_level, nullable=True, description="1–8 or null"),
        FactSpec("job_threatened", "bool", parse_bool),
        FactSpec("collective_agreement_hours", "number", parse_number, nullable=True),
        FactSpec("funding_obtained", "bool", parse_bool, required=False, nullable=True),
        FactSpec(
            "leave_requested_on",
            "date",
            parse_date,
            required=False,
            nullable=True,
            description="day the leave was requested: selects the D6422-8 wording before 2024 and the loi's cap",
        ),
    ),
    value="hours (number)",
    # Three D6422-8 versions, each under the loi (STATUTE); the 2024 one with its NOTA: versions.yaml.
    versions=VERSIONS.of(
        "leave.paid_hours_cap",
        base_hours=Definition("legal limit", _base_hours, description="the limit set by the decree"),
        agreement_raises_limit=Definition(
            "collective agreement raises the limit",
            lambda ctx: ctx.fact("collective_agreement_hours"),
            applies=_agreement_applies,
            description="workers below the level, or whose job is threatened, covered by an agreement",
        ),
        statute=STATUTE,
    ),
)


# The first day of the D6422-8 wording with a NOTA (2024-04-13), read from versions.yaml.
NOTA_WORDING_FROM = next(version.valid_from for version in PAID_HOURS_CAP.versions if version.transitional_note)


# --- leave.request_missing_items (R6422-2) --------------------------------------------------------------

ITEM_ORDER = ("certification", "actions", "certifier", "admissibility_proof", "qualification_proof")
ACTION_KEYS = frozenset({"start", "end", "nature", "hours"})


def parse_actions(name: str, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise InvalidFacts(f"fact {name!r} must be a list of {{start, end, nature, hours}}")
    actions = []
    for index, item in enumerate(raw):
        where = f"{name}[{index}]"
        if not isinstance(item, dict) or set(item) - ACTION_KEYS:
            raise InvalidFacts(f"fact {where} must be an object with only start, end, nature, hours")
        action = {
            "start": parse_date(f"{where}.start", item["start"]) if item.get("start") is not None else None,
            "end": parse_date(f"{where}.end", item["end"]) if item.get("end") is not None else None,
            "nature": parse_text(f"{where}.nature", item["nature"]) if item.get("nature") is not None else None,
            "hours": parse_number(f"{where}.hours", item["hours"]) if item.get("hours") is not None else None,
        }
        if action["start"] and action["end"] and action["end"] < action["start"]:
            raise InvalidFacts(f"fact {where}: end is before start")
        actions.append(action)
    return actions


def _action_complete(action: dict[str, Any]) -> bool:
    # 2°: "les dates, la nature et la durée des actions" — all four must be stated, with a non-zero duration.
    return all(action[key] for key in ("start", "end", "nature", "hours"))


def _missing_items(ctx: Context) -> list[str]:
    required = ctx.param("leave.request_required_items")
    present = {
        "certification": bool(ctx.fact("certification")),
        "actions": bool(ctx.fact("actions")) and all(_action_complete(a) for a in ctx.fact("actions")),
        "certifier": bool(ctx.fact("certifier")),
        "admissibility_proof": ctx.fact("admissibility_proof") is True,
    }
    missing = [code for code in required if not present[code]]
    claims_extension = ctx.param("leave.request_qualification_proof_on_extension") and ctx.fact("extension_claimed")
    if claims_extension and ctx.fact("qualification_proof") is not True:
        missing.append("qualification_proof")
    for code in required:
        ctx.step(f"item {code}", present[code])
    return sorted(missing, key=ITEM_ORDER.index)


REQUEST_MISSING_ITEMS = Rule(
    id="leave.request_missing_items",
    title="Mentions et pièces manquantes de la demande de congé VAE",
    articles=("R6422-2",),
    anchor="the day the request is sent",
    facts=(
        FactSpec("certification", "string", parse_text, required=False, nullable=True),
        FactSpec("actions", "list", parse_actions, required=False, nullable=True),
        FactSpec("certifier", "string", parse_text, required=False, nullable=True),
        FactSpec("admissibility_proof", "bool", parse_bool, required=False, nullable=True),
        FactSpec("extension_claimed", "bool", parse_bool, required=False, nullable=True),
        FactSpec("qualification_proof", "bool", parse_bool, required=False, nullable=True),
    ),
    value=f"list of missing item codes among {', '.join(ITEM_ORDER)}",
    versions=VERSIONS.of(
        "leave.request_missing_items", missing_items=Definition("mentions and attachments", _missing_items)
    ),
)

RULES = (
    REQUEST_LATEST_SEND_DATE,
    EMPLOYER_ANSWER_DUE,
    POSTPONEMENT_LATEST_DATE,
    LEAVE_STATUS,
    PAID_HOURS_CAP,
    REQUEST_MISSING_ITEMS,
)
