"""Funding decisions as events: kind, funder kind, amount band; the pathway's funder taken from its decisions.

Hand-checkable set (decisions of 2021-03-10): an OPCO grants 600 € in full (band 500–999) and refuses another
request; Transitions Pro grants 1 000 € asked 1 200 € (partial, band 1 000–1 999); a pathway with no decision keeps
its collective programme's funder (none here: null)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from django.utils import timezone

from acquis.funding import services
from acquis.funding.enums import FunderKind
from acquis.statistics.engine import DuckDBEngine
from acquis.statistics.indicators import INDICATORS, Filters
from acquis.statistics.services import statistics_snapshot_create
from tests.funding.factories import funder, line, request_for
from tests.pathways.factories import CandidacyFactory

ON = dt.date(2021, 3, 1)
DECIDED = dt.date(2021, 3, 10)


def _decided(payer, asked: str, granted: str | None):
    request = request_for(payer, period_start=ON)
    added = line(request, "support", asked, ON)
    services.funding_request_submit(actor=None, request=request, submitted_on=ON)
    if granted is None:
        services.funding_request_decide(
            actor=None, request=request, granted={}, refused={added.pk: "outside_priorities"}, decided_on=DECIDED
        )
    else:
        services.funding_request_decide(
            actor=None, request=request, granted={added.pk: Decimal(granted)}, decided_on=DECIDED
        )
    return request


@pytest.fixture
def funded(db, tmp_path, settings):
    settings.STATS_SNAPSHOT_DIR = tmp_path
    opco = funder(FunderKind.OPCO, name="OPCO Santé")
    transitions = funder(FunderKind.TRANSITIONS_PRO, name="Transitions Pro Occitanie")
    requests = {
        "full": _decided(opco, "600.00", "600.00"),
        "refused": _decided(opco, "400.00", None),
        "partial": _decided(transitions, "1200.00", "1000.00"),
    }
    unfunded = CandidacyFactory()
    result = statistics_snapshot_create(on=timezone.localdate())
    return requests, unfunded, result.directory / "events.parquet"


def _rows(path, sql):
    return duckdb.sql(sql.format(events=f"read_parquet('{path}')")).fetchall()


def test_each_decision_is_one_event_with_its_funder_kind_and_band(funded):
    _requests, _unfunded, path = funded
    rows = _rows(
        path,
        "SELECT event, funder, amount_band, event_date, department IS NOT NULL, person_key IS NOT NULL "
        "FROM {events} WHERE domain = 'funding' ORDER BY event",
    )
    assert rows == [
        ("funding_full", "opco", "500 à 999 €", DECIDED, True, True),
        ("funding_partial", "transitions_pro", "1 000 à 1 999 €", DECIDED, True, True),
        ("funding_refused", "opco", "0 €", DECIDED, True, True),
    ]


def test_the_pathway_funder_is_its_latest_favourable_decision(funded):
    requests, unfunded, path = funded
    funders = _rows(path, "SELECT funder, count(*) FROM {events} WHERE event = 'registered' GROUP BY 1 ORDER BY 1")
    # Full → opco, partial → transitions_pro; the refused pathway and the unfunded one have no funder.
    assert funders == [("opco", 1), ("transitions_pro", 1), (None, 2)]
    assert unfunded.programme_id is None


def test_funding_indicator_by_funder(funded):
    *_, path = funded
    engine = DuckDBEngine(path)
    try:
        table = INDICATORS["funding"].run(engine, Filters())
        by_band = INDICATORS["funding"].run(engine, Filters(), "amount_band")
    finally:
        engine.close()
    assert table.columns == (
        "event_year",
        "funder",
        "funding_decided",
        "funding_full",
        "funding_partial",
        "funding_refused",
    )
    assert table.rows == [(2021, "opco", 2, 1, 0, 1), (2021, "transitions_pro", 1, 0, 1, 0)]
    assert (2021, "opco", "0 €", 1, 0, 0, 1) in by_band.rows
    with pytest.raises(ValueError):
        INDICATORS["funding"].run(DuckDBEngine(path), Filters(), "person_key")
