"""What the public rule pages show, built from the catalogue: plain dicts for the templates.

The engine speaks English to developers (value descriptions, trace steps, error messages); the pages speak
French to jurists and the public. The French wording of each rule's purpose and governing date lives in the
rule family's wording.fr.yaml (acquis.rules.wording), which the ruleset hash leaves out.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from acquis.rules.cases import Case, cases_for
from acquis.rules.decision import Decision, Source, TraceNode
from acquis.rules.durations import Duration, DurationUnit
from acquis.rules.engine import Registry, Rule, RuleVersion, jsonable
from acquis.rules.errors import RulesError
from acquis.rules.interpretations import Interpretation
from acquis.rules.parameters import Parameter
from acquis.rules.wording import all_wording, interpretation_wording
from acquis.web.common.blocks import ERROR_MESSAGES, source_view
from acquis.web.rules.labels import fact_label, note_label, trace_label, value_label

# The French purpose and governing date of each rule live in its family's wording.fr.yaml (outside the hash).
PURPOSES = {rule_id: wording.purpose for rule_id, wording in all_wording().items()}
GOVERNING_DATES = {rule_id: wording.governing_date for rule_id, wording in all_wording().items()}

FACT_KINDS = {
    "date": "date AAAA-MM-JJ",
    "bool": "vrai ou faux",
    "level": "niveau de qualification (1 à 8)",
    "number": "nombre",
    "string": "texte",
    "enum": "valeur parmi une liste",
    "object": "objet JSON",
    "list": "liste JSON",
}


def as_json(value: Any) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)


def display_value(value: Any) -> str:
    """A parameter value in French: 30 jours calendaires, 2 mois, 24 heures, oui, niveau 4, codes…"""
    if isinstance(value, Duration):
        if value.unit is DurationUnit.MONTHS:
            return f"{value.amount} mois"
        return f"{value.amount} jour{'s' if value.amount > 1 else ''} calendaire{'s' if value.amount > 1 else ''}"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return f"{jsonable(value)} heures"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "(aucun)"
    return str(jsonable(value))


def _overlaps(version: RuleVersion, start: dt.date, end: dt.date | None) -> bool:
    return (end is None or version.valid_from <= end) and (version.valid_until is None or start <= version.valid_until)


def _version(version: RuleVersion, registry: Registry, today: dt.date | None) -> dict[str, Any]:
    # A version relies on its own citations and on those of every parameter value it may read.
    sources: dict[tuple[str, str], Source] = {}
    for source in version.all_own_sources():
        sources.setdefault((source.legiarti, source.sentence), source)
    for name in version.parameters:
        for value in registry.parameters[name].values:
            if _overlaps(version, value.valid_from, value.valid_until):
                sources.setdefault((value.source.legiarti, value.source.sentence), value.source)
    return {
        "version": version.version,
        "valid_from": version.valid_from,
        "valid_until": version.valid_until,
        "in_force_today": today is not None and version.covers(today),
        "sources": [source_view(source) for source in sources.values()],
        "parameters": list(version.parameters),
        "transitional_note": version.transitional_note,
    }


def _marked(paragraph: str, sentences: list[str]) -> list[dict[str, Any]]:
    """A paragraph cut into plain and cited runs, so the template marks the sentences a rule relies on."""
    runs: list[dict[str, Any]] = []
    rest = paragraph
    while rest:
        hits = [(rest.find(s), s) for s in sentences if s and rest.find(s) >= 0]
        if not hits:
            runs.append({"text": rest, "cited": False})
            break
        start, sentence = min(hits)
        if start:
            runs.append({"text": rest[:start], "cited": False})
        runs.append({"text": sentence, "cited": True})
        rest = rest[start + len(sentence) :]
    return runs


def article_texts(sources: list[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    """The whole text of each article version cited, once each, with its cited sentences marked.

    ``texts`` maps LEGIARTI ids to the stored texts (one alinéa per line); a version missing from the
    corpus is listed without text, and the page says so rather than showing something else.
    """
    by_version: dict[str, dict[str, Any]] = {}
    for source in sources:
        entry = by_version.setdefault(source["legiarti"], {**source, "sentences": [], "paragraphs": []})
        if not source["is_nota"]:
            entry["sentences"].append(source["sentence"])
    for legiarti, entry in by_version.items():
        text = texts.get(legiarti)
        entry["has_text"] = text is not None
        if text is not None:
            entry["paragraphs"] = [_marked(line, entry["sentences"]) for line in text.splitlines() if line.strip()]
    return sorted(by_version.values(), key=lambda e: (e["article"], e["valid_from"]))


def _parameter(parameter: Parameter) -> dict[str, Any]:
    return {
        "name": parameter.name,
        "description": parameter.description,
        "values": [
            {
                "value": display_value(value.value),
                "valid_from": value.valid_from,
                "valid_until": value.valid_until,
                "source": source_view(value.source),
            }
            for value in parameter.values
        ],
    }


def _case(case: Case) -> dict[str, Any]:
    # The case's French title (wording.fr.yaml ``cases``); the English name only when none is written, which
    # tests/web/test_rule_words.py forbids for the catalogue's cases.
    title = all_wording()[case.rule_id].cases.get(case.name) if case.rule_id in all_wording() else None
    return {
        "name": title or case.name,
        "name_english": title is None,
        "at": case.at,
        "facts": as_json(case.facts),
        "facts_compact": json.dumps(jsonable(case.facts), ensure_ascii=False),
        "expected": None if case.error else as_json(case.expected),
        "expected_label": "" if case.error else value_label(case.rule_id, jsonable(case.expected)),
        "error": case.error or "",
        "error_label": ERROR_MESSAGES.get(case.error or "", "erreur"),
        "sources": list(case.sources or ()),
    }


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title,
        "purpose": PURPOSES.get(rule.id, ""),
        "articles": list(rule.articles),
        "governing_date": GOVERNING_DATES.get(rule.id, rule.anchor),
        "first_day": min(version.valid_from for version in rule.versions),
        "version_count": len(rule.versions),
    }


def catalogue(registry: Registry) -> list[dict[str, Any]]:
    return [rule_summary(rule) for rule in registry]


def cited_legiarti_ids(rule: Rule, registry: Registry) -> set[str]:
    """Every article version a rule page cites, for the caller to fetch their texts."""
    return {source["legiarti"] for version in rule.versions for source in _version(version, registry, None)["sources"]}


def rule_page(rule: Rule, registry: Registry, today: dt.date, texts: dict[str, str] | None = None) -> dict[str, Any]:
    names = list(dict.fromkeys(name for version in rule.versions for name in version.parameters))
    cases = [_case(case) for case in cases_for(rule.id)]
    return {
        **rule_summary(rule),
        "value": (all_wording()[rule.id].value if rule.id in all_wording() else "") or rule.value,
        "value_english": not (rule.id in all_wording() and all_wording()[rule.id].value),
        "facts": [
            {
                "name": spec.name,
                "label": fact_label(rule.id, spec.name),
                "kind": FACT_KINDS.get(spec.kind, spec.kind),
                "required": spec.required,
                "nullable": spec.nullable,
            }
            for spec in rule.facts
        ],
        "versions": [
            {
                **view,
                "articles": article_texts(view["sources"], texts or {}),
                "transitional_note_fr": trace_label(rule.id, view["transitional_note"]),
            }
            for view in (_version(version, registry, today) for version in reversed(rule.versions))
        ],
        "parameters": [_parameter(registry.parameters[name]) for name in names],
        "interpretations": [_interpretation(item, rule) for item in registry.interpretations_of(rule.id)],
        "cases": cases,
    }


def _interpretation(interpretation: Interpretation, rule: Rule) -> dict[str, Any]:
    french = interpretation_wording().get(interpretation.id)
    return {
        "id": interpretation.id,
        # The versions whose decisions carry it: the reading of one wording is not another's.
        "versions": [
            _version_day(version.version) or version.version
            for version in rule.versions
            if interpretation.applies_to(version.valid_from, version.valid_until)
        ],
        "source": source_view(interpretation.source),
        # The French wording (acquis/rules/wording.fr.yaml); the English of interpretations.yaml only if missing.
        "english": french is None,
        "question": french.question if french else interpretation.question,
        "readings": [
            {
                "code": code,
                "text": french.readings.get(code, text) if french else text,
                "english": french is None or code not in french.readings,
                "chosen": code == interpretation.chosen,
            }
            for code, text in interpretation.readings.items()
        ],
        "why": french.why if french else interpretation.why,
        "confirm_by": french.confirm_by if french else interpretation.confirm_by,
        "confirmed": interpretation.confirmed,
    }


def example_input(rule_id: str) -> tuple[str, str]:
    """The try form's starting point: the last worked example that decides (date, facts as JSON)."""
    deciding = [case for case in cases_for(rule_id) if not case.error]
    if not deciding:
        return "", "{}"
    case = deciding[-1]
    return (case.at.isoformat() if case.at else ""), as_json(case.facts)


