"""Merge article-version records from several sources into one history per article.

Rules (the loader and the corpus rely on them):

* records carrying a LEGIARTI id are grouped by that id. Identical versions (same id and same
  text hash) collapse into one version listing every source. The number and the words of a
  version never change between sources: a disagreement is a :class:`HistoryConflict` naming
  both sources. What legitimately evolves follows the most recent observation (``observed_on``):
  the end date and state (in force in the 2020 snapshot, ``MODIFIE`` in 2026), a start date that
  was still in the future when first seen (postponed entry into force), and punctuation fixed in
  place by DILA (same words);
* records without an id (reconstructed texts, single-article files) are placed by text hash,
  else on the version of the same article ending on the same day (filling in its missing text),
  else kept as a version of their own when the source gives an end date (an article abrogated
  before any snapshot saw it). A text that fits nowhere is an error, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from acquis.law.parsing.records import ArticleVersionRecord, ParsedSource

_WORD = re.compile(r"\w+")


class HistoryError(ValueError):
    """Records that cannot be merged into a consistent history."""


class HistoryConflict(HistoryError):
    """Two sources disagree about the same article version."""

    def __init__(self, key: str, field: str, first: tuple[str, object], second: tuple[str, object]) -> None:
        self.key = key
        self.field = field
        self.first_source, self.first_value = first
        self.second_source, self.second_value = second
        super().__init__(
            f"{key}: conflicting {field}: {self.first_value!r} in {self.first_source} "
            f"but {self.second_value!r} in {self.second_source}"
        )


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """One version of an article after merging; ``sources`` lists every source that gave it."""

    code: str
    number: str
    article_cid: str | None
    legiarti_id: str | None
    state: str | None
    valid_from: date | None
    valid_until: date | None
    text: str | None
    html: str | None
    text_hash: str | None
    sources: tuple[str, ...]
    nota: str | None = None
    known_in_force_on: date | None = None
    observed_on: date | None = None
    number_certain: bool = True
    amends_only: bool = False

    @property
    def starts_on(self) -> date | None:
        """First day we can vouch for: ``valid_from``, or the day a source saw it in force."""
        return self.valid_from if self.valid_from is not None else self.known_in_force_on

    def in_force_on(self, day: date) -> bool:
        """True if ``day`` is within [start, end); an unknown start is not extrapolated."""
        start = self.starts_on
        if start is None or day < start:
            return False
        return self.valid_until is None or day < self.valid_until


@dataclass(frozen=True, slots=True)
class ArticleHistory:
    """All known versions of one article, sorted by start date (unknown starts first)."""

    code: str
    number: str
    article_cid: str | None
    versions: tuple[ArticleVersion, ...]


def merge_sources(sources: Iterable[ParsedSource]) -> dict[tuple[str, str], ArticleHistory]:
    """Histories keyed by ``(code, number)`` from every version record of ``sources``."""
    return merge_records(record for source in sources for record in source.versions)


def merge_records(records: Iterable[ArticleVersionRecord]) -> dict[tuple[str, str], ArticleHistory]:
    by_id: dict[str, ArticleVersion] = {}
    without_id: list[ArticleVersionRecord] = []
    for record in records:
        if record.legiarti_id is None:
            without_id.append(record)
            continue
        current = by_id.get(record.legiarti_id)
        by_id[record.legiarti_id] = _from_record(record) if current is None else _combine(current, record)

    grouped: dict[tuple[str, str], list[ArticleVersion]] = {}
    for version in by_id.values():
        if version.amends_only:
            raise HistoryError(
                f"{version.legiarti_id} ({version.number}): {version.sources[0]} ends a version that no other "
                "source gives; import the snapshot that has it first, or with it"
            )
        grouped.setdefault((version.code, version.number), []).append(version)
    for record in without_id:
        versions = grouped.setdefault((record.code, record.number), [])
        _place(versions, record)

    histories = {}
    for key, versions in grouped.items():
        versions.sort(key=lambda v: (v.starts_on or date.min, v.valid_until or date.max))
        cids = {v.article_cid for v in versions if v.article_cid}
        histories[key] = ArticleHistory(
            code=key[0], number=key[1], article_cid=min(cids) if cids else None, versions=tuple(versions)
        )
    return histories


def _from_record(record: ArticleVersionRecord) -> ArticleVersion:
    return ArticleVersion(
        code=record.code,
        number=record.number,
        article_cid=record.article_cid,
        legiarti_id=record.legiarti_id,
        state=record.state,
        valid_from=record.valid_from,
        valid_until=record.valid_until,
        text=record.text,
        html=record.html,
        text_hash=record.text_hash,
        sources=(record.source,),
        nota=record.nota,
        known_in_force_on=record.known_in_force_on,
        observed_on=record.observed_on,
        number_certain=record.number_certain,
        amends_only=record.amends_only,
    )


def _combine(current: ArticleVersion, record: ArticleVersionRecord) -> ArticleVersion:
    key = record.legiarti_id or f"{record.number} (no id)"
    first = current.sources[0]
    if current.code != record.code:
        raise HistoryConflict(key, "code", (first, current.code), (record.source, record.code))
    newer = _newer(record.observed_on, current.observed_on)
    changes: dict[str, object] = {}
    if current.number != record.number:
        if current.number_certain and record.number_certain:
            raise HistoryConflict(key, "number", (first, current.number), (record.source, record.number))
        # A number shown with the version's text is certain; otherwise the earliest observation
        # is nearest to the time the version was in force, before any renumbering.
        if record.number_certain or (not current.number_certain and newer is False):
            changes.update(number=record.number, number_certain=record.number_certain)
    if current.valid_from != record.valid_from and not _start_was_provisional(current, record, newer):
        raise HistoryConflict(key, "valid_from", (first, current.valid_from), (record.source, record.valid_from))
    if current.article_cid and record.article_cid and current.article_cid != record.article_cid:
        raise HistoryConflict(key, "article_cid", (first, current.article_cid), (record.source, record.article_cid))
    if current.text_hash and record.text_hash and current.text_hash != record.text_hash:
        # DILA fixes typography in place (".-" dropped, quotes, a missing full stop: 3 cases across
        # the three snapshots): same words, newer punctuation wins. Any change of words is a conflict.
        if newer is None or not _same_words(current.text, record.text):
            raise HistoryConflict(key, "text", (_source_of_text(current), current.text), (record.source, record.text))
        if newer:
            changes.update(text=record.text, html=record.html, text_hash=record.text_hash, nota=record.nota)
    if record.source not in current.sources:
        changes["sources"] = (*current.sources, record.source)
    if current.amends_only and not record.amends_only:
        changes["amends_only"] = False
    if current.text is None and record.text is not None:
        changes.update(text=record.text, html=record.html, text_hash=record.text_hash, nota=record.nota)
    if current.article_cid is None and record.article_cid is not None:
        changes["article_cid"] = record.article_cid
    # The latest observation wins for what legitimately evolves (end date, state, deferred start).
    if newer is None and (record.valid_until, record.state) != (current.valid_until, current.state):
        raise HistoryConflict(
            key,
            "end date or state",
            (first, (current.valid_until, current.state)),
            (record.source, (record.valid_until, record.state)),
        )
    if newer:
        changes.update(
            valid_from=record.valid_from,
            valid_until=record.valid_until,
            state=record.state,
            observed_on=record.observed_on,
        )
    return replace(current, **changes) if changes else current


def _newer(candidate: date | None, current: date | None) -> bool | None:
    """True/False if ``candidate`` is a strictly newer/older observation, None if equal."""
    if candidate == current:
        return None
    if candidate is None:
        return False
    return current is None or candidate > current


def _start_was_provisional(current: ArticleVersion, record: ArticleVersionRecord, newer: bool | None) -> bool:
    """A start date announced for the future may be postponed; one already reached may not.

    The 2020 snapshot announces LEGIARTI000037390323 for 2021-01-01, the 2023 one records that it
    entered into force on 2022-01-01: that is a postponement, not a conflict.
    """
    if newer is None:
        return False
    older_start, older_seen = (
        (current.valid_from, current.observed_on) if newer else (record.valid_from, record.observed_on)
    )
    return older_start is not None and older_seen is not None and older_start > older_seen


def _same_words(a: str | None, b: str | None) -> bool:
    return _WORD.findall(a or "") == _WORD.findall(b or "")


def _source_of_text(version: ArticleVersion) -> str:
    return version.sources[0]


def _place(versions: list[ArticleVersion], record: ArticleVersionRecord) -> None:
    """Attach an id-less record to ``versions`` (in place) or raise."""
    for index, version in enumerate(versions):
        if version.text_hash is not None and version.text_hash == record.text_hash:
            _check_dates(version, record)
            if record.source not in version.sources:
                versions[index] = replace(
                    version,
                    sources=(*version.sources, record.source),
                    known_in_force_on=version.known_in_force_on or record.known_in_force_on,
                )
            return
    if record.valid_until is not None or record.valid_from is not None:
        for index, version in enumerate(versions):
            if not _same_interval(version, record):
                continue
            if version.text_hash is not None:
                raise HistoryConflict(
                    version.legiarti_id or record.number,
                    "text",
                    (_source_of_text(version), version.text),
                    (record.source, record.text),
                )
            versions[index] = replace(
                version,
                text=record.text,
                html=record.html,
                text_hash=record.text_hash,
                sources=(*version.sources, record.source),
                known_in_force_on=record.known_in_force_on,
            )
            return
    if record.valid_until is None:
        raise HistoryError(
            f"{record.number}: cannot place the text from {record.source}: no known version has this text "
            "and the source gives no dates"
        )
    versions.append(_from_record(record))


def _same_interval(version: ArticleVersion, record: ArticleVersionRecord) -> bool:
    if record.valid_until is not None and version.valid_until != record.valid_until:
        return False
    return record.valid_from is None or version.valid_from == record.valid_from


def _check_dates(version: ArticleVersion, record: ArticleVersionRecord) -> None:
    for field in ("valid_from", "valid_until"):
        given = getattr(record, field)
        if given is not None and getattr(version, field) != given:
            raise HistoryConflict(
                version.legiarti_id or record.number,
                field,
                (version.sources[0], getattr(version, field)),
                (record.source, given),
            )
