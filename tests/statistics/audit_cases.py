"""The statistics services' audit cases, joined to tests/audit/test_services.py's CASES."""

from __future__ import annotations

import tempfile
from pathlib import Path

from acquis.audit.enums import EventType
from acquis.statistics import services
from tests.pathways.factories import department

SERVICES = "acquis.statistics.services."


def _snapshot():
    with tempfile.TemporaryDirectory() as root:
        return services.statistics_snapshot_create(root=Path(root))


def _needs():
    department("31")
    with tempfile.TemporaryDirectory() as root:
        content = b"departement_code,code_nsf,intitule,besoin\n31,331,Aides-soignants,12\n"
        return services.qualification_needs_load(content=content, root=Path(root))


STATISTICS_CASES = {
    SERVICES + "statistics_snapshot_create": (_snapshot, EventType.STATISTICS_SNAPSHOT_CREATED),
    SERVICES + "qualification_needs_load": (_needs, EventType.QUALIFICATION_NEEDS_LOADED),
}
