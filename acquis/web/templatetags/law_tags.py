"""Filters of the law pages: French labels of versions and of diff changes."""

from __future__ import annotations

from django import template

from acquis.law import presentation

register = template.Library()


@register.filter
def version_interval(version) -> str:
    return presentation.interval_label(version)


@register.filter
def version_state(version) -> str:
    return presentation.state_label(version.state)


@register.filter
def never_in_force(version) -> bool:
    return presentation.never_in_force(version)


@register.filter
def change_label(change) -> str:
    return presentation.KIND_LABELS[change.kind]
