"""What the API's PDF routes share besides the response (acquis.documents.http.pdf_response, as the site):
their OpenAPI declaration (a binary body, which a response schema of django-ninja cannot describe)."""

from __future__ import annotations

from typing import Any


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
