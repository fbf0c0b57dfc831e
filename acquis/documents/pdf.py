"""The PDF layout every Acquis document shares: A4, the embedded DejaVu Sans subset (fonts/README.md), page
numbers, and the few blocks documents are made of (paragraph, heading, cited source, rule-derived line).

fpdf2 only prints the characters the subset font has: ``printable`` replaces the others by « ? » so that
nothing prints blank (a name in another script stays visibly incomplete rather than silently empty).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from acquis.documents.text import cite, french_date
from acquis.rules import Decision
from acquis.rules.decision import Source

# fpdf2 subsets the font on every output and fontTools logs each step at INFO: keep the logs readable.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
# The subset font's characters (fonts/README.md); anything else is replaced so nothing prints blank.
SUPPORTED = frozenset(
    {chr(c) for c in range(0x20, 0x7F)}
    | {chr(c) for c in range(0xA0, 0x100)}
    | {"\u0152", "\u0153", "\u0178", "\u20ac", "\u2192", "\u2212", "\n"}
    | {chr(c) for c in range(0x2010, 0x2028)}
    | {chr(c) for c in range(0x2030, 0x203B)}
)


@dataclass(frozen=True)
class PdfFile:
    """A generated document and the name it downloads under: the site's page and the API's route serve the
    same bytes under the same name, so both take it from here."""

    content: bytes
    filename: str


def printable(text: str) -> str:
    return "".join(char if char in SUPPORTED else "?" for char in text)


class Document(FPDF):
    """An A4 document in DejaVu Sans, with « Page n/N » footers (call ``start`` before writing).

    With ``repeat_sources=False`` a sentence already quoted is not quoted again, only its article version
    (a file citing R6412-4 for three dates stays readable)."""

    def __init__(self, *, title: str, repeat_sources: bool = True) -> None:
        super().__init__(format="A4")
        self.repeat_sources = repeat_sources
        self.quoted: set[tuple[str, str]] = set()
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 18, 20)
        self.set_title(printable(title))
        self.set_lang("fr-FR")
        self.set_creator("Acquis")

    def start(self) -> Document:
        self.alias_nb_pages()
        self.add_page()
        return self

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="C")

    def para(self, text: str, *, size: float = 10, bold: bool = False, height: float = 5) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, height, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.para(text, size=11, bold=True, height=6)

    def source(self, source: Source) -> None:
        """The article version and the sentence a date or a status rests on, in small grey type."""
        self.set_text_color(70, 70, 70)
        key = (source.legiarti, source.sentence)
        if self.repeat_sources or key not in self.quoted:
            self.para(f"{cite(source)} : « {source.sentence} »", size=8, height=4)
        else:
            self.para(f"{cite(source)}, phrase citée plus haut.", size=8, height=4)
        self.quoted.add(key)
        self.set_text_color(0, 0, 0)

    def decided_line(self, label: str, decision: Decision | None, value_text: str | None = None) -> None:
        """« label : value » in bold, then each source of the Decision; nothing when there is no Decision."""
        if decision is None:
            return
        self.para(f"{label} : {value_text or french_date(decision.value)}", bold=True)
        for source in decision.sources:
            self.source(source)

    def table_rows(self, header: Sequence[str], rows: Sequence[Sequence[str]], *, widths, align) -> None:
        """A small table (9 pt) with a header row; every cell goes through ``printable``."""
        self.set_font(FONT, "", 9)
        with self.table(col_widths=widths, text_align=align) as table:
            table.row([printable(cell) for cell in header])
            for row in rows:
                table.row([printable(cell) for cell in row])

    def to_bytes(self) -> bytes:
        return bytes(self.output())
