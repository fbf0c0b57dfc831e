"""A generated document as an HTTP download: the site's pages and the API serve the same file, same name."""

from __future__ import annotations

from django.http import HttpResponse

from acquis.documents.pdf import PdfFile


def pdf_response(file: PdfFile) -> HttpResponse:
    response = HttpResponse(file.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response
