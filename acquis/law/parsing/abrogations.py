"""Parser for end-of-version records: the articles an amending text abrogated or moved on a given day.

The snapshots list in-force articles only, so an article that vanished between two snapshots ends on an
unknown day. A YAML file (``data/law/abrogations/``) names the amending text and the versions it ended;
each entry becomes a metadata-only record (no text) that the history merges onto the known version,
whose start date must match. Its ``observed_on`` is the text's publication, later than the snapshot that
last saw the version in force, so the history takes the end date and state from it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.records import CODE_DU_TRAVAIL, ArticleVersionRecord, ParsedSource

_NUMBER = re.compile(r"^[LRDA]\d+(?:-\d+)*$")
_LEGIARTI = re.compile(r"^LEGIARTI\d{12}$")
_TEXT_ID = re.compile(r"^JORFTEXT\d{12}$")
#: LEGI states that end a version without a replacing version of the same article.
ENDING_STATES = frozenset({"ABROGE", "TRANSFERE", "PERIME", "ANNULE"})


def _date(file: str, position: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise LawParseError(file, position, f"date AAAA-MM-JJ attendue, reçu {value!r}") from None


def _text(file: str, position: str, value: Any, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise LawParseError(file, position, f"{what} attendu, reçu {value!r}")
    return value


def parse_abrogations(path: str | Path, *, code: str = CODE_DU_TRAVAIL) -> ParsedSource:
    path = Path(path)
    file = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise LawParseError(file, f"byte {exc.start}", "not UTF-8") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        raise LawParseError(file, where, f"YAML invalide : {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise LawParseError(file, "$", "objet YAML attendu : text, text_id, published_on, valid_until, articles")
    missing = [key for key in ("text", "text_id", "published_on", "valid_until", "articles") if key not in data]
    if missing:
        raise LawParseError(file, "$", f"clé(s) manquante(s) : {', '.join(missing)}")
    title = data["text"]
    if not isinstance(title, str) or not title.strip():
        raise LawParseError(file, "$.text", "le titre du texte modificatif est vide")
    text_id = _text(file, "$.text_id", data["text_id"], _TEXT_ID, "un identifiant JORFTEXT")
    published_on = _date(file, "$.published_on", data["published_on"])
    valid_until = _date(file, "$.valid_until", data["valid_until"])
    if not isinstance(data["articles"], list) or not data["articles"]:
        raise LawParseError(file, "$.articles", "une liste non vide d'articles est attendue")
    source = f"{title} ({text_id})"
    records = []
    seen: set[str] = set()
    for index, entry in enumerate(data["articles"]):
        where = f"$.articles[{index}]"
        if not isinstance(entry, dict):
            raise LawParseError(file, where, "un objet {number, legiarti_id, valid_from, state} est attendu")
        number = _text(file, f"{where}.number", entry.get("number"), _NUMBER, "un numéro d'article")
        legiarti_id = _text(file, f"{where}.legiarti_id", entry.get("legiarti_id"), _LEGIARTI, "un LEGIARTI")
        valid_from = _date(file, f"{where}.valid_from", entry.get("valid_from"))
        state = entry.get("state")
        if state not in ENDING_STATES:
            raise LawParseError(file, f"{where}.state", f"état attendu parmi {sorted(ENDING_STATES)}, reçu {state!r}")
        if valid_from >= valid_until:
            raise LawParseError(file, f"{where}.valid_from", f"{valid_from} n'est pas avant la fin {valid_until}")
        if legiarti_id in seen:
            raise LawParseError(file, f"{where}.legiarti_id", f"{legiarti_id} figure deux fois")
        seen.add(legiarti_id)
        records.append(
            ArticleVersionRecord(
                code=code,
                number=number,
                article_cid=None,
                legiarti_id=legiarti_id,
                state=state,
                valid_from=valid_from,
                valid_until=valid_until,
                text=None,
                html=None,
                source=source,
                observed_on=published_on,
                amends_only=True,
            )
        )
    return ParsedSource(source=source, versions=tuple(records), observed_on=published_on)
