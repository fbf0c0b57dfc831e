"""Qualification levels: the 8-level national framework and the reading of the export's level field.

The numbers (eight levels, the 1969 → 2019 correspondence) are law, so they live with their sources in
``levels.yaml`` rather than in this code. Pure Python: the parser uses it without Django.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import yaml

LEVELS_FILE = Path(__file__).with_name("levels.yaml")
#: Combining diacritical marks, dropped after NFKD decomposition ("é" → "e" + U+0301).
_COMBINING = re.compile("[\u0300-\u036f]")

# "NIV5", "niveau5", "Niveau 5", "5"
_NEW = re.compile(r"^(?:niv(?:eau)?\s*)?([0-9])$")
# "V", "Niveau V", "Niveau III (Bac+2)", "niveau IV (BP, BT, baccalauréat professionnel…)"
_OLD = re.compile(r"^(?:niv(?:eau)?\s*)?(v\s*bis|vi|iv|v|i{1,3})\b")


class LevelError(ValueError):
    """A level the framework and the 1969 correspondence cannot place."""


@cache
def _data() -> dict:
    with LEVELS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def framework_levels() -> dict[int, str]:
    """Level → short French description (D6113-19)."""
    return {int(level): label for level, label in _data()["framework"]["levels"].items()}


@cache
def old_level_correspondence() -> dict[str, int]:
    """1969 level (roman numeral) → framework level (décret 2019-14, art. 2)."""
    return {str(old): int(new) for old, new in _data()["old_levels"]["correspondence"].items()}


def level_label(level: int | None) -> str:
    if level is None:
        return "Sans niveau (fiche du répertoire spécifique ou niveau non renseigné)"
    return f"Niveau {level} : {framework_levels()[level]}"


def fold(value: str) -> str:
    """Case- and accent-insensitive form, used for matching names and for searching titles."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", value)).casefold()


@lru_cache(maxsize=512)  # an export repeats a handful of spellings 40,000 times
def parse_level(raw: str) -> int | None:
    """The framework level written in ``Nomenclature_Europe_Niveau``; None when the fiche has none.

    Raises LevelError for anything else, so a typo is reported rather than silently stored as "no level".
    """
    text = fold(raw).strip()
    if not text or text.startswith("sans") or text in ("nsp", "aucun", "non renseigne"):
        return None
    levels = framework_levels()
    match = _NEW.match(text)
    if match:
        level = int(match.group(1))
        if level not in levels:
            raise LevelError(f"niveau « {raw} » hors du cadre national (niveaux 1 à {max(levels)})")
        return level
    match = _OLD.match(text)
    if match:
        roman = match.group(1).replace(" ", "").upper()
        correspondence = old_level_correspondence()
        if roman not in correspondence:
            raise LevelError(f"niveau « {raw} » de la nomenclature de 1969 sans correspondance (décret 2019-14)")
        return correspondence[roman]
    raise LevelError(f"niveau « {raw} » non reconnu (attendu : NIV1 à NIV8, ou un ancien niveau I à V)")
