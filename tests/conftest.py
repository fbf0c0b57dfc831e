"""The strict harness (after les-emplois' tests/conftest.py).

- warnings are errors (pyproject), unknown template variables raise (config/settings/test.py);
- a GET cannot write (acquis.web.middleware.ReadOnlySafeMethodsMiddleware, active in tests as in production);
- every test outside the pure-Python layers (tests/rules, tests/law) gets database access;
- tests marked ``postgresql`` run only on PostgreSQL, the others only on SQLite, so each pass of
  ``make test`` runs its own half and a PostgreSQL test cannot silently run on SQLite;
- ``ACQUIS_TEST_CLOCK`` (an ISO date-time with offset) runs the whole suite at that instant, the clock ticking
  from there, e.g. late in the evening UTC when the day in Paris has already changed.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine

PURE_DIRS = ("rules", "law")
TESTS_DIR = Path(__file__).parent


def _on_postgresql() -> bool:
    return os.environ.get("ACQUIS_TEST_DATABASE_URL", "").startswith("postgres")


def pytest_configure(config):
    clock = os.environ.get("ACQUIS_TEST_CLOCK")
    if clock:
        # Started before collection so that module-level dates (a test module's TODAY) are read at that instant too;
        # never stopped, it lasts as long as the run.
        time_machine.travel(dt.datetime.fromisoformat(clock), tick=True).start()


def pytest_collection_modifyitems(config, items):
    on_pg = _on_postgresql()
    for item in items:
        relative = Path(item.fspath).relative_to(TESTS_DIR)
        pure = relative.parts[0] in PURE_DIRS and "django_db" not in item.keywords
        if not pure and "django_db" not in item.keywords:
            item.add_marker(pytest.mark.django_db)
        wants_pg = "postgresql" in item.keywords
        if wants_pg and not on_pg:
            item.add_marker(
                pytest.mark.skip(reason="test d'intégration PostgreSQL : lancé par la 2e passe de make test")
            )


@pytest.fixture(autouse=True)
def _statistics_snapshots(request, tmp_path_factory):
    """Each test writes its statistics snapshots in its own directory (never var/, never another test's)."""
    if "settings" not in request.fixturenames and request.node.get_closest_marker("django_db") is None:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.STATS_SNAPSHOT_DIR = tmp_path_factory.mktemp("statistics")
    yield
