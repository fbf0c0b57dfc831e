"""Funding requests: each category per era (R6422-9 and R6412-2), the funder's scale, money as Decimal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from acquis.funding import services
from acquis.funding.enums import FunderKind
from acquis.funding.models import CostLine, FundingRequest
from acquis.funding.money import parse_amount, to_cents
from tests.funding.factories import D, funder, gip_scale, line, request_for

ALL = ["salary", "transport_meals_lodging", "admissibility_review", "support", "training", "evaluation_session"]
# (day, through the CPF) → the categories R6422-9 allows; both sides of each boundary.
ERAS = {
    (D(2019, 11, 3), False): {
        "salary",
        "transport_meals_lodging",
        "admissibility_review",
        "support",
        "evaluation_session",
    },
    (D(2019, 11, 4), False): {
        "transport_meals_lodging",
        "admissibility_review",
        "support",
        "training",
        "evaluation_session",
    },
    (D(2020, 3, 31), True): {
        "transport_meals_lodging",
        "admissibility_review",
        "support",
        "training",
        "evaluation_session",
    },
    (D(2020, 4, 1), True): {"admissibility_review", "support", "training", "evaluation_session"},
    (D(2020, 4, 1), False): {
        "transport_meals_lodging",
        "admissibility_review",
        "support",
        "training",
        "evaluation_session",
    },
    (D(2023, 12, 28), True): {"admissibility_review", "support", "training", "evaluation_session"},
}


@pytest.mark.parametrize("category", ALL)
@pytest.mark.parametrize(("day", "cpf"), list(ERAS))
def test_each_category_per_era(day, cpf, category):
    payer = funder(FunderKind.CPF_MANAGER if cpf else FunderKind.OPCO)
    request = request_for(payer, through_cpf=cpf)
    if category in ERAS[(day, cpf)]:
        added = line(request, category, "100.00", day)
        assert added.eligibility_decision["rule_id"] == "funding.eligible_expenses"
        assert category in added.eligibility_decision["value"]
    else:
        with pytest.raises(ValidationError) as error:
            line(request, category, "100.00", day)
        assert error.value.error_dict["category"][0].code == "expense_not_eligible"
        assert not CostLine.objects.filter(request=request).exists()


def test_collective_support_is_an_accompaniment_for_r6422_9():
    request = request_for(funder())
    assert line(request, "collective_support", "50.00", D(2021, 1, 4)).pk


def test_gip_era_lines_follow_the_gip_scale():
    """From 2023-12-29 R6422-9 is abrogated: the GIP's scale (R6412-2) says what it pays."""
    gip = funder(FunderKind.GIP, name="GIP France VAE")
    request = request_for(gip, period_start=D(2024, 1, 8), period_end=D(2024, 6, 30))
    with pytest.raises(ValidationError) as error:
        line(request, "support", "700.00", D(2024, 1, 8), hours="10")
    assert error.value.error_dict["category"][0].code == "no_scale"
    gip_scale(gip)
    added = line(request, "support", "700.00", D(2024, 1, 8), hours="10")
    assert added.eligibility_decision is None and added.eligibility_error == "no_version_in_force"
    with pytest.raises(ValidationError) as error:
        line(request, "transport_meals_lodging", "20.00", D(2024, 1, 8))
    assert error.value.error_dict["category"][0].code == "not_in_scale"


@pytest.mark.parametrize(
    ("hours", "amount", "code"),
    [
        ("10.25", "100.00", "hour_step"),  # the scale counts half hours
        ("30.5", "100.00", "too_many_hours"),  # at most 30 h of individual accompaniment
        ("10", "700.01", "above_scale"),  # 10 h × 70,00 €
        (None, "100.00", "hours_required"),
    ],
)
def test_scale_hours_and_rates(hours, amount, code):
    gip = funder(FunderKind.GIP)
    gip_scale(gip)
    request = request_for(gip, period_start=D(2024, 2, 1))
    with pytest.raises(ValidationError) as error:
        line(request, "support", amount, D(2024, 2, 1), hours=hours)
    assert [e.code for errors in error.value.error_dict.values() for e in errors] == [code]


