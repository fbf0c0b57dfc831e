"""Mapping a service's refusal (a ValidationError in French) onto the form the person posted."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's French messages on the form: on their field when the form has it, else on top."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
