"""Issue 15, point 10: an issued attestation carries a code anyone checks on /verifier/<code>/; the page states
what the attestation states and nothing else; unknown codes and codes of attestations not issued answer 404."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
from django.urls import reverse

from acquis.pathways import services
from acquis.pathways.documents.attestation import attestation_pdf
from acquis.pathways.selectors import attestation_document, verification_code_normalise
from tests.pathways.factories import CandidacyFactory

D = dt.date


def _issued(**traits):
    candidacy = CandidacyFactory(**(traits or {"result_full": True}))
    attestation = services.attestation_request(
        actor=candidacy.candidate, candidacy=candidacy, kind="result", requested_on=D(2024, 10, 10)
    )
    return services.attestation_issue(actor=None, attestation=attestation, issued_on=D(2024, 10, 15))


def test_issuing_gives_an_unguessable_code_of_twenty_characters():
    first, second = _issued(), _issued()
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", first.verification_code)
    assert first.verification_code != second.verification_code
    assert first.reference not in first.verification_code


def test_anyone_reads_what_the_attestation_states_and_nothing_more(client):
    attestation = _issued(result_partial=True)
    candidacy = attestation.candidacy
    response = client.get(reverse("web:attestation_verify", kwargs={"code": attestation.verification_code}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    assert "Cette attestation a bien été délivrée sur Acquis" in page
    assert attestation.reference in page and "15 octobre 2024" in page
    assert candidacy.candidate.get_full_name() in page
    assert candidacy.certification.code in page
    assert "Blocs de compétences acquis" in page and candidacy.certification.blocks.order_by("code")[0].code in page
    # No other personal data: no e-mail, no candidacy number, no experience.
    assert candidacy.candidate.email not in page
    assert f"n° {candidacy.pk}" not in page
    assert "Aide-soignante en EHPAD" not in page


def test_a_code_typed_loosely_is_read_as_printed(client):
    attestation = _issued()
    typed = attestation.verification_code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert verification_code_normalise(typed) == attestation.verification_code
    response = client.get(reverse("web:attestation_verify_form"), {"code": typed})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_unknown_codes_and_requested_attestations_answer_404(client):
    issued = _issued()
    assert (
        client.get(reverse("web:attestation_verify", kwargs={"code": "ABCD-EFGH-JKMN-PQRS-TVWX"})).status_code == 404
    )
    assert client.get(reverse("web:attestation_verify", kwargs={"code": "court"})).status_code == 404
    issued.issued_on = None  # as if only requested: the same code is then unknown
    type(issued).objects.filter(pk=issued.pk).update(issued_on=None, reference=None)
    assert client.get(reverse("web:attestation_verify", kwargs={"code": issued.verification_code})).status_code == 404


def test_the_pdf_prints_the_code_and_where_to_check_it():
    attestation = _issued()
    reader = pypdf.PdfReader(io.BytesIO(attestation_pdf(attestation_document(attestation=attestation))))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"Code de vérification : {attestation.verification_code}" in text
    assert "/verifier/" in text
