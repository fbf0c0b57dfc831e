"""Envelopes: commitments and payments reduce what is left, never beyond; payment requests and their basis."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from acquis.funding import services
from acquis.funding.models import Envelope
from tests.funding.factories import D, funder, request_for
from tests.funding.support import envelope, granted_request


def test_commitments_reduce_what_is_left_and_never_overspend():
    payer = funder()
    budget = envelope(payer, "1000.00")
    services.envelope_commit(actor=None, envelope=budget, request=granted_request(payer, "600.00"))
    budget.refresh_from_db()
    assert budget.remaining == Decimal("400.00")
    with pytest.raises(ValidationError) as error:
        services.envelope_commit(actor=None, envelope=budget, request=granted_request(payer, "400.01"))
    assert error.value.error_dict["envelope"][0].code == "envelope_exhausted"
    services.envelope_commit(actor=None, envelope=budget, request=granted_request(payer, "400.00"))
    budget.refresh_from_db()
    assert budget.remaining == Decimal("0.00")


def test_the_database_refuses_an_overcommitted_envelope():
    budget = envelope(funder(), "10.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        Envelope.objects.filter(pk=budget.pk).update(committed=Decimal("10.01"))


def test_commit_checks_funder_period_and_twice():
    payer = funder()
    request = granted_request(payer)
    with pytest.raises(ValidationError):
        services.envelope_commit(actor=None, envelope=envelope(funder()), request=request)
    budget = envelope(payer)
    services.envelope_commit(actor=None, envelope=budget, request=request)
    with pytest.raises(ValidationError):
        services.envelope_commit(actor=None, envelope=budget, request=request)
    late = granted_request(payer, on=D(2022, 2, 1))
    with pytest.raises(ValidationError) as error:
        services.envelope_commit(actor=None, envelope=budget, request=late)
    assert error.value.error_dict["envelope"][0].code == "outside_period"


def test_payment_after_end_of_accompaniment_within_what_was_granted():
    payer = funder()
    request = granted_request(payer, "600.00")
    budget = envelope(payer)
    services.envelope_commit(actor=None, envelope=budget, request=request)
    organisation = request.organisation
    with pytest.raises(ValidationError) as error:
        services.payment_request_create(
            actor=None, request=request, organisation=organisation, amount=Decimal("100"), basis="attendance_proof"
        )
    assert error.value.error_dict["basis"][0].code == "attendance_proof_missing"
    first = services.payment_request_create(
        actor=None, request=request, organisation=organisation, amount=Decimal("450.00"), basis="end_of_support"
    )
    with pytest.raises(ValidationError) as error:
        services.payment_request_create(
            actor=None, request=request, organisation=organisation, amount=Decimal("150.01"), basis="end_of_support"
        )
    assert error.value.error_dict["amount"][0].code == "above_billable"
    services.payment_pay(actor=None, payment=first)
    budget.refresh_from_db()
    assert budget.paid == Decimal("450.00")
    with pytest.raises(ValidationError):
        services.payment_pay(actor=None, payment=first)


def test_payment_after_attendance_proof():
    from tests.leave.factories import pdf

    payer = funder()
    request = granted_request(payer, "300.00")
    services.funding_attachment_add(actor=None, request=request, kind="attendance_proof", file=pdf("presence.pdf"))
    payment = services.payment_request_create(
        actor=None, request=request, organisation=request.organisation, amount=Decimal("300"), basis="attendance_proof"
    )
    assert payment.state == "requested"


def test_demo_funding_is_loaded_once():
    from acquis.demo.services import demo_load
    from acquis.funding.models import Funder, FundingRequest
    from tests.pathways.factories import department

    department()  # the demo pathways need the territories
    demo_load()
    funders = Funder.objects.count()
    assert funders >= 1 and Funder.objects.get(kind="gip").scales.get().decided_by.startswith("Assemblée")
    assert FundingRequest.objects.filter(state="submitted").count() == 1
    demo_load()
    assert Funder.objects.count() == funders


def test_funder_totals_by_status_territory_and_month():
    from acquis.funding.selectors import funder_totals

    payer = funder()
    granted_request(payer, "600.00")
    granted_request(payer, "150.25", on=D(2021, 4, 2))
    draft = request_for(payer)
    services.funding_line_add(
        actor=None, request=draft, category="support", amount=Decimal("99"), incurred_on=D(2021, 3, 1)
    )
    totals = funder_totals(payer)
    assert (totals.count, totals.requested, totals.granted) == (2, Decimal("750.25"), Decimal("750.25"))
    assert [(r["state"], r["count"]) for r in totals.by_status] == [("decided", 2)]
    assert [(r["month"].month, r["granted"]) for r in totals.by_month] == [
        (3, Decimal("600.00")),
        (4, Decimal("150.25")),
    ]
    assert totals.by_territory[0]["department__code"] == "31" and totals.by_territory[0]["count"] == 2
