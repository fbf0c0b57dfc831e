"""The composition check and the governance deadlines in French, with the sentence each one relies on."""

from __future__ import annotations

import re
from typing import Any

from acquis.governance.models import CompositionChange
from acquis.governance.selectors import stored_decision
from acquis.rules.catalogue import default_registry
from acquis.rules.cpc import VIOLATION_PARAMETERS
from acquis.rules.decision import Decision, Source
from acquis.web.common.blocks import ERROR_MESSAGES, source_view

VIOLATION_LABELS = {
    "term_length": "La durée du mandat d'un membre ne respecte pas celle que fixe le texte.",
    "union_missing": "Une organisation syndicale représentative n'a pas de représentant.",
    "union_duplicate": "Une organisation syndicale a plus d'un représentant.",
    "union_not_representative": (
        "Un membre du collège des salariés représente une organisation qui n'est pas représentative au niveau "
        "national et interprofessionnel."
    ),
    "employer_interprofessional_missing": (
        "Une organisation d'employeurs représentative au niveau interprofessionnel n'a pas de représentant."
    ),
    "employer_interprofessional_duplicate": (
        "Une organisation d'employeurs interprofessionnelle a plus d'un représentant."
    ),
    "employer_interprofessional_not_representative": (
        "Un membre du collège interprofessionnel des employeurs représente une organisation qui n'est pas "
        "représentative au niveau national et interprofessionnel."
    ),
    "employer_other_count": "Le nombre des autres représentants des employeurs n'est pas celui que fixe le texte.",
    "state_count": "Le nombre des représentants de l'État n'est pas celui que fixe le texte.",
    "state_vocational_training_missing": (
        "Aucun représentant désigné par le ministre chargé de la formation professionnelle."
    ),
    "state_national_education_missing": "Aucun représentant désigné par le ministre chargé de l'éducation nationale.",
    "state_higher_education_missing": "Aucun représentant désigné par le ministre chargé de l'enseignement supérieur.",
    "associate_count": "Le nombre des membres associés n'est pas celui que fixe le texte.",
    "disability_council_count": (
        "Le membre désigné par le Conseil national consultatif des personnes handicapées manque, ou n'est plus prévu."
    ),
    "france_competences_count": "Le représentant de France compétences manque, ou n'est pas prévu à cette date.",
    "substitute_missing": "Un membre titulaire n'a pas de suppléant.",
    "substitute_same_sex": "Un suppléant n'est pas de l'autre sexe que le membre titulaire.",
}


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
