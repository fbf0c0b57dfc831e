"""Parsing France Compétences' open-data export of the RNCP and the RS (pure Python, no Django).

The export is a ZIP ``export-fiches-csv-YYYY-MM-DD.zip`` of ``;``-separated, double-quoted, UTF-8 CSV
files ``export_fiches_CSV_<Part>_YYYY_MM_DD.csv``, one row per fiche in ``Standard`` and one row per
item (block, certifier, ROME code…) in the side files, all keyed by ``Numero_Fiche``. Column names follow
the published files (see docs/domains/certifications.md for what was checked and what assumed).

The parser validates everything before returning: the first malformed row raises
:class:`RegistryParseError` with the file name, the line number and the reason, so the loader never sees
half an export.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from acquis.certifications.levels import LevelError, fold, parse_level
from acquis.documents.inflate import InflationRefused, read_bounded

CODE_RE = re.compile(r"^(RNCP|RS)\d{1,6}$")
ROME_RE = re.compile(r"^[A-Z]\d{4}$")
SIRET_RE = re.compile(r"^\d{14}$")
_FILE_RE = re.compile(r"^export_fiches_csv_(.+?)_(\d{4})_(\d{2})_(\d{2})\.csv$", re.IGNORECASE)
_ZIP_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: Column sizes of the tables (acquis/certifications/models.py); longer values are refused, not cut.
TITLE_MAX = 500
BLOCK_CODE_MAX = 24
BLOCK_TITLE_MAX = 1000
#: Rows between two progress reports: often enough for a smooth bar, rarely enough to cost nothing.
_PROGRESS_EVERY = 5000

#: Progress per file: (file name, size in bytes) → a callback fed (bytes read, size), or None.
FileProgress = Callable[[str, int], Callable[[int, int], None] | None]

STANDARD = "standard"
BLOCKS = "blocks"
CERTIFIERS = "certifiers"
ROME = "rome"
NSF = "nsf"
ROUTES = "routes"
REPLACEMENTS = "replacements"

# Folded part name (accents, case, "_" and "'" removed) → part. "VoixdAccès" is the published spelling.
_PARTS = {
    "standard": STANDARD,
    "blocsdecompetences": BLOCKS,
    "certificateurs": CERTIFIERS,
    "rome": ROME,
    "nsf": NSF,
    "voixdacces": ROUTES,
    "voiesdacces": ROUTES,
    "anciennenouvellecertification": REPLACEMENTS,
}
#: Parts Acquis does not use (training codes, partner schools, collective agreements): read past, listed.
IGNORED_PARTS = ("formacode", "partenaires", "ccn")

REQUIRED_COLUMNS = {
    STANDARD: ("Numero_Fiche", "Intitule", "Nomenclature_Europe_Niveau", "Date_Fin_Enregistrement", "Actif"),
    BLOCKS: ("Numero_Fiche", "Bloc_Competences_Code", "Bloc_Competences_Libelle"),
    CERTIFIERS: ("Numero_Fiche", "Siret_Certificateur", "Nom_Certificateur"),
    ROME: ("Numero_Fiche", "Codes_Rome_Code", "Codes_Rome_Libelle"),
    NSF: ("Numero_Fiche", "Nsf_Code", "Nsf_Intitule"),
    ROUTES: ("Numero_Fiche", "Si_Jury"),
    REPLACEMENTS: ("Numero_Fiche", "Ancienne_Certification", "Nouvelle_Certification"),
}
_PART_ORDER = (STANDARD, BLOCKS, CERTIFIERS, ROME, NSF, ROUTES, REPLACEMENTS)


class RegistryKind(StrEnum):
    RNCP = "rncp"  # répertoire national des certifications professionnelles
    RS = "rs"  # répertoire spécifique (certifications et habilitations, no level)


def registry_kind(code: str) -> RegistryKind:
    return RegistryKind.RS if code.startswith("RS") else RegistryKind.RNCP


class RegistryParseError(ValueError):
    """A malformed export: which file, which line (1 = the header), and why."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        where = f"{file}, ligne {line}" if line else file
        super().__init__(f"{where} : {reason}")


