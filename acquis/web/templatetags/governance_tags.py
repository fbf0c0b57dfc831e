"""Filters of the governance pages: the French label of a composition violation code."""

from __future__ import annotations

from django import template

from acquis.web.governance.presentation import VIOLATION_LABELS

register = template.Library()


@register.filter
def violation_labels(codes) -> list[str]:
    """The French labels of a stored decision's violation codes (an unknown code is kept, never hidden)."""
    return [VIOLATION_LABELS.get(code, code) for code in codes or ()]
