"""Interpretations as data: loaded and checked, carried in Decisions' notes, listed by `acquis rules check`."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.rules.catalogue import default_registry
from acquis.rules.check import check_interpretations
from acquis.rules.cli import default_corpus
from acquis.rules.engine import Registry
from acquis.rules.errors import CatalogueError, ParameterFileError
from acquis.rules.interpretations import parse_interpretation

SOURCE = {
    "article": "R6412-5",
    "legiarti": "LEGIARTI000048699563",
    "valid_from": "2023-12-29",
    "valid_until": None,
    "sentence": "Le certificateur fixe les modalités et la date de présentation du candidat devant le jury",
}
SPEC = {
    "rules": ["jury.latest_date"],
    "source": SOURCE,
    "question": "Which end?",
    "readings": {"a": "date to date", "b": "end of month"},
    "chosen": "a",
    "why": "because",
    "confirm_by": "a jurist",
    "confirmed": None,
}


def test_every_decision_of_a_rule_carries_its_interpretations_in_its_notes():
    decision = default_registry().decide(
        "admissibility.lapse_date", {"notified_on": "2024-01-15"}, dt.date(2024, 1, 1)
    )
    lapse_note = next(note for note in decision.notes if note.startswith("Interpretation r6412-4.lapse-period"))
    assert "to be confirmed by" in lapse_note and "six months counted from the notification" in lapse_note


def test_check_lists_every_unconfirmed_interpretation_and_finds_each_sentence():
    registry = default_registry()
    findings = check_interpretations(registry, default_corpus())
    assert not [f for f in findings if f.level == "error"]
    unconfirmed = {f.subject for f in findings if f.code == "interpretation_unconfirmed"}
    assert unconfirmed == {f"interpretation {i.id}" for i in registry.interpretations if i.confirmed is None}
    assert "interpretation r6412-4.lapse-period" in unconfirmed


def test_a_confirmed_interpretation_is_no_longer_listed_and_says_who_confirmed_it():
    confirmed = parse_interpretation("x", {**SPEC, "confirmed": {"by": "Me Dupont", "on": "2026-12-01"}})
    registry = Registry(default_registry().parameters, list(default_registry()), interpretations=[confirmed])
    assert check_interpretations(registry, default_corpus()) == []
    note = registry.decide("jury.latest_date", {"validation_file_filed_on": "2024-03-01"}, dt.date(2024, 1, 1)).notes[
        -1
    ]
    assert note.startswith("Interpretation x (R6412-5 LEGIARTI000048699563, confirmed by Me Dupont on 2026-12-01)")


def test_a_sentence_not_in_its_article_is_an_error():
    wrong = parse_interpretation("x", {**SPEC, "source": {**SOURCE, "sentence": "Une phrase inventée."}})
    registry = Registry(default_registry().parameters, list(default_registry()), interpretations=[wrong])
    assert [f.code for f in check_interpretations(registry, default_corpus()) if f.level == "error"] == [
        "sentence_not_found"
    ]


@pytest.mark.parametrize(
    "change",
    [{"chosen": "c"}, {"readings": {"a": "only one"}}, {"rules": []}, {"why": ""}, {"colour": "red"}],
)
def test_a_malformed_interpretation_is_refused(change):
    with pytest.raises(ParameterFileError):
        parse_interpretation("x", {**SPEC, **change})


def test_an_interpretation_of_an_unknown_rule_is_refused():
    with pytest.raises(CatalogueError, match="unknown rule"):
        Registry(
            default_registry().parameters,
            list(default_registry()),
            interpretations=[parse_interpretation("x", {**SPEC, "rules": ["jury.nope"]})],
        )


def _interpretation_ids(rule_id: str, facts: dict, at: dt.date | None = None) -> set[str]:
    notes = default_registry().decide(rule_id, facts, at).notes
    return {note.split()[1] for note in notes if note.startswith("Interpretation ")}


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2019-11-03", False),  # 2014 wording: « à compter de la demande » is not in it
        ("2019-11-04", True),  # first day of the 2019 wording whose sentence the interpretation reads
        ("2023-12-28", True),
        ("2023-12-29", False),  # the 2023 wording counts from the receipt in its own words
    ],
)
def test_an_interpretation_is_carried_only_by_the_versions_that_read_its_sentence(received, expected):
    ids = _interpretation_ids("leave.postponement_latest_date", {"request_received": received})
    assert ("r6422-4.demande-is-receipt" in ids) is expected


def test_a_scope_moves_an_interpretation_to_the_versions_its_nota_decides():
    registry = default_registry()
    rule = registry.get("leave.paid_hours_cap")
    scoped = {v.version for v in rule.versions if registry.interpretations_of(rule.id, v)}
    by_version = {
        v.version: {i.id for i in registry.interpretations_of(rule.id, v)}
        for v in rule.versions
        if v.version in scoped
    }
    assert "d6422-8.earlier-wordings-by-request-date" in by_version["2019-11-04"]
    assert "d6422-8.earlier-wordings-by-request-date" not in by_version["2024-04-13"]
    assert "l6422-2.statute-bounds-paid-hours" in by_version["2024-04-13"]


def test_a_scope_is_checked():
    with pytest.raises(ParameterFileError, match="scope"):
        parse_interpretation("x", {**SPEC, "scope": {"from": "2024-01-01"}})
    with pytest.raises(ParameterFileError, match="scope ends before it starts"):
        parse_interpretation("x", {**SPEC, "scope": {"from": "2024-01-01", "until": "2023-01-01"}})
    outside = parse_interpretation("x", {**SPEC, "scope": {"from": "2000-01-01", "until": "2001-01-01"}})
    registry = Registry(default_registry().parameters, list(default_registry()), interpretations=[outside])
    codes = {finding.code for finding in check_interpretations(registry, default_corpus())}
    assert "interpretation_out_of_scope" in codes
