"""GET /api/v1/candidacies/{id}/feasibility.pdf and …/attestations/{attestation_id}.pdf: the files the site's
pages serve (same content, same names), for the full view's readers, tokens included; 404 while there is no
file, for a caller who does not read the candidacy and for another candidacy's attestation; 403 for a funder."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.urls import reverse

from acquis.accounts.enums import OrganisationKind
from acquis.api.pathways.schemas import CandidacyDetailOut
from acquis.pathways import services
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.api.pathways.support import BASE, bearer, recent
from tests.pathways.factories import CandidacyFactory


@pytest.fixture
def world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    sponsor = OrganisationFactory(kind=OrganisationKind.FUNDER)
    services.programme_create(
        actor=None,
        name="Cohorte",
        kind="sponsored_cohort",
        enrolment_code="DOCS1",
        starts_on=recent(400),
        sponsor=sponsor,
    )
    return {
        "certifier": certifier,
        "token": make_api_token(organisation=certifier, role="certifier")[1],
        "other_token": make_api_token(role="certifier")[1],
        "funder_token": make_api_token(organisation=sponsor, role="funder")[1],
        "funder": UserFactory(funder=True, organisation=sponsor),
    }


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _pdf(response, filename: str) -> str:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content.startswith(b"%PDF")
    return _text(response.content)


def _not_found(response) -> None:
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/problem+json"


def _detail(client, candidacy, raw) -> CandidacyDetailOut:
    response = client.get(f"{BASE}/{candidacy.pk}", headers=bearer(raw))
    assert response.status_code == 200, response.content
    return CandidacyDetailOut.model_validate(response.json())


def _issued(world, candidacy=None):
    candidacy = candidacy or CandidacyFactory(
        certifier=world["certifier"], result_partial=True, started_on=recent(130)
    )
    attestation = services.attestation_request(actor=None, candidacy=candidacy, kind="blocks")
    return services.attestation_issue(actor=None, attestation=attestation)


def test_the_certifier_token_downloads_the_feasibility_file_the_site_serves(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], complete=True, started_on=recent(50))
    url = _detail(client, candidacy, world["token"]).feasibility_pdf_url
    assert url == f"{BASE}/{candidacy.pk}/feasibility.pdf"
    text = _pdf(client.get(url, headers=bearer(world["token"])), f"dossier-faisabilite-{candidacy.pk}.pdf")
    assert f"Dossier de faisabilité — candidature n° {candidacy.pk}" in text
    client.force_login(candidacy.candidate)  # the site's page: the same document
    page = client.get(reverse("web:pathway_feasibility_pdf", kwargs={"pk": candidacy.pk}))
    assert _pdf(page, f"dossier-faisabilite-{candidacy.pk}.pdf") == text
    assert _pdf(client.get(url), f"dossier-faisabilite-{candidacy.pk}.pdf") == text  # and the API with a session


def test_no_feasibility_pdf_before_the_file_is_filed(client, world):
    registered = CandidacyFactory(certifier=world["certifier"])
    assert _detail(client, registered, world["token"]).feasibility_pdf_url is None
    _not_found(client.get(f"{BASE}/{registered.pk}/feasibility.pdf", headers=bearer(world["token"])))


def test_an_archived_candidacy_still_serves_its_documents(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], result_partial=True, started_on=recent(130))
    attestation = _issued(world, candidacy)
    services.candidacy_archive(actor=None, candidacy=candidacy, reason="requested_by_candidate")
    headers = bearer(world["token"])
    assert client.get(f"{BASE}/{candidacy.pk}/feasibility.pdf", headers=headers).status_code == 200
    assert client.get(f"{BASE}/{candidacy.pk}/attestations/{attestation.pk}.pdf", headers=headers).status_code == 200


def test_the_issued_attestation_is_served_at_its_pdf_url(client, world):
    attestation = _issued(world)
    candidacy = attestation.candidacy
    (listed,) = _detail(client, candidacy, world["token"]).attestations
    assert listed.pdf_url == f"{BASE}/{candidacy.pk}/attestations/{attestation.pk}.pdf"
    filename = f"attestation-{attestation.reference}.pdf"
    text = _pdf(client.get(listed.pdf_url, headers=bearer(world["token"])), filename)
    assert attestation.reference in text
    client.force_login(candidacy.candidate)
    page = client.get(
        reverse("web:pathway_attestation_pdf", kwargs={"pk": candidacy.pk, "attestation_id": attestation.pk})
    )
    assert _pdf(page, filename) == text


def test_no_attestation_pdf_while_requested_or_through_another_candidacy(client, world):
    candidacy = CandidacyFactory(certifier=world["certifier"], result_partial=True, started_on=recent(130))
    requested = services.attestation_request(actor=None, candidacy=candidacy, kind="blocks")
    (listed,) = _detail(client, candidacy, world["token"]).attestations
    assert listed.pdf_url is None
    headers = bearer(world["token"])
    _not_found(client.get(f"{BASE}/{candidacy.pk}/attestations/{requested.pk}.pdf", headers=headers))
    other = _issued(world)  # issued, readable by the token, but on another candidacy
    _not_found(client.get(f"{BASE}/{candidacy.pk}/attestations/{other.pk}.pdf", headers=headers))
    _not_found(client.get(f"{BASE}/{candidacy.pk}/attestations/999999.pdf", headers=headers))


def test_who_may_not_download(client, world):
    attestation = _issued(world)
    candidacy = attestation.candidacy
    services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="DOCS1")
    paths = [f"{BASE}/{candidacy.pk}/feasibility.pdf", f"{BASE}/{candidacy.pk}/attestations/{attestation.pk}.pdf"]
    for path in paths:
        # Another certifier's token does not read the candidacy: 404, as for a candidacy that does not exist.
        _not_found(client.get(path, headers=bearer(world["other_token"])))
        _not_found(client.get(path.replace(f"/{candidacy.pk}/", "/999999/"), headers=bearer(world["token"])))
        # The sponsor reads the funding view only (R6411-5): 403, person or token.
        client.force_login(world["funder"])
        as_person = client.get(path)
        client.logout()
        for response in (as_person, client.get(path, headers=bearer(world["funder_token"]))):
            assert response.status_code == 403, response.content
            assert response["Content-Type"] == "application/problem+json"
        assert client.get(path).status_code == 401


@pytest.mark.parametrize("path", ["feasibility.pdf", "attestations/{attestation_id}.pdf"])
def test_openapi_declares_a_pdf_and_the_problems(client, path):
    responses = client.get("/api/v1/openapi.json").json()["paths"][f"{BASE}/{{candidacy_id}}/{path}"]["get"]
    responses = responses["responses"]
    assert responses["200"]["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert {"401", "403", "404"} <= set(responses)
    assert all("application/problem+json" in responses[code]["content"] for code in ("401", "403", "404"))
