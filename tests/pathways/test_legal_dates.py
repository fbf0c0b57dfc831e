"""Dates with legal effect: a filing recorded with a past date (demo data, imports) cannot precede the
registration it follows; on the portal the web forms and the API carry no such date (tests/api, tests/web)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from acquis.documents.text import french_date
from acquis.pathways import services
from acquis.pathways.models import FeasibilityFile
from tests.pathways.factories import CandidacyFactory


def test_a_filing_cannot_precede_the_registration():
    candidacy = CandidacyFactory(started_on=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError) as error:
        services.feasibility_file_submit(actor=None, candidacy=candidacy, filed_on=dt.date(2024, 1, 15))
    assert error.value.error_dict["filed_on"][0].code == "filing_before_registration"
    assert "avant l'inscription (1er novembre 2026)" in error.value.messages[0]
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


def test_the_gip_corrects_a_receipt_date_with_a_reason_and_the_deadlines_follow():
    from acquis.audit.models import AuditEvent

    candidacy = CandidacyFactory(complete=True, started_on=timezone.localdate() - dt.timedelta(days=50))
    file = FeasibilityFile.objects.get(candidacy=candidacy)
    before, due_before = file.complete_on, candidacy.decision_due_on
    corrected = before + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.feasibility_date_correct(actor=None, file=file, field="complete_on", on=corrected, reason=" ")
    assert error.value.error_dict["reason"][0].code == "reason_required"
    with pytest.raises(ValidationError) as error:
        services.feasibility_date_correct(
            actor=None, file=file, field="complete_on", on=file.filed_on - dt.timedelta(days=1), reason="Erreur"
        )
    assert error.value.error_dict["on"][0].code == "order"
    services.feasibility_date_correct(actor=None, file=file, field="complete_on", on=corrected, reason="Courrier")
    file.refresh_from_db()
    candidacy.refresh_from_db()
    assert file.complete_on == corrected == candidacy.file_complete_on
    assert candidacy.decision_due_on > due_before and candidacy.deadlines_ruleset
    event = AuditEvent.objects.get(object_id=str(candidacy.pk), action="feasibility_date_corrected")
    assert event.payload == {
        "field": "complete_on",
        "before": before.isoformat(),
        "after": corrected.isoformat(),
    }
    # The reason is free text: kept apart from the append-only log, erased with the candidacy (R6411-6).
    assert event.detail.data == {"reason": "Courrier"}


def test_only_the_gip_sees_and_uses_the_correction_page(client):
    from django.urls import reverse

    from tests.accounts.factories import UserFactory

    candidacy = CandidacyFactory(filed=True, started_on=timezone.localdate() - dt.timedelta(days=50))
    url = reverse("web:pathway_date_correct", args=[candidacy.pk])
    client.force_login(UserFactory(certifier=True, organisation=candidacy.certifier))
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("web:pathway_detail", args=[candidacy.pk])).content.decode()
    client.force_login(UserFactory(gip_staff=True))
    assert url in client.get(reverse("web:pathway_detail", args=[candidacy.pk])).content.decode()
    day = timezone.localdate() - dt.timedelta(days=25)
    refused = client.post(url, {"field": "filed_on", "on": day.isoformat(), "reason": ""})
    assert refused.status_code == 400 and "Indiquez le motif de la correction" in refused.content.decode()
    done = client.post(url, {"field": "filed_on", "on": day.isoformat(), "reason": "Dossier reçu par courrier"})
    assert done.status_code == 302
    assert FeasibilityFile.objects.get(candidacy=candidacy).filed_on == day


def test_a_held_jury_s_label_reads_before_its_date():
    from acquis.pathways.facts import StatusFacts
    from acquis.pathways.status import compute_status

    held = timezone.localdate() - dt.timedelta(days=3)
    facts = StatusFacts(stage="jury_scheduled", closure="", started_on=held - dt.timedelta(days=200), jury_on=held)
    status = compute_status(facts, timezone.localdate())
    assert f"{status.deadline_label} {french_date(status.deadline)}" == (
        f"résultat à enregistrer pour le jury tenu le {french_date(held)}"
    )
