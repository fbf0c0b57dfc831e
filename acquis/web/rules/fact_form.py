"""The rule pages' "Essayer la règle" form, generated from the rule's fact specification.

Each fact a rule declares (acquis.rules.facts.FactSpec) becomes one field named ``champs-<fact>``, labelled
in French from the rule family's wording.fr.yaml: a date field for a date, a list of choices for an enum,
a level or a yes/no question, a number field for a number, a set of checkboxes for a list of codes. Objects
and lists of objects (a jury's members, an employer's answer) stay JSON, with an example taken from the
rule's worked cases. The form turns the fields back into the facts the JSON input would give, so both
inputs reach the engine with the same facts and get the same decision.

An empty field means the fact is absent; for a fact whose ``null`` is meaningful, an empty required field
means ``null`` and an optional one offers « aucun » (a choice, or a checkbox beside it).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django import forms

from acquis.rules.cases import cases_for
from acquis.rules.engine import Rule, jsonable
from acquis.rules.errors import InvalidFacts
from acquis.rules.facts import FactSpec, load_facts_json
from acquis.rules.wording import wording_of
from acquis.web.common.fields import DATE_INPUT, PlausibleDateField, TextArea
from acquis.web.rules.forms import SURROGATE, unwritable

PREFIX = "champs-"
AT_FIELD = "date-determinante"
NULL_SUFFIX = "-aucun"
NULL_CHOICE = "aucun"
YES, NO = "oui", "non"
LEVELS = tuple(range(1, 9))
# The kinds a field can ask for directly; any other kind (object, list of objects) is typed as JSON.
DIRECT_KINDS = frozenset({"date", "bool", "level", "number", "string", "enum"})
CHOICE_KINDS = frozenset({"bool", "level", "enum"})


def field_name(fact: str) -> str:
    return PREFIX + fact


def null_name(fact: str) -> str:
    return PREFIX + fact + NULL_SUFFIX


def fact_choices(spec: FactSpec, rule_id: str) -> list[tuple[str, str]]:
    """The codes an enum or a list of codes may take, with their French labels (the parser's order)."""
    labels = wording_of(rule_id).choices.get(spec.name, {})
    codes = getattr(spec.parse, "choices", None) or tuple(labels)
    return [(code, _capitalised(labels.get(code, code))) for code in codes]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _kind(spec: FactSpec, rule_id: str) -> str:
    if spec.kind in DIRECT_KINDS:
        return spec.kind
    if spec.kind == "list of codes" and wording_of(rule_id).choices.get(spec.name):
        return "codes"
    return "json"


def _offers_null(spec: FactSpec) -> bool:
    """« aucun » must be said explicitly: the fact is optional (absent differs from null) and null is meaningful."""
    return spec.nullable and not spec.required


def _json_example(spec: FactSpec, rule_id: str) -> str:
    for case in cases_for(rule_id):
        value = case.facts.get(spec.name)
        if value not in (None, [], {}):
            return json.dumps(jsonable(value), ensure_ascii=False)
    return "[]" if "list" in spec.kind else "{}"


def _empty_label(spec: FactSpec) -> str:
    if spec.required and spec.nullable:
        return "Aucun"
    return "Non renseigné" if not spec.required else "Choisir"


def _field(spec: FactSpec, rule_id: str) -> forms.Field:
    label = wording_of(rule_id).facts.get(spec.name, spec.name)
    kind = _kind(spec, rule_id)
    # A required fact that may be null is asked without "required": its empty field means null.
    required = spec.required and not spec.nullable
    common: dict[str, Any] = {"label": label, "required": required}
    if kind == "date":
        return PlausibleDateField(widget=DATE_INPUT, input_formats=["%Y-%m-%d", "%d/%m/%Y"], **common)
    if kind in CHOICE_KINDS:
        if kind == "bool":
            options = [(YES, "Oui"), (NO, "Non")]
        elif kind == "level":
            options = [(str(level), f"Niveau {level}") for level in LEVELS]
        else:
            options = fact_choices(spec, rule_id)
        empty = [("", _empty_label(spec))]
        null = [(NULL_CHOICE, "Aucun")] if _offers_null(spec) else []
        return forms.ChoiceField(choices=empty + null + options, **common)
    if kind == "number":
        return forms.DecimalField(min_value=0, **common)
    if kind == "codes":
        return forms.MultipleChoiceField(
            choices=fact_choices(spec, rule_id), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "string":
        return forms.CharField(**common)
    example = _json_example(spec, rule_id)
    return forms.CharField(
        widget=TextArea(attrs={"rows": 4, "spellcheck": "false", "class": "fr-text--sm"}),
        help_text=f"Saisie en JSON, les noms étant ceux de la règle. Exemple : {example}",
        **common,
    )


def _null_field(spec: FactSpec, rule_id: str) -> forms.BooleanField:
    label = wording_of(rule_id).facts.get(spec.name, spec.name)
    return forms.BooleanField(required=False, label=f"Aucun : {label[:1].lower()}{label[1:]}")


def _json_number(value: Decimal) -> int | float:
    # The number the JSON input would carry: 40 stays an integer (a year must be one), 37.5 a decimal.
    return int(value) if value == value.to_integral_value() else json.loads(str(value))


class FactForm(forms.Form):
    """Base of the generated forms; ``facts`` holds the facts once the form is valid."""

    rule: Rule
    kinds: dict[str, str]

    def at_field(self) -> forms.BoundField:
        return self[AT_FIELD]

    def fact_fields(self) -> list[dict[str, Any]]:
        """The bound fields in the rule's order, each with its « aucun » checkbox when it has one."""
        return [
            {
                "field": self[field_name(spec.name)],
                "kind": self.kinds[spec.name],
                "null": self[null_name(spec.name)] if null_name(spec.name) in self.fields else None,
            }
            for spec in self.rule.facts
        ]

    def _value(self, spec: FactSpec) -> tuple[bool, Any]:
        """(present, raw JSON value) of one fact, from its cleaned field."""
        name, kind = field_name(spec.name), self.kinds[spec.name]
        if self.cleaned_data.get(null_name(spec.name)):
            return True, None
        value = self.cleaned_data.get(name)
        if value in (None, "", []):
            return (True, None) if spec.required and spec.nullable else (False, None)
        if value == NULL_CHOICE and kind in CHOICE_KINDS:
            return True, None
        if kind == "date":
            return True, value.isoformat()
        if kind == "bool":
            return True, value == YES
        if kind == "level":
            return True, int(value)
        if kind == "number":
            return True, _json_number(value)
        if kind == "json":
            try:
                parsed = load_facts_json(value)
            except InvalidFacts:
                raise forms.ValidationError("Ce n'est pas du JSON valide : reprenez la forme de l'exemple.") from None
            if unwritable(parsed):
                raise forms.ValidationError(SURROGATE)
            return True, parsed
        return True, value

    def clean(self):
        cleaned = super().clean()
        facts: dict[str, Any] = {}
        for spec in self.rule.facts:
            name = field_name(spec.name)
            if name in self.errors:
                continue
            if self.cleaned_data.get(null_name(spec.name)) and self.cleaned_data.get(name) not in (None, "", []):
                self.add_error(name, "Saisissez une valeur ou cochez « aucun », pas les deux.")
                continue
            try:
                present, raw = self._value(spec)
                if present and raw is not None:
                    spec.parse(spec.name, raw)  # the rule's own check, so every field error shows in one round
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            except InvalidFacts:
                self.add_error(name, "Cette valeur n'a pas la forme que la règle attend.")
                continue
            if present:
                facts[spec.name] = raw
        self.facts = facts
        return cleaned


def fact_form_class(rule: Rule) -> type[FactForm]:
    """A form class for ``rule``: the governing date, then one field per fact (and « aucun » where needed)."""
    fields: dict[str, forms.Field] = {
        AT_FIELD: PlausibleDateField(
            label="Date déterminante",
            required=False,
            help_text="Facultative quand la règle est gouvernée par un de ses faits.",
            widget=DATE_INPUT,
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        )
    }
    kinds = {}
    for spec in rule.facts:
        kinds[spec.name] = _kind(spec, rule.id)
        fields[field_name(spec.name)] = _field(spec, rule.id)
        if _offers_null(spec) and kinds[spec.name] not in CHOICE_KINDS:
            fields[null_name(spec.name)] = _null_field(spec, rule.id)
    return type("FactForm", (FactForm,), {**fields, "rule": rule, "kinds": kinds})


def form_data(rule: Rule, at: dt.date | str | None, facts: dict[str, Any]) -> dict[str, Any]:
    """The field values that say ``facts`` (JSON values): the pre-filled form of a worked example."""
    data: dict[str, Any] = {AT_FIELD: at.isoformat() if isinstance(at, dt.date) else (at or "")}
    for spec in rule.facts:
        if spec.name not in facts:
            continue
        kind, raw, name = _kind(spec, rule.id), jsonable(facts[spec.name]), field_name(spec.name)
        if raw is None:
            if _offers_null(spec):
                data[name if kind in CHOICE_KINDS else null_name(spec.name)] = (
                    NULL_CHOICE if kind in CHOICE_KINDS else "on"
                )
            continue
        if kind == "bool" and isinstance(raw, bool):
            data[name] = YES if raw else NO
        elif kind == "json":
            data[name] = json.dumps(raw, ensure_ascii=False)
        elif kind == "codes":
            data[name] = list(raw) if isinstance(raw, list) else raw
        else:
            data[name] = str(raw)
    return data
