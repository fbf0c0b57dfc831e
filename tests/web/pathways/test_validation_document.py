"""The dossier de validation (R6412-5) is uploaded with its filing, checked like every upload, and downloaded
by those who read the candidacy."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from acquis.pathways.models import ValidationFile
from tests.accounts.factories import UserFactory
from tests.leave.factories import pdf
from tests.pathways.factories import CandidacyFactory
from tests.web.pathways.support import text


def _admissible():
    return CandidacyFactory(admissible=True, started_on=timezone.localdate() - dt.timedelta(days=70))


def test_the_candidate_uploads_the_validation_file_and_the_certifier_downloads_it(client):
    candidacy = _admissible()
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_validation_submit", args=[candidacy.pk])
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert 'enctype="multipart/form-data"' in page and "Dossier de validation" in page
    response = client.post(url, {"summary": "Mon parcours d'aide-soignante", "document": pdf("mon-dossier.pdf")})
    assert response.status_code == 302
    validation = ValidationFile.objects.get(candidacy=candidacy)
    assert validation.document and validation.document_type == "application/pdf" and validation.document_checksum
    assert "mon-dossier" not in validation.document.name  # the stored name never reuses the uploaded one
    download = reverse("web:pathway_validation_document", args=[candidacy.pk, validation.pk])
    client.force_login(UserFactory(certifier=True, organisation=candidacy.certifier))
    assert download in text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    answer = client.get(download)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"


def test_a_document_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_filed(client):
    candidacy = _admissible()
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_validation_submit", args=[candidacy.pk])
    response = client.post(url, {"document": pdf("virus.exe", b"MZ\x90\x00 not a document")})
    assert response.status_code == 400
    assert not ValidationFile.objects.filter(candidacy=candidacy).exists()


def test_a_file_filed_without_a_document_has_no_download(client):
    candidacy = CandidacyFactory(validation=True, started_on=timezone.localdate() - dt.timedelta(days=100))
    client.force_login(candidacy.candidate)
    validation = candidacy.validation_files.get()
    assert (
        client.get(reverse("web:pathway_validation_document", args=[candidacy.pk, validation.pk])).status_code == 404
    )
