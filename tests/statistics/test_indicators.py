"""Each indicator on the small data set of conftest.py, counted by hand."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from acquis.statistics.engine import DuckDBEngine
from acquis.statistics.indicators import INDICATORS, Filters
from acquis.statistics.snapshot import hmac_sql, key_of


@pytest.fixture
def engine(snapshot):
    engine = DuckDBEngine(snapshot.events)
    yield engine
    engine.close()


def run(engine, name, filters=None, by=None):
    return INDICATORS[name].run(engine, filters or Filters(), by).rows


def test_funnel_by_cohort_follows_each_cohort_through_later_years(engine):
    # 2024: 6 registered, 5 filed (all but the drop-out), 5 admissible (4 decisions + 1 silence), 3 juries, one of
    # each result. 2025: 2 registered, 1 filed.
    assert run(engine, "funnel_cohort") == [(2024, 6, 5, 5, 3, 1, 1, 1), (2025, 2, 1, 0, 0, 0, 0, 0)]


def test_yearly_view_counts_steps_in_the_year_they_happen(engine):
    # The 2024 drop-out happens today (2026): the cohort view puts nothing in 2026, the yearly view has the year.
    rows = run(engine, "funnel_yearly")
    assert rows[:2] == [(2024, 6, 5, 5, 3, 1, 1, 1), (2025, 2, 1, 0, 0, 0, 0, 0)]
    assert [r[0] for r in rows] == [2024, 2025, 2026]


def test_cohort_and_yearly_views_differ_when_a_step_crosses_the_year(engine):
    filtered = Filters(year_from=2025, year_to=2025)
    # 2025 cohort: its own 2 pathways; 2025 events: the same two registrations and one filing, nothing else.
    assert run(engine, "funnel_cohort", filtered) == [(2025, 2, 1, 0, 0, 0, 0, 0)]
    assert run(engine, "funnel_yearly", filtered) == [(2025, 2, 1, 0, 0, 0, 0, 0)]
    lapses = engine.rows("SELECT event_year, COUNT(*) FROM {events} WHERE event = 'lapsed' GROUP BY 1")
    assert lapses == [(2025, 2)]  # 2024 cohort, lapsed in 2025


def test_dropout_and_lapse_rates(engine):
    # 2024: 1 drop-out of 6 (16.7 %); 2 lapses (the admissible one and the deemed one, no step recorded) of 5.
    assert run(engine, "rates") == [(2024, 6, 1, 16.7, 5, 2, 40.0), (2025, 2, 0, 0.0, 0, 0, None)]


def test_durations_quartiles(engine):
    rows = {r[0]: r[1:] for r in run(engine, "durations")}
    assert rows["De l'inscription au dépôt du dossier de faisabilité"] == (6, 30.0, 30.0, 30.0)
    # Filing → admissibility: 30 days for the 4 decisions (+60 − +30), 73 for the silence (due 09-11, +1 day).
    assert rows["Du dépôt à la recevabilité (décision ou silence)"] == (5, 30.0, 30.0, 30.0)
    assert rows["De la recevabilité au jury"] == (3, 60.0, 60.0, 60.0)
    assert rows["De l'inscription au résultat du jury"] == (3, 120.0, 120.0, 120.0)


def test_decisions_by_silence_per_certifier(engine, small_world):
    rows = {siret: (decided, deemed, rate) for siret, decided, deemed, rate in run(engine, "silence_by_certifier")}
    assert rows[small_world["deemed"].certifier.siret] == (0, 1, 100.0)
    assert rows[small_world["full"].certifier.siret] == (1, 0, 0.0)
    assert sum(d for d, _x, _r in rows.values()) == 4


def test_scope_filters_a_certifier(engine, small_world):
    siret = small_world["full"].certifier.siret
    assert run(engine, "funnel_cohort", Filters(certifier_siret=siret)) == [(2024, 1, 1, 1, 1, 1, 0, 0)]


def test_breakdowns(engine):
    assert run(engine, "registrations", by="region") == [("76", 8)]
    assert run(engine, "registrations", by="event_month") == [("2024-06", 6), ("2025-03", 2)]
    with pytest.raises(ValueError):
        run(engine, "registrations", by="person_key")


def test_pseudonymous_key_is_the_hmac_of_the_id(settings):
    import duckdb

    key = settings.STATS_PSEUDONYM_KEY.encode()
    expression = hmac_sql(key, "'person:42'")
    got = duckdb.connect().execute(f"SELECT {expression}").fetchone()[0]
    assert got == int(hmac.new(key, b"person:42", hashlib.sha256).hexdigest()[:16], 16) & (2**63 - 1)
    assert got == key_of(key, "person:42")
    assert key_of(b"another secret", "person:42") != got


def test_leave_requests_answers_postponements_and_deemed_consents(small_world, tmp_path, settings):
    """Three requests received on 2024-07-01: one accepted and one postponed five days later, one never answered
    (consent deemed acquired once the answer was due, leave.status); one received ten days ago, not yet due."""
    import datetime as dt

    from django.utils import timezone

    from acquis.statistics.selectors import latest_snapshot
    from acquis.statistics.services import statistics_snapshot_create
    from tests.leave.factories import LeaveRequestFactory

    LeaveRequestFactory(answered_accept=True, era_2024=True)
    LeaveRequestFactory(postponed=True, era_2024=True)
    LeaveRequestFactory(sent=True, era_2024=True)
    LeaveRequestFactory(sent=True)
    settings.STATS_SNAPSHOT_DIR = tmp_path
    statistics_snapshot_create(on=timezone.localdate())
    engine = DuckDBEngine(latest_snapshot().events)
    try:
        recent = (timezone.localdate() - dt.timedelta(days=10)).year
        # (year, received, accepted, postponed, deemed consents)
        assert run(engine, "leave") == [(2024, 3, 1, 1, 1), (recent, 1, 0, 0, 0)]
    finally:
        engine.close()
