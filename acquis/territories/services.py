"""Loading the territories reference (régions, départements) from the bundled CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.territories.models import Department, Region

DEFAULT_TERRITORIES_CSV = Path(settings.BASE_DIR) / "data" / "reference" / "territories.csv"
COLUMNS = ("departement_code", "departement_name", "region_code", "region_name")


class TerritoriesFileError(ValueError):
    pass


@dataclass(frozen=True)
class TerritoriesLoadResult:
    regions_created: int
    departments_created: int
    departments_updated: int


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise TerritoriesFileError(f"{path} : colonnes attendues {', '.join(COLUMNS)} ; lues {reader.fieldnames}.")
        rows = []
        for line, row in enumerate(reader, start=2):
            if any(not (row[c] or "").strip() for c in COLUMNS):
                raise TerritoriesFileError(f"{path}, ligne {line} : valeur vide.")
            rows.append(row)
    return rows


@service
def territories_load(*, path: Path = DEFAULT_TERRITORIES_CSV, actor=None) -> TerritoriesLoadResult:
    """Create or update régions and départements; loading the same file twice changes nothing."""
    rows = _read_rows(path)
    regions: dict[str, Region] = {r.code: r for r in Region.objects.all()}
    regions_created = departments_created = departments_updated = 0
    for row in rows:
        region = regions.get(row["region_code"])
        if region is None:
            region = Region.objects.create(code=row["region_code"], name=row["region_name"])
            regions[region.code] = region
            regions_created += 1
        elif region.name != row["region_name"]:
            region.name = row["region_name"]
            region.save(update_fields=["name"])
        department, created = Department.objects.get_or_create(
            code=row["departement_code"], defaults={"name": row["departement_name"], "region": region}
        )
        if created:
            departments_created += 1
        elif department.name != row["departement_name"] or department.region_id != region.pk:
            department.name, department.region = row["departement_name"], region
            department.save(update_fields=["name", "region"])
            departments_updated += 1
    result = TerritoriesLoadResult(regions_created, departments_created, departments_updated)
    audit_event_record(
        actor=actor,
        action=EventType.TERRITORIES_LOADED,
        object_type="territories.reference",
        object_id=path.name,
        payload={"rows": len(rows), **result.__dict__},
    )
    return result
