"""The import's PostgreSQL path (COPY for new rows, executemany UPDATE for changed ones)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from acquis.certifications.models import Certification, SkillBlock
from acquis.certifications.services import certification_registry_import
from acquis.demo.synthetic_certifications import write_synthetic_export
from tests.certifications.db import import_fixture

pytestmark = pytest.mark.postgresql


def test_import_update_and_search_on_postgresql(tmp_path, client):
    assert connection.vendor == "postgresql"
    assert import_fixture().counts.created == 13
    avf = Certification.objects.get(code="RNCP35506")
    assert avf.access_routes[1] == "Par expérience" and avf.registration_end == date(2031, 5, 4)
    assert import_fixture().counts.unchanged == 13
    first = write_synthetic_export(tmp_path, fiches=300, export_date=date(2026, 11, 1), seed=5)
    newer = write_synthetic_export(tmp_path, fiches=300, export_date=date(2026, 11, 2), seed=5, revise_every=10)
    counts = certification_registry_import(path=first).counts
    assert counts.created == 300 and counts.marked_absent == 13  # the fixture fiches are not in it
    result = certification_registry_import(path=newer)
    assert (result.counts.updated, result.counts.unchanged) == (30, 270)
    revised = Certification.objects.get(code="RNCP10010")
    assert revised.title.endswith("(révisée)") and "(revisee)" in revised.search_text
    assert SkillBlock.objects.filter(certification=revised).exists()
    body = client.get("/api/v1/certifications", {"q": "révisée", "include_inactive": "true"}).json()
    assert body["count"] == 30
