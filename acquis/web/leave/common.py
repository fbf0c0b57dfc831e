"""Shared by the congé VAE views: loading a request for a permission check, mapping service errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from acquis.accounts.enums import Role
from acquis.accounts.permissions import grants_of
from acquis.leave import selectors
from acquis.leave.models import LeaveRequest


def load_request(request, pk: int, **kwargs) -> LeaveRequest:
    try:
        return selectors.leave_request_detail(pk=pk)
    except LeaveRequest.DoesNotExist:
        raise Http404("Cette demande n'existe pas.") from None


def acts_for_employer(user, leave_request: LeaveRequest) -> bool:
    """The reader holds the employer role for the request's company (its page then leads back to its list)."""
    return any(g.role == Role.EMPLOYER and g.organisation_id == leave_request.employer_id for g in grants_of(user))


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's French messages on the form: on their field when the form has it, else on top."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def stored_file_response(document: FieldFile, *, content_type: str, stem: str) -> FileResponse:
    """A stored piece as a download named ``stem`` + its stored extension (never the uploaded name)."""
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404("Le fichier n'est plus disponible.") from None
    extension = document.name.rsplit(".", 1)[-1]
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=f"{stem}.{extension}")
