"""E-mails on a funding request's submission (funder's staff, candidate) and decision (candidate, preparer),
queued in the service's transaction: a refused write queues nothing, a notice is queued once per person."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from acquis.accounts.enums import OrganisationKind
from acquis.funding import services
from acquis.funding.notices import SUBMITTED, funding_notice_queue
from acquis.notifications.models import OutboundEmail
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.funding.factories import DAY_2021, funder, line, request_for


def _people():
    payer = funder(organisation=OrganisationFactory(kind=OrganisationKind.FUNDER))
    staff = UserFactory(funder=True, organisation=payer.organisation)
    request = request_for(payer)
    adviser = UserFactory(accompanier=True, organisation=request.organisation)
    return payer, staff, request, adviser


def _emails(request):
    return {e.to: e for e in OutboundEmail.objects.filter(idempotency_key__startswith=f"funding:{request.pk}:")}


def test_submission_tells_the_funder_and_the_candidate():
    _payer, staff, request, adviser = _people()
    added = line(request, "support", "800.00", DAY_2021)
    services.funding_request_submit(actor=adviser, request=request, submitted_on=DAY_2021)
    emails = _emails(request)
    assert set(emails) == {staff.email, request.candidate.email}
    assert "vous a été adressée le 1er mars 2021" in emails[staff.email].body
    assert "Montant demandé : 800.00 €" in emails[request.candidate.email].body
    services.funding_request_decide(actor=staff, request=request, granted={}, refused={added.pk: "outside_priorities"})
    decided = {e.to: e for e in OutboundEmail.objects.filter(template="funding_request_decided")}
    assert set(decided) == {request.candidate.email, adviser.email}
    body = decided[request.candidate.email].body
    assert "votre demande de prise en charge" in body
    assert "refusé (action étrangère aux priorités du financeur)" in body


def test_a_refused_submission_queues_nothing():
    _payer, _staff, request, adviser = _people()
    with pytest.raises(ValidationError):
        services.funding_request_submit(actor=adviser, request=request, submitted_on=DAY_2021)  # no line
    assert _emails(request) == {}


def test_a_notice_is_queued_once():
    _payer, staff, request, adviser = _people()
    line(request, "support", "300.00", DAY_2021)
    services.funding_request_submit(actor=adviser, request=request, submitted_on=DAY_2021)
    before = OutboundEmail.objects.count()
    assert funding_notice_queue(request=request, kind=SUBMITTED) == 2
    assert OutboundEmail.objects.count() == before
