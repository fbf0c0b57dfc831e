"""`check` against a small in-test corpus: sources found, in force, sentence present; law watch."""

from __future__ import annotations

import datetime as dt

from acquis.rules.catalogue import default_registry
from acquis.rules.check import check_source, check_sources
from acquis.rules.decision import CODE_DU_TRAVAIL, Source

D = dt.date
SENTENCE = "Ce report ne peut excéder un mois à compter de la demande."
SOURCE = Source("R6422-4", "LEGIARTI000048721677", D(2023, 12, 29), None, SENTENCE)


class SmallCorpus:
    def __init__(self, versions):
        self._versions = versions

    def versions_of(self, number, code=CODE_DU_TRAVAIL):
        # Keyed by number for the Code du travail, by (code, number) for another code.
        return self._versions.get(number if code == CODE_DU_TRAVAIL else (code, number), [])


def codes(findings):
    return sorted(f.code for f in findings)


def current_text():
    return f"Dans les quinze jours calendaires suivant la réception … {SENTENCE} L'absence de réponse … vaut accord."


def test_source_in_force_with_its_sentence_passes():
    corpus = SmallCorpus({"R6422-4": [("LEGIARTI000048721677", D(2023, 12, 29), None, current_text())]})
    assert check_source(corpus, SOURCE, D(2023, 12, 29), None, "p") == []


def test_unknown_legiarti_is_an_error():
    corpus = SmallCorpus({"R6422-4": [("LEGIARTI000039330059", D(2019, 11, 4), D(2023, 12, 29), "…")]})
    assert codes(check_source(corpus, SOURCE, D(2023, 12, 29), None, "p")) == ["source_not_found"]


def test_citing_before_the_version_came_into_force_is_an_error():
    corpus = SmallCorpus({"R6422-4": [("LEGIARTI000048721677", D(2023, 12, 29), None, current_text())]})
    assert "source_not_in_force" in codes(check_source(corpus, SOURCE, D(2023, 12, 1), None, "p"))


def test_law_watch_a_newer_version_flags_the_open_ended_use():
    corpus = SmallCorpus(
        {
            "R6422-4": [
                ("LEGIARTI000048721677", D(2023, 12, 29), D(2027, 1, 1), current_text()),
                ("LEGIARTI000099999999", D(2027, 1, 1), None, "Nouveau texte."),
            ]
        }
    )
    assert "law_changed" in codes(check_source(corpus, SOURCE, D(2023, 12, 29), None, "p"))


def test_a_sentence_absent_from_the_text_is_an_error():
    corpus = SmallCorpus(
        {"R6422-4": [("LEGIARTI000048721677", D(2023, 12, 29), None, "Ce report ne peut excéder six mois.")]}
    )
    assert codes(check_source(corpus, SOURCE, D(2023, 12, 29), None, "p")) == ["sentence_not_found"]


def test_whitespace_and_apostrophes_do_not_count_as_differences():
    corpus = SmallCorpus(
        {
            "R6422-4": [
                (
                    "LEGIARTI000048721677",
                    D(2023, 12, 29),
                    None,
                    "Ce report ne peut excéder un mois à compter de la demande .",
                )
            ]
        }
    )
    assert check_source(corpus, SOURCE, D(2023, 12, 29), None, "p") == []


def test_the_whole_catalogue_against_a_corpus_missing_everything():
    findings = check_sources(default_registry(), SmallCorpus({}))
    # …and the value marked « to confirm » (support.portal_rollout_latest) is listed whatever the corpus.
    assert findings and {f.code for f in findings} == {"source_not_found", "source_to_confirm"}


def test_rule_version_spanning_a_new_article_version_is_flagged():
    # A corpus where R6422-3 changed on 2026-01-01, inside the open-ended 2023 version of the rules citing it.
    versions = {
        "R6422-3": [
            ("LEGIARTI000048721680", D(2023, 12, 29), D(2026, 1, 1), "x"),
            ("LEGIARTI000099999998", D(2026, 1, 1), None, "y"),
        ]
    }
    findings = [f for f in check_sources(default_registry(), SmallCorpus(versions)) if f.code == "law_changed"]
    subjects = {f.subject for f in findings}
    assert "rule leave.request_latest_send_date@2023-12-29" in subjects
    assert "parameter leave.request_notice from 2023-12-29" in subjects
