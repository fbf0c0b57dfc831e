"""Issuing a requested attestation: reference, audit event, e-mail to the candidate, every refusal with
nothing saved; the attestation as PDF (certifier, candidate, certification, result and blocks, dates, the
articles its result rests on) in each era of the rules.

Factory dates (pathway begun 2024-06-01): validation 30/08, jury 29 septembre 2024 (result recorded at once).
"""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.documents.text import french_date
from acquis.notifications.models import OutboundEmail
from acquis.pathways import selectors, services
from acquis.pathways.documents.attestation import attestation_pdf
from acquis.pathways.models import Attestation
from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory

D = dt.date
REQUESTED, ISSUED = D(2024, 10, 10), D(2024, 10, 15)
R6412_7 = "LEGIARTI000048699565"
D6412_6 = "LEGIARTI000049406241"


def _requested(kind="result", **traits) -> Attestation:
    candidacy = CandidacyFactory(**(traits or {"result_full": True}))
    return services.attestation_request(
        actor=candidacy.candidate, candidacy=candidacy, kind=kind, requested_on=REQUESTED
    )


def _issued_events(attestation):
    return AuditEvent.objects.filter(action=EventType.ATTESTATION_ISSUED, object_id=str(attestation.candidacy_id))


def _emails(attestation):
    return list(
        OutboundEmail.objects.filter(template="pathway_attestation_issued", to__isnull=False).filter(
            idempotency_key__startswith=f"pathway:{attestation.candidacy_id}:attestation_issued:"
        )
    )


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_issue_gives_a_reference_audits_and_tells_the_candidate():
    attestation = _requested()
    certifier = UserFactory(certifier=True, organisation=attestation.candidacy.certifier)
    issued = services.attestation_issue(actor=certifier, attestation=attestation, issued_on=ISSUED)
    issued.refresh_from_db()
    assert issued.issued_on == ISSUED and issued.issued_by == certifier
    assert issued.reference == f"ATT-2024-{attestation.candidacy_id}-1"
    assert issued.result == attestation.candidacy.validation_files.get().jury.result
    event = _issued_events(attestation).get()
    assert event.payload == {"reference": issued.reference, "kind": "result"}
    (email,) = _emails(attestation)
    assert email.to == attestation.candidacy.candidate.email
    assert issued.reference in email.subject and "15 octobre 2024" in email.body
    assert f"/parcours/{attestation.candidacy_id}/attestations/{attestation.pk}.pdf" in email.body


def test_a_second_attestation_of_the_candidacy_gets_the_next_number():
    first = _requested("result", result_partial=True)
    second = services.attestation_request(actor=None, candidacy=first.candidacy, kind="blocks", requested_on=REQUESTED)
    services.attestation_issue(actor=None, attestation=second, issued_on=ISSUED)
    services.attestation_issue(actor=None, attestation=first, issued_on=D(2025, 1, 2))
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.reference.endswith("-1") and first.reference == f"ATT-2025-{first.candidacy_id}-2"


def _refused(attestation, code, **kwargs):
    before = Attestation.objects.get(pk=attestation.pk)
    events = _issued_events(attestation).count()
    with pytest.raises(ValidationError) as caught:
        services.attestation_issue(actor=None, attestation=attestation, **kwargs)
    error = caught.value
    errors = (
        [e for group in error.error_dict.values() for e in group] if hasattr(error, "error_dict") else error.error_list
    )
    assert code in {e.code for e in errors}
    after = Attestation.objects.get(pk=attestation.pk)
    assert (after.issued_on, after.reference) == (before.issued_on, before.reference)
    assert _issued_events(attestation).count() == events
    return caught.value


def test_issuing_twice_is_refused_and_changes_nothing():
    attestation = _requested()
    services.attestation_issue(actor=None, attestation=attestation, issued_on=ISSUED)
    assert len(_emails(attestation)) == 1
    _refused(attestation, "attestation_already_issued", issued_on=D(2024, 11, 1))
    assert len(_emails(attestation)) == 1


