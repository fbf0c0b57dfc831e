"""Plain records produced by the parsers; the Django loader maps them onto models.

Records are frozen dataclasses holding only built-in types and dates, so they can be compared,
hashed, pickled and loaded in one transaction by code that knows nothing about the file formats.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

#: LEGITEXT id of the Code du travail, the default ``code`` of records.
CODE_DU_TRAVAIL = "LEGITEXT000006072050"

#: LEGI writes "no end date" as 2999-01-01; records use ``None`` instead so that comparisons
#: never depend on a sentinel.
OPEN_END = date(2999, 1, 1)

#: Progress callbacks receive (done, total) in the unit the parser finds natural (bytes, files).
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ArticleVersionRecord:
    """One version of one article, as one source tells it.

    ``text`` is plain text with one alinéa per line; ``None`` when the source only gives the
    version's metadata (legi-data lists every version but carries the text of the in-force one
    only). ``legiarti_id`` is ``None`` for sources that do not know it (reconstructed texts,
    single-article Markdown): the history then places the text by number and dates or by hash.
    ``known_in_force_on`` is a date the source vouches for when ``valid_from`` is unknown.
    ``number_certain`` is False where the source files a version under the article's *current*
    number without vouching that the version bore it (legi-data lists old versions of a
    renumbered article, e.g. D6324-1 → R6324-1, under the new number). ``amends_only`` marks a record
    that only ends a version another source must provide (an abrogation list): alone it is an error.
    """

    code: str
    number: str
    article_cid: str | None
    legiarti_id: str | None
    state: str | None
    valid_from: date | None
    valid_until: date | None
    text: str | None
    html: str | None
    source: str
    text_hash: str | None = None
    nota: str | None = None
    observed_on: date | None = None
    known_in_force_on: date | None = None
    number_certain: bool = True
    amends_only: bool = False

    def __post_init__(self) -> None:
        # The hash is derived, never trusted from the caller, so two sources always agree on it.
        object.__setattr__(self, "text_hash", text_hash(self.text) if self.text is not None else None)


@dataclass(frozen=True, slots=True)
class SectionRecord:
    """A node of the table of contents (a "section" in LEGI, whatever its title says)."""

    code: str
    section_id: str
    cid: str | None
    title: str
    parent_id: str | None
    valid_from: date | None
    valid_until: date | None
    order: int | None
    source: str


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    """An article placed in a section over a dated interval (``None`` ends are open)."""

    section_id: str
    article_number: str
    article_cid: str | None
    valid_from: date | None
    valid_until: date | None
    order: int | None
    source: str


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """Everything one input yielded; parsers return this only when the whole input is valid."""

    source: str
    versions: tuple[ArticleVersionRecord, ...] = ()
    sections: tuple[SectionRecord, ...] = ()
    memberships: tuple[MembershipRecord, ...] = ()
    observed_on: date | None = None
    code_title: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"<\s*/?\s*p\b[^>]*>|<\s*br\s*/?\s*>|<\s*/?\s*(?:tr|li|div|h\d)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


_ANNEX = re.compile(r"^annexe\b", re.I)


def article_key_number(number: str, cid: str | None) -> str:
    """The number an article is known by in the corpus (its history key and its page address).

    Articles are keyed by number, but annexes are numbered within their section: the Code du travail has two
    "Annexe" in its sixth part alone (LEGIARTI000018497130, model training agreements; LEGIARTI000038591361,
    annex to chapter VI of title I of book III), and two "Annexe I" and two "Annexe II" elsewhere. Merged under
    one number they would become one article with overlapping versions. An annex is therefore qualified by its
    LEGI cid, which every version of it carries in legi-data: "Annexe (LEGIARTI000018497130)". Ordinary
    article numbers (R6422-4) are unique in a code and stay as they are.
    """
    if cid and _ANNEX.match(number):
        return f"{number} ({cid})"
    return number


def text_hash(text: str) -> str:
    """SHA-256 of the text with all whitespace removed.

    Sources disagree on spaces only (legi-data writes ``détient .`` where Archéo Lex writes
    ``détient.``, paragraphs are joined differently): such texts must count as the same version.
    """
    return hashlib.sha256(_WHITESPACE.sub("", text).encode("utf-8")).hexdigest()


def html_to_text(fragment: str) -> str:
    """Plain text of an article's HTML: one alinéa per line, tags dropped, spaces collapsed."""
    paragraphs = _PARAGRAPH_BREAK.split(fragment)
    lines = []
    for paragraph in paragraphs:
        line = _WHITESPACE.sub(" ", html_lib.unescape(_TAG.sub("", paragraph))).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def normalize_paragraphs(text: str) -> str:
    """Collapse spaces inside each alinéa and drop empty ones (same shape as ``html_to_text``)."""
    lines = (_WHITESPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def date_from_epoch_ms(value: int) -> date | None:
    """legi-data article dates are UTC milliseconds; 2999-01-01 means open-ended (``None``)."""
    day = datetime.fromtimestamp(value / 1000, tz=UTC).date()
    return None if day >= OPEN_END else day


def date_from_iso(value: str) -> date | None:
    day = date.fromisoformat(value)
    return None if day >= OPEN_END else day