def test_ceiling_halved_for_a_partial_certification():
    gip = funder(FunderKind.GIP)
    gip_scale(gip)
    full = request_for(gip, period_start=D(2024, 2, 1))
    line(full, "support", "2100.00", D(2024, 2, 1), hours="30")
    line(full, "evaluation_session", "400.00", D(2024, 2, 1))
    partial = request_for(gip, period_start=D(2024, 2, 1), blocks=1)
    assert partial.partial_certification
    line(partial, "support", "1050.00", D(2024, 2, 1), hours="15")
    with pytest.raises(ValidationError) as error:
        line(partial, "evaluation_session", "400.00", D(2024, 2, 1))
    assert error.value.error_dict["amount"][0].code == "above_ceiling"  # 1 350,00 € = 2 700,00 € × 0,5


def test_scales_of_one_funder_never_overlap():
    gip = funder(FunderKind.GIP)
    gip_scale(gip)
    with pytest.raises(ValidationError):
        gip_scale(gip, valid_from=D(2025, 1, 1))


def test_a_float_never_reaches_a_money_field():
    request = request_for(funder())
    with pytest.raises(TypeError):
        services.funding_line_add(
            actor=None, request=request, category="support", amount=0.1, incurred_on=D(2021, 1, 4)
        )
    with pytest.raises(TypeError), transaction.atomic():
        FundingRequest.objects.filter(pk=request.pk).update(requested_total=0.3)
    assert not CostLine.objects.exists()


def test_money_arithmetic_in_cents():
    request = request_for(funder())
    for amount in ("0.10", "0.20", "1234.56"):
        line(request, "support", amount, D(2021, 1, 4))
    request.refresh_from_db()
    assert request.requested_total == Decimal("1234.86")
    assert to_cents(Decimal("2.675")) == Decimal("2.68")  # half up, stated in acquis/funding/money.py
    assert to_cents(Decimal("10") * Decimal("70.005")) == Decimal("700.05")
    assert parse_amount("1 234,50") == Decimal("1234.50")
    for bad in ("1,234", "-5", "abc", "NaN"):
        with pytest.raises(ValidationError):
            parse_amount(bad)


def test_parts_before_2019_r6422_12():
    """2017 version: the worker, the employer when in working time, and each organisation fill the request."""
    request = request_for(funder())
    request.in_working_time = True
    request.save()
    line(request, "support", "300.00", D(2019, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.funding_request_submit(actor=None, request=request, submitted_on=D(2019, 11, 3))
    assert "Employeur" in str(error.value) or "employeur" in str(error.value)
    services.funding_part_fill(actor=None, request=request, party="worker")
    services.funding_part_fill(actor=None, request=request, party="employer")
    services.funding_part_fill(actor=None, request=request, party="organisation", organisation=request.organisation)
    services.funding_request_submit(actor=None, request=request, submitted_on=D(2019, 11, 3))
    assert FundingRequest.objects.get(pk=request.pk).state == "submitted"


def test_no_parts_asked_from_2019_11_04():
    request = request_for(funder())
    request.in_working_time = True
    request.save()
    line(request, "support", "300.00", D(2019, 11, 4))
    services.funding_request_submit(actor=None, request=request, submitted_on=D(2019, 11, 4))


def test_attachment_uses_the_upload_check():
    from tests.leave.factories import pdf

    request = request_for(funder(), proof=False)
    services.funding_attachment_add(actor=None, request=request, kind="admissibility_proof", file=pdf())
    request.refresh_from_db()
    assert request.admissibility_proof_sent
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        services.funding_attachment_add(
            actor=None, request=request, kind="quote", file=SimpleUploadedFile("x.exe", b"MZ\x90\x00")
        )


def test_submission_date_not_in_future():
    request = request_for(funder())
    line(request, "support", "10.00", D(2021, 1, 4))
    with pytest.raises(ValidationError):
        services.funding_request_submit(actor=None, request=request, submitted_on=dt.date(2999, 1, 1))
