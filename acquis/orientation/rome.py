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


SKILLS_FILE = "unix_referentiel_competence_v460_utf8.csv"
KNOWLEDGE_FILE = "unix_referentiel_savoir_v460_utf8.csv"


@dataclass(frozen=True)
class SkillRecord:
    """A skill (« compétence » or « macro-compétence »: a savoir-faire or savoir-être professionnel)."""

    code_ogr: int
    label: str
    macro: bool
    #: The macro-compétence grouping this skill (its code OGR), None for a macro-compétence itself.
    macro_code_ogr: int | None
    category: str
    subcategory: str


@dataclass(frozen=True)
class KnowledgeRecord:
    """A « savoir » (knowledge): a field, a technique, a standard, a certification or habilitation, a tool."""

    code_ogr: int
    label: str
    category: str
    subcategory: str


def _ogr(value: str, file: str, line: int) -> int:
    value = value.strip()
    if not value.isdigit():
        raise RomeFileError(f"{file}, ligne {line} : code OGR « {value[:20]} » invalide.")
    return int(value)


def _label(value: str, file: str, line: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise RomeFileError(f"{file}, ligne {line} : libellé vide.")
    return value


def read_skills(directory: Path) -> list[SkillRecord]:
    required = ("code_ogr", "nature", "libelle_competence", "code_ogr_macro_comp", "cat_comp", "sous_cat_comp")
    records: dict[int, SkillRecord] = {}
    for line, row in _rows(directory / SKILLS_FILE, required):
        ogr = _ogr(row["code_ogr"], SKILLS_FILE, line)
        if ogr in records:
            raise RomeFileError(f"{SKILLS_FILE}, ligne {line} : code OGR {ogr} en double.")
        macro = row["nature"].strip() == "Macro-compétence"
        parent = row["code_ogr_macro_comp"].strip()
        records[ogr] = SkillRecord(
            code_ogr=ogr,
            label=_label(row["libelle_competence"], SKILLS_FILE, line),
            macro=macro,
            macro_code_ogr=_ogr(parent, SKILLS_FILE, line) if parent else None,
            category=row["cat_comp"].strip(),
            subcategory=row["sous_cat_comp"].strip(),
        )
    return list(records.values())


def read_knowledge(directory: Path) -> list[KnowledgeRecord]:
    required = ("code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir")
    records: dict[int, KnowledgeRecord] = {}
    for line, row in _rows(directory / KNOWLEDGE_FILE, required):
        ogr = _ogr(row["code_ogr_savoir"], KNOWLEDGE_FILE, line)
        if ogr in records:
            raise RomeFileError(f"{KNOWLEDGE_FILE}, ligne {line} : code OGR {ogr} en double.")
        records[ogr] = KnowledgeRecord(
            code_ogr=ogr,
            label=_label(row["libelle_savoir"], KNOWLEDGE_FILE, line),
            category=row["categorie_savoir"].strip(),
            subcategory=row["sous_categorie_savoir"].strip(),
        )
    return list(records.values())
