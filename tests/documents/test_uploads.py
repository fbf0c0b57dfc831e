"""The one upload check every domain uses, and the stored name that never reuses the uploaded one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from acquis.documents.uploads import ACCEPTED_TYPES, attachment_check, stored_name

PDF = b"%PDF-1.7\n" + b"x" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"x" * 100


@pytest.mark.parametrize(("content", "kind"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")])
def test_a_piece_is_known_by_its_content_whatever_its_name(content, kind):
    checked = attachment_check(SimpleUploadedFile("scan.exe", content, content_type="text/plain"))
    assert checked.content_type == kind
    assert checked.size == len(content)
    assert len(checked.checksum) == 64


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "file_empty"), (b"MZ\x90\x00 not a document", "file_type_refused")],
)
def test_an_empty_or_foreign_file_is_refused_in_french(content, code):
    with pytest.raises(ValidationError) as refused:
        attachment_check(SimpleUploadedFile("piece.pdf", content), field="piece")
    assert refused.value.error_dict["piece"][0].code == code


def test_the_size_limit_is_the_one_setting_for_every_domain(settings):
    settings.ATTACHMENT_MAX_BYTES = 64
    with pytest.raises(ValidationError) as refused:
        attachment_check(SimpleUploadedFile("piece.pdf", PDF))
    assert refused.value.error_dict["file"][0].code == "file_too_large"
    assert "Mo" in refused.value.error_dict["file"][0].message


def test_the_stored_name_never_carries_the_uploaded_name():
    name = stored_name("leave/7", "proof", "image/png", "a" * 64)
    assert name == "leave/7/proof-aaaaaaaaaaaaaaaa.png"
    assert set(ACCEPTED_TYPES.values()) == {"pdf", "png", "jpg"}
    assert stored_name("x", "y", "text/html", "b" * 64).endswith(".bin")
