"""Reads of the legal corpus: an article at a date, its versions, diffs between two dates.

The database holds the merged history; these selectors rebuild the pure
:class:`~acquis.law.corpus.Corpus` from it (cached per process, keyed by the imported sources'
fingerprints, so a new import is seen at once) and reuse ``acquis.law.diff`` on it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import date

from acquis.law.corpus import Corpus
from acquis.law.diff import SIXTH_PART, ArticleChange, diff_article, diff_sections
from acquis.law.history import ArticleHistory
from acquis.law.history import ArticleVersion as MergedVersion
from acquis.law.models import Article, ArticleVersion, LawSource, Section, SectionMembership
from acquis.law.parsing.records import CODE_DU_TRAVAIL, MembershipRecord, SectionRecord

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, Corpus]] = {}


class UnknownSection(LookupError):
    """No section matches the path on either date."""


def corpus_fingerprint() -> tuple:
    """Identifies the stored corpus: the merge is a function of the imported sources only."""
    return tuple(LawSource.objects.order_by("key").values_list("key", "content_hash"))


def db_corpus() -> Corpus:
    """The corpus as stored, rebuilt from the tables only when an import changed the sources."""
    fingerprint = corpus_fingerprint()
    with _lock:
        cached = _cache.get("corpus")
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
    corpus = _build_corpus()
    with _lock:
        _cache["corpus"] = (fingerprint, corpus)
    return corpus


def _build_corpus() -> Corpus:
    articles = {a.pk: a for a in Article.objects.all()}
    grouped: dict[int, list[MergedVersion]] = {}
    for row in ArticleVersion.objects.order_by("pk"):
        article = articles[row.article_id]
        grouped.setdefault(row.article_id, []).append(
            MergedVersion(
                code=article.code,
                number=article.number,
                article_cid=row.article_cid or None,
                legiarti_id=row.legiarti_id,
                state=row.state or None,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                text=row.text,
                html=row.html,
                text_hash=row.text_hash or None,
                sources=tuple(row.sources),
                nota=row.nota,
                known_in_force_on=row.known_in_force_on,
                observed_on=row.observed_on,
                number_certain=row.number_certain,
            )
        )
    histories = {}
    for article_id, versions in grouped.items():
        article = articles[article_id]
        # Same order as acquis.law.history.merge_records.
        versions.sort(key=lambda v: (v.starts_on or date.min, v.valid_until or date.max))
        histories[(article.code, article.number)] = ArticleHistory(
            code=article.code, number=article.number, article_cid=article.cid or None, versions=tuple(versions)
        )
    sections = [
        (
            SectionRecord(
                code=s.code,
                section_id=s.legi_id,
                cid=s.cid or None,
                title=s.title,
                parent_id=s.parent_id,
                valid_from=s.valid_from,
                valid_until=s.valid_until,
                order=s.order,
                source=s.source,
            ),
            s.observed_on,
        )
        for s in Section.objects.all()
    ]
    numbers = {pk: a.number for pk, a in articles.items()}
    memberships = [
        (
            MembershipRecord(
                section_id=m.section_id,
                article_number=numbers[m.article_id],
                article_cid=m.article_cid or None,
                valid_from=m.valid_from,
                valid_until=m.valid_until,
                order=m.order,
                source=m.source,
            ),
            m.observed_on,
        )
        for m in SectionMembership.objects.order_by("pk")
    ]
    return Corpus(histories, sections=sections, memberships=memberships)


def article_exists(number: str, code: str = CODE_DU_TRAVAIL) -> bool:
    return db_corpus().history(number, code) is not None


def article_at(number: str, day: date, code: str = CODE_DU_TRAVAIL) -> MergedVersion | None:
    """The version of ``number`` in force on ``day`` (start inclusive, end exclusive), or None."""
    return db_corpus().article_at(number, day, code)


def article_versions(number: str, code: str = CODE_DU_TRAVAIL) -> tuple[MergedVersion, ...]:
    """Every known version of ``number``, oldest first (empty if the article is unknown)."""
    return db_corpus().versions_of(number, code)


def article_diff(number: str, date_from: date, date_to: date, code: str = CODE_DU_TRAVAIL) -> ArticleChange:
    return diff_article(db_corpus(), number, date_from, date_to, code)


def section_diff(
    paths: str | Sequence[str] | None, date_from: date, date_to: date, *, include_unchanged: bool = False
) -> list[ArticleChange]:
    """Changes of the articles under ``paths`` (section ids or title paths; default: the sixth part)."""
    if paths is None:
        paths = SIXTH_PART
    elif isinstance(paths, str):
        paths = (paths,)
    try:
        return diff_sections(db_corpus(), paths, date_from, date_to, include_unchanged=include_unchanged)
    except KeyError as exc:
        raise UnknownSection(str(exc.args[0]) if exc.args else str(exc)) from exc


def texts_by_legiarti(legiarti_ids: Iterable[str]) -> dict[str, str]:
    """The plain text (one alinéa per line) of each stored version among ``legiarti_ids`` that has one."""
    rows = ArticleVersion.objects.filter(legiarti_id__in=set(legiarti_ids)).filter(text__isnull=False).exclude(text="")
    return dict(rows.values_list("legiarti_id", "text"))
