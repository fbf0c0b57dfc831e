"""« Suis-je concerné ? »: which questions the rules need for a person, and the rules' answers.

A person's answers are plain values (``Answers``); ``questions_needed`` lists, in order, the questions whose
answer can change a rule's answer on the day the pathway begins (the governing date of leave.paid_hours_cap,
support.admissibility_filing_assistance and admissibility.annual_quota), and ``rights`` decides each rule with
the facts gathered. Nothing is stored: the pages carry the answers from one question to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from acquis.orientation.figures import figure_on
from acquis.rules import RuleAnswer, answer, ids
from acquis.rules.catalogue import default_registry
from acquis.rules.errors import NoVersionInForce

PAID_HOURS = ids.LEAVE_PAID_HOURS_CAP
FILING_ASSISTANCE = ids.SUPPORT_ADMISSIBILITY_FILING_ASSISTANCE
ANNUAL_QUOTA = ids.ADMISSIBILITY_ANNUAL_QUOTA
# The certification a person aims at, and the others they filed for, as the quota rule compares them.
TARGET = "certification visée"


@dataclass(frozen=True)
class Answers:
    start: dt.date | None = None
    employee: bool | None = None
    level_answered: bool = False
    level: int | None = None  # None with level_answered: « je ne sais pas »
    collective_funder: str | None = None  # "state", "region" or "none"
    threatened: bool | None = None
    agreement: str | None = None  # "yes", "no", "unknown"
    agreement_hours: Decimal | None = None
    funding_obtained: bool | None = None
    same_certification: bool | None = None
    other_certifications: int | None = None


def rule_in_force(rule_id: str, day: dt.date) -> bool:
    try:
        default_registry().get(rule_id).version_at(day)
    except NoVersionInForce:
        return False
    return True


def rule_span(rule_id: str) -> tuple[dt.date, dt.date | None]:
    """First and last day (None: still in force) of a rule's versions, for « applied from … to … »."""
    versions = default_registry().get(rule_id).versions
    return versions[0].valid_from, versions[-1].valid_until


def wording_span(rule_id: str) -> tuple[dt.date, dt.date | None]:
    """First and last day of a rule's first wording (the text as written, before any survival for older cases)."""
    first = default_registry().get(rule_id).versions[0]
    return first.valid_from, first.valid_until


def filing_assistance_applies(day: dt.date) -> bool:
    """Whether R6423-3-1 can help a pathway begun that day: the rule says so (it survives its abrogation only for
    pathways begun before the portal's rollout), asked with probe facts rather than re-deriving its dates here."""
    probe = {
        "qualification_level": 3,
        "job_threatened": False,
        "collective_support_funder": "state",
        "pathway_started_on": day.isoformat(),
    }
    return answer(FILING_ASSISTANCE, probe, day).error != "no_version_in_force"


def _below(parameter: str, day: dt.date, level: int | None) -> bool:
    figure = figure_on(parameter, day)
    return figure.in_force and level is not None and level < figure.value


def _paid_extension_possible(a: Answers, day: dt.date) -> bool:
    # D6422-8: an agreement may raise the limit below the level, or when the job is threatened.
    return a.level is None or _below("leave.paid_hours_extension_below_level", day, a.level) or bool(a.threatened)


def questions_needed(a: Answers) -> list[str]:
    """The questions to ask, in order, given the answers so far (later ones depend on earlier ones)."""
    needed = ["start"]
    if a.start is None:
        return needed
    day = a.start
    paid = rule_in_force(PAID_HOURS, day)
    support = filing_assistance_applies(day)
    needed.append("employee")
    needed.append("level")
    if support:
        needed.append("collective_funder")
    employee_paid = bool(a.employee) and paid
    needs_threat_paid = employee_paid and not _below("leave.paid_hours_extension_below_level", day, a.level)
    needs_threat_support = (
        support
        and a.collective_funder in ("state", "region")
        and not _below("support.filing_assistance_below_level", day, a.level)
    )
    if a.level_answered and (needs_threat_paid or needs_threat_support):
        needed.append("threatened")
    if employee_paid and figure_on("leave.paid_hours_require_funding", day).value:
        needed.append("funding_obtained")
    if employee_paid and a.funding_obtained is not False and _paid_extension_possible(a, day):
        needed.append("agreement")
        if a.agreement == "yes":
            needed.append("agreement_hours")
    if rule_in_force(ANNUAL_QUOTA, day):
        needed += ["same_certification", "other_certifications"]
    return needed


def rights(a: Answers) -> dict[str, RuleAnswer]:
    """Each rule's answer for a complete set of answers (the keys present depend on the person)."""
    day = a.start
    assert day is not None
    answers: dict[str, RuleAnswer] = {}
    if a.employee:
        received = {"request_received": day.isoformat()}
        answers[ids.LEAVE_EMPLOYER_ANSWER_DUE] = answer(ids.LEAVE_EMPLOYER_ANSWER_DUE, received, day)
        answers[ids.LEAVE_POSTPONEMENT_LATEST_DATE] = answer(ids.LEAVE_POSTPONEMENT_LATEST_DATE, received, day)
        facts = {
            "qualification_level": a.level,
            "job_threatened": bool(a.threatened),
            "collective_agreement_hours": str(a.agreement_hours) if a.agreement_hours is not None else None,
        }
        if a.funding_obtained is not None:
            facts["funding_obtained"] = a.funding_obtained
        answers[PAID_HOURS] = answer(PAID_HOURS, facts, day)
    if filing_assistance_applies(day):
        funder = a.collective_funder if a.collective_funder in ("state", "region") else None
        facts = {
            "qualification_level": a.level,
            "job_threatened": bool(a.threatened),
            "collective_support_funder": funder,
            "pathway_started_on": day.isoformat(),
        }
        answers[FILING_ASSISTANCE] = answer(FILING_ASSISTANCE, facts, day)
    else:
        answers[FILING_ASSISTANCE] = RuleAnswer(FILING_ASSISTANCE, None, "no_version_in_force")
    if rule_in_force(ANNUAL_QUOTA, day):
        previous = []
        if a.same_certification:
            previous.append({"certification": TARGET, "filed_on": day.isoformat(), "is_block": False})
        for index in range(a.other_certifications or 0):
            previous.append(
                {"certification": f"autre certification {index + 1}", "filed_on": day.isoformat(), "is_block": False}
            )
        facts = {"previous_files": previous, "certification": TARGET, "is_block": False, "filing_on": day.isoformat()}
        answers[ANNUAL_QUOTA] = answer(ANNUAL_QUOTA, facts, day)
    else:
        answers[ANNUAL_QUOTA] = RuleAnswer(ANNUAL_QUOTA, None, "no_version_in_force")
    return answers
