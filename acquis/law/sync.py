"""Bring the corpus tables in line with the merge of every source (called by the import service).

Each table is compared row by row with what the merge says, and only the differences are
written, so an import of an unchanged input reports every row as unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from acquis.law.history import ArticleVersion as MergedVersion
from acquis.law.history import merge_sources
from acquis.law.models import Article, ArticleVersion, Section, SectionMembership
from acquis.law.parsing.records import CODE_DU_TRAVAIL, MembershipRecord, ParsedSource, SectionRecord

_VERSION_FIELDS = (
    "legiarti_id",
    "article_cid",
    "state",
    "valid_from",
    "valid_until",
    "known_in_force_on",
    "text",
    "html",
    "nota",
    "text_hash",
    "sources",
    "observed_on",
    "number_certain",
)
_SECTION_FIELDS = (
    "code",
    "cid",
    "title",
    "parent_id",
    "valid_from",
    "valid_until",
    "order",
    "source",
    "observed_on",
)
_MEMBERSHIP_FIELDS = ("article_cid", "valid_from", "valid_until", "order", "source", "observed_on")
_BATCH = 500


def _counts() -> dict[str, int]:
    return {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}


def corpus_sync(sources: Sequence[ParsedSource]) -> dict[str, dict[str, int]]:
    histories = merge_sources(sources)  # raises HistoryError before any row is touched
    article_ids, articles = _sync_articles({key: h.article_cid or "" for key, h in histories.items()})
    versions = _sync_versions(
        [(article_ids[key], version) for key, history in histories.items() for version in history.versions]
    )
    sections = _sync_sections(_winning_sections(sources))
    memberships = _sync_memberships(sources, article_ids)
    return {"articles": articles, "versions": versions, "sections": sections, "memberships": memberships}


def _sync_articles(wanted: dict[tuple[str, str], str]) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    counts = _counts()
    existing = {(a.code, a.number): a for a in Article.objects.all()}
    to_create, to_update = [], []
    for key, cid in wanted.items():
        article = existing.get(key)
        if article is None:
            to_create.append(Article(code=key[0], number=key[1], cid=cid))
        elif article.cid != cid:
            article.cid = cid
            to_update.append(article)
        else:
            counts["unchanged"] += 1
    Article.objects.bulk_create(to_create, batch_size=_BATCH)
    for article in to_update:
        Article.objects.filter(pk=article.pk).update(cid=article.cid)
    stale = [a.pk for key, a in existing.items() if key not in wanted]
    Article.objects.filter(pk__in=stale).delete()
    counts.update(created=len(to_create), updated=len(to_update), deleted=len(stale))
    ids = {key: a.pk for key, a in existing.items() if key in wanted}
    ids.update({(a.code, a.number): a.pk for a in to_create})
    return ids, counts


def _version_key(article_id: int, legiarti_id: str | None, text_hash: str) -> tuple:
    # Versions without an id (reconstructed texts) are identified by their article and words.
    return (legiarti_id,) if legiarti_id else (article_id, text_hash)


def _version_values(version: MergedVersion) -> dict:
    return {
        "legiarti_id": version.legiarti_id,
        "article_cid": version.article_cid or "",
        "state": version.state or "",
        "valid_from": version.valid_from,
        "valid_until": version.valid_until,
        "known_in_force_on": version.known_in_force_on,
        "text": version.text,
        "html": version.html,
        "nota": version.nota,
        "text_hash": version.text_hash or "",
        "sources": list(version.sources),
        "observed_on": version.observed_on,
        "number_certain": version.number_certain,
    }


def _sync_versions(wanted: list[tuple[int, MergedVersion]]) -> dict[str, int]:
    counts = _counts()
    existing = {_version_key(v.article_id, v.legiarti_id, v.text_hash): v for v in ArticleVersion.objects.all()}
    seen: set[tuple] = set()
    to_create, to_update = [], []
    for article_id, version in wanted:
        values = _version_values(version)
        key = _version_key(article_id, version.legiarti_id, values["text_hash"])
        seen.add(key)
        row = existing.get(key)
        if row is None:
            to_create.append(ArticleVersion(article_id=article_id, **values))
        elif row.article_id != article_id or any(getattr(row, f) != values[f] for f in _VERSION_FIELDS):
            row.article_id = article_id
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
        else:
            counts["unchanged"] += 1
    stale = [row.pk for key, row in existing.items() if key not in seen]
    ArticleVersion.objects.filter(pk__in=stale).delete()
    ArticleVersion.objects.bulk_create(to_create, batch_size=_BATCH)
    # bulk_update compiles one CASE per field and row (seconds for a snapshot); nothing points at
    # a version, so replacing the rows under the same primary keys is the same update, much faster.
    ArticleVersion.objects.filter(pk__in=[row.pk for row in to_update]).delete()
    ArticleVersion.objects.bulk_create(to_update, batch_size=_BATCH)
    counts.update(created=len(to_create), updated=len(to_update), deleted=len(stale))
    return counts


def _winning_sections(sources: Sequence[ParsedSource]) -> dict[str, tuple[SectionRecord, date | None]]:
    """One record per section: the latest observation wins (the rule of ``Corpus``)."""
    winners: dict[str, tuple[SectionRecord, date | None]] = {}
    for source in sources:
        for record in source.sections:
            known = winners.get(record.section_id)
            if known is None or (source.observed_on or date.min) >= (known[1] or date.min):
                winners[record.section_id] = (record, source.observed_on)
    return winners


def _sync_sections(wanted: dict[str, tuple[SectionRecord, date | None]]) -> dict[str, int]:
    counts = _counts()
    existing = {s.legi_id: s for s in Section.objects.all()}
    to_create, to_update = [], []
    for section_id, (record, seen) in wanted.items():
        values = {
            "code": record.code or CODE_DU_TRAVAIL,
            "cid": record.cid or "",
            "title": record.title,
            # A parent no source describes is dropped rather than left dangling.
            "parent_id": record.parent_id if record.parent_id in wanted else None,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
            "order": record.order,
            "source": record.source,
            "observed_on": seen,
        }
        row = existing.get(section_id)
        if row is None:
            to_create.append(Section(legi_id=section_id, **values))
        elif any(getattr(row, f) != values[f] for f in _SECTION_FIELDS):
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
        else:
            counts["unchanged"] += 1
    stale = [pk for pk in existing if pk not in wanted]
    # Foreign keys are checked at commit (deferred), so parents may be created after children.
    Section.objects.filter(pk__in=stale).delete()
    Section.objects.bulk_create(to_create, batch_size=_BATCH)
    for row in to_update:
        Section.objects.filter(pk=row.pk).update(**{f: getattr(row, f) for f in _SECTION_FIELDS})
    counts.update(created=len(to_create), updated=len(to_update), deleted=len(stale))
    return counts


def _membership_key(article_id: int, section_id: str, values: dict) -> tuple:
    return (article_id, section_id, *(values[f] for f in _MEMBERSHIP_FIELDS))


def _sync_memberships(sources: Sequence[ParsedSource], article_ids: dict[tuple[str, str], int]) -> dict[str, int]:
    counts = _counts()
    existing: dict[tuple, int] = {}
    for row in SectionMembership.objects.values("pk", "article_id", "section_id", *_MEMBERSHIP_FIELDS):
        existing[_membership_key(row["article_id"], row["section_id"], row)] = row["pk"]
    sections = {record.section_id: record.code for source in sources for record in source.sections}
    wanted: dict[tuple, SectionMembership] = {}
    for source in sources:
        for record in source.memberships:
            article_id = _membership_article(record, sections, article_ids)
            if article_id is None or record.section_id not in sections:
                continue  # an article with no version or a section nobody describes: nothing to place
            values = _membership_values(record, source.observed_on)
            key = _membership_key(article_id, record.section_id, values)
            if key not in wanted and key not in existing:
                wanted[key] = SectionMembership(article_id=article_id, section_id=record.section_id, **values)
            elif key in existing and key not in wanted:
                wanted[key] = None  # type: ignore[assignment]
                counts["unchanged"] += 1
    stale = [pk for key, pk in existing.items() if key not in wanted]
    SectionMembership.objects.filter(pk__in=stale).delete()
    to_create = [m for m in wanted.values() if m is not None]
    SectionMembership.objects.bulk_create(to_create, batch_size=_BATCH)
    counts.update(created=len(to_create), deleted=len(stale))
    return counts


def _membership_article(
    record: MembershipRecord, sections: dict[str, str], article_ids: dict[tuple[str, str], int]
) -> int | None:
    return article_ids.get((sections.get(record.section_id) or CODE_DU_TRAVAIL, record.article_number))


def _membership_values(record: MembershipRecord, seen: date | None) -> dict:
    return {
        "article_cid": record.article_cid or "",
        "valid_from": record.valid_from,
        "valid_until": record.valid_until,
        "order": record.order,
        "source": record.source,
        "observed_on": seen,
    }
