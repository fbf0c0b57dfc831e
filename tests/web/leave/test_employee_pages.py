"""The employee's congé VAE pages: draft, actions, proofs, notice check, sending, supersede, attendance proof."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.certifications.models import Certification
from acquis.leave.enums import RequestState
from acquis.leave.models import LeaveAction, LeaveAttachment, LeaveRequest
from acquis.leave.services import leave_attendance_proof_request
from tests.accounts.factories import OrganisationFactory, UserFactory, valid_siret
from tests.leave.factories import LeaveRequestFactory, pdf

TODAY = timezone.localdate


def _html(response) -> str:
    return response.content.decode()


@pytest.fixture
def employee(client):
    user = UserFactory(candidate=True)
    client.force_login(user)
    return user


def test_list_shows_statuses_and_due_dates(client, employee):
    sent = LeaveRequestFactory(employee=employee, sent=True, era_2024=True)
    LeaveRequestFactory(employee=employee)
    html = _html(client.get(reverse("web:leave_list")))
    assert "Mes demandes de congé VAE" in html
    assert "accordé (absence de réponse de l&#x27;employeur)" in html  # 2024-07-01 + 15 days, long past
    assert "16 juillet 2024" in html and f"n° {sent.pk}" in html
    assert "brouillon" in html


def test_create_with_unknown_company_needs_its_name_and_saves_nothing(client, employee):
    data = {"certification_title": "CAP cuisine", "employer_siret": valid_siret(555)}
    response = client.post(reverse("web:leave_create"), data)
    assert response.status_code == 400
    assert "raison sociale" in _html(response) and not LeaveRequest.objects.exists()
    response = client.post(reverse("web:leave_create"), {**data, "employer_siret": "73282932000075"})
    assert "clé de contrôle" in _html(response) and not LeaveRequest.objects.exists()


def test_create_then_draft_page_lists_what_is_missing(client, employee):
    response = client.post(
        reverse("web:leave_create"),
        {"certification_title": "CAP cuisine", "employer_siret": valid_siret(556), "employer_name": "Bistrot"},
    )
    request = LeaveRequest.objects.get()
    assert response["Location"] == reverse("web:leave_detail", kwargs={"pk": request.pk})
    html = _html(client.get(response["Location"]))
    assert "Il manque" in html and "le ministère ou l&#x27;organisme certificateur (R6422-2, 3°)" in html
    assert "Article R6422-2" in html and "/droit/code-du-travail/R6422-2?date=" in html


def test_certification_from_the_registry_by_its_code(client, employee):
    Certification.objects.create(code="RNCP4495", title="Diplôme d'État d'aide-soignant", level=4)
    siret = OrganisationFactory().siret
    client.post(reverse("web:leave_create"), {"certification_code": "rncp4495", "employer_siret": siret})
    request = LeaveRequest.objects.get()
    assert request.certification.code == "RNCP4495" and request.target_title == "Diplôme d'État d'aide-soignant"
    response = client.post(reverse("web:leave_create"), {"certification_code": "RNCP0", "employer_siret": siret})
    assert response.status_code == 400 and "RNCP0 n&#x27;est pas dans le répertoire" in _html(response)


def test_search_the_registry_on_the_form(client, employee):
    Certification.objects.create(code="RNCP4495", title="Diplôme d'État d'aide-soignant", level=4)
    Certification.objects.create(code="RNCP1", title="Ancienne fiche aide-soignant", active=False)
    html = _html(client.get(reverse("web:leave_create"), {"recherche": "aide-soignant"}))
    assert "RNCP4495" in html and "RNCP1<" not in html
    assert "Aucune certification trouvée" in _html(client.get(reverse("web:leave_create"), {"recherche": "zzz"}))


def test_actions_added_and_removed_one_by_one_with_errors_in_french(client, employee):
    draft = LeaveRequestFactory(employee=employee)
    url = reverse("web:leave_action_add", kwargs={"pk": draft.pk})
    start = TODAY() + dt.timedelta(days=60)
    bad = client.post(url, {"start": start, "end": start - dt.timedelta(days=1), "nature": "evaluation", "hours": 3})
    assert bad.status_code == 400 and "ne peut pas précéder sa date de début" in _html(bad)
    zero = client.post(url, {"start": start, "end": start, "nature": "preparation", "hours": 0})
    assert zero.status_code == 400 and "supérieur à zéro" in _html(zero)
    assert draft.actions.count() == 1
    client.post(url, {"start": start, "end": start, "nature": "preparation", "hours": "3.5"})
    added = draft.actions.get(start=start)
    assert added.hours == 3.5
    remove = reverse("web:leave_action_remove", kwargs={"pk": draft.pk, "action_id": added.pk})
    assert client.post(remove).status_code == 302
    assert not LeaveAction.objects.filter(pk=added.pk).exists()


def test_attachment_checked_by_content(client, employee):
    draft = LeaveRequestFactory(employee=employee, with_proof=False)
    url = reverse("web:leave_attachment_add", kwargs={"pk": draft.pk})
    fake = pdf("faux.pdf", b"GIF89a pas un pdf")
    response = client.post(url, {"kind": "admissibility_proof", "file": fake})
    assert response.status_code == 400 and "ni un PDF" in _html(response)
    assert not LeaveAttachment.objects.exists()
    assert client.post(url, {"kind": "admissibility_proof", "file": pdf()}).status_code == 302
    attachment = draft.attachments.get()
    download = client.get(reverse("web:leave_attachment", kwargs={"pk": draft.pk, "attachment_id": attachment.pk}))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content).startswith(b"%PDF")


def test_late_draft_is_flagged_with_the_article_not_blocked(client, employee):
    draft = LeaveRequestFactory(employee=employee, actions_start=TODAY() + dt.timedelta(days=5))
    html = _html(client.get(reverse("web:leave_send", kwargs={"pk": draft.pk})))
    assert "Demande en retard" in html and "Article R6422-3" in html
    response = client.post(
        reverse("web:leave_send", kwargs={"pk": draft.pk}),
        {"receipt_method": "hand_delivery", "received_on": TODAY().isoformat(), "receipt_file": pdf("decharge.pdf")},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == RequestState.SENT and draft.sent_late
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": draft.pk})))
    assert "elle est en retard" in html


def test_platform_receipt_only_when_the_employer_has_an_account(client, employee):
    draft = LeaveRequestFactory(employee=employee)
    url = reverse("web:leave_send", kwargs={"pk": draft.pk})
    assert 'value="platform"' not in _html(client.get(url))
    response = client.post(url, {"receipt_method": "registered_letter"})
    assert response.status_code == 400
    html = _html(response)
    assert "Indiquez la date à laquelle l&#x27;employeur a reçu la demande" in html
    assert LeaveRequest.objects.get().state == RequestState.DRAFT
    UserFactory(employer=True, organisation=draft.employer)
    assert 'value="platform"' in _html(client.get(url))
    assert client.post(url, {"receipt_method": "platform"}).status_code == 302
    draft.refresh_from_db()
    assert draft.receipt_method == "platform" and draft.request_received == TODAY()


def test_sent_request_page_shows_decisions_with_sources(client, employee):
    request = LeaveRequestFactory(employee=employee, sent=True, era_2019=True, hours=20)
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "Accordé (absence de réponse de l&#x27;employeur), depuis le 1er avril 2021." in html
    assert "vaut accord" in html and "LEGIARTI000039330059" in html
    assert "/droit/code-du-travail/R6422-4?date=2019-11-04" in html
    assert "au plus tard le 31 mars 2021" in html  # 30 calendar days after 2021-03-01
    assert "jusqu&#x27;au 1er septembre 2021" in html  # postponement ≤ 6 months
    assert "24 heures par validation au plus (limite fixée par le décret)" in html
    assert "R6422-8-1" in html and "LEGIARTI000039312509" in html and "accidents du travail" in html
    assert "Remplacer par une nouvelle demande" in html


def test_paid_hours_show_the_collective_agreement_branch(client, employee):
    request = LeaveRequestFactory(employee=employee, sent=True, era_2024=True)
    request.qualification_level, request.collective_agreement_hours = 3, 70
    request.save()
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "70 heures par validation au plus (augmentation prévue par la convention" in html


def test_era_2014_has_no_deemed_consent_and_no_r6422_8_1(client, employee):
    request = LeaveRequestFactory(employee=employee, sent=True, era_2014=True)
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "Sans réponse (le silence de l&#x27;employeur ne vaut pas accord dans cette version)" in html
    assert "n&#x27;existait pas à la date des actions" in html


def test_supersede_creates_a_new_draft(client, employee):
    request = LeaveRequestFactory(employee=employee, sent=True)
    response = client.post(reverse("web:leave_supersede", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.state == RequestState.SUPERSEDED
    assert response["Location"] == reverse("web:leave_detail", kwargs={"pk": request.superseded_by.pk})
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert f"demande n° {request.superseded_by.pk}" in html


def test_attendance_proof_upload_when_requested(client, employee):
    request = LeaveRequestFactory(employee=employee, answered_accept=True)
    url = reverse("web:leave_detail", kwargs={"pk": request.pk})
    assert "Déposer l'attestation" not in _html(client.get(url))
    hr = UserFactory(employer=True, organisation=request.employer)
    leave_attendance_proof_request(leave_request=request, actor=hr, organisation=request.employer, message="Merci")
    assert "Déposer l'attestation" in _html(client.get(url))
    upload = reverse("web:leave_attendance_upload", kwargs={"pk": request.pk})
    assert client.post(upload, {"file": pdf("attestation.pdf")}).status_code == 302
    assert request.attachments.filter(kind="attendance_attestation").exists()
    assert AuditEvent.objects.filter(action=EventType.LEAVE_ATTENDANCE_PROOF_UPLOADED).exists()


def test_a_get_writes_nothing_and_other_people_are_refused(client, employee):
    other = LeaveRequestFactory()
    # Someone else's request answers like a missing one (one visibility policy with the API).
    assert client.get(reverse("web:leave_detail", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("web:leave_detail", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize(
    ("era", "status", "due", "hours"),
    [
        ("era_2014", "Sans réponse", "9 février 2018", 24),  # 30 days, silence means nothing, 24 h with funding
        ("era_2019", "Accordé (absence de réponse", "31 mars 2021", 24),  # 30 calendar days, silence = consent
        # 15 days; pathway before 2024-04-13 but request from 2022-12-23: the loi's 48 hours (L6422-2 > D6422-8)
        ("era_2023", "Accordé (absence de réponse", "16 mars 2024", 48),
        ("era_2024", "Accordé (absence de réponse", "16 juillet 2024", 48),  # 48 h for pathways from 2024-04-13
    ],
)
def test_each_era_on_the_detail_page(client, employee, era, status, due, hours):
    request = LeaveRequestFactory(employee=employee, sent=True, **{era: True})
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert status in html and f"au plus tard le {due}." in html
    assert f"{hours} heures par validation au plus" in html


def test_the_rights_facts_are_entered_on_the_request(client, employee):
    client.post(
        reverse("web:leave_create"),
        {
            "certification_title": "CAP cuisine",
            "employer_siret": valid_siret(557),
            "employer_name": "Bistrot",
            "complementary_evaluation": "on",
            "fixed_term_contract_end": "2023-06-30",
        },
    )
    request = LeaveRequest.objects.get()
    assert request.complementary_evaluation is True
    assert request.fixed_term_contract_end == dt.date(2023, 6, 30)
    html = _html(client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})))
    assert "Fin de votre contrat à durée déterminée (CDD)" in html
    assert "évaluation complémentaire après une validation partielle" in html
