"""The PDF letter: every R6422-2 mention, identities, receipt mode, rule-derived dates, French accents."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from acquis.leave import selectors
from acquis.leave.documents import leave_letter_pdf, printable
from acquis.leave.services import leave_request_update
from tests.leave.factories import LeaveRequestFactory


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # pypdf keeps the justification spaces of fpdf2's lines: compare on single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _letter(request, today: dt.date) -> str:
    return _text(
        leave_letter_pdf(
            selectors.leave_request_letter(request),
            today=today,
            status=selectors.leave_request_status(request, on=today),
            postponement_limit=selectors.leave_postponement_limit(request),
        )
    )


def test_sent_letter_carries_every_mention_and_date():
    request = LeaveRequestFactory(sent=True, era_2024=True, certification_title="Titre professionnel « Cuisinier »")
    text = _letter(request, dt.date(2024, 7, 2))
    employee = request.employee
    assert f"{employee.first_name} {employee.last_name}" in text and employee.email in text
    assert request.employer.name in text and f"SIRET {request.employer.siret}" in text
    assert f"demande n° {request.pk}" in text
    assert "1° Certification professionnelle visée Titre professionnel « Cuisinier »" in text
    assert "20 août 2024 21 août 2024 Session d'évaluation (épreuves de validation) 14 h" in text
    assert "3° Ministère ou organisme certificateur Ministère chargé de la santé" in text
    assert "Justificatif de recevabilité : piece.pdf" in text
    assert "Lettre recommandée avec avis de réception. Reçue par l'employeur le 1er juillet 2024." in text
    assert "Dernier jour pour que la demande parvienne à l'employeur : 21 juillet 2024" in text
    assert "Dernier jour pour la réponse écrite de l'employeur : 16 juillet 2024" in text
    assert "au plus tard jusqu'au : 1er août 2024" in text
    assert "Heures rémunérées par validation : 48 h" in text and "LEGIARTI000049406495" in text
    # On 2024-07-02 the employer's delay runs: pending, with the sentence of R6422-4 it rests on.
    assert "État de la demande le 2 juillet 2024 : en attente de la réponse de l'employeur" in text
    assert "R6422-8-1" in text and "accidents du travail" in text


def test_letter_of_a_draft_lists_what_is_missing_and_how_to_send():
    request = LeaveRequestFactory(with_proof=False, certifier_name="")
    text = _letter(request, timezone.localdate())
    assert "Mentions ou pièces manquantes" in text
    assert "le ministère ou l'organisme certificateur" in text and "le justificatif de recevabilité" in text
    assert "À transmettre à l'employeur par un moyen qui donne date certaine" in text


def test_extension_claim_is_stated():
    request = LeaveRequestFactory()
    leave_request_update(
        leave_request=request,
        actor=request.employee,
        extension_claimed=True,
        qualification_level=3,
        collective_agreement_hours=60,
    )
    text = _letter(request, timezone.localdate())
    assert "Je revendique l'augmentation conventionnelle de la durée (niveau 3" in text
    assert "prévoit 60 h" in text


def test_characters_outside_the_font_are_replaced_not_dropped():
    assert printable("Œuvre — 5 € ✓") == "Œuvre — 5 € ?"


@pytest.mark.parametrize("reader", ["employee", "hr"])
def test_letter_download(client, reader):
    from tests.accounts.factories import UserFactory

    request = LeaveRequestFactory(sent=True)
    user = request.employee if reader == "employee" else UserFactory(employer=True, organisation=request.employer)
    client.force_login(user)
    response = client.get(reverse("web:leave_letter", kwargs={"pk": request.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="demande-conge-vae-{request.pk}.pdf"' in response["Content-Disposition"]
    assert "Objet : demande d'autorisation d'absence" in _text(response.content)