@dataclass(frozen=True, slots=True)
class FicheRecord:
    """One fiche with everything the side files say about it; tuples keep the export's order."""

    code: str
    title: str
    fiche_id: str = ""
    abbreviation: str = ""
    abbreviated_title: str = ""
    level: int | None = None
    level_raw: str = ""
    registration_type: str = ""
    partial_validation: str = ""
    active: bool = True
    last_official_journal_on: date | None = None
    decision_on: date | None = None
    registration_end: date | None = None
    effective_on: date | None = None
    blocks: tuple[tuple[str, str], ...] = ()
    certifiers: tuple[tuple[str, str], ...] = ()
    rome: tuple[tuple[str, str], ...] = ()
    nsf: tuple[tuple[str, str], ...] = ()
    access_routes: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    #: When the source itself says so (the reva sample lists only fiches open to VAE).
    vae_declared: bool = False

    @property
    def vae_accessible(self) -> bool:
        return self.vae_declared or any(is_vae_route(route) for route in self.access_routes)

    def content_hash(self) -> str:
        """Fingerprint of what Acquis stores: equal hashes mean a re-import has nothing to change."""
        payload = repr(tuple(getattr(self, name) for name in self.__slots__)).encode("utf-8")
        return hashlib.blake2b(payload, digest_size=20).hexdigest()


@dataclass(frozen=True)
class ParsedExport:
    source: str
    export_date: date | None
    fiches: dict[str, FicheRecord]
    #: True for a complete export (fiches absent from it are marked absent), False for a partial list.
    complete: bool = True
    ignored_files: tuple[str, ...] = ()
    skipped_rows: int = 0


@lru_cache(maxsize=256)
def is_vae_route(route: str) -> bool:
    """``Si_Jury`` names a way of obtaining the certification; "Par expérience" is the VAE.

    Older exports had a yes/no column per route (``SI_JURY_VAE`` = "Oui"), hence "oui".
    """
    text = fold(route).strip()
    return text.startswith("par experience") or "acquis de l'experience" in text or text in ("oui", "vae")


def parse_date(raw: str) -> date | None:
    """``DD/MM/YYYY`` as published; ISO ``YYYY-MM-DD`` is accepted too. Empty → None."""
    text = raw.strip()
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = text.split("/")
            if len(year) != 4:
                raise ValueError
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date « {raw} » invalide (attendu : JJ/MM/AAAA)") from None


# --- Reading the files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    name: str
    size: int
    open: Callable[[], io.BufferedIOBase]
    compressed_size: int | None = None  # a ZIP member's: its inflation is bounded (acquis.documents.inflate)


def _zip_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:
        # Without the UTF-8 flag, zipfile decodes names as CP437: "Compétences" comes out garbled.
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return unicodedata.normalize("NFC", name.rsplit("/", 1)[-1])


def _members(path: Path) -> tuple[list[_Member], zipfile.ZipFile | None]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        members = [
            _Member(unicodedata.normalize("NFC", p.name), p.stat().st_size, lambda p=p: p.open("rb")) for p in files
        ]
        return members, None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RegistryParseError(path.name, None, f"archive ZIP illisible ({exc})") from exc
    members = [
        _Member(_zip_name(info), info.file_size, lambda info=info: archive.open(info), info.compress_size)
        for info in archive.infolist()
        if not info.is_dir() and info.filename.lower().endswith(".csv")
    ]
    return members, archive


def part_of(name: str) -> tuple[str | None, date | None]:
    """(part, date written in the name) of an export file; part None for a file Acquis does not read."""
    match = _FILE_RE.match(name)
    if not match:
        return None, None
    key = re.sub(r"[_'’ ]", "", fold(match.group(1)))
    try:
        day = date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
    except ValueError:
        day = None
    return _PARTS.get(key), day


def _text(raw, name: str, compressed_size: int | None = None) -> str:
    """The whole member decoded at once (fast); an encoding fault is located by counting line ends."""
    try:
        data = raw.read() if compressed_size is None else read_bounded(raw, compressed_size=compressed_size)
    except InflationRefused as exc:
        raise RegistryParseError(name, None, str(exc)) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RegistryParseError(name, line, f"encodage non UTF-8 ({exc.reason})") from None


