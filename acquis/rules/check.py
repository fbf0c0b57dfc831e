"""``acquis rules check``: the catalogue against the legal corpus and against its own test cases.

1. Every source cited (parameter values, rule versions) exists in the corpus under that article and
   LEGIARTI id, and that version was in force over the whole validity of the value or rule version citing
   it; its sentence appears in the version's text (or NOTA) when the corpus has the text.
2. **Law watch**: a rule version spanning a change of one of its articles, or a value citing a version
   that has since been replaced, is reported (``law_changed``) — e.g. after importing a newer snapshot.
3. Every rule has test cases on both sides of each of its boundaries: for each first day B of a rule
   version or of a parameter value it reads (and each day after a closed end), a case governed by B − 1
   and one governed by B.

The corpus is anything with ``versions_of(article_number)`` returning versions that have
``legiarti_id``, ``valid_from``, ``valid_until`` (first day *no longer* in force, LEGI style, ``None`` if
open), ``text`` and optionally ``nota`` — or plain tuples ``(legiarti_id, valid_from, valid_until, text)``.
``acquis.law.corpus.Corpus`` satisfies it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from acquis.rules.cases import Case
from acquis.rules.decision import CODE_DU_TRAVAIL, Source
from acquis.rules.engine import Registry, Rule, RuleVersion

ONE_DAY = dt.timedelta(days=1)


class CorpusProtocol(Protocol):
    def versions_of(self, number: str, code: str = ...) -> Sequence[Any]: ...


@dataclass(frozen=True, slots=True)
class CorpusVersion:
    legiarti_id: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None  # exclusive
    text: str | None
    nota: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    level: str  # "error" or "warning"
    code: str
    subject: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"level": self.level, "code": self.code, "subject": self.subject, "message": self.message}


def _versions(corpus: CorpusProtocol, article: str, code: str = CODE_DU_TRAVAIL) -> list[CorpusVersion]:
    found = []
    for item in corpus.versions_of(article, code):
        if isinstance(item, tuple):
            found.append(CorpusVersion(*item))
        else:
            found.append(
                CorpusVersion(
                    item.legiarti_id, item.valid_from, item.valid_until, item.text, getattr(item, "nota", None)
                )
            )
    return found


def _normalise(text: str) -> str:
    # Texts from different sources differ in spaces around links and in apostrophes, not in words.
    return "".join(text.replace("\u2019", "'").replace("\xa0", " ").split())


def _fmt(day: dt.date | None) -> str:
    return day.isoformat() if day else "open"


def check_source(
    corpus: CorpusProtocol, source: Source, cited_from: dt.date, cited_until: dt.date | None, subject: str
) -> list[Finding]:
    """``cited_until`` is inclusive (our convention); the corpus's ``valid_until`` is exclusive (LEGI's)."""
    findings: list[Finding] = []
    versions = [v for v in _versions(corpus, source.article, source.code) if v.legiarti_id == source.legiarti]
    if not versions:
        return [
            Finding("error", "source_not_found", subject, f"{source.article} {source.legiarti} is not in the corpus")
        ]
    version = versions[0]
    label = f"{source.article} {source.legiarti}"
    if version.valid_from is None:
        findings.append(Finding("warning", "source_start_unknown", subject, f"{label}: start date unknown"))
    elif cited_from < version.valid_from:
        findings.append(
            Finding(
                "error",
                "source_not_in_force",
                subject,
                f"{label} came into force on {version.valid_from}, after the start of its use ({cited_from})",
            )
        )
    if version.valid_until is not None and (cited_until is None or cited_until >= version.valid_until):
        findings.append(
            Finding(
                "error",
                "law_changed",
                subject,
                f"{label} ceased to be in force on {version.valid_until} but is relied on until {_fmt(cited_until)}: "
                "review this rule or parameter against the newer version",
            )
        )
    corpus_until = version.valid_until - ONE_DAY if version.valid_until else None
    if (version.valid_from, corpus_until) != (source.valid_from, source.valid_until):
        findings.append(
            Finding(
                "warning",
                "source_interval_mismatch",
                subject,
                f"{label}: cited as in force {source.valid_from} → {_fmt(source.valid_until)}, the corpus says "
                f"{_fmt(version.valid_from)} → {_fmt(corpus_until)} (last day)",
            )
        )
    passage = version.nota if source.passage == "nota" else version.text
    if passage is None:
        findings.append(Finding("warning", "sentence_unverified", subject, f"{label}: no {source.passage} in corpus"))
    elif _normalise(source.sentence) not in _normalise(passage):
        findings.append(
            Finding("error", "sentence_not_found", subject, f"{label}: sentence not found: {source.sentence[:80]}…")
        )
    return findings


def _norm_articles(registry: Registry, version: RuleVersion) -> set[str]:
    """Articles a version reads as higher norms: each of their changes is a dated parameter value, whose source
    the check follows, and they are read on their own dates, so a change inside the version is expected."""
    articles = {source.article for norm in version.higher_norms for source in norm.also_cites}
    for norm in version.higher_norms:
        articles |= {value.source.article for name in norm.parameters for value in registry.parameters[name].values}
    return articles


def _article_changes(
    corpus: CorpusProtocol, rule: Rule, version: RuleVersion, skip: frozenset[str] | set[str] = frozenset()
) -> list[Finding]:
    findings = []
    for article in (article for article in rule.articles if article not in skip):
        starts = [
            v.valid_from
            for v in _versions(corpus, article)
            if v.valid_from is not None
            and version.valid_from < v.valid_from
            and (version.valid_until is None or v.valid_from <= version.valid_until)
        ]
        for start in starts:
            findings.append(
                Finding(
                    "error",
                    "law_changed",
                    f"rule {rule.id}@{version.version}",
                    f"a new version of {article} starts on {start}, inside this rule version "
                    f"({version.valid_from} → {_fmt(version.valid_until)}): review the rule",
                )
            )
    return findings


def check_sources(registry: Registry, corpus: CorpusProtocol) -> list[Finding]:
    findings: list[Finding] = []
    for name, parameter in registry.parameters.items():
        for value in parameter.values:
            subject = f"parameter {name} from {value.valid_from}"
            findings += check_source(corpus, value.source, value.valid_from, value.valid_until, subject)
            if value.source.to_confirm:
                findings.append(Finding("warning", "source_to_confirm", subject, value.source.to_confirm))
    for rule in registry:
        for version in rule.versions:
            subject = f"rule {rule.id}@{version.version}"
            for source in version.all_own_sources():
                findings += check_source(corpus, source, version.valid_from, version.valid_until, subject)
            findings += _article_changes(corpus, rule, version, _norm_articles(registry, version))
    return findings


def rule_boundaries(registry: Registry, rule: Rule) -> list[dt.date]:
    """Days on which the answer of ``rule`` may change because the law does."""
    days: set[dt.date] = set()
    for version in rule.versions:
        days.add(version.valid_from)
        if version.valid_until is not None:
            days.add(version.valid_until + ONE_DAY)
        for name in version.parameters:
            for day in registry.parameters[name].boundaries():
                if version.covers(day) and day != version.valid_from:
                    days.add(day)
    return sorted(days)


def check_case_coverage(registry: Registry, cases: Iterable[Case]) -> list[Finding]:
    dates: dict[str, set[dt.date]] = {}
    for case in cases:
        if case.rule_id in registry:
            day = case.governing_date(registry)
            if day is not None:
                dates.setdefault(case.rule_id, set()).add(day)
    findings = []
    for rule in registry:
        tested = dates.get(rule.id, set())
        for boundary in rule_boundaries(registry, rule):
            for day in (boundary - ONE_DAY, boundary):
                if day not in tested:
                    findings.append(
                        Finding(
                            "error",
                            "boundary_untested",
                            f"rule {rule.id}",
                            f"no test case governed by {day} (boundary {boundary}: need {boundary - ONE_DAY} and "
                            f"{boundary})",
                        )
                    )
    return findings


def check_interpretations(registry: Registry, corpus: CorpusProtocol) -> list[Finding]:
    """Each interpretation's sentence is in its article version; each one not yet confirmed is listed."""
    findings: list[Finding] = []
    for interpretation in registry.interpretations:
        subject = f"interpretation {interpretation.id}"
        source = interpretation.source
        findings += check_source(corpus, source, source.valid_from, source.valid_until, subject)
        for rule_id in interpretation.rules:
            # A scope that no version of a listed rule overlaps would silently drop the reading from every decision.
            versions = registry.get(rule_id).versions
            if not any(interpretation.applies_to(v.valid_from, v.valid_until) for v in versions):
                findings.append(
                    Finding(
                        "error",
                        "interpretation_out_of_scope",
                        subject,
                        f"no version of {rule_id} covers its scope {interpretation.span[0]} → "
                        f"{interpretation.span[1] or 'open'}",
                    )
                )
        if interpretation.confirmed is None:
            findings.append(
                Finding(
                    "warning",
                    "interpretation_unconfirmed",
                    subject,
                    f"{source.article}: {interpretation.question} Chosen: {interpretation.chosen} "
                    f"({', '.join(interpretation.rules)}); to be confirmed by {interpretation.confirm_by}",
                )
            )
    return findings


