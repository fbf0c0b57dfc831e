"""Parsing France VAE's catalogue of the certifications it offers (``data/reference/france-vae-certifications-*.csv``).

``rncp_code,title,diploma_type,level,domain,collective_agreement,certifier,listed_active``: 243 real fiches
with their level and certifier, but no blocks and no ROME links (see data/reference/README.md). Every row is
a certification offered through VAE; ``listed_active`` is the source's "Certification active ?" flag.
The diploma type goes where France compétences' export puts it (``Abrege_Libelle``). Pure Python, like
:mod:`acquis.certifications.sample`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from acquis.certifications.export import CODE_RE, FicheRecord, ParsedExport, RegistryParseError

COLUMNS = (
    "rncp_code",
    "title",
    "diploma_type",
    "level",
    "domain",
    "collective_agreement",
    "certifier",
    "listed_active",
)
_ACTIVE = {"yes": True, "no": False}


def _header(path: Path) -> tuple[str, ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(h.strip() for h in next(csv.reader(handle), []))


def is_catalogue(path: Path) -> bool:
    """A CSV file whose header is the France VAE catalogue's."""
    return path.is_file() and path.suffix.lower() == ".csv" and _header(path) == COLUMNS


def _record(path: Path, line: int, row: dict[str, str]) -> FicheRecord:
    code = row["rncp_code"].strip().upper()
    if not CODE_RE.match(code):
        raise RegistryParseError(path.name, line, f"rncp_code « {code} » invalide (attendu : RNCP suivi de chiffres)")
    title = row["title"].strip()
    if not title:
        raise RegistryParseError(path.name, line, "intitulé (title) vide")
    level_text = row["level"].strip()
    if level_text and not (level_text.isdigit() and 1 <= int(level_text) <= 8):
        raise RegistryParseError(path.name, line, f"niveau « {level_text} » invalide (1 à 8)")
    active = _ACTIVE.get(row["listed_active"].strip().lower())
    if active is None:
        raise RegistryParseError(path.name, line, f"listed_active « {row['listed_active']} » invalide (yes ou no)")
    certifier = row["certifier"].strip()
    return FicheRecord(
        code=code,
        title=title,
        abbreviation=row["diploma_type"].strip(),
        level=int(level_text) if level_text else None,
        level_raw=f"NIV{level_text}" if level_text else "",
        active=active,
        certifiers=((certifier, certifier),) if certifier else (),
        vae_declared=True,
    )


def parse_catalogue(path: str | Path) -> ParsedExport:
    path = Path(path)
    if _header(path) != COLUMNS:
        raise RegistryParseError(path.name, 1, f"colonnes attendues {', '.join(COLUMNS)}")
    fiches: dict[str, FicheRecord] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            if None in row or any(value is None for value in row.values()):
                raise RegistryParseError(path.name, line, f"nombre de champs différent de {len(COLUMNS)}")
            record = _record(path, line, row)
            if record.code in fiches:
                raise RegistryParseError(path.name, line, f"{record.code} en double")
            fiches[record.code] = record
    return ParsedExport(source=path.name, export_date=None, fiches=fiches, complete=False)