def _rows(member: _Member, part: str, progress: FileProgress | None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV member, after checking its header; values are stripped."""
    report = progress(member.name, member.size) if progress else None
    with member.open() as raw:
        text = _text(raw, member.name, member.compressed_size)
    # newline="": line ends stay as written, so quoted fields keep their own line breaks (csv module rule).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    total_lines = text.count("\n") or 1
    try:
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in REQUIRED_COLUMNS[part] if c not in header]
        if missing:
            raise RegistryParseError(member.name, 1, f"colonne(s) manquante(s) : {', '.join(missing)}")
        line = reader.line_num + 1
        for count, values in enumerate(reader, start=1):
            if values and any(v.strip() for v in values):
                if len(values) != len(header):
                    raise RegistryParseError(
                        member.name, line, f"{len(values)} champ(s) au lieu de {len(header)} (séparateur « ; »)"
                    )
                yield line, {h: v.strip() for h, v in zip(header, values, strict=True)}
            line = reader.line_num + 1
            if report and count % _PROGRESS_EVERY == 0:
                report(min(member.size, member.size * line // total_lines), member.size)
    except csv.Error as exc:
        raise RegistryParseError(member.name, reader.line_num, f"CSV mal formé ({exc})") from exc
    if report:
        report(member.size, member.size)


# --- Building fiches ---------------------------------------------------------------------------------------


@dataclass
class _Draft:
    values: dict
    blocks: dict[str, str] = field(default_factory=dict)
    certifiers: dict[str, str] = field(default_factory=dict)
    rome: dict[str, str] = field(default_factory=dict)
    nsf: dict[str, str] = field(default_factory=dict)
    routes: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)
    next: list[str] = field(default_factory=list)

    def record(self) -> FicheRecord:
        return FicheRecord(
            **self.values,
            blocks=tuple(self.blocks.items()),
            certifiers=tuple(self.certifiers.items()),
            rome=tuple(self.rome.items()),
            nsf=tuple(self.nsf.items()),
            access_routes=tuple(self.routes),
            previous=tuple(self.previous),
            next=tuple(self.next),
        )


def _standard(name: str, line: int, row: dict[str, str]) -> dict:
    def fail(reason: str) -> RegistryParseError:
        return RegistryParseError(name, line, reason)

    code = row["Numero_Fiche"].upper()
    if not CODE_RE.match(code):
        raise fail(f"Numero_Fiche « {row['Numero_Fiche']} » invalide (attendu : RNCP12345 ou RS1234)")
    if not row["Intitule"]:
        raise fail(f"{code} : Intitule vide")
    if len(row["Intitule"]) > TITLE_MAX:
        raise fail(f"{code} : Intitule de plus de {TITLE_MAX} caractères")
    active = row["Actif"].upper()
    if active not in ("ACTIVE", "INACTIVE"):
        raise fail(f"{code} : Actif « {row['Actif']} » invalide (attendu : ACTIVE ou INACTIVE)")
    try:
        level = parse_level(row["Nomenclature_Europe_Niveau"])
    except LevelError as exc:
        raise fail(f"{code} : {exc}") from None
    dates = {}
    for column, key in (
        ("Date_dernier_jo", "last_official_journal_on"),
        ("Date_Decision", "decision_on"),
        ("Date_Fin_Enregistrement", "registration_end"),
        ("Date_Effet", "effective_on"),
    ):
        try:
            dates[key] = parse_date(row.get(column, ""))
        except ValueError as exc:
            raise fail(f"{code} : {column} : {exc}") from None
    return {
        "code": code,
        "title": row["Intitule"],
        "fiche_id": row.get("Id_Fiche", ""),
        "abbreviation": row.get("Abrege_Libelle", ""),
        "abbreviated_title": row.get("Abrege_Intitule", ""),
        "level": level,
        "level_raw": row["Nomenclature_Europe_Niveau"],
        "registration_type": row.get("Type_Enregistrement", ""),
        "partial_validation": row.get("Validation_Partielle", ""),
        "active": active == "ACTIVE",
        **dates,
    }


def _side_row(part: str, name: str, line: int, row: dict[str, str], draft: _Draft) -> None:
    def fail(reason: str) -> RegistryParseError:
        return RegistryParseError(name, line, reason)

    code = row["Numero_Fiche"].upper()
    if part == BLOCKS:
        block, title = row["Bloc_Competences_Code"], row["Bloc_Competences_Libelle"]
        if not block:
            raise fail(f"{code} : Bloc_Competences_Code vide")
        if len(block) > BLOCK_CODE_MAX or len(title) > BLOCK_TITLE_MAX:
            raise fail(
                f"{code} : bloc {block[:BLOCK_CODE_MAX]} trop long "
                f"(code ≤ {BLOCK_CODE_MAX}, intitulé ≤ {BLOCK_TITLE_MAX} caractères)"
            )
        if draft.blocks.get(block, title) != title:
            raise fail(f"{code} : bloc {block} présent deux fois avec des intitulés différents")
        draft.blocks[block] = title
    elif part == CERTIFIERS:
        siret, certifier = row["Siret_Certificateur"].replace(" ", ""), row["Nom_Certificateur"]
        if siret and not SIRET_RE.match(siret):
            raise fail(f"{code} : Siret_Certificateur « {siret} » invalide (14 chiffres attendus)")
        if siret or certifier:
            draft.certifiers.setdefault(siret or certifier, certifier)
    elif part == ROME:
        rome = row["Codes_Rome_Code"].upper()
        if rome and not ROME_RE.match(rome):
            raise fail(
                f"{code} : code ROME « {row['Codes_Rome_Code']} » invalide (attendu : une lettre et 4 chiffres)"
            )
        if rome:
            draft.rome.setdefault(rome, row["Codes_Rome_Libelle"])
    elif part == NSF:
        if row["Nsf_Code"]:
            draft.nsf.setdefault(row["Nsf_Code"], row["Nsf_Intitule"])
    elif part == ROUTES:
        if row["Si_Jury"] and row["Si_Jury"] not in draft.routes:
            draft.routes.append(row["Si_Jury"])
    elif part == REPLACEMENTS:
        for column, target in (("Ancienne_Certification", draft.previous), ("Nouvelle_Certification", draft.next)):
            other = row[column].upper()
            if not other:
                continue
            if not CODE_RE.match(other):
                raise fail(f"{code} : {column} « {row[column]} » invalide (attendu : RNCP12345 ou RS1234)")
            if other == code:
                raise fail(f"{code} : la fiche se remplace elle-même")
            if other not in target:
                target.append(other)


def parse_export(path: str | Path, progress: FileProgress | None = None) -> ParsedExport:
    """Parse a ZIP export or a directory of its CSV files; raises RegistryParseError on the first fault."""
    path = Path(path)
    if not path.exists():
        raise RegistryParseError(str(path), None, "fichier ou dossier introuvable")
    members, archive = _members(path)
    try:
        by_part: dict[str, _Member] = {}
        ignored = []
        standard_date = None
        for member in members:
            part, day = part_of(member.name)
            if part is None:
                ignored.append(member.name)
                continue
            if part in by_part:
                raise RegistryParseError(
                    member.name, None, f"deuxième fichier « {part} » (déjà : {by_part[part].name})"
                )
            by_part[part] = member
            if part == STANDARD:
                standard_date = day
        if STANDARD not in by_part:
            raise RegistryParseError(path.name, None, "aucun fichier export_fiches_CSV_Standard_AAAA_MM_JJ.csv")
        drafts: dict[str, _Draft] = {}
        first_line: dict[str, int] = {}
        standard = by_part[STANDARD]
        for line, row in _rows(standard, STANDARD, progress):
            values = _standard(standard.name, line, row)
            code = values["code"]
            if code in drafts:
                raise RegistryParseError(
                    standard.name, line, f"Numero_Fiche {code} en double (déjà ligne {first_line[code]})"
                )
            drafts[code] = _Draft(values)
            first_line[code] = line
        for part in _PART_ORDER[1:]:
            member = by_part.get(part)
            if member is None:
                continue
            for line, row in _rows(member, part, progress):
                code = row["Numero_Fiche"].upper()
                draft = drafts.get(code)
                if draft is None:
                    raise RegistryParseError(
                        member.name, line, f"fiche {code or '(vide)'} absente du fichier Standard"
                    )
                _side_row(part, member.name, line, row, draft)
    finally:
        if archive is not None:
            archive.close()
    zip_date = _ZIP_DATE_RE.search(path.name)
    export_date = standard_date or (date(*map(int, zip_date.groups())) if zip_date else None)
    return ParsedExport(
        source=path.name,
        export_date=export_date,
        fiches={code: draft.record() for code, draft in drafts.items()},
        complete=True,
        ignored_files=tuple(ignored),
    )
