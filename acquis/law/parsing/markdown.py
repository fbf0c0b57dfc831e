"""Parser for the single-article Markdown+HTML format of the seeds (``# Article N`` + HTML body).

The format names the article and gives its text only: ids and dates, when known, come from the
caller; otherwise the history attaches the text to the version with the same text hash.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.records import CODE_DU_TRAVAIL, ArticleVersionRecord, ParsedSource, html_to_text

_HEADING = re.compile(r"^#\s+Article\s+(?P<num>[LRDA]\*?\d+(?:-\d+)*)\s*$")


def parse_article_markdown(
    path: str | Path,
    *,
    code: str = CODE_DU_TRAVAIL,
    legiarti_id: str | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    text: str | None = None,
) -> ParsedSource:
    """Parse one article file; ``text`` may be passed instead of reading ``path``."""
    path = Path(path)
    file = str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise LawParseError(file, f"byte {exc.start}", "not UTF-8") from exc
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise LawParseError(file, "line 1, column 1", "empty file")
    match = _HEADING.match(lines[first].strip())
    if match is None:
        raise LawParseError(file, f"line {first + 1}, column 1", "expected a heading '# Article <number>'")
    body = "\n".join(lines[first + 1 :]).strip()
    if not body:
        raise LawParseError(file, f"line {first + 2}, column 1", "no article text after the heading")
    if body.count("<") != body.count(">"):
        raise LawParseError(file, f"line {first + 2}, column 1", "unbalanced '<' and '>' in the HTML body")
    plain = html_to_text(body)
    if not plain:
        raise LawParseError(file, f"line {first + 2}, column 1", "the HTML body has no text")
    if valid_from and valid_until and valid_from >= valid_until:
        raise LawParseError(file, "arguments", f"valid_from {valid_from} is not before valid_until {valid_until}")
    source = f"article file {path.name}"
    record = ArticleVersionRecord(
        code=code,
        number=match.group("num"),
        article_cid=None,
        legiarti_id=legiarti_id,
        state=None,
        valid_from=valid_from,
        valid_until=valid_until,
        text=plain,
        html=body,
        source=source,
    )
    return ParsedSource(source=source, versions=(record,))
