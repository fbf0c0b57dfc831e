"""Attestations on the candidacy page: every reader sees them, the certifier issues them (Délivrer), the PDF
is served once issued (404 before), and the certifier's worklist counts those to issue."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
from django.urls import reverse
from django.utils import timezone

from acquis.pathways import services
from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory
from tests.web.pathways.support import text

TODAY = timezone.localdate


def _requested(kind="blocks"):
    candidacy = CandidacyFactory(result_partial=True, accompanied=True, started_on=TODAY() - dt.timedelta(days=130))
    return services.attestation_request(actor=candidacy.candidate, candidacy=candidacy, kind=kind)


def _urls(attestation):
    kwargs = {"pk": attestation.candidacy_id, "attestation_id": attestation.pk}
    return reverse("web:pathway_attestation_issue", kwargs=kwargs), reverse(
        "web:pathway_attestation_pdf", kwargs=kwargs
    )


def test_the_certifier_issues_from_the_candidacy_page_and_everyone_downloads(client):
    attestation = _requested()
    candidacy = attestation.candidacy
    issue_url, pdf_url = _urls(attestation)
    certifier = UserFactory(certifier=True, organisation=candidacy.certifier)
    client.force_login(certifier)
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert issue_url in page and f'id="id_attestation_{attestation.pk}_issued_on"' not in page  # the clock's day
    assert "à délivrer" in page and pdf_url not in page
    assert client.get(pdf_url).status_code == 404  # requested, not issued
    response = client.post(issue_url, {"issued_on": TODAY().isoformat()})
    assert response.status_code == 302
    attestation.refresh_from_db()
    assert attestation.reference == f"ATT-{TODAY().year}-{candidacy.pk}-1"
    for reader in (candidacy.candidate, UserFactory(accompanier=True, organisation=candidacy.accompanier), certifier):
        client.force_login(reader)
        page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
        assert pdf_url in page and attestation.reference in page and issue_url not in page
        download = client.get(pdf_url)
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        assert f"attestation-{attestation.reference}.pdf" in download["Content-Disposition"]
        pdf_text = " ".join(pypdf.PdfReader(io.BytesIO(download.content)).pages[0].extract_text().split())
        assert attestation.reference in pdf_text


def test_readers_other_than_the_certifier_get_no_issue_form_and_are_refused(client):
    attestation = _requested()
    candidacy = attestation.candidacy
    issue_url, _ = _urls(attestation)
    for person in (
        candidacy.candidate,
        UserFactory(accompanier=True, organisation=candidacy.accompanier),
        UserFactory(gip_staff=True),
        UserFactory(certifier=True),  # another certifier
    ):
        client.force_login(person)
        detail = client.get(reverse("web:pathway_detail", args=[candidacy.pk]))
        assert issue_url not in text(detail)
        # 403 for a reader of the candidacy, 404 for another certifier, who may not read it.
        assert client.post(issue_url, {"issued_on": TODAY().isoformat()}).status_code in (403, 404)
    attestation.refresh_from_db()
    assert attestation.issued_on is None


def test_a_refusal_shows_its_error_on_the_attestation_form_and_saves_nothing(client):
    attestation = _requested()
    candidacy = attestation.candidacy
    issue_url, _ = _urls(attestation)
    client.force_login(UserFactory(certifier=True, organisation=candidacy.certifier))
    # A typed (back-dated) day of issue is ignored: the attestation is issued on the portal's day.
    issued = client.post(issue_url, {"issued_on": (TODAY() - dt.timedelta(days=1)).isoformat()})
    assert issued.status_code == 302
    attestation.refresh_from_db()
    assert attestation.issued_on == TODAY()
    again = client.post(issue_url, {"issued_on": TODAY().isoformat()})
    assert again.status_code == 400 and "Cette attestation est déjà délivrée" in text(again)
    attestation.refresh_from_db()
    assert attestation.reference.endswith("-1")


def test_unknown_attestation_is_404(client):
    attestation = _requested()
    client.force_login(UserFactory(certifier=True, organisation=attestation.candidacy.certifier))
    other = _requested()  # an attestation of another candidacy
    kwargs = {"pk": attestation.candidacy_id, "attestation_id": other.pk}
    assert client.post(reverse("web:pathway_attestation_issue", kwargs=kwargs), {}).status_code == 404
    assert client.get(reverse("web:pathway_attestation_pdf", kwargs=kwargs)).status_code == 404


def test_certifier_worklist_counts_and_filters_attestations_to_issue(client):
    attestation = _requested()
    organisation = attestation.candidacy.certifier
    CandidacyFactory(result_full=True, certifier=organisation)
    client.force_login(UserFactory(certifier=True, organisation=organisation))
    url = reverse("web:pathway_certifier_worklist")
    page = text(client.get(url))
    assert "<strong>1</strong> attestation à délivrer" in page and "Attestations à délivrer (1)" in page
    filtered = text(client.get(url, {"siret": organisation.siret, "attestations": "1"}))
    assert "— attestations à délivrer (1)" in filtered
    assert reverse("web:pathway_detail", args=[attestation.candidacy_id]) in filtered
