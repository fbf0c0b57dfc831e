"""The same finder tests on PostgreSQL (text search with ``acquis_french`` and the GIN index), plus its schema."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.orientation.test_finder import *  # noqa: F403 — every case, run again on this engine
from tests.orientation.test_finder import find, world  # noqa: F401 — the fixture, by name

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def test_the_engine_is_postgresql_text_search(world):  # noqa: F811
    assert connection.vendor == "postgresql"
    assert find("soudeur").engine == "postgresql-fts"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('acquis_french', 'Infirmières soudeuses')::text")
        assert cursor.fetchone()[0] == "'infirmier':1 'soudeux':2"
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'orientation_finderdocument_search'")
        assert "gin (search_vector)" in cursor.fetchone()[0]
