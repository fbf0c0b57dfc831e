"""Importing the RNCP/RS registry (the only write of ``acquis.certifications``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.catalogue import is_catalogue, parse_catalogue
from acquis.certifications.export import FileProgress, ParsedExport, RegistryParseError, parse_export
from acquis.certifications.loading import SyncCounts, registry_sync
from acquis.certifications.sample import is_sample, parse_sample


@dataclass
class RegistryImportResult:
    source: str
    kind: str  # "export" (France Compétences), "sample" (the reva list) or "catalogue" (France VAE's)
    export_date: date | None
    fiches: int
    counts: SyncCounts
    ignored_files: list[str] = field(default_factory=list)
    skipped_rows: int = 0


def _parse(path: str | Path, progress: FileProgress | None = None) -> tuple[str, ParsedExport]:
    """Parse a ZIP export, a directory of its CSV files, or the reva CSV list."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".csv":
        if is_sample(path):
            return "sample", parse_sample(path)
        if is_catalogue(path):
            return "catalogue", parse_catalogue(path)
        raise RegistryParseError(
            path.name,
            1,
            "fichier CSV non reconnu : donnez l'archive export-fiches-csv-AAAA-MM-JJ.zip, le dossier de ses "
            "fichiers, la liste rncp_id,label,certifier,available_at ou le catalogue de France VAE "
            "(rncp_code,title,diploma_type,level,…)",
        )
    return "export", parse_export(path, progress)


@service
def certification_registry_import(
    *, path: str | Path, progress: FileProgress | None = None, actor=None
) -> RegistryImportResult:
    """Parse then load in one transaction: a malformed file raises RegistryParseError before any write,
    and importing the same file again changes nothing."""
    kind, export = _parse(path, progress)
    export_date = export.export_date or timezone.localdate()
    counts = registry_sync(export, export_date=export_date)
    result = RegistryImportResult(
        source=export.source,
        kind=kind,
        export_date=export.export_date,
        fiches=len(export.fiches),
        counts=counts,
        ignored_files=list(export.ignored_files),
        skipped_rows=export.skipped_rows,
    )
    audit_event_record(
        actor=actor,
        action=EventType.CERTIFICATION_REGISTRY_IMPORTED,
        object_type="certifications.registry",
        object_id=export.source[:200],
        payload={
            "kind": kind,
            "export_date": export.export_date.isoformat() if export.export_date else None,
            "fiches": len(export.fiches),
            **asdict(counts),
            "ignored_files": result.ignored_files,
            "skipped_rows": export.skipped_rows,
        },
    )
    return result
