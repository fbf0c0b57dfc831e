"""Serving a stored piece (an attachment, a proof) as a download."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def stored_file_response(document: FieldFile, *, content_type: str, stem: str) -> FileResponse:
    """A stored piece as a download named ``stem`` + its stored extension (never the uploaded name)."""
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404("Le fichier n'est plus disponible.") from None
    extension = document.name.rsplit(".", 1)[-1]
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=f"{stem}.{extension}")
