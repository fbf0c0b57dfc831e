"""What the API's PDF routes share: the response (the file the site's page serves, under the same name) and
its OpenAPI declaration (a binary body, which a response schema of django-ninja cannot describe)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from acquis.documents.pdf import PdfFile


def pdf_response(file: PdfFile) -> HttpResponse:
    response = HttpResponse(file.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


def pdf_openapi(description: str) -> dict[str, Any]:
    """``openapi_extra`` of a route answering a PDF: its 200 is ``application/pdf``, binary."""
    return {
        "responses": {
            200: {
                "description": description,
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }
