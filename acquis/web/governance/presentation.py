"""The composition check and the governance deadlines in French, with the sentence each one relies on."""

from __future__ import annotations

import re
from typing import Any

from acquis.governance.models import CompositionChange
from acquis.governance.selectors import stored_decision
from acquis.rules import ids
from acquis.rules.catalogue import default_registry
from acquis.rules.cpc import VIOLATION_PARAMETERS
from acquis.rules.decision import Decision, Source
from acquis.rules.wording import wording_of
from acquis.web.common.blocks import ERROR_MESSAGES, source_view

VIOLATION_LABELS = wording_of(ids.CPC_COMPOSITION_CHECK).violations


def _source_for(code: str, decision: Decision) -> Source | None:
    """The sentence the violated requirement comes from, as cited in the stored decision."""
    parameter = VIOLATION_PARAMETERS.get(code)
    if parameter is None:
        return None
    wanted = default_registry().parameters[parameter].at(decision.at).source
    return next(
        (s for s in decision.sources if (s.legiarti, s.sentence) == (wanted.legiarti, wanted.sentence)), wanted
    )


# The rule's trace details are written for developers, in English (acquis/rules is not translated): each
# pattern gives the French a reader of the page gets instead. A detail matching none is a list of names, or
# of positions, shown as it is.
FRENCH_DETAILS = (
    (re.compile(r"^(\d+) member\(s\), the text requires (\d+)$"), "{0} membre(s) ; le texte en prévoit {1}"),
    (re.compile(r"^at least (\d+) required$"), "au moins {0} requis"),
    (re.compile(r"^at most (\d+) years$"), "mandat de {0} ans au plus"),
    (re.compile(r"^exactly (\d+) years$"), "mandat de {0} ans exactement"),
)
POSITION_DETAILS = {
    "substitute_missing": "membres (par rang dans la liste) sans suppléant",
    "substitute_same_sex": "membres (par rang dans la liste) dont le suppléant est du même sexe",
}


def _translated(detail: str) -> str:
    for pattern, text in FRENCH_DETAILS:
        match = pattern.match(detail)
        if match:
            return text.format(*match.groups())
    return detail


def french_detail(code: str, value: Any, detail: str) -> str:
    """A violation's detail in French, from the rule's trace step (its value and its English detail)."""
    if code in POSITION_DETAILS:
        positions = ", ".join(str(position + 1) for position in value) if isinstance(value, list) else ""
        return f"{POSITION_DETAILS[code]} : {positions}" if positions else POSITION_DETAILS[code]
    if code == "term_length" and isinstance(value, list):
        durations = ", ".join(f"{years} ans" for years in value)
        return f"mandats de {durations} ; le texte fixe un {_translated(detail)}"
    return _translated(detail)


def _details(decision: Decision) -> dict[str, str]:
    details: dict[str, str] = {}
    stack = [decision.trace]
    while stack:
        node = stack.pop()
        if node.step in VIOLATION_LABELS and node.detail:
            details[node.step] = french_detail(node.step, node.value, node.detail)
        stack.extend(node.children)
    return details


def composition_check_view(change: CompositionChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    decision = stored_decision(change)
    if decision is None:
        return {
            "change": change,
            "decided": False,
            "error": ERROR_MESSAGES.get(change.error_code, "La règle ne peut pas décider."),
            "error_detail": change.error_message,
        }
    details = _details(decision)
    violations = []
    for code in decision.value["violations"]:
        source = _source_for(code, decision)
        violations.append(
            {
                "code": code,
                "label": VIOLATION_LABELS.get(code, code),
                "detail": details.get(code, ""),
                "source": source_view(source) if source else None,
            }
        )
    return {
        "change": change,
        "decided": True,
        "valid": decision.value["valid"],
        "violations": violations,
        "rule_version": decision.rule_version,
        "at": decision.at,
        "ruleset_hash": decision.ruleset_hash,
        "sources": decision_sources(decision),
    }


def decision_sources(decision: Decision | None) -> list[dict[str, Any]]:
    return [source_view(source) for source in decision.sources] if decision else []
