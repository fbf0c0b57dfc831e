"""Parsing the small RNCP list of France VAE's platform (reva): ``rncp_id,label,certifier,available_at``.

It is not France Compétences' export: a comma-separated list of the certifications the platform opened to
VAE, with the RNCP number without its prefix (sometimes empty), the title, the certifier's name (no SIRET)
and the opening date ``DD/MM/YY``. Rows without a number cannot be keyed and are skipped (counted).
Pure Python, like :mod:`acquis.certifications.export`.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from acquis.certifications.export import FicheRecord, ParsedExport, RegistryParseError

COLUMNS = ("rncp_id", "label", "certifier", "available_at")
_NUMBER = re.compile(r"^\d{1,6}$")


def is_sample(path: Path) -> bool:
    """A CSV file whose header is the reva list's."""
    if not path.is_file() or path.suffix.lower() != ".csv":
        return False
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    return tuple(h.strip() for h in header) == COLUMNS


def parse_sample(path: str | Path) -> ParsedExport:
    path = Path(path)
    fiches: dict[str, FicheRecord] = {}
    skipped = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(h.strip() for h in next(reader, []))
        if header != COLUMNS:
            raise RegistryParseError(
                path.name, 1, f"colonnes attendues {', '.join(COLUMNS)} ; lues {', '.join(header)}"
            )
        line = reader.line_num + 1
        for values in reader:
            current, line = line, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(COLUMNS):
                raise RegistryParseError(path.name, current, f"{len(values)} champ(s) au lieu de {len(COLUMNS)}")
            number, label, certifier, available_at = (v.strip() for v in values)
            if not label:
                raise RegistryParseError(path.name, current, "intitulé (label) vide")
            if available_at:
                try:
                    day, month, year = available_at.split("/")
                    date(2000 + int(year), int(month), int(day))
                except ValueError:
                    raise RegistryParseError(
                        path.name, current, f"available_at « {available_at} » invalide (attendu : JJ/MM/AA)"
                    ) from None
            if not number:
                skipped += 1
                continue
            if not _NUMBER.match(number):
                raise RegistryParseError(path.name, current, f"rncp_id « {number} » invalide (chiffres attendus)")
            code = f"RNCP{number}"
            if code in fiches:
                raise RegistryParseError(path.name, current, f"{code} en double")
            fiches[code] = FicheRecord(
                code=code,
                title=label,
                certifiers=(((certifier, certifier),) if certifier else ()),
                vae_declared=True,
            )
    return ParsedExport(source=path.name, export_date=None, fiches=fiches, complete=False, skipped_rows=skipped)
