"""Filters of the rule pages: a decision's value in French (acquis/web/rules/labels.py)."""

from __future__ import annotations

from django import template

from acquis.web.rules.labels import value_label

register = template.Library()


@register.filter
def rule_value(value, rule_id: str) -> str:
    return value_label(rule_id, value)
