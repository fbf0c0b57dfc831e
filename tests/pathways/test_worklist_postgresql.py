"""The worklist's grouped count query on PostgreSQL (covering index, packed keys) agrees with the rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from acquis.pathways import selectors
from tests.pathways.test_selectors import _certifier_world


@pytest.mark.postgresql
def test_grouped_counts_match_row_by_row_on_postgresql():
    assert connection.vendor == "postgresql"
    certifier, _ = _certifier_world()
    for on in (dt.date(2024, 7, 1), dt.date(2024, 9, 1), dt.date(2025, 6, 1)):
        worklist = selectors.worklist(scope="certifier", organisation=certifier, on=on)
        rows = selectors.worklist(scope="certifier", organisation=certifier, on=on, statuses=list(worklist.counts))
        by_row: dict[str, int] = {}
        for row in rows.rows:
            by_row[row.status] = by_row.get(row.status, 0) + 1
        assert {code: n for code, n in worklist.counts.items() if n} == by_row