def _trace(rule_id: str, node: TraceNode) -> dict[str, Any]:
    """One step of the reasoning in French; ``english`` keeps a text the wording has no French for (the page
    marks it lang="en", and tests/web/test_rule_words.py fails on it for every worked case)."""
    step, detail = trace_label(rule_id, node.step), trace_label(rule_id, node.detail)
    return {
        "step": step or node.step,
        "step_english": step is None,
        "parameter": node.step.removeprefix("parameter ") if node.step.startswith("parameter ") else "",
        "value": value_label(rule_id, node.value),
        "detail": detail if detail is not None else node.detail,
        "detail_english": detail is None,
        "sources": list(node.sources),
        "children": [_trace(rule_id, child) for child in node.children],
    }


def _version_day(version: str) -> dt.date | None:
    # A version is named by its first day (acquis/rules/*/versions.yaml).
    try:
        return dt.date.fromisoformat(version)
    except ValueError:
        return None


def decision_view(decision: Decision, transitional_notes: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A decision for the page, in French; ``transitional_notes`` are the rule's versions' (English) notes."""
    value, rule_id = decision.value, decision.rule_id
    return {
        "rule_version": decision.rule_version,
        "version_day": _version_day(decision.rule_version),
        "at": decision.at,
        "value": value if isinstance(value, str) else json.dumps(value, ensure_ascii=False),
        "label": value_label(rule_id, value),
        "sources": [source_view(source) for source in decision.sources],
        "inputs_used": [
            {"name": name, "label": fact_label(rule_id, name), "value": value_label(rule_id, raw)}
            for name, raw in decision.inputs_used.items()
        ],
        "missing_inputs": [fact_label(rule_id, name) for name in decision.missing_inputs],
        "notes": [
            {"english": False, **label}
            if (label := note_label(rule_id, note, transitional_notes))
            else {"text": note, "interpretation": "", "english": True}
            for note in decision.notes
        ],
        "trace": [_trace(rule_id, decision.trace)],
        "ruleset_hash": decision.ruleset_hash,
        "json": decision.to_json(indent=2),
    }


def try_rule(
    registry: Registry, rule_id: str, facts: dict[str, Any], at: dt.date | None
) -> tuple[dict[str, Any] | None, dict[str, str] | None]:
    """Decide a case typed on the page: (decision, None) or (None, error). Nothing is stored."""
    try:
        notes = frozenset(version.transitional_note for version in registry.get(rule_id).versions)
        return decision_view(registry.decide(rule_id, facts, at), notes), None
    except RulesError as error:
        message = ERROR_MESSAGES.get(error.code, "La règle ne peut pas décider ce cas.")
        missing = [fact_label(rule_id, name) for name in getattr(error, "fields", ())]
        return None, {"code": error.code, "message": message, "detail": error.message, "missing": missing}
