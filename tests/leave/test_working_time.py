"""R6422-8-1's cited sentences are those of the vendored corpus, each version in force on its dates."""

from __future__ import annotations

import datetime as dt
import functools

from acquis.law.corpus import DATA_DIR, Corpus
from acquis.law.parsing import parse_legi_data
from acquis.leave.working_time import R6422_8_1, working_time_sources
from acquis.rules.check import check_source


@functools.cache
def corpus():
    snapshots = ("2020-01-01", "2026-03-27")
    return Corpus.from_sources(
        [parse_legi_data(DATA_DIR / f"legi-data/code-du-travail-6e-partie-{day}.json.gz") for day in snapshots]
    )


def test_every_sentence_is_in_the_corpus_with_its_interval():
    for version in R6422_8_1:
        for source in version:
            findings = check_source(corpus(), source, source.valid_from, source.valid_until, "R6422-8-1")
            assert findings == [], findings


def test_version_by_date():
    assert working_time_sources(dt.date(2019, 11, 3)) == ()
    assert working_time_sources(dt.date(2021, 5, 10))[0].legiarti == "LEGIARTI000039312509"
    assert working_time_sources(dt.date(2024, 1, 1))[1].legiarti == "LEGIARTI000048721664"
