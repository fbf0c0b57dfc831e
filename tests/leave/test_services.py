"""Every leave service, its refusals (clear French message, nothing saved) and its audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from acquis.accounts.models import Organisation
from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.documents.text import french_date
from acquis.leave import services
from acquis.leave.enums import ActionNature, AnswerKind, AttachmentKind, ReceiptMethod, RequestState
from acquis.leave.models import LeaveAction, LeaveAnswer, LeaveAttachment, LeaveRequest
from acquis.rules import Decision
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token, valid_siret
from tests.leave.factories import JPEG, PNG, LeaveRequestFactory, pdf

TODAY = timezone.localdate  # the service's "today" (Europe/Paris), not the machine's


def _events(request: LeaveRequest) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="leave.leaverequest", object_id=str(request.pk)).values_list(
            "action", flat=True
        )
    )


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- drafting --------------------------------------------------------------------------------------------


def test_create_with_unknown_siret_creates_the_company():
    employee = UserFactory(candidate=True)
    siret = valid_siret(777)
    request = services.leave_request_create(
        employee=employee, employer_siret=siret[:5] + " " + siret[5:], employer_name="Boulangerie Martin"
    )
    assert request.employer.siret == siret and request.employer.name == "Boulangerie Martin"
    assert request.state == RequestState.DRAFT
    assert _events(request) == [EventType.LEAVE_REQUEST_CREATED]
    assert AuditEvent.objects.filter(
        action=EventType.ORGANISATION_CREATED, object_id=str(request.employer.pk)
    ).exists()


def test_create_with_known_siret_reuses_the_organisation():
    employer = OrganisationFactory()
    request = services.leave_request_create(employee=UserFactory(), employer_siret=employer.siret)
    assert request.employer == employer


def test_create_refuses_a_siret_failing_its_checksum_and_saves_nothing():
    with pytest.raises(ValidationError) as error:
        services.leave_request_create(employee=UserFactory(), employer_siret="73282932000075", employer_name="X")
    assert "clé de contrôle" in _message(error.value)
    assert not LeaveRequest.objects.exists() and not Organisation.objects.filter(siret="73282932000075").exists()


def test_create_unknown_company_needs_its_name():
    with pytest.raises(ValidationError) as error:
        services.leave_request_create(employee=UserFactory(), employer_siret=valid_siret(778))
    assert "raison sociale" in _message(error.value)
    assert not LeaveRequest.objects.exists()


def test_create_refuses_a_level_outside_1_to_8():
    with pytest.raises(ValidationError) as error:
        services.leave_request_create(
            employee=UserFactory(), employer_siret=OrganisationFactory().siret, qualification_level=9
        )
    assert "de 1 à 8" in _message(error.value)


def test_update_a_draft_and_change_employer():
    request = LeaveRequestFactory()
    other = OrganisationFactory()
    services.leave_request_update(
        leave_request=request,
        actor=request.employee,
        employer_siret=other.siret,
        certifier_name="  Ministère du travail ",
        extension_claimed=True,
        qualification_level=3,
        collective_agreement_hours="60",
    )
    request.refresh_from_db()
    assert request.employer == other and request.certifier_name == "Ministère du travail"
    assert request.collective_agreement_hours == 60
    assert EventType.LEAVE_REQUEST_UPDATED in _events(request)


def test_sent_request_cannot_be_edited():
    request = LeaveRequestFactory(sent=True)
    with pytest.raises(ValidationError) as error:
        services.leave_request_update(leave_request=request, actor=request.employee, certifier_name="Autre")
    assert "remplacez-la" in _message(error.value)
    with pytest.raises(ValidationError):
        services.leave_action_add(
            leave_request=request, actor=request.employee, start=TODAY(), end=TODAY(), nature="evaluation", hours=1
        )


@pytest.mark.parametrize(
    ("start", "end", "nature", "hours", "field", "text"),
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 1), "evaluation", 7, "end", "ne peut pas précéder"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), "evaluation", 0, "hours", "supérieur à zéro"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), "evaluation", -3, "hours", "supérieur à zéro"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), "evaluation", "beaucoup", "hours", "supérieur à zéro"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), "vacances", 7, "nature", "nature de l'action"),
        # L6422-2: « ne peut excéder quarante-huit heures par session d'évaluation » (from 2022-12-23).
        (dt.date(2026, 3, 1), dt.date(2026, 3, 8), "evaluation", 49, "hours", "ne peut pas dépasser 48 heures"),
    ],
)
def test_action_refusals(start, end, nature, hours, field, text):
    request = LeaveRequestFactory()
    before = request.actions.count()
    with pytest.raises(ValidationError) as error:
        services.leave_action_add(
            leave_request=request, actor=request.employee, start=start, end=end, nature=nature, hours=hours
        )
    assert text in " ".join(error.value.message_dict[field])
    assert request.actions.count() == before


def test_the_absence_cap_applies_to_evaluation_sessions_only_and_an_agreement_raises_it():
    request = LeaveRequestFactory()
    day = dt.date(2026, 3, 1)
    services.leave_action_add(
        leave_request=request, actor=request.employee, start=day, end=day, nature="evaluation", hours=48
    )
    services.leave_action_add(
        leave_request=request, actor=request.employee, start=day, end=day, nature="preparation", hours=60
    )
    agreed = LeaveRequestFactory()
    LeaveRequest.objects.filter(pk=agreed.pk).update(collective_agreement_hours=60)
    agreed.refresh_from_db()
    services.leave_action_add(
        leave_request=agreed, actor=agreed.employee, start=day, end=day, nature="evaluation", hours=60
    )
    with pytest.raises(ValidationError) as error:
        services.leave_action_add(
            leave_request=agreed, actor=agreed.employee, start=day, end=day, nature="evaluation", hours=61
        )
    assert "ne peut excéder quarante-huit heures par session d'évaluation" in error.value.message_dict["hours"][0]


def test_action_add_and_remove_are_audited():
    request = LeaveRequestFactory()
    action = services.leave_action_add(
        leave_request=request,
        actor=request.employee,
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 3, 3),
        nature=ActionNature.PREPARATION,
        hours="10.5",
    )
    assert action.hours == pytest.approx(10.5)
    request.refresh_from_db()
    assert request.actions_start == dt.date(2026, 3, 1)  # earlier than the factory's action
    services.leave_action_remove(action=action, actor=request.employee)
    request.refresh_from_db()
    assert request.actions_start == request.actions.get().start
    assert not LeaveAction.objects.filter(pk=action.pk).exists()
    assert _events(request).count(EventType.LEAVE_ACTION_ADDED) == 2
    assert _events(request)[-1] == EventType.LEAVE_ACTION_REMOVED


# --- attachments -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "content_type"), [(PNG, "image/png"), (JPEG, "image/jpeg")])
def test_attachment_accepts_png_and_jpeg_by_content(content, content_type):
    request = LeaveRequestFactory(with_proof=False)
    # The declared type and name lie: only the content counts.
    upload = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
    attachment = services.leave_attachment_add(
        leave_request=request, actor=request.employee, kind=AttachmentKind.QUALIFICATION_PROOF, file=upload
    )
    assert attachment.content_type == content_type and attachment.size == len(content)
    assert attachment.file.read() == content
    assert "scan" not in attachment.file.name  # the stored name never reuses the uploaded one


def test_attachment_refuses_a_file_that_is_not_pdf_png_jpeg_by_content():
    request = LeaveRequestFactory(with_proof=False)
    upload = SimpleUploadedFile("recevabilite.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.leave_attachment_add(
            leave_request=request, actor=request.employee, kind=AttachmentKind.ADMISSIBILITY_PROOF, file=upload
        )
    assert "ni un PDF, ni une image PNG ou JPEG" in _message(error.value)
    assert not LeaveAttachment.objects.exists()


def test_attachment_refuses_a_file_over_the_size_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    request = LeaveRequestFactory(with_proof=False)
    with pytest.raises(ValidationError) as error:
        services.leave_attachment_add(
            leave_request=request,
            actor=request.employee,
            kind=AttachmentKind.ADMISSIBILITY_PROOF,
            file=pdf(content=b"%PDF-1.4" + b"0" * 2048),
        )
    assert "taille maximale est de 0 Mo" in _message(error.value) or "taille maximale" in _message(error.value)
    assert not LeaveAttachment.objects.exists()


def test_default_size_limit_is_20_mb(settings):
    assert settings.ATTACHMENT_MAX_BYTES == 20 * 1024 * 1024


def test_attachment_refuses_an_empty_file_and_a_receipt_kind_on_a_draft():
    request = LeaveRequestFactory(with_proof=False)
    with pytest.raises(ValidationError, match="vide"):
        services.leave_attachment_add(
            leave_request=request,
            actor=request.employee,
            kind=AttachmentKind.ADMISSIBILITY_PROOF,
            file=pdf(content=b""),
        )
    with pytest.raises(ValidationError, match="recevabilité"):
        services.leave_attachment_add(
            leave_request=request, actor=request.employee, kind=AttachmentKind.REGISTERED_LETTER_SCAN, file=pdf()
        )


# --- sending ---------------------------------------------------------------------------------------------


def test_send_by_registered_letter_stores_the_decisions_unchanged():
    request = LeaveRequestFactory(era_2023=True, sent=True)
    assert request.state == RequestState.SENT and request.request_received == dt.date(2024, 3, 1)
    latest = Decision.from_dict(request.latest_send_decision)
    assert latest.rule_id == "leave.request_latest_send_date" and latest.rule_version == "2023-12-29"
    assert latest.value == "2024-03-16"  # 30 days before 2024-04-15
    assert request.sent_late is False
    missing = Decision.from_dict(request.missing_items_decision)
    assert missing.value == []
    assert request.attachments.filter(kind=AttachmentKind.REGISTERED_LETTER_SCAN).count() == 1
    assert EventType.LEAVE_REQUEST_SENT in _events(request)


def test_a_late_request_is_flagged_not_blocked():
    # 2019 version: 60 days of notice; received 20 days before the actions.
    request = LeaveRequestFactory(era_2019=True, actions_start=dt.date(2021, 3, 21), sent=True)
    assert request.state == RequestState.SENT and request.sent_late is True
    assert Decision.from_dict(request.latest_send_decision).value == "2021-01-20"


def test_missing_items_are_recorded_at_send_time():
    request = LeaveRequestFactory(era_2019=True, with_proof=False, certifier_name="", sent=True)
    assert Decision.from_dict(request.missing_items_decision).value == ["certifier", "admissibility_proof"]


def test_2014_wording_asks_for_no_admissibility_proof():
    request = LeaveRequestFactory(era_2014=True, with_proof=False, sent=True)
    decision = Decision.from_dict(request.missing_items_decision)
    assert decision.rule_version == "2014-11-15" and decision.value == []


def test_send_by_platform_needs_an_employer_account_and_uses_today():
    request = LeaveRequestFactory()
    with pytest.raises(ValidationError) as error:
        services.leave_request_send(
            leave_request=request, actor=request.employee, receipt_method=ReceiptMethod.PLATFORM
        )
    assert "n'a pas de compte" in _message(error.value)
    assert LeaveRequest.objects.get(pk=request.pk).state == RequestState.DRAFT
    hr = UserFactory(employer=True, organisation=request.employer)
    services.leave_request_send(leave_request=request, actor=request.employee, receipt_method=ReceiptMethod.PLATFORM)
    request.refresh_from_db()
    assert request.request_received == timezone.localdate() and request.sent_at is not None
    services.leave_request_acknowledge(leave_request=request, actor=hr)
    request.refresh_from_db()
    assert request.acknowledged_by == hr
    with pytest.raises(services.LeaveConflict):
        services.leave_request_acknowledge(leave_request=request, actor=hr)


def test_employer_api_token_counts_as_an_account():
    request = LeaveRequestFactory()
    make_api_token(organisation=request.employer)
    services.leave_request_send(leave_request=request, actor=request.employee, receipt_method=ReceiptMethod.PLATFORM)


def test_acknowledge_only_platform_requests():
    request = LeaveRequestFactory(sent=True)
    with pytest.raises(ValidationError, match="transmise par Acquis"):
        services.leave_request_acknowledge(leave_request=request, actor=UserFactory())


@pytest.mark.parametrize(
    ("method", "received", "with_file", "field"),
    [
        (ReceiptMethod.REGISTERED_LETTER, None, True, "received_on"),
        (ReceiptMethod.REGISTERED_LETTER, "future", True, "received_on"),
        # Drafted today: the employer cannot have received it yesterday (issue 15, point 1).
        (ReceiptMethod.REGISTERED_LETTER, "before_draft", True, "received_on"),
        (ReceiptMethod.HAND_DELIVERY, "before_draft", True, "received_on"),
        (ReceiptMethod.REGISTERED_LETTER, "today", False, "receipt_file"),
        (ReceiptMethod.HAND_DELIVERY, "today", False, "receipt_file"),
        ("pigeon", "today", True, "receipt_method"),
    ],
)
def test_send_refusals(method, received, with_file, field):
    request = LeaveRequestFactory()
    received_on = {
        "future": TODAY() + dt.timedelta(days=1),
        "before_draft": TODAY() - dt.timedelta(days=1),
        "today": TODAY(),
        None: None,
    }
    with pytest.raises(ValidationError) as error:
        services.leave_request_send(
            leave_request=request,
            actor=request.employee,
            receipt_method=method,
            received_on=received_on[received],
            receipt_file=pdf() if with_file else None,
        )
    assert field in error.value.message_dict
    request.refresh_from_db()
    assert request.state == RequestState.DRAFT and request.attachments.count() == 1


def test_a_paper_receipt_entered_by_hand_keeps_who_entered_it_and_its_proof():
    request = LeaveRequestFactory()
    services.leave_request_send(
        leave_request=request,
        actor=request.employee,
        receipt_method=ReceiptMethod.HAND_DELIVERY,
        received_on=TODAY(),
        receipt_file=pdf("decharge.pdf"),
    )
    proof = request.attachments.get(kind=AttachmentKind.HAND_DELIVERY_RECEIPT)
    assert proof.uploaded_by == request.employee
    event = AuditEvent.objects.filter(action=EventType.LEAVE_REQUEST_SENT, object_id=str(request.pk)).get()
    assert event.actor_id == request.employee.pk
    assert event.payload["request_received"] == TODAY().isoformat()


def test_send_needs_an_action():
    request = LeaveRequestFactory()
    request.actions.all().delete()
    with pytest.raises(ValidationError, match="au moins une action"):
        services.leave_request_send(
            leave_request=request,
            actor=request.employee,
            receipt_method=ReceiptMethod.HAND_DELIVERY,
            received_on=TODAY(),
            receipt_file=pdf(),
        )


def test_send_before_any_known_version_is_refused_in_french():
    request = LeaveRequestFactory(actions_start=dt.date(2014, 12, 1))
    # Drafted in 2014 (a receipt cannot precede the draft): only the law's versions are then missing.
    LeaveRequest.objects.filter(pk=request.pk).update(created_at=dt.datetime(2014, 9, 1, 8, tzinfo=dt.UTC))
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="ne peut pas appliquer le droit"):
        services.leave_request_send(
            leave_request=request,
            actor=request.employee,
            receipt_method=ReceiptMethod.HAND_DELIVERY,
            received_on=dt.date(2014, 10, 1),
            receipt_file=pdf(),
        )
    assert not LeaveAttachment.objects.filter(kind=AttachmentKind.HAND_DELIVERY_RECEIPT).exists()


# --- the employer's answer -------------------------------------------------------------------------------


def _hr(request):
    return UserFactory(employer=True, organisation=request.employer)


def test_accept():
    request = LeaveRequestFactory(sent=True)
    answer = services.leave_request_answer(leave_request=request, actor=_hr(request), kind=AnswerKind.ACCEPT)
    assert answer.answered_on == timezone.localdate() and answer.postponed_to is None
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    assert _events(request)[-1] == EventType.LEAVE_REQUEST_ANSWERED


def test_answer_by_api_token():
    request = LeaveRequestFactory(sent=True)
    token, _ = make_api_token(organisation=request.employer)
    answer = services.leave_request_answer(leave_request=request, actor=token, kind=AnswerKind.ACCEPT)
    assert answer.answered_by_token == token and answer.answered_by is None


def test_second_answer_is_a_conflict():
    request = LeaveRequestFactory(answered_accept=True)
    with pytest.raises(services.LeaveConflict, match="une seule réponse"):
        services.leave_request_answer(leave_request=request, actor=_hr(request), kind=AnswerKind.ACCEPT)
    assert LeaveAnswer.objects.filter(request=request).count() == 1


def test_a_draft_cannot_be_answered():
    request = LeaveRequestFactory()
    with pytest.raises(ValidationError, match="pas en attente"):
        services.leave_request_answer(leave_request=request, actor=_hr(request), kind=AnswerKind.ACCEPT)


def test_postponement_needs_reasons_and_a_date():
    request = LeaveRequestFactory(sent=True)
    with pytest.raises(ValidationError) as error:
        services.leave_request_answer(leave_request=request, actor=_hr(request), kind=AnswerKind.POSTPONE, reasons=" ")
    assert "raisons de service" in " ".join(error.value.message_dict["reasons"])
    assert "postponed_to" in error.value.message_dict
    assert not LeaveAnswer.objects.exists()


@pytest.mark.parametrize(
    ("era", "limit"),
    [("era_2014", dt.date(2018, 7, 10)), ("era_2019", dt.date(2021, 9, 1)), ("era_2023", dt.date(2024, 4, 1))],
)
def test_postponement_limit_in_each_era(era, limit):
    request = LeaveRequestFactory(**{era: True}, sent=True)
    hr = _hr(request)
    answered_on = request.request_received + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.leave_request_answer(
            leave_request=request,
            actor=hr,
            kind=AnswerKind.POSTPONE,
            postponed_to=limit + dt.timedelta(days=1),
            reasons="Inventaire",
            answered_on=answered_on,
        )
    message = " ".join(error.value.message_dict["postponed_to"])
    assert "R6422-4" in message and f"{french_date(limit)}" in message and "Ce report ne peut excéder" in message
    assert not LeaveAnswer.objects.exists()
    answer = services.leave_request_answer(
        leave_request=request,
        actor=hr,
        kind=AnswerKind.POSTPONE,
        postponed_to=limit,
        reasons="Inventaire",
        answered_on=answered_on,
    )
    assert answer.postponed_to == limit


def test_no_postponement_once_silence_became_consent():
    request = LeaveRequestFactory(era_2019=True, sent=True)
    with pytest.raises(ValidationError) as error:
        services.leave_request_answer(
            leave_request=request,
            actor=_hr(request),
            kind=AnswerKind.POSTPONE,
            postponed_to=dt.date(2021, 4, 15),
            reasons="Inventaire",
            answered_on=dt.date(2021, 4, 1),  # the 30-day delay ended on 2021-03-31
        )
    assert "réputée accordée" in _message(error.value) and "vaut accord" in _message(error.value)
    assert not LeaveAnswer.objects.exists()


def test_before_2019_a_late_postponement_still_stands():
    request = LeaveRequestFactory(era_2014=True, sent=True)
    answer = services.leave_request_answer(
        leave_request=request,
        actor=_hr(request),
        kind=AnswerKind.POSTPONE,
        postponed_to=dt.date(2018, 6, 1),
        reasons="Inventaire",
        answered_on=dt.date(2018, 2, 20),
    )
    assert answer.postponed_to == dt.date(2018, 6, 1)


def test_answer_date_must_be_between_receipt_and_today():
    request = LeaveRequestFactory(era_2023=True, sent=True)
    hr = _hr(request)
    for day, text in ((dt.date(2024, 2, 28), "précéder la réception"), (TODAY() + dt.timedelta(days=1), "futur")):
        with pytest.raises(ValidationError, match=text):
            services.leave_request_answer(leave_request=request, actor=hr, kind=AnswerKind.ACCEPT, answered_on=day)


def test_unknown_answer_kind():
    request = LeaveRequestFactory(sent=True)
    with pytest.raises(ValidationError, match="accord ou report"):
        services.leave_request_answer(leave_request=request, actor=_hr(request), kind="peut-être")


# --- superseding and proofs ------------------------------------------------------------------------------


def test_supersede_keeps_a_trace_and_copies_the_draft():
    old = LeaveRequestFactory(answered_accept=True)
    new = services.leave_request_supersede(leave_request=old, actor=old.employee)
    old.refresh_from_db()
    assert old.state == RequestState.SUPERSEDED and old.superseded_by == new and new.supersedes == old
    assert new.state == RequestState.DRAFT and new.certification_title == old.certification_title
    assert [(a.start, a.hours) for a in new.actions.all()] == [(a.start, a.hours) for a in old.actions.all()]
    assert list(new.attachments.values_list("kind", flat=True)) == [AttachmentKind.ADMISSIBILITY_PROOF]
    assert new.attachments.get().file.name == old.attachments.get(kind=AttachmentKind.ADMISSIBILITY_PROOF).file.name
    assert EventType.LEAVE_REQUEST_SUPERSEDED in _events(old)
    assert _events(new) == [EventType.LEAVE_REQUEST_CREATED]
    with pytest.raises(services.LeaveConflict):
        services.leave_request_supersede(leave_request=old, actor=old.employee)
    with pytest.raises(ValidationError, match="Un brouillon"):
        services.leave_request_supersede(leave_request=new, actor=new.employee)


def test_attendance_proof_request_by_employer_or_funder_and_upload():
    request = LeaveRequestFactory(answered_accept=True)
    funder = OrganisationFactory(funder=True)
    services.leave_attendance_proof_request(leave_request=request, actor=_hr(request), organisation=request.employer)
    token, _ = make_api_token(organisation=funder, role="funder")
    services.leave_attendance_proof_request(leave_request=request, actor=token, organisation=funder, message=" Merci ")
    assert [p.message for p in request.attendance_proof_requests.all()] == ["", "Merci"]
    with pytest.raises(ValidationError, match="financeurs"):
        services.leave_attendance_proof_request(
            leave_request=request, actor=UserFactory(), organisation=OrganisationFactory()
        )
    attachment = services.leave_attendance_proof_upload(leave_request=request, actor=request.employee, file=pdf())
    assert attachment.kind == AttachmentKind.ATTENDANCE_ATTESTATION
    assert _events(request)[-3:] == [
        EventType.LEAVE_ATTENDANCE_PROOF_REQUESTED,
        EventType.LEAVE_ATTENDANCE_PROOF_REQUESTED,
        EventType.LEAVE_ATTENDANCE_PROOF_UPLOADED,
    ]


def test_attendance_proof_needs_a_sent_request():
    request = LeaveRequestFactory()
    with pytest.raises(ValidationError, match="envoyée"):
        services.leave_attendance_proof_upload(leave_request=request, actor=request.employee, file=pdf())
