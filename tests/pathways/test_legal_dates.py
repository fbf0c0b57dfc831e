"""Dates with legal effect: a filing recorded with a past date (demo data, imports) cannot precede the
registration it follows; on the portal the web forms and the API carry no such date (tests/api, tests/web)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from acquis.pathways import services
from acquis.pathways.models import FeasibilityFile
from tests.pathways.factories import CandidacyFactory


def test_a_filing_cannot_precede_the_registration():
    candidacy = CandidacyFactory(started_on=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError) as error:
        services.feasibility_file_submit(actor=None, candidacy=candidacy, filed_on=dt.date(2024, 1, 15))
    assert error.value.error_dict["filed_on"][0].code == "filing_before_registration"
    assert "avant l'inscription (01/11/2026)" in error.value.messages[0]
    assert not FeasibilityFile.objects.filter(candidacy=candidacy).exists()


def test_the_web_forms_carry_no_date_of_legal_effect():
    from acquis.web.pathways import forms

    for form, field in (
        (forms.FeasibilityForm, "filed_on"),
        (forms.ValidationForm, "filed_on"),
        (forms.PiecesForm, "requested_on"),
        (forms.ReceiptForm, "complete_on"),
        (forms.DecisionForm, "decided_on"),
        (forms.NotifyForm, "notified_on"),
    ):
        assert field not in form.base_fields, form
