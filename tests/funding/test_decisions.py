"""Decisions (full, partial, refusal with each R6422-10 ground), the R6422-11 agreement, signatures, consent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from acquis.funding import services
from acquis.funding.enums import FunderKind, Party
from acquis.funding.models import Agreement, FundingRequest
from tests.accounts.factories import UserFactory
from tests.funding.factories import DAY_2021, D, funder, line, request_for


def fill_parts(request):
    """R6422-12 (2017): the worker and the organisation fill their parts (asked before 2019-11-04 only)."""
    services.funding_part_fill(actor=None, request=request, party=Party.WORKER)
    services.funding_part_fill(
        actor=None, request=request, party=Party.ORGANISATION, organisation=request.organisation
    )


def submitted(payer, on: dt.date = DAY_2021, *, proof: bool = True, cpf: bool = False, amounts=("800", "200")):
    request = request_for(payer, proof=proof, through_cpf=cpf, period_start=on)
    lines = [
        line(request, category, amount, on)
        for category, amount in zip(("support", "evaluation_session"), amounts, strict=True)
    ]
    fill_parts(request)
    services.funding_request_submit(actor=None, request=request, submitted_on=on)
    return FundingRequest.objects.get(pk=request.pk), lines


def test_full_decision():
    request, lines = submitted(funder())
    decision = services.funding_request_decide(
        actor=None, request=request, granted={lines[0].pk: Decimal("800"), lines[1].pk: Decimal("200")}
    )
    request.refresh_from_db()
    assert decision.kind == "full" and request.granted_total == Decimal("1000.00") and request.state == "decided"


def test_partial_amount_on_a_line():
    request, lines = submitted(funder())
    decision = services.funding_request_decide(
        actor=None, request=request, granted={lines[0].pk: Decimal("650.50"), lines[1].pk: Decimal("200")}
    )
    request.refresh_from_db()
    assert decision.kind == "partial" and request.granted_total == Decimal("850.50")


def test_granted_never_above_asked():
    request, lines = submitted(funder())
    with pytest.raises(ValidationError):
        services.funding_request_decide(
            actor=None, request=request, granted={lines[0].pk: Decimal("800.01"), lines[1].pk: Decimal("200")}
        )


@pytest.mark.parametrize("ground", ["outside_priorities", "cannot_meet_all_requests"])
def test_refuse_one_line_with_a_funder_ground_accept_the_rest(ground):
    request, lines = submitted(funder())
    decision = services.funding_request_decide(
        actor=None, request=request, granted={lines[0].pk: Decimal("800")}, refused={lines[1].pk: ground}
    )
    assert decision.kind == "partial"
    assert decision.grounds_decision["value"] == {"refusal_allowed": True, "grounds": [ground]}
    assert decision.grounds_decision["sources"][0]["article"] == "R6422-10"
    lines[1].refresh_from_db()
    assert lines[1].refusal_ground == ground and lines[1].granted_amount == 0


def test_no_admissibility_proof_allows_a_refusal():
    request, lines = submitted(funder(), proof=False)
    decision = services.funding_request_decide(
        actor=None, request=request, granted={}, refused={line.pk: "no_admissibility_proof" for line in lines}
    )
    assert decision.kind == "refused"


def test_no_admissibility_proof_does_not_compel_a_refusal():
    """« constitue un motif de refus » allows, it does not oblige: the funder may pay anyway."""
    request, lines = submitted(funder(), proof=False)
    decision = services.funding_request_decide(
        actor=None, request=request, granted={line.pk: line.amount for line in lines}
    )
    assert decision.kind == "full"


def test_a_ground_that_does_not_hold_is_refused():
    request, lines = submitted(funder(), proof=True)
    with pytest.raises(ValidationError) as error:
        services.funding_request_decide(
            actor=None,
            request=request,
            granted={lines[0].pk: Decimal(800)},
            refused={lines[1].pk: "no_admissibility_proof"},
        )
    assert error.value.error_dict["refused"][0].code == "refusal_ground_not_available"
    request.refresh_from_db()
    assert request.state == "submitted"


def test_unknown_ground_refused():
    request, lines = submitted(funder())
    with pytest.raises(ValidationError):
        services.funding_request_decide(
            actor=None, request=request, granted={lines[0].pk: Decimal(800)}, refused={lines[1].pk: "too_expensive"}
        )


@pytest.mark.parametrize("day", [D(2019, 11, 3), D(2023, 12, 29)])
def test_outside_r6422_10_a_refusal_states_its_reason(day):
    payer = funder(FunderKind.GIP) if day.year == 2023 else funder()
    if day.year == 2023:
        from tests.funding.factories import gip_scale

        gip_scale(payer)
    request = request_for(payer, period_start=day)
    added = line(request, "support", "70.00", day, hours="1")
    fill_parts(request)
    services.funding_request_submit(actor=None, request=request, submitted_on=day)
    with pytest.raises(ValidationError) as error:
        services.funding_request_decide(actor=None, request=request, granted={}, refused={added.pk: ""})
    assert error.value.error_dict["comment"][0].code == "refusal_reason_required"
    decision = services.funding_request_decide(
        actor=None, request=request, granted={}, refused={added.pk: ""}, comment="Budget de l'année épuisé."
    )
    assert decision.kind == "refused" and decision.grounds_decision is None


def test_every_line_decided():
    request, lines = submitted(funder())
    with pytest.raises(ValidationError):
        services.funding_request_decide(actor=None, request=request, granted={lines[0].pk: Decimal(800)})


# --- the R6422-11 agreement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "cpf", "day", "expected"),
    [
        (FunderKind.EMPLOYER, False, D(2021, 3, 1), True),
        (FunderKind.OPCO, False, D(2019, 11, 4), True),
        (FunderKind.TRANSITIONS_PRO, False, D(2023, 12, 28), True),
        (FunderKind.CPF_MANAGER, True, D(2021, 3, 1), False),  # the CPF's terms of use stand in for it
        (FunderKind.OPCO, False, D(2019, 11, 3), False),  # the 2017 text is not encoded: no agreement generated
    ],
)
def test_agreement_presence_and_absence(kind, cpf, day, expected):
    request, lines = submitted(funder(kind), day, cpf=cpf)
    services.funding_request_decide(actor=None, request=request, granted={line.pk: line.amount for line in lines})
    assert Agreement.objects.filter(request=request).exists() is expected


def test_no_agreement_for_a_refusal():
    request, lines = submitted(funder())
    services.funding_request_decide(
        actor=None, request=request, granted={}, refused={line.pk: "outside_priorities" for line in lines}
    )
    assert not Agreement.objects.filter(request=request).exists()


def _agreement(proof=True):
    request, lines = submitted(funder(), proof=proof)
    services.funding_request_decide(actor=None, request=request, granted={line.pk: line.amount for line in lines})
    return Agreement.objects.get(request=request)


def test_signatures_and_consent():
    agreement = _agreement()
    request = agreement.request
    candidate = request.candidate
    worker = services.agreement_sign(actor=candidate, agreement=agreement, party=Party.WORKER)
    assert worker.records_consent and worker.signed_by == candidate and worker.signed_at is not None
    staff = UserFactory(funder=True, organisation=request.funder.organisation)
    signed = services.agreement_sign(
        actor=staff, agreement=agreement, party=Party.FUNDER, organisation=request.funder.organisation
    )
    assert not signed.records_consent
    accompanier = UserFactory(accompanier=True, organisation=request.organisation)
    services.agreement_sign(
        actor=accompanier, agreement=agreement, party=Party.ORGANISATION, organisation=request.organisation
    )
    assert agreement.signatures.count() == 3
    with pytest.raises(ValidationError):
        services.agreement_sign(actor=candidate, agreement=agreement, party=Party.WORKER)


def test_signature_waits_for_the_admissibility_proof():
    agreement = _agreement(proof=False)
    with pytest.raises(ValidationError) as error:
        services.agreement_sign(actor=agreement.request.candidate, agreement=agreement, party=Party.WORKER)
    assert error.value.error_dict["agreement"][0].code == "admissibility_proof_required"


def test_an_organisation_that_is_no_party_cannot_sign():
    agreement = _agreement()
    from tests.accounts.factories import OrganisationFactory

    with pytest.raises(ValidationError):
        services.agreement_sign(
            actor=agreement.request.candidate,
            agreement=agreement,
            party=Party.ORGANISATION,
            organisation=OrganisationFactory(),
        )
