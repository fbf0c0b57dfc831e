"""French labels of what rules return, for the rule pages (acquis/rules speaks English to developers and is
not translated): a decision's value, its facts, and the steps of its reasoning.

Labels come from the rule family's wording.fr.yaml (acquis.rules.wording): ``values``, ``violations`` and
``choices`` label codes, ``fields`` the keys of a value that is an object, ``facts`` the facts, ``trace`` the
engine's trace steps and details. A status rule's codes get the same labels as the domain pages; a date is
written as the pages write dates (« 1er mars 2026 »). ``trace_label`` answers None for an English text it has
no French for, so that the page can mark it and the tests can find it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from acquis.law.presentation import french_date
from acquis.leave.enums import STATUS_LABELS as LEAVE_STATUS_LABELS
from acquis.pathways.enums import STATUS_LABELS as PATHWAY_STATUS_LABELS
from acquis.rules import ids
from acquis.rules.wording import all_wording

VALUE_LABELS: dict[str, dict[str, str]] = {
    ids.LEAVE_STATUS: LEAVE_STATUS_LABELS,
    ids.ADMISSIBILITY_STATUS: PATHWAY_STATUS_LABELS,
}
# The numbers and ISO dates in an English trace text: its French template has a {} for each.
_FIGURE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
UNITS = {"months": "mois", "calendar_days": "jours calendaires"}
_VERSION_STEP = re.compile(r"^(?P<rule>[a-z_]+\.[a-z_]+)@(?P<day>\d{4}-\d{2}-\d{2})$")
_GOVERNING = re.compile(r"^governing date (?P<day>\d{4}-\d{2}-\d{2}) \(.*\)$", re.DOTALL)
# Organisation names (a commission's members) are proper nouns, shown as they are.
_NAMES = re.compile(r"^[A-Z0-9][A-Z0-9 ,'&.\-]*$")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def code_labels(rule_id: str) -> dict[str, str]:
    """Every code the rule's values may carry, with its French label."""
    wording = all_wording().get(rule_id)
    labels: dict[str, str] = {}
    if wording is not None:
        for choices in wording.choices.values():
            labels.update(choices)
        labels.update(wording.violations)
        labels.update(wording.values)
    labels.update(VALUE_LABELS.get(rule_id, {}))
    return labels


def _day(text: str) -> str | None:
    try:
        return french_date(dt.date.fromisoformat(text))
    except ValueError:
        return None


def value_label(rule_id: str, value: Any) -> str:
    """The value of a decision of ``rule_id`` (or of one step of it) in French."""
    if value is None:
        return "aucune"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        label = code_labels(rule_id).get(value)
        if label:
            return _capitalised(label)
        if _ISO_DAY.fullmatch(value):
            return _day(value) or value
        if _MONTH_DAY.fullmatch(value):  # a day of every year (a programme's deadline): « 31 janvier »
            return french_date(dt.date(2000, int(value[:2]), int(value[3:]))).removesuffix(" 2000")
        return value
    if isinstance(value, list | tuple):
        return " ; ".join(value_label(rule_id, item) for item in value) or "aucun"
    if isinstance(value, dict) and set(value) == {"amount", "unit"} and value["unit"] in UNITS:
        return f"{value['amount']} {UNITS[value['unit']]}"
    if isinstance(value, dict):
        fields = all_wording()[rule_id].fields if rule_id in all_wording() else {}
        return " — ".join(f"{fields.get(key, key)} : {value_label(rule_id, item)}" for key, item in value.items())
    return str(value).replace(".", ",")


def fact_label(rule_id: str, fact: str) -> str:
    wording = all_wording().get(rule_id)
    return wording.facts.get(fact, fact) if wording is not None else fact


def _figure(text: str) -> str:
    return _day(text) or text.replace(".", ",")


