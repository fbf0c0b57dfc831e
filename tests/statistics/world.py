"""A small data set whose counts can be checked by hand, and its snapshot.

Cohort 2024 (begun and registered 2024-06-01; filed +30 d, complete +40 d, decision +60 d, validation +90 d, jury
+120 d — tests/pathways/factories.py): full, partial (1 block), refused, admissible (then lapsed: no step
recorded), complete without decision (deemed admissible by silence, then lapsed), registered then dropped out.
Cohort 2025 (2025-03-01): filed only, registered only. No congé VAE request (test_indicators adds its own)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from acquis.statistics.services import statistics_snapshot_create
from tests.pathways.factories import CandidacyFactory

D = dt.date


@pytest.fixture
def small_world(db):
    made = {
        "full": CandidacyFactory(result_full=True, started_on=D(2024, 6, 1)),
        "partial": CandidacyFactory(result_partial=True, started_on=D(2024, 6, 1)),
        "refused": CandidacyFactory(result_refused=True, started_on=D(2024, 6, 1)),
        "admissible": CandidacyFactory(admissible=True, started_on=D(2024, 6, 1)),
        "deemed": CandidacyFactory(complete=True, started_on=D(2024, 6, 1)),
        "dropped": CandidacyFactory(dropped_out=True, started_on=D(2024, 6, 1)),
        "filed": CandidacyFactory(filed=True, started_on=D(2025, 3, 1)),
        "registered": CandidacyFactory(started_on=D(2025, 3, 1)),
    }
    return made


@pytest.fixture
def snapshot(small_world, tmp_path, settings):
    settings.STATS_SNAPSHOT_DIR = tmp_path
    result = statistics_snapshot_create(on=timezone.localdate())
    from acquis.statistics.selectors import latest_snapshot

    snap = latest_snapshot()
    assert snap is not None and snap.on == result.on
    return snap
