"""Importing the test export (tests/certifications/fixtures/) through the real service."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from acquis.certifications.services import certification_registry_import

FIXTURES = Path(__file__).with_name("fixtures")
EXPORT_DIR = FIXTURES / "export-fiches-csv-2026-11-01"
EXPORT_DATE = "2026_11_01"


def import_fixture():
    return certification_registry_import(path=EXPORT_DIR)


def copy_export(tmp_path: Path, name: str = "export-fiches-csv-2026-11-01") -> Path:
    """A writable copy of the fixture export, for variants."""
    target = tmp_path / name
    shutil.copytree(EXPORT_DIR, target)
    return target


def part_file(directory: Path, part: str) -> Path:
    return next(directory.glob(f"export_fiches_CSV_{part}_*.csv"))


def zip_export(directory: Path, target: Path) -> Path:
    """The directory as the published ZIP (files at the root of the archive)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.iterdir()):
            archive.write(path, arcname=path.name)
    return target
