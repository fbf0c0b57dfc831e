"""``acquis rules find ARTICLE``: every rule, parameter, case and interpretation that cites an article.

For a newcomer ("where is R6412-4 applied?") or a jurist reviewing one article after a change: the rules
that name it or cite one of its versions (as their own source, a definition's, a higher norm's), the dated
parameters whose values it sets, the worked examples whose expected sources include it, and the
interpretations of one of its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from acquis.rules.cases import Case
from acquis.rules.engine import Registry

ARTICLE_TEXT = re.compile(r"^([LRDlrd])\.?\s*(\d{3,4}(?:-\d+)*)$")


def normalise_article(text: str) -> str | None:
    """« R. 6412-4 », « r6412-4 » → « R6412-4 »; None when it is not an article number."""
    match = ARTICLE_TEXT.match(text.strip())
    return f"{match.group(1).upper()}{match.group(2)}" if match else None


def _legiartis(sources: Iterable[Any], article: str) -> list[str]:
    return sorted({source.legiarti for source in sources if source.article == article})


def find_article(registry: Registry, cases: Iterable[Case], article: str) -> dict[str, Any]:
    rules = []
    for rule in registry:
        versions = []
        for version in rule.versions:
            cited = list(version.all_own_sources())
            cited += [source for norm in version.higher_norms for source in norm.also_cites]
            names = [*version.parameters, *(name for norm in version.higher_norms for name in norm.parameters)]
            cited += [value.source for name in names for value in registry.parameters[name].values]
            if _legiartis(cited, article):
                versions.append({"version": version.version, "legiarti": _legiartis(cited, article)})
        if versions or article in rule.articles:
            rules.append({"id": rule.id, "title": rule.title, "versions": versions})
    parameters = [
        {
            "name": name,
            "values": [
                {
                    "valid_from": value.valid_from.isoformat(),
                    "valid_until": value.valid_until.isoformat() if value.valid_until else None,
                    "legiarti": value.source.legiarti,
                }
                for value in parameter.values
                if value.source.article == article
            ],
        }
        for name, parameter in registry.parameters.items()
        if any(value.source.article == article for value in parameter.values)
    ]
    found_cases = [
        {"rule": case.rule_id, "name": case.name, "sources": [s for s in case.sources if s.split()[0] == article]}
        for case in cases
        if case.sources and any(source.split()[0] == article for source in case.sources)
    ]
    interpretations = [
        {"id": item.id, "legiarti": item.source.legiarti, "chosen": item.chosen, "confirmed": bool(item.confirmed)}
        for item in registry.interpretations
        if item.source.article == article
    ]
    return {
        "article": article,
        "rules": rules,
        "parameters": parameters,
        "cases": found_cases,
        "interpretations": interpretations,
    }


def format_found(found: dict[str, Any]) -> str:
    """The human listing (the --json form carries the same content)."""
    article = found["article"]
    if not any(found[key] for key in ("rules", "parameters", "cases", "interpretations")):
        return f"{article}: cited by no rule, parameter, case or interpretation of the catalogue.\n"
    lines = [f"{article}"]
    lines.append(f"\nRules ({len(found['rules'])}):")
    for rule in found["rules"]:
        versions = "; ".join(f"{v['version']} ({', '.join(v['legiarti'])})" for v in rule["versions"])
        lines.append(f"  {rule['id']} — {rule['title']}" + (f"\n    versions: {versions}" if versions else ""))
    lines.append(f"\nParameters ({len(found['parameters'])}):")
    for parameter in found["parameters"]:
        spans = "; ".join(
            f"{v['valid_from']} → {v['valid_until'] or 'open'} {v['legiarti']}" for v in parameter["values"]
        )
        lines.append(f"  {parameter['name']}: {spans}")
    lines.append(f"\nCases ({len(found['cases'])}):")
    for case in found["cases"]:
        lines.append(f"  {case['rule']}: {case['name']}")
    lines.append(f"\nInterpretations ({len(found['interpretations'])}):")
    for item in found["interpretations"]:
        state = "confirmed" if item["confirmed"] else "to confirm"
        lines.append(f"  {item['id']} ({item['legiarti']}): chosen {item['chosen']}, {state}")
    return "\n".join(lines) + "\n"
