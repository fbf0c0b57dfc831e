"""The accompanier's opinion (R6412-2) cannot be lost: given after the filing, it joins the filed file (and its
PDF) until the certifier acknowledges the complete file; after that it is refused with a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.models import FeasibilityFile
from tests.pathways.factories import CandidacyFactory


def test_an_opinion_given_after_the_filing_joins_the_filed_file():
    candidacy = CandidacyFactory(accompanied=True, filed=True)
    file = FeasibilityFile.objects.get(candidacy=candidacy)
    assert file.content["accompanier_opinion"] is None
    services.candidacy_opinion_give(actor=None, candidacy=candidacy, opinion="favourable", text="En adéquation.")
    file.refresh_from_db()
    opinion = file.content["accompanier_opinion"]
    assert opinion["opinion"] == "favourable" and opinion["text"] == "En adéquation." and opinion["after_filing"]
    event = AuditEvent.objects.filter(object_id=str(candidacy.pk), action="candidacy_opinion_given").get()
    assert event.payload == {"opinion": "favourable", "after_filing": True}


def test_after_the_receipt_the_opinion_is_refused_and_nothing_changes():
    candidacy = CandidacyFactory(accompanied=True, complete=True)
    with pytest.raises(ValidationError) as error:
        services.candidacy_opinion_give(actor=None, candidacy=candidacy, opinion="favourable", text="Trop tard.")
    assert error.value.code == "opinion_after_receipt" and "réception du dossier complet" in error.value.messages[0]
    candidacy.refresh_from_db()
    assert candidacy.accompanier_opinion == ""
    assert FeasibilityFile.objects.get(candidacy=candidacy).content["accompanier_opinion"] is None
