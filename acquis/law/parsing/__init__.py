"""Parsers of the legal-corpus formats; each returns a :class:`ParsedSource` of plain records or
raises :class:`LawParseError` (file, position, reason) without returning anything partial."""

from acquis.law.parsing.archeo_lex import parse_archeo_lex_diff
from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.legi_data import parse_legi_data
from acquis.law.parsing.legi_xml import parse_legi_xml, parse_legi_xml_files
from acquis.law.parsing.markdown import parse_article_markdown
from acquis.law.parsing.reconstructed import parse_reconstructed
from acquis.law.parsing.records import ArticleVersionRecord, MembershipRecord, ParsedSource, SectionRecord

__all__ = [
    "ArticleVersionRecord",
    "LawParseError",
    "MembershipRecord",
    "ParsedSource",
    "SectionRecord",
    "parse_archeo_lex_diff",
    "parse_article_markdown",
    "parse_legi_data",
    "parse_legi_xml",
    "parse_legi_xml_files",
    "parse_reconstructed",
]