def check_norm_conflicts(registry: Registry) -> list[Finding]:
    """Hierarchy of norms: where a rule's value comes from a lower norm (a décret) that a higher one (a loi)
    bounds, every pair of dated values in which the lower gives less than the higher is listed with both
    sentences and what the rule does about it (the higher norm prevails unless an interpretation says so)."""
    findings: list[Finding] = []
    seen: set[tuple[str, str, str, str]] = set()
    for rule in registry:
        for version in rule.versions:
            for norm in version.higher_norms:
                for low in registry.parameters[norm.lower].values:
                    if not _overlap(low.valid_from, low.valid_until, version.valid_from, version.valid_until):
                        continue
                    for high in registry.parameters[norm.higher].values:
                        # Both are read on the day of the act (the lower one kept at its last wording for the
                        # version): they meet only where their intervals overlap.
                        if not _overlap(low.valid_from, low.valid_until, high.valid_from, high.valid_until):
                            continue
                        key = (rule.id, norm.name, low.source.legiarti, high.source.legiarti)
                        if low.value >= high.value or key in seen:
                            continue
                        seen.add(key)
                        outcome = (
                            "the value follows the higher norm"
                            if norm.resolution == "higher"
                            else f"the lower norm is kept (interpretation {norm.interpretation})"
                        )
                        findings.append(
                            Finding(
                                "warning",
                                "norm_conflict",
                                f"rule {rule.id}",
                                f"{norm.name}: {low.source.article} {low.source.legiarti} gives {low.value} "
                                f"(« {low.source.sentence} »), {high.source.article} {high.source.legiarti} "
                                f"guarantees {high.value} from {high.valid_from} (« {high.source.sentence} »); "
                                f"{outcome}",
                            )
                        )
    return findings


def _overlap(start: dt.date, end: dt.date | None, other_start: dt.date, other_end: dt.date | None) -> bool:
    return (end is None or end >= other_start) and (other_end is None or other_end >= start)


def run_check(registry: Registry, corpus: CorpusProtocol, cases: Iterable[Case]) -> list[Finding]:
    return (
        check_sources(registry, corpus)
        + check_norm_conflicts(registry)
        + check_interpretations(registry, corpus)
        + check_case_coverage(registry, cases)
    )
