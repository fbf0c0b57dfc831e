"""Commissions professionnelles consultatives (CPC): composition, biennial programme, branch proposals.

Articles: R6113-22 (composition), R6113-24 (secretariat, programme, branch proposals, until 2025-12-31),
R6113-24-1 (programme presented and approved, from 2026-01-01), R6113-24-2 (branch proposals to the
certifying minister). Every number is a dated parameter in parameters.yaml; this module says how they
combine. Composition versions follow the R6113-22 versions whose text the corpus holds; the two versions
without text (2021-04-05 → 2021-08-31, 2025-08-14 → 2025-12-31) have no rule version: no_version_in_force.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import FactSpec, enum_parser, parse_bool, parse_date, parse_number, parse_text
from acquis.rules.versions import family_versions

VERSIONS = family_versions(__file__)

# --- cpc.composition_check (R6113-22) -------------------------------------------------------------------

COLLEGES = (
    "union",  # 1° representative unions
    "employer_interprofessional",  # 2° representative interprofessional employer organisations
    "employer_other",  # 3° multiprofessional, branch or public employers
    "state",  # 4° the State
    "associate",  # 5° associate members without vote
    "disability_council",  # 6° (2021-09-01 → 2025-08-13) member designated by the CNCPH, without vote
    "france_competences",  # 2026-01-01: France compétences' representative, in the debates without vote
)
MINISTRIES = ("vocational_training", "national_education", "higher_education", "other")
SEXES = ("female", "male")
# Colleges whose members are not "membres titulaires" with a substitute and a term: France compétences'
# representative "participe aux débats" and is replaced by another designated person, not a substitute.
WITHOUT_SUBSTITUTE_OR_TERM = frozenset({"france_competences"})

# Violation code → the parameter whose sentence it breaks (the pages show that sentence next to the code).
VIOLATION_PARAMETERS: dict[str, str] = {
    "term_length": "cpc.term_years",
    "union_missing": "cpc.seats_per_representative_union",
    "union_duplicate": "cpc.seats_per_representative_union",
    "union_not_representative": "cpc.seats_per_representative_union",
    "employer_interprofessional_missing": "cpc.seats_per_representative_employer_org",
    "employer_interprofessional_duplicate": "cpc.seats_per_representative_employer_org",
    "employer_interprofessional_not_representative": "cpc.seats_per_representative_employer_org",
    "employer_other_count": "cpc.employer_other_seats",
    "state_count": "cpc.state_seats",
    "state_vocational_training_missing": "cpc.state_vocational_training_seats",
    "state_national_education_missing": "cpc.state_national_education_seats",
    "state_higher_education_missing": "cpc.state_higher_education_seats",
    "associate_count": "cpc.associate_seats",
    "disability_council_count": "cpc.disability_council_seats",
    "france_competences_count": "cpc.france_competences_seats",
    "substitute_missing": "cpc.substitute_required",
    "substitute_same_sex": "cpc.substitute_other_sex",
}
# R6113-22 (2021-09-01 → 2025-08-13) names the CNCPH member « par dérogation à l'article R. 133-4 » of the CRPA
# for five years even when replacing: that member never completes a predecessor's term.
R133_4_DEROGATION = frozenset({"disability_council"})

MEMBER_KEYS = frozenset(
    {"college", "organisation", "ministry", "sex", "substitute", "term_years", "completes_predecessor_term"}
)
_college = enum_parser(*COLLEGES)
_ministry = enum_parser(*MINISTRIES)
_sex = enum_parser(*SEXES)


def parse_names(name: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) and item.strip() for item in raw):
        raise InvalidFacts(f"fact {name!r} must be a list of organisation names")
    return tuple(item.strip() for item in raw)


def _parse_member(where: str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidFacts(
            f"{where} must be an object {{college, organisation, ministry, sex, substitute, term_years}}"
        )
    unknown = set(raw) - MEMBER_KEYS
    if unknown:
        raise InvalidFacts(f"{where} has unknown field(s) {', '.join(sorted(unknown))}")
    college = _college(f"{where}.college", raw.get("college"))
    ministry = raw.get("ministry")
    if college == "state" and ministry is None:
        raise InvalidFacts(f"{where}: a State member needs the ministry that designates it")
    substitute = raw.get("substitute")
    if substitute is not None and (not isinstance(substitute, dict) or set(substitute) - {"sex"}):
        raise InvalidFacts(f"{where}.substitute must be null or {{sex}}")
    organisation = raw.get("organisation")
    return {
        "college": college,
        "organisation": parse_text(f"{where}.organisation", organisation) if organisation is not None else "",
        "ministry": _ministry(f"{where}.ministry", ministry) if ministry is not None else None,
        "sex": _sex(f"{where}.sex", raw.get("sex")),
        "substitute": None if substitute is None else {"sex": _sex(f"{where}.substitute.sex", substitute.get("sex"))},
        "term_years": (
            parse_number(f"{where}.term_years", raw["term_years"]) if raw.get("term_years") is not None else None
        ),
        # Named to replace a member whose term ended early, for the rest of it (CRPA R133-4).
        "completes_predecessor_term": parse_bool(
            f"{where}.completes_predecessor_term", raw.get("completes_predecessor_term", False)
        ),
    }


def parse_members(name: str, raw: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(raw, list):
        raise InvalidFacts(f"fact {name!r} must be a list of members")
    return tuple(_parse_member(f"{name}[{index}]", item) for index, item in enumerate(raw))


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _one_per_organisation(ctx: Context, college: str, representatives: tuple[str, ...], seats: int) -> list[str]:
    """1° and 2°: one representative of each representative organisation, and of no other."""
    found: list[str] = []
    members = [m for m in ctx.fact("members") if m["college"] == college]
    counts = Counter(_key(m["organisation"]) for m in members)
    wanted = {_key(name): name for name in representatives}
    missing = [name for key, name in wanted.items() if counts[key] < seats]
    extra = [name for key, name in wanted.items() if counts[key] > seats]
    outsiders = sorted(
        {m["organisation"] or "(sans organisation)" for m in members if _key(m["organisation"]) not in wanted}
    )
    for code, names in (("missing", missing), ("duplicate", extra), ("not_representative", outsiders)):
        if names:
            found.append(f"{college}_{code}")
            ctx.step(f"{college}_{code}", list(names), ", ".join(names))
    return found


def _count(ctx: Context, college: str, parameter: str) -> list[str]:
    expected = ctx.param(parameter)
    actual = sum(1 for m in ctx.fact("members") if m["college"] == college)
    if actual != expected:
        ctx.step(f"{college}_count", actual, f"{actual} member(s), the text requires {expected}")
        return [f"{college}_count"]
    return []


def _completes_term(ctx: Context, member: dict[str, Any]) -> bool:
    """A replacement for the rest of a term may be named for less than the full term (interpretation
    crpa-r133-4.replacement-completes-term), except the member R6113-22 names by derogation."""
    if not member["completes_predecessor_term"] or member["college"] in R133_4_DEROGATION:
        return False
    completes = ctx.param("cpc.replacement_completes_term")
    ctx.step("member completes a predecessor's term", completes, "R133-4 CRPA: the remaining term, at most the term")
    return completes


def _composition(ctx: Context) -> dict[str, Any]:
    members = ctx.fact("members")
    violations: list[str] = []

    term, term_is_maximum = ctx.param("cpc.term_years"), ctx.param("cpc.term_is_maximum")
    wrong_terms = [
        m["term_years"]
        for m in members
        if m["term_years"] is not None
        and (m["term_years"] > term if term_is_maximum or _completes_term(ctx, m) else m["term_years"] != term)
    ]
    if wrong_terms:
        violations.append("term_length")
        ctx.step("term_length", sorted(wrong_terms), f"{'at most' if term_is_maximum else 'exactly'} {term} years")

    violations += _one_per_organisation(
        ctx, "union", ctx.fact("representative_unions"), ctx.param("cpc.seats_per_representative_union")
    )
    violations += _one_per_organisation(
        ctx,
        "employer_interprofessional",
        ctx.fact("representative_employer_orgs"),
        ctx.param("cpc.seats_per_representative_employer_org"),
    )
    violations += _count(ctx, "employer_other", "cpc.employer_other_seats")
    violations += _count(ctx, "state", "cpc.state_seats")
    # "dont (au moins) : a) un représentant du ministre chargé de…": a minimum per designating ministry; the
    # other State seats may come from any ministry.
    for ministry in ("vocational_training", "national_education", "higher_education"):
        needed = ctx.param(f"cpc.state_{ministry}_seats")
        present = sum(1 for m in members if m["college"] == "state" and m["ministry"] == ministry)
        if present < needed:
            violations.append(f"state_{ministry}_missing")
            ctx.step(f"state_{ministry}_missing", present, f"at least {needed} required")
    violations += _count(ctx, "associate", "cpc.associate_seats")
    violations += _count(ctx, "disability_council", "cpc.disability_council_seats")
    violations += _count(ctx, "france_competences", "cpc.france_competences_seats")

    titular = [(index, m) for index, m in enumerate(members) if m["college"] not in WITHOUT_SUBSTITUTE_OR_TERM]
    if ctx.param("cpc.substitute_required"):
        without = [index for index, m in titular if m["substitute"] is None]
        if without:
            violations.append("substitute_missing")
            ctx.step("substitute_missing", without, "members (by position) without a substitute")
    if ctx.param("cpc.substitute_other_sex"):
        same = [index for index, m in titular if m["substitute"] is not None and m["substitute"]["sex"] == m["sex"]]
        if same:
            violations.append("substitute_same_sex")
            ctx.step("substitute_same_sex", same, "members (by position) whose substitute is of the same sex")
    return {"valid": not violations, "violations": violations}


COMPOSITION_CHECK = Rule(
    id="cpc.composition_check",
    title="Composition d'une commission professionnelle consultative",
    articles=("R6113-22",),
    anchor="the appointment date",
    facts=(
        FactSpec("representative_unions", "list", parse_names, description="representative unions (names)"),
        FactSpec(
            "representative_employer_orgs", "list", parse_names, description="representative employer organisations"
        ),
        FactSpec(
            "members",
            "list",
            parse_members,
            description="[{college, organisation, ministry, sex, substitute: {sex}|null, term_years}]",
        ),
    ),
    value='{"valid": bool, "violations": [codes]} (codes: see VIOLATION_PARAMETERS)',
    # One version per R6113-22 version, same reasoning (spans, with the 2021 gap: versions.yaml).
    versions=VERSIONS.of("cpc.composition_check", composition=Definition("composition", _composition)),
)


# --- cpc.programme_deadline (R6113-24, R6113-24-1) --------------------------------------------------------


def month_day(year: int, value: str) -> dt.date:
    month, day = value.split("-")
    return dt.date(year, int(month), int(day))


def parse_year(name: str, raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and 1900 <= raw <= 2999:
        return raw
    raise InvalidFacts(f"fact {name!r} must be a year such as 2026, got {raw!r}")


def _adoption(ctx: Context) -> dt.date:
    # "Le secrétariat arrête, au plus tard le 31 janvier de chaque année, le programme biennal".
    return month_day(ctx.fact("year"), ctx.param("cpc.programme_adoption_day"))


def _presentation(ctx: Context) -> dt.date:
    # From 2026 the ministers present the programme to the commissions by 31 December of the year before
    # its first year; the arrêté approving it is published by 15 February of that first year (shown in the
    # trace: the contract of this rule is one date).
    year = ctx.fact("year")
    presented = month_day(
        year - ctx.param("cpc.programme_presentation_years_before"), ctx.param("cpc.programme_presentation_day")
    )
    ctx.step("approval arrêté published by", month_day(year, ctx.param("cpc.programme_approval_day")))
    return presented


PROGRAMME_ANCHOR = (
    "the programme's approval: approved_on when known, else 1 January of its first year (R6113-24-1 NOTA: "
    "the arrêté is published by 15 February of that year; R6113-24: adopted by 31 January of it)"
)


def programme_governing_date(facts: Mapping[str, Any]) -> dt.date:
    """The governing date comes from the programme, never from the day the question is asked (audit D7): a
    programme whose approving arrêté is published from 2026-01-01 falls under R6113-24-1 whenever it is
    asked about. Without approved_on, 1 January of its first year: the arrêté is published in that year (by
    15 February), and under R6113-24 the secretariat adopted it by 31 January of it, so every day of that
    year is on the same side of the 2026-01-01 boundary."""
    year = facts["year"]
    approved_on = facts.get("approved_on")
    if approved_on is None:
        return dt.date(year, 1, 1)
    if approved_on.year not in (year - 1, year):
        raise InvalidFacts(
            f"approved_on ({approved_on.isoformat()}) must fall in the programme's first year {year} or the year "
            "before it"
        )
    return approved_on


PROGRAMME_DEADLINE = Rule(
    id="cpc.programme_deadline",
    title="Date limite du programme biennal des commissions professionnelles consultatives",
    articles=("R6113-24", "R6113-24-1"),
    anchor=PROGRAMME_ANCHOR,
    anchor_from=programme_governing_date,
    facts=(
        FactSpec("year", "number", parse_year, description="the (first) year of the biennial programme"),
        FactSpec(
            "approved_on",
            "date",
            parse_date,
            required=False,
            nullable=True,
            description="day the secretariat adopted it (to 2025) or its approving arrêté was published (2026 on)",
        ),
    ),
    value="ISO date: adopted by the secretariat (to 2025), presented to the commissions (from 2026)",
    versions=VERSIONS.of(
        "cpc.programme_deadline",
        adoption=Definition("adopted by the secretariat", _adoption),
        presentation=Definition("presented by the ministers", _presentation),
    ),
)


# --- cpc.branch_proposal_windows (R6113-24; R6113-24-2 from 2026) -----------------------------------------


def _windows(ctx: Context) -> dict[str, dt.date]:
    published = ctx.fact("programme_published_on")
    return {
        "notify_secretariat_by": ctx.param("cpc.branch_notice_delay").after(published),
        "submit_by": ctx.param("cpc.branch_proposal_delay").after(published),
    }


def _no_window(ctx: Context) -> dict[str, None]:
    ctx.step("no window", True, "R6113-24 no longer sets one; proposals go to the certifying minister (R6113-24-2)")
    return {"notify_secretariat_by": None, "submit_by": None}


PROGRAMME_PUBLISHED_ON = FactSpec(
    "programme_published_on", "date", parse_date, description="day the biennial programme was published"
)

BRANCH_PROPOSAL_WINDOWS = Rule(
    id="cpc.branch_proposal_windows",
    title="Délais des propositions des branches (CPNE) après la publication du programme biennal",
    articles=("R6113-24",),
    anchor="programme_published_on",
    anchor_fact="programme_published_on",
    facts=(PROGRAMME_PUBLISHED_ON,),
    value='{"notify_secretariat_by": date|null, "submit_by": date|null}',
    versions=VERSIONS.of(
        "cpc.branch_proposal_windows",
        windows=Definition("windows from publication", _windows),
        no_window=Definition("no window", _no_window),  # quoting R6113-24-2 (versions.yaml)
    ),
)

RULES = (COMPOSITION_CHECK, PROGRAMME_DEADLINE, BRANCH_PROPOSAL_WINDOWS)
