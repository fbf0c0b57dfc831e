"""Law watch (issue 3 §3): import the 2026 snapshot over the 2020 one, see which rules to review.

The catalogue as it stands already follows the 2023-12-29 and 2024-04-13 versions, so the test
first rewinds it to what could have been written against the 2020-01-01 snapshot alone: only the
parameter values and rule versions begun by then, the last of each open-ended, as that snapshot
showed every cited version still in force. Against the 2020 corpus that catalogue is clean; once
the 2026 snapshot is merged in, the check must name exactly the rules and parameters citing
R6422-2, R6422-3, R6422-4 and D6422-8 (new versions on 2023-12-29 and 2024-04-13), and none of
those citing R6422-9, R6422-10 or R6423-3-1, whose versions did not change between the two.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from acquis.law.corpus import DATA_DIR, Corpus
from acquis.law.parsing import parse_legi_data
from acquis.rules.cases import load_cases
from acquis.rules.catalogue import default_registry
from acquis.rules.check import run_check
from acquis.rules.engine import Registry
from acquis.rules.parameters import ParameterSet

SNAPSHOT_2020 = DATA_DIR / "legi-data/code-du-travail-6e-partie-2020-01-01.json.gz"
SNAPSHOT_2026 = DATA_DIR / "legi-data/code-du-travail-6e-partie-2026-03-27.json.gz"
# The CRPA beside it (R133-4, in force since 2016, unchanged): the catalogue cites both codes.
CRPA = DATA_DIR / "legi-data/code-relations-public-administration-2026-03-27.json.gz"
WRITTEN_ON = dt.date(2020, 1, 1)

CHANGED_ARTICLES = {"R6422-2", "R6422-3", "R6422-4", "D6422-8"}
UNCHANGED_ARTICLES = {"R6422-9", "R6422-10", "R6423-3-1"}
TO_REVIEW = {
    "parameter leave.request_notice from 2019-11-04",
    "parameter leave.employer_answer_delay from 2019-11-04",
    "parameter leave.postponement_max from 2019-11-04",
    "parameter leave.employer_silence_is_consent from 2019-11-04",
    "parameter leave.request_required_items from 2019-11-04",
    "parameter leave.request_qualification_proof_on_extension from 2019-11-04",
    "parameter leave.paid_hours_base from 2019-11-04",
    "parameter leave.paid_hours_require_funding from 2019-11-04",
    "parameter leave.paid_hours_extension_below_level from 2019-11-04",
    "rule leave.request_latest_send_date@2019-11-04",
    "rule leave.employer_answer_due@2019-11-04",
    "rule leave.postponement_latest_date@2019-11-04",
    "rule leave.status@2019-11-04",
    "rule leave.request_missing_items@2019-11-04",
    "rule leave.paid_hours_cap@2019-11-04",
    # L6422-2 (loi, read by leave.paid_hours_cap as a higher norm) went to 48 hours on 2022-12-23.
    "parameter leave.absence_hours_per_session from 2019-01-01",
    "parameter leave.absence_extension_unconditional from 2019-01-01",
    "rule leave.absence_cap@2019-01-01",
    # R6422-6 (new authorisation after a year) got its 2023-12-29 wording (décret 2023-1275).
    "rule leave.new_authorisation_wait@2017-10-01",
    "parameter leave.new_authorisation_wait from 2017-10-01",
    "parameter leave.new_authorisation_wait_exempts_complementary from 2017-10-01",
}
# R6113-22 and R6113-24 (CPC composition, programme, branch proposals) changed after 2020 (décrets
# 2021-389 and 2025-800): every CPC parameter and rule written from the 2020 snapshot is to review.
CPC_PARAMETERS_2019 = [
    "associate_seats",
    "branch_notice_delay",
    "branch_proposal_delay",
    "disability_council_seats",
    "employer_other_seats",
    "france_competences_seats",
    "programme_adoption_day",
    "seats_per_representative_employer_org",
    "seats_per_representative_union",
    "state_higher_education_seats",
    "state_national_education_seats",
    "state_seats",
    "state_vocational_training_seats",
    "substitute_other_sex",
    "substitute_required",
    "term_is_maximum",
    "term_years",
]
TO_REVIEW |= {f"parameter cpc.{name} from 2019-11-04" for name in CPC_PARAMETERS_2019}
TO_REVIEW |= {
    f"rule cpc.{rule}@2019-11-04" for rule in ("branch_proposal_windows", "composition_check", "programme_deadline")
}
NOT_TO_REVIEW = {
    "parameter funding.eligible_expense_codes from 2019-11-04",
    "parameter funding.refusal_ground_codes from 2019-11-04",
    "parameter funding.agreement_payer_kinds from 2019-11-04",
    "parameter support.collective_support_funders from 2019-11-04",
    "parameter support.filing_assistance_below_level from 2019-11-04",
    "rule funding.eligible_expenses@2019-11-04",
    "rule funding.refusal_grounds@2019-11-04",
    "rule funding.agreement@2019-11-04",
    "rule support.admissibility_filing_assistance@2019-11-04",
}


# Parsing both snapshots takes about half a second: once per module, not per test.
@functools.cache
def parsed(path):
    return parse_legi_data(path)


@functools.cache
def corpus_2020():
    return Corpus.from_sources([parsed(SNAPSHOT_2020), parsed(CRPA)])


@functools.cache
def corpus_2020_then_2026():
    return Corpus.from_sources([parsed(SNAPSHOT_2020), parsed(SNAPSHOT_2026), parsed(CRPA)])


def _rewind(items, day):
    """Items begun by ``day``, the last one open-ended (and its sources too)."""
    kept = [item for item in items if item.valid_from <= day]
    if kept:
        kept[-1] = dataclasses.replace(kept[-1], valid_until=None)
    return kept


def _open_sources(sources):
    return tuple(dataclasses.replace(source, valid_until=None) for source in sources)


@functools.cache
def registry_2020() -> Registry:
    current = default_registry()
    parameters = []
    for parameter in current.parameters.values():
        values = _rewind(parameter.values, WRITTEN_ON)
        if values:
            values[-1] = dataclasses.replace(values[-1], source=_open_sources([values[-1].source])[0])
            parameters.append(dataclasses.replace(parameter, values=tuple(values)))
    rules = []
    for rule in current:
        versions = _rewind(rule.versions, WRITTEN_ON)
        if versions:
            last = versions[-1]
            versions[-1] = dataclasses.replace(
                last,
                sources=_open_sources(last.sources),
                base=dataclasses.replace(last.base, sources=_open_sources(last.base.sources)),
                exceptions=tuple(dataclasses.replace(e, sources=_open_sources(e.sources)) for e in last.exceptions),
            )
            rules.append(dataclasses.replace(rule, versions=tuple(versions)))
    return Registry(ParameterSet(parameters), rules, ruleset_hash="rewound to 2020-01-01")


def law_watch(registry, corpus):
    findings = run_check(registry, corpus, load_cases())
    return [f for f in findings if f.code == "law_changed"]


def test_the_rewound_catalogue_cites_only_what_the_2020_snapshot_knows():
    findings = run_check(registry_2020(), corpus_2020(), load_cases())
    assert [f for f in findings if f.level == "error" and f.code != "boundary_untested"] == []
    articles = {v.source.article for p in registry_2020().parameters.values() for v in p.values}
    assert articles >= CHANGED_ARTICLES | UNCHANGED_ARTICLES


def test_nothing_to_review_against_the_2020_snapshot_alone():
    assert law_watch(registry_2020(), corpus_2020()) == []


def test_importing_the_2026_snapshot_lists_the_rules_and_parameters_to_review():
    findings = law_watch(registry_2020(), corpus_2020_then_2026())
    subjects = {f.subject for f in findings}
    assert subjects == TO_REVIEW
    assert not subjects & NOT_TO_REVIEW
    # Each finding names the changed article and the day its new version starts.
    messages = " ".join(f.message for f in findings)
    for article, day in [("R6422-2", "2023-12-29"), ("R6422-3", "2023-12-29"), ("R6422-4", "2023-12-29")]:
        assert f"{article} starts on {day}" in messages
    assert "D6422-8 starts on 2024-04-13" in messages
    assert "LEGIARTI000039330059 ceased to be in force on 2023-12-29" in messages  # R6422-4
    assert "LEGIARTI000039330076 ceased to be in force on 2024-04-13" in messages  # D6422-8
    assert not any(article in f.message for f in findings for article in UNCHANGED_ARTICLES)


def test_the_reviewed_catalogue_has_nothing_left_to_review():
    # The catalogue as committed follows the 2023 and 2024 versions: the law watch is silent.
    assert law_watch(default_registry(), corpus_2020_then_2026()) == []
