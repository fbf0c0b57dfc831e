"""Congé VAE requests built through the real services, at any step of the workflow and in any era."""

from __future__ import annotations

import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from acquis.leave import services
from acquis.leave.enums import ActionNature, AnswerKind, AttachmentKind, ReceiptMethod
from acquis.leave.models import LeaveRequest
from tests.accounts.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf(name: str = "piece.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _today() -> dt.date:
    return timezone.localdate()


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    """A draft by default. Step Traits: sent, answered_accept, postponed. Era Traits set the governing dates:
    era_2014 (R6422-x 2014 wording, D6422-8 2017), era_2019, era_2023 (24 h), era_2024 (48 h pathway)."""

    class Meta:
        model = LeaveRequest

    employee = factory.SubFactory(UserFactory, candidate=True)
    employer = factory.SubFactory(OrganisationFactory)
    certification_title = "Diplôme d'État d'aide-soignant"
    certifier_name = "Ministère chargé de la santé"
    pathway_started_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=60))
    funding_obtained = None
    complementary_evaluation = False
    fixed_term_contract_end = None
    actions_start = factory.LazyFunction(lambda: _today() + dt.timedelta(days=40))
    hours = 14
    with_proof = True
    step = "draft"
    received = factory.LazyFunction(lambda: _today() - dt.timedelta(days=10))
    answer_delay = 5

    class Params:
        sent = factory.Trait(step="sent")
        answered_accept = factory.Trait(step="accept")
        postponed = factory.Trait(step="postpone")
        era_2014 = factory.Trait(
            received=dt.date(2018, 1, 10),
            actions_start=dt.date(2018, 3, 20),
            pathway_started_on=dt.date(2017, 11, 1),
            funding_obtained=True,
        )
        era_2019 = factory.Trait(
            received=dt.date(2021, 3, 1), actions_start=dt.date(2021, 5, 10), pathway_started_on=dt.date(2021, 1, 15)
        )
        era_2023 = factory.Trait(
            received=dt.date(2024, 3, 1), actions_start=dt.date(2024, 4, 15), pathway_started_on=dt.date(2024, 1, 10)
        )
        era_2024 = factory.Trait(
            received=dt.date(2024, 7, 1), actions_start=dt.date(2024, 8, 20), pathway_started_on=dt.date(2024, 6, 1)
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        employee, employer = kwargs["employee"], kwargs["employer"]
        request = services.leave_request_create(
            employee=employee,
            employer_siret=employer.siret,
            certification_title=kwargs["certification_title"],
            certifier_name=kwargs["certifier_name"],
            pathway_started_on=kwargs["pathway_started_on"],
            funding_obtained=kwargs["funding_obtained"],
            complementary_evaluation=kwargs["complementary_evaluation"],
            fixed_term_contract_end=kwargs["fixed_term_contract_end"],
        )
        start = kwargs["actions_start"]
        services.leave_action_add(
            leave_request=request,
            actor=employee,
            start=start,
            end=start + dt.timedelta(days=1),
            nature=ActionNature.EVALUATION,
            hours=kwargs["hours"],
        )
        if kwargs["with_proof"]:
            services.leave_attachment_add(
                leave_request=request, actor=employee, kind=AttachmentKind.ADMISSIBILITY_PROOF, file=pdf()
            )
        step, received = kwargs["step"], kwargs["received"]
        if step == "draft":
            return request
        # A request received in the past was drafted no later (leave_request_send refuses a receipt before
        # the draft): the row says so, as a draft written on Acquis that day would.
        drafted = timezone.make_aware(dt.datetime.combine(received, dt.time(8)))
        LeaveRequest.objects.filter(pk=request.pk, created_at__gt=drafted).update(created_at=drafted)
        request.refresh_from_db()
        request = services.leave_request_send(
            leave_request=request,
            actor=employee,
            receipt_method=ReceiptMethod.REGISTERED_LETTER,
            received_on=received,
            receipt_file=pdf("avis.pdf"),
        )
        if step in ("accept", "postpone"):
            hr = UserFactory(employer=True, organisation=employer)
            services.leave_request_answer(
                leave_request=request,
                actor=hr,
                kind=AnswerKind.ACCEPT if step == "accept" else AnswerKind.POSTPONE,
                answered_on=received + dt.timedelta(days=kwargs["answer_delay"]),
                postponed_to=received + dt.timedelta(days=20) if step == "postpone" else None,
                reasons="Inventaire annuel" if step == "postpone" else "",
            )
            request.refresh_from_db()
        return request