def trace_label(rule_id: str, text: str) -> str | None:
    """One trace step or detail in French, or None when the wording has no French for it."""
    if not text:
        return ""
    version = _VERSION_STEP.match(text)
    if version:
        return f"Version du {french_date(dt.date.fromisoformat(version['day']))} de la règle"
    governing = _GOVERNING.match(text)
    if governing:
        wording = all_wording().get(rule_id)
        anchor = f" ({wording.governing_date})" if wording is not None else ""
        return f"date déterminante : {french_date(dt.date.fromisoformat(governing['day']))}{anchor}"
    if text.startswith("parameter "):
        return "Paramètre daté"
    if text.startswith("conflict of norms: "):
        rest = trace_label(rule_id, text.removeprefix("conflict of norms: "))
        return f"Conflit de normes : {rest}" if rest else None
    labels = code_labels(rule_id)
    for prefix, french in (("item ", "Pièce"), ("ground ", "Motif")):
        if text.startswith(prefix) and text.removeprefix(prefix) in labels:
            return f"{french} : {labels[text.removeprefix(prefix)]}"
    if text in labels:
        return _capitalised(labels[text])
    return _worded(rule_id, text)


def _worded(rule_id: str, text: str) -> str | None:
    wording = all_wording().get(rule_id)
    trace = wording.trace if wording is not None else {}
    for candidate, prefix in ((text, ""), (text.removeprefix("base "), "Définition : ")):
        if candidate in trace:
            return prefix + _capitalised(trace[candidate]) if prefix else _capitalised(trace[candidate])
        template = _FIGURE.sub("{}", candidate)
        if template != candidate and template in trace:
            figures = [_figure(figure) for figure in _FIGURE.findall(candidate)]
            return prefix + _capitalised(trace[template].format(*figures))
    if text.startswith("exception "):
        return None
    if _NAMES.match(text):
        return text
    return None


_INTERPRETATION = re.compile(r"^Interpretation (?P<id>\S+) \((?P<article>\S+) LEGIARTI\d+, (?P<state>confirmed|to be)")
_CONFLICT = re.compile(
    r"^Conflict of norms \(.+?\): (?P<lower>\S+) LEGIARTI\d+ \((?P<lower_rank>[^)]+)\) gives (?P<low>[\d.]+): .*; "
    r"(?P<higher>\S+) LEGIARTI\d+ \((?P<higher_rank>[^)]+)\) guarantees (?P<floor>[\d.]+): .*; "
    r"(?P<outcome>the value follows|the \S+ is kept)",
    re.DOTALL,
)


def note_label(rule_id: str, note: str, transitional_notes: frozenset[str] | set[str]) -> dict[str, str] | None:
    """A decision's note in French: {text, interpretation (its id, for the link to its reading)}, or None.

    The notes are the engine's (English): a version's transitional note, in French from the rule's ``trace`` wording;
    an interpretation the decision applies, shown with its readings under « Lectures retenues »; a conflict
    of norms, whose figures and articles are said here.
    """
    if note in transitional_notes:
        french = _worded(rule_id, note)
        return {"text": f"Disposition transitoire : {french}", "interpretation": ""} if french else None
    interpretation = _INTERPRETATION.match(note)
    if interpretation:
        state = "confirmée" if interpretation["state"] == "confirmed" else "à confirmer"
        text = f"La décision applique une lecture de l'article {interpretation['article']}, {state} :"
        return {"text": text, "interpretation": interpretation["id"]}
    conflict = _CONFLICT.match(note)
    if conflict:
        kept = conflict["floor"] if conflict["outcome"] == "the value follows" else conflict["low"]
        return {
            "text": (
                f"Conflit de normes : l'article {conflict['lower']} ({conflict['lower_rank']}) "
                f"donne {conflict['low']}, "
                f"l'article {conflict['higher']} ({conflict['higher_rank']}) garantit {conflict['floor']} ; "
                f"la valeur retenue est {kept}."
            ),
            "interpretation": "",
        }
    return None
