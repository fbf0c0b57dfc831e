"""Uploaded pieces, for every domain: the check by content (not by name or declared type), the accepted
types, the stored name, and the abstract model every stored piece inherits.

A few lines of signature checks rather than a dependency: only three formats are accepted and each has a
fixed, documented magic number (PDF 1.7 §7.5.2 "%PDF-", PNG "\\x89PNG\\r\\n\\x1a\\n", JPEG SOI + marker).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
# The accepted types and the extension each is stored under.
ACCEPTED_TYPES: dict[str, str] = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def stored_name(folder: str, stem: str, content_type: str, checksum: str) -> str:
    """Where a piece is stored: never the uploaded name (it may carry personal data or path tricks)."""
    return f"{folder}/{stem}-{checksum[:16]}.{ACCEPTED_TYPES.get(content_type, 'bin')}"


class StoredDocument(models.Model):
    """What every stored piece keeps beside its file: the name it was uploaded under (shown, never used as a
    path), its checked type, size and SHA-256, and when it arrived."""

    original_name = models.CharField("nom d'origine", max_length=255)
    content_type = models.CharField("type", max_length=32)
    size = models.PositiveIntegerField("taille (octets)")
    checksum = models.CharField("empreinte SHA-256", max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    checksum: str


def _readable_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo"


# The codes attachment_check refuses with (the workflow tables list them among a route's input refusals).
UPLOAD_REFUSALS = ("file_empty", "file_too_large", "file_type_refused")


def attachment_check(file: UploadedFile, *, field: str = "file") -> CheckedFile:
    """Return what the file is, or raise a French ValidationError (nothing is stored before this passes)."""
    limit: int = settings.ATTACHMENT_MAX_BYTES
    size = file.size or 0
    if size == 0:
        raise ValidationError({field: ValidationError("Le fichier est vide.", code="file_empty")})
    if size > limit:
        raise ValidationError(
            {
                field: ValidationError(
                    f"Le fichier pèse {size / (1024 * 1024):.1f} Mo : "
                    f"la taille maximale est de {_readable_size(limit)}.",
                    code="file_too_large",
                )
            }
        )
    file.seek(0)
    head = file.read(16)
    content_type = next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(
            {
                field: ValidationError(
                    "Ce fichier n'est ni un PDF, ni une image PNG ou JPEG : "
                    "déposez un document dans l'un de ces formats.",
                    code="file_type_refused",
                )
            }
        )
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return CheckedFile(content_type=content_type, size=size, checksum=digest.hexdigest())
