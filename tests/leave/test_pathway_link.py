"""Issue 15, point 8: a congé VAE request linked to the employee's pathway on Acquis takes its certification,
certifier and start from it, and gets the admissibility proof Acquis issued without an upload."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.leave import services
from acquis.leave.enums import AttachmentKind, ReceiptMethod
from acquis.leave.selectors import employers_matching
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import LeaveRequestFactory
from tests.pathways.factories import CandidacyFactory


def _recent(**traits):
    # Begun 80 days ago: decided admissible at +60 d, far from caducity.
    return dict(started_on=timezone.localdate() - dt.timedelta(days=80), **traits)


def test_an_admissible_pathway_fills_the_request_and_attaches_its_proof():
    request = LeaveRequestFactory(with_proof=False)
    candidacy = CandidacyFactory(candidate=request.employee, **_recent(admissible=True))
    services.leave_request_pathway_link(leave_request=request, actor=request.employee, candidacy=candidacy)
    request.refresh_from_db()
    assert request.pathway == candidacy
    assert request.certification == candidacy.certification
    assert request.certification_title == candidacy.certification.title
    assert request.certifier_name == candidacy.certifier.name
    assert request.pathway_started_on == candidacy.started_on
    proof = request.attachments.get(kind=AttachmentKind.ADMISSIBILITY_PROOF)
    assert proof.content_type == "application/pdf" and proof.uploaded_by == request.employee
    assert proof.file.read().startswith(b"%PDF")


def test_a_pathway_not_yet_admissible_brings_its_proof_when_the_request_is_sent():
    request = LeaveRequestFactory(with_proof=False)
    candidacy = CandidacyFactory(candidate=request.employee, **_recent(complete=True))
    services.leave_request_pathway_link(leave_request=request, actor=request.employee, candidacy=candidacy)
    assert not request.attachments.filter(kind=AttachmentKind.ADMISSIBILITY_PROOF).exists()
    from acquis.pathways import services as pathways

    pathways.feasibility_decide(actor=None, file=candidacy.feasibility, kind="admissible")
    make_sendable = request.employer
    UserFactory(employer=True, organisation=make_sendable)
    services.leave_request_send(leave_request=request, actor=request.employee, receipt_method=ReceiptMethod.PLATFORM)
    assert request.attachments.filter(kind=AttachmentKind.ADMISSIBILITY_PROOF).count() == 1


def test_a_refused_pathway_attaches_nothing():
    request = LeaveRequestFactory(with_proof=False)
    candidacy = CandidacyFactory(candidate=request.employee, **_recent(not_admissible=True))
    services.leave_request_pathway_link(leave_request=request, actor=request.employee, candidacy=candidacy)
    assert not request.attachments.filter(kind=AttachmentKind.ADMISSIBILITY_PROOF).exists()


def test_only_the_employees_own_open_pathway():
    request = LeaveRequestFactory()
    with pytest.raises(ValidationError) as error:
        services.leave_request_pathway_link(
            leave_request=request, actor=request.employee, candidacy=CandidacyFactory(admissible=True)
        )
    assert "pathway" in error.value.message_dict
    request.refresh_from_db()
    assert request.pathway is None


def test_employers_are_found_by_name_or_siret_among_known_companies():
    lilas = OrganisationFactory(name="Clinique des Lilas")
    OrganisationFactory(name="Lilas Certif", kind="certifier")
    assert employers_matching("lilas") == [lilas]
    assert employers_matching(lilas.siret[:9]) == [lilas]
    assert employers_matching(f"{lilas.siret[:3]} {lilas.siret[3:6]}") == [lilas]
    assert employers_matching("inconnue") == []
