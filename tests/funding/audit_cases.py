"""The funding services' audit cases, joined to tests/audit/test_services.py's CASES."""

from __future__ import annotations

from decimal import Decimal

from acquis.audit.enums import EventType
from acquis.funding import services
from acquis.funding.enums import Party, PaymentBasis
from acquis.funding.models import Agreement
from tests.funding.factories import DAY_2021, funder, gip_scale, line, request_for
from tests.funding.support import envelope, granted_request
from tests.leave.factories import LeaveRequestFactory, pdf

SERVICES = "acquis.funding.services."


def _committed():
    payer = funder()
    request = granted_request(payer)
    services.envelope_commit(actor=None, envelope=envelope(payer), request=request)
    return request


def _payment():
    request = _committed()
    return services.payment_request_create(
        actor=None,
        request=request,
        organisation=request.organisation,
        amount=Decimal("100.00"),
        basis=PaymentBasis.END_OF_SUPPORT,
        requested_on=request.period_end,
    )


def _draft():
    request = request_for(funder())
    line(request, "support", "300.00", DAY_2021)
    return request


def _agreement():
    return Agreement.objects.get(request=granted_request(funder()))


FUNDING_CASES = {
    SERVICES + "requests.funder_create": (lambda: funder(), EventType.FUNDER_CREATED),
    SERVICES + "requests.funder_scale_add": (
        lambda: gip_scale(funder(kind="gip", name="GIP")),
        EventType.FUNDER_SCALE_ADDED,
    ),
    SERVICES + "requests.funding_request_create": (lambda: request_for(funder()), EventType.FUNDING_REQUEST_CREATED),
    SERVICES + "requests.funding_leave_request_create": (
        lambda: services.funding_leave_request_create(
            actor=None,
            leave_request=LeaveRequestFactory(sent=True),
            funder=funder(),
            party=Party.EMPLOYER,
            period_start=DAY_2021,
            period_end=DAY_2021,
            in_working_time=True,
        ),
        EventType.FUNDING_REQUEST_CREATED,
    ),
    SERVICES + "requests.funding_line_add": (lambda: _draft(), EventType.FUNDING_LINE_ADDED),
    SERVICES + "requests.funding_part_fill": (
        lambda: services.funding_part_fill(actor=None, request=request_for(funder()), party=Party.WORKER),
        EventType.FUNDING_PART_FILLED,
    ),
    SERVICES + "requests.funding_attachment_add": (
        lambda: services.funding_attachment_add(
            actor=None, request=request_for(funder()), kind="attendance_proof", file=pdf("presence.pdf")
        ),
        EventType.FUNDING_ATTACHMENT_ADDED,
    ),
    SERVICES + "requests.funding_request_submit": (
        lambda: services.funding_request_submit(actor=None, request=_draft(), submitted_on=DAY_2021),
        EventType.FUNDING_REQUEST_SUBMITTED,
    ),
    SERVICES + "decisions.funding_request_decide": (
        lambda: granted_request(funder()),
        EventType.FUNDING_REQUEST_DECIDED,
    ),
    SERVICES + "decisions.agreement_sign": (
        lambda: services.agreement_sign(actor=(a := _agreement()).request.candidate, agreement=a, party=Party.WORKER),
        EventType.AGREEMENT_SIGNED,
    ),
    SERVICES + "budgets.envelope_create": (lambda: envelope(funder()), EventType.ENVELOPE_CREATED),
    SERVICES + "budgets.envelope_commit": (lambda: _committed(), EventType.ENVELOPE_COMMITTED),
    SERVICES + "budgets.payment_request_create": (lambda: _payment(), EventType.PAYMENT_REQUESTED),
    SERVICES + "budgets.payment_pay": (
        lambda: services.payment_pay(actor=None, payment=_payment(), paid_on=DAY_2021.replace(year=2022)),
        EventType.PAYMENT_PAID,
    ),
}
