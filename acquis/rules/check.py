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
from acquis.rules.decision import Source
from acquis.rules.engine import Registry, Rule, RuleVersion

ONE_DAY = dt.timedelta(days=1)


class CorpusProtocol(Protocol):
    def versions_of(self, number: str) -> Sequence[Any]: ...


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


def _versions(corpus: CorpusProtocol, article: str) -> list[CorpusVersion]:
    found = []
    for item in corpus.versions_of(article):
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
    versions = [v for v in _versions(corpus, source.article) if v.legiarti_id == source.legiarti]
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


def _article_changes(corpus: CorpusProtocol, rule: Rule, version: RuleVersion) -> list[Finding]:
    findings = []
    for article in rule.articles:
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
    for rule in registry:
        for version in rule.versions:
            subject = f"rule {rule.id}@{version.version}"
            for source in version.all_own_sources():
                findings += check_source(corpus, source, version.valid_from, version.valid_until, subject)
            findings += _article_changes(corpus, rule, version)
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


def run_check(registry: Registry, corpus: CorpusProtocol, cases: Iterable[Case]) -> list[Finding]:
    return (
        check_sources(registry, corpus)
        + check_interpretations(registry, corpus)
        + check_case_coverage(registry, cases)
    )
