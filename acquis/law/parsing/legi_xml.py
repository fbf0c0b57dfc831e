"""Parser for DILA's LEGI XML: one file per article version, section or text (lxml).

Handled roots: ``ARTICLE`` (one article version, its sibling versions' metadata, its place in
the tree), ``SECTION_TA`` (a section and the dated links to its articles), ``TEXTELR`` (a text's
top-level sections) and ``TEXTE_VERSION`` (a text's title and dates).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from lxml import etree

from acquis.law.parsing.errors import LawParseError
from acquis.law.parsing.records import (
    ArticleVersionRecord,
    MembershipRecord,
    ParsedSource,
    ProgressCallback,
    SectionRecord,
    date_from_iso,
    html_to_text,
)

# Article bodies are HTML fragments embedded as XML children; huge_tree lifts lxml's safety
# limits on text node size (the annex sample holds a 150 kB table) while resolve_entities and
# no_network keep the parser from fetching anything.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


def parse_legi_xml(path: str | Path) -> ParsedSource:
    """Parse one LEGI XML file, whatever its root element."""
    path = Path(path)
    file = str(path)
    try:
        tree = etree.parse(str(path), _PARSER)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise LawParseError(file, f"line {line}, column {column}", exc.msg) from exc
    except OSError as exc:
        raise LawParseError(file, "file", str(exc)) from exc
    reader = _Reader(file, tree)
    root = tree.getroot()
    handlers = {
        "ARTICLE": reader.article,
        "SECTION_TA": reader.section_ta,
        "TEXTELR": reader.text_structure,
        "TEXTE_VERSION": reader.text_version,
    }
    handler = handlers.get(root.tag)
    if handler is None:
        raise LawParseError(file, f"/{root.tag}", f"unsupported LEGI root element {root.tag!r}")
    return handler(root)


def parse_legi_xml_files(paths: Iterable[str | Path], progress: ProgressCallback | None = None) -> list[ParsedSource]:
    """Parse many files (a dump's folder); the first malformed file aborts the whole batch."""
    paths = list(paths)
    parsed = []
    for index, path in enumerate(paths):
        parsed.append(parse_legi_xml(path))
        if progress is not None:
            progress(index + 1, len(paths))
    return parsed


class _Reader:
    def __init__(self, file: str, tree: etree._ElementTree) -> None:
        self.file = file
        self.tree = tree
        self.source = f"LEGI XML {Path(file).name}"

    def fail(self, element: etree._Element, reason: str) -> LawParseError:
        return LawParseError(self.file, self.tree.getpath(element), reason)

    def child(self, parent: etree._Element, xpath: str) -> etree._Element:
        found = parent.find(xpath)
        if found is None:
            raise LawParseError(self.file, f"{self.tree.getpath(parent)}/{xpath}", "missing element")
        return found

    def text(self, parent: etree._Element, xpath: str) -> str:
        element = self.child(parent, xpath)
        value = (element.text or "").strip()
        if not value:
            raise self.fail(element, "empty element")
        return value

    def day(self, element: etree._Element, value: str | None) -> date | None:
        if value is None:
            raise self.fail(element, "missing date")
        try:
            return date_from_iso(value.strip())
        except ValueError as exc:
            raise self.fail(element, f"not an ISO date: {value!r}") from exc

    def context_sections(self, root: etree._Element) -> tuple[str, list[SectionRecord]]:
        """The code id and the chain of sections (outermost first) from ``CONTEXTE/TEXTE``."""
        texte = self.child(root, "CONTEXTE/TEXTE")
        code = texte.get("cid") or ""
        if not code:
            raise self.fail(texte, "missing cid attribute")
        sections: list[SectionRecord] = []
        level = texte
        while (tm := level.find("TM")) is not None:
            title = self.child(tm, "TITRE_TM")
            section_id = title.get("id")
            if not section_id:
                raise self.fail(title, "missing id attribute")
            sections.append(
                SectionRecord(
                    code=code,
                    section_id=section_id,
                    cid=None,
                    title=(title.text or "").strip(),
                    parent_id=sections[-1].section_id if sections else None,
                    valid_from=self.day(title, title.get("debut")),
                    valid_until=self.day(title, title.get("fin")),
                    order=None,
                    source=self.source,
                )
            )
            level = tm
        return code, sections

    def article(self, root: etree._Element) -> ParsedSource:
        meta = self.child(root, "META/META_SPEC/META_ARTICLE")
        legiarti_id = self.text(root, "META/META_COMMUN/ID")
        number = self.text(meta, "NUM")
        state = self.text(meta, "ETAT")
        valid_from = self.day(self.child(meta, "DATE_DEBUT"), self.text(meta, "DATE_DEBUT"))
        valid_until = self.day(self.child(meta, "DATE_FIN"), self.text(meta, "DATE_FIN"))
        if valid_from and valid_until and valid_from >= valid_until:
            raise self.fail(meta, f"DATE_DEBUT {valid_from} is not before DATE_FIN {valid_until}")
        code, sections = self.context_sections(root)
        body = self.child(root, "BLOC_TEXTUEL/CONTENU")
        html = _inner_html(body)
        nota = html_to_text(_inner_html(root.find("NOTA/CONTENU"))) if root.find("NOTA/CONTENU") is not None else ""
        versions = [
            ArticleVersionRecord(
                code=code,
                number=number,
                article_cid=None,
                legiarti_id=legiarti_id,
                state=state,
                valid_from=valid_from,
                valid_until=valid_until,
                text=html_to_text(html),
                html=html,
                source=self.source,
                nota=nota or None,
            )
        ]
        for link in root.iterfind("VERSIONS/VERSION/LIEN_ART"):
            sibling_id = link.get("id")
            if not sibling_id:
                raise self.fail(link, "missing id attribute")
            if sibling_id == legiarti_id:
                continue
            versions.append(
                ArticleVersionRecord(
                    code=code,
                    number=(link.get("num") or number).strip(),
                    article_cid=None,
                    legiarti_id=sibling_id,
                    state=link.get("etat"),
                    valid_from=self.day(link, link.get("debut")),
                    valid_until=self.day(link, link.get("fin")),
                    text=None,
                    html=None,
                    source=self.source,
                )
            )
        memberships = ()
        if sections:
            memberships = (
                MembershipRecord(
                    section_id=sections[-1].section_id,
                    article_number=number,
                    article_cid=None,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    order=None,
                    source=self.source,
                ),
            )
        return ParsedSource(
            source=self.source, versions=tuple(versions), sections=tuple(sections), memberships=memberships
        )

    def section_ta(self, root: etree._Element) -> ParsedSource:
        section_id = self.text(root, "ID")
        code, context = self.context_sections(root)
        section = SectionRecord(
            code=code,
            section_id=section_id,
            cid=None,
            title=self.text(root, "TITRE_TA"),
            parent_id=context[-1].section_id if context else None,
            valid_from=None,
            valid_until=None,
            order=None,
            source=self.source,
        )
        memberships = []
        structure = self.child(root, "STRUCTURE_TA")
        for position, link in enumerate(structure.iterfind("LIEN_ART")):
            number = (link.get("num") or "").strip()
            if not number:
                raise self.fail(link, "missing num attribute")
            memberships.append(
                MembershipRecord(
                    section_id=section_id,
                    article_number=number,
                    article_cid=None,
                    valid_from=self.day(link, link.get("debut")),
                    valid_until=self.day(link, link.get("fin")),
                    order=position,
                    source=self.source,
                )
            )
        children = [self.section_link(link, code, section_id) for link in structure.iterfind("LIEN_SECTION_TA")]
        return ParsedSource(
            source=self.source,
            sections=(*context, section, *children),
            memberships=tuple(memberships),
        )

    def section_link(self, link: etree._Element, code: str, parent_id: str | None) -> SectionRecord:
        section_id = link.get("id")
        if not section_id:
            raise self.fail(link, "missing id attribute")
        return SectionRecord(
            code=code,
            section_id=section_id,
            cid=link.get("cid"),
            title=(link.text or "").strip(),
            parent_id=parent_id,
            valid_from=self.day(link, link.get("debut")),
            valid_until=self.day(link, link.get("fin")),
            order=None,
            source=self.source,
        )

    def text_structure(self, root: etree._Element) -> ParsedSource:
        code = self.text(root, "META/META_COMMUN/ID")
        sections = [
            self.section_link(link, code, None) for link in self.child(root, "STRUCT").iterfind("LIEN_SECTION_TA")
        ]
        return ParsedSource(source=self.source, sections=tuple(sections))

    def text_version(self, root: etree._Element) -> ParsedSource:
        meta = self.child(root, "META/META_SPEC/META_TEXTE_VERSION")
        title = self.text(meta, "TITRE")
        extra = {
            "id": self.text(root, "META/META_COMMUN/ID"),
            "state": self.text(meta, "ETAT"),
            "valid_from": self.text(meta, "DATE_DEBUT"),
            "valid_until": self.text(meta, "DATE_FIN"),
        }
        for key in ("valid_from", "valid_until"):
            self.day(self.child(meta, "DATE_DEBUT" if key == "valid_from" else "DATE_FIN"), extra[key])
        return ParsedSource(source=self.source, code_title=title, extra=extra)


def _inner_html(element: etree._Element | None) -> str:
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()
