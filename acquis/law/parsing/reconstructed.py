"""Parser for the reconstructed texts in force on 2019-11-01 (``data/law/pre-2019-11-04/``).

The file carries article numbers, texts and dates but no LEGIARTI ids: the history attaches each
text to the version of the same article that ends on ``valid_until`` (see ``history.py``).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.records import (
    CODE_DU_TRAVAIL,
    ArticleVersionRecord,
    ParsedSource,
    ProgressCallback,
    normalize_paragraphs,
)

_IN_FORCE_ON = re.compile(r"(\d{4}-\d{2}-\d{2})")
_NUMBER = re.compile(r"^[LRDA]\*?\d+(?:-\d+)*$")


def parse_reconstructed(
    path: str | Path,
    *,
    code: str = CODE_DU_TRAVAIL,
    in_force_on: date | None = None,
    progress: ProgressCallback | None = None,
) -> ParsedSource:
    """Parse ``articles-in-force-YYYY-MM-DD.json``.

    ``in_force_on`` defaults to the date in the file name: the texts are vouched for on that day
    even where ``valid_from`` is unknown (the two articles abrogated on 2019-11-04).
    """
    path = Path(path)
    file = str(path)
    if in_force_on is None:
        match = _IN_FORCE_ON.search(path.name)
        if match is None:
            raise LawParseError(file, "file name", "no YYYY-MM-DD date in the name and no in_force_on given")
        in_force_on = date.fromisoformat(match.group(1))
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise LawParseError(file, f"byte {exc.start}", "not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise LawParseError(file, f"line {exc.lineno}, column {exc.colno}", exc.msg) from exc
    if not isinstance(items, list):
        raise LawParseError(file, "$", "expected a JSON array of articles")
    source = f"reconstructed texts in force on {in_force_on.isoformat()} ({path.name})"
    records = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        records.append(_record(item, f"$[{index}]", file, code, source, in_force_on))
        if records[-1].number in seen:
            raise LawParseError(file, f"$[{index}].num", f"article {records[-1].number} given twice")
        seen.add(records[-1].number)
        if progress is not None:
            progress(index + 1, len(items))
    return ParsedSource(source=source, versions=tuple(records), observed_on=in_force_on)


def _record(item: Any, where: str, file: str, code: str, source: str, in_force_on: date) -> ArticleVersionRecord:
    if not isinstance(item, dict):
        raise LawParseError(file, where, "expected an object")
    number = item.get("num")
    if not isinstance(number, str) or not _NUMBER.match(number):
        raise LawParseError(file, f"{where}.num", f"not an article number: {number!r}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LawParseError(file, f"{where}.text", "missing or empty text")
    dates: dict[str, date | None] = {}
    for key in ("valid_from", "valid_until"):
        value = item.get(key)
        if value is None:
            dates[key] = None
            continue
        try:
            dates[key] = date.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise LawParseError(file, f"{where}.{key}", f"not an ISO date: {value!r}") from exc
    valid_from, valid_until = dates["valid_from"], dates["valid_until"]
    if valid_until is None:
        raise LawParseError(file, f"{where}.valid_until", "a reconstructed earlier text must say when it ended")
    if valid_from is not None and valid_from >= valid_until:
        raise LawParseError(file, where, f"valid_from {valid_from} is not before valid_until {valid_until}")
    if not (valid_from or date.min) <= in_force_on < valid_until:
        raise LawParseError(file, where, f"not in force on {in_force_on}")
    return ArticleVersionRecord(
        code=code,
        number=number,
        article_cid=None,
        legiarti_id=None,
        state="MODIFIE",
        valid_from=valid_from,
        valid_until=valid_until,
        text=normalize_paragraphs(text),
        html=None,
        source=f"{source}: {item.get('source', '')}".rstrip(": "),
        known_in_force_on=in_force_on,
    )