def test_a_result_withdrawn_since_the_request_is_refused():
    attestation = _requested()
    result = attestation.result
    services.jury_result_observations_request(actor=None, result=result, reason="Pièces falsifiées")
    services.jury_result_withdraw(actor=None, result=result)
    _refused(attestation, "result_withdrawn", issued_on=None)
    assert not _emails(attestation)


def test_an_anonymised_candidacy_is_refused():
    attestation = _requested()
    candidacy = attestation.candidacy
    services.candidacy_archive(actor=None, candidacy=candidacy, reason="inactivity")
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=D(2026, 1, 1))
    _refused(attestation, "candidacy_anonymised")


def test_issue_date_cannot_precede_the_request_nor_be_in_the_future():
    attestation = _requested()
    _refused(attestation, "issue_before_request", issued_on=REQUESTED - dt.timedelta(days=1))
    _refused(attestation, "date_in_future", issued_on=timezone.localdate() + dt.timedelta(days=2))


def test_an_archived_candidacy_still_gets_its_attestation():
    attestation = _requested()
    services.candidacy_archive(actor=None, candidacy=attestation.candidacy, reason="requested_by_candidate")
    assert services.attestation_issue(actor=None, attestation=attestation, issued_on=ISSUED).reference


def test_certifier_worklist_counts_and_filters_the_attestations_to_issue():
    waiting = _requested()
    organisation = waiting.candidacy.certifier
    done = _requested(result_full=True, certifier=organisation)
    services.attestation_issue(actor=None, attestation=done, issued_on=ISSUED)
    CandidacyFactory(result_full=True, certifier=organisation)  # nothing requested
    worklist = selectors.worklist(scope="certifier", organisation=organisation, awaiting_attestation=True)
    assert worklist.attestations_to_issue == 1
    assert [row.pk for row in worklist.rows] == [waiting.candidacy_id] and worklist.total == 1
    everything = selectors.worklist(scope="certifier", organisation=organisation)
    assert everything.attestations_to_issue == 1 and everything.total == 3


# --- the document -------------------------------------------------------------------------------------------


def test_no_document_before_issue():
    assert selectors.attestation_document(attestation=_requested()) is None


def test_partial_validation_lists_the_blocks_acquired_and_cites_the_articles():
    attestation = _requested("blocks", result_partial=True, era_d6412=True)
    candidacy = attestation.candidacy
    services.jury_result_notify(actor=None, result=attestation.result, notified_on=D(2024, 10, 1))
    attestation.result.refresh_from_db()
    issued = services.attestation_issue(actor=None, attestation=attestation, issued_on=ISSUED)
    text = _text(attestation_pdf(selectors.attestation_document(attestation=issued)))
    block = candidacy.certification.blocks.order_by("code").first()
    assert "Attestation des blocs de compétences acquis" in text
    assert f"Référence : {issued.reference}" in text and "Délivrée le 15 octobre 2024" in text
    assert candidacy.candidate.get_full_name() in text and candidacy.certifier.name in text
    assert candidacy.certification.title in text and candidacy.certification.code in text and "niveau 4" in text
    assert "validation partielle" in text and block.code in text and block.title in text
    other_blocks = candidacy.certification.blocks.exclude(pk=block.pk)
    assert not any(b.code in text for b in other_blocks)
    jury_on = candidacy.validation_files.get().jury.held_on
    assert f"Jury réuni le {french_date(jury_on)}" in text and "notifié au candidat le 1er octobre 2024" in text
    assert "Article R6412-7" in text and R6412_7 in text and "Article D6412-6" in text and D6412_6 in text


def test_full_validation_of_an_earlier_procedure_cites_no_text_it_does_not_hold():
    attestation = _requested("result", result_full=True, era_2023=True)
    issued = services.attestation_issue(actor=None, attestation=attestation, issued_on=ISSUED)
    text = _text(attestation_pdf(selectors.attestation_document(attestation=issued)))
    assert "validation totale de la certification" in text
    assert "procédure antérieure" in text and "LEGIARTI" not in text
