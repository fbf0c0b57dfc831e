"""Reading the ROME v4.60 CSV files France Travail publishes (data/reference/rome/). Pure Python.

Every field is double-quoted and some contain line breaks: read with the csv module, ``newline=''``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

CODES_FILE = "unix_referentiel_code_rome_v460_utf8.csv"
TITLES_FILE = "unix_referentiel_appellation_v460_utf8.csv"
_CODE = re.compile(r"^[A-N]\d{4}$")


class RomeFileError(ValueError):
    """A ROME file Acquis cannot read; the message says which file, line and why, in French."""


@dataclass(frozen=True)
class JobTitleRecord:
    code_ogr: int
    label: str
    rome_code: str
    principal: bool
    rarely_used: bool


def _rows(path: Path, required: tuple[str, ...]):
    if not path.is_file():
        raise RomeFileError(f"{path} : fichier introuvable.")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            raise RomeFileError(f"{path.name} : colonne(s) manquante(s) {', '.join(missing)}.")
        for row in reader:
            if not any((value or "").strip() for value in row.values()):
                continue
            yield reader.line_num, row


def read_codes(directory: Path) -> dict[str, tuple[str, str]]:
    """ROME code → (label, parent code)."""
    codes: dict[str, tuple[str, str]] = {}
    for line, row in _rows(directory / CODES_FILE, ("code_rome", "libelle_rome", "code_rome_parent")):
        code, parent = row["code_rome"].strip(), row["code_rome_parent"].strip() or row["code_rome"].strip()
        if not _CODE.match(code) or not _CODE.match(parent):
            raise RomeFileError(f"{CODES_FILE}, ligne {line} : code ROME « {code} » ou parent « {parent} » invalide.")
        codes[code] = (row["libelle_rome"].strip(), parent)
    return codes


def read_job_titles(directory: Path, codes: dict) -> list[JobTitleRecord]:
    titles: list[JobTitleRecord] = []
    required = ("code_ogr", "libelle_appellation_long", "code_rome", "classification", "peu_usite")
    for line, row in _rows(directory / TITLES_FILE, required):
        code = row["code_rome"].strip()
        if code not in codes:
            raise RomeFileError(f"{TITLES_FILE}, ligne {line} : code ROME « {code} » absent de {CODES_FILE}.")
        ogr = row["code_ogr"].strip()
        if not ogr.isdigit():
            raise RomeFileError(f"{TITLES_FILE}, ligne {line} : code OGR « {ogr} » invalide.")
        titles.append(
            JobTitleRecord(
                code_ogr=int(ogr),
                label=row["libelle_appellation_long"].strip(),
                rome_code=code,
                principal=row["classification"].strip() == "PRINCIPALE",
                rarely_used=row["peu_usite"].strip() == "O",
            )
        )
    return titles
