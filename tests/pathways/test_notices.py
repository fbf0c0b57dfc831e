"""Pathway e-mails: each transition tells those concerned (in the transition's transaction), and the daily
scan (`acquis pathways notices`) sends the GIP's « recevable » notice and the reminders, each once.

Factory dates (pathway begun 2024-06-01): filed 01/07, complete 11/07 (decision due 11/09, recevable by
silence from 12/09/2024), decision 31/07 (caducity from 01/02/2025), validation 30/08 (jury by 30/11/2024).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.notifications.models import OutboundEmail
from acquis.pathways import services
from acquis.pathways.reminders import pathway_notices_send
from acquis.pathways.tasks import pathways_notices_daily
from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory, listed_accompanier

D = dt.date
DAY = dt.timedelta(days=1)
R6412_4 = "Article R6412-4 du Code du travail (LEGIARTI000048699561, en vigueur du 29 décembre 2023)"
SILENCE = "le groupement d'intérêt public notifie immédiatement au candidat"
LAPSE = "entraine la caducité de la décision de recevabilité"


@pytest.fixture
def people():
    """A certifier and an accompanier organisation, each with one member on Acquis."""
    certifier_member = UserFactory(certifier=True, first_name="Camille")
    accompanier_member = UserFactory(accompanier=True, first_name="Sacha")
    return {
        "certifier": certifier_member.memberships.get().organisation,
        "certifier_member": certifier_member,
        "accompanier": listed_accompanier(accompanier_member.memberships.get().organisation),
        "accompanier_member": accompanier_member,
    }


def _candidacy(people, step="registered", **kwargs):
    return CandidacyFactory(step=step, certifier=people["certifier"], accompanier=people["accompanier"], **kwargs)


def _emails(candidacy, template=None):
    emails = OutboundEmail.objects.filter(idempotency_key__startswith=f"pathway:{candidacy.pk}:").order_by("id")
    return list(emails.filter(template=template) if template else emails)


def _to(emails):
    return [email.to for email in emails]


def _send(on, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return pathway_notices_send(on=on, **kwargs)


# --- transitions ------------------------------------------------------------------------------------------------


def test_each_transition_emails_those_concerned(people):
    candidacy = _candidacy(people, "result_full")
    result = candidacy.validation_files.get().jury.result
    services.jury_result_notify(actor=None, result=result, notified_on=D(2024, 10, 2))
    candidate, adviser = candidacy.candidate.email, people["accompanier_member"].email
    sent = [(email.template, email.to) for email in _emails(candidacy)]
    assert sent == [
        # The candidate chose the accompanier at registration: its member is told (issue 15, point 4).
        ("pathway_accompanier_chosen", adviser),
        ("pathway_file_submitted", people["certifier_member"].email),
        ("pathway_receipt_acknowledged", candidate),
        ("pathway_receipt_acknowledged", adviser),
        ("pathway_admissibility_decided", candidate),
        ("pathway_admissibility_decided", adviser),
        ("pathway_jury_scheduled", candidate),
        ("pathway_jury_scheduled", adviser),
        ("pathway_result_notified", candidate),
        ("pathway_result_notified", adviser),
    ]
    name = candidacy.candidate.get_full_name()
    submitted = _emails(candidacy, "pathway_file_submitted")[0]
    assert submitted.subject == f"VAE : dossier de faisabilité n° {candidacy.pk} déposé, à instruire ({name})"
    assert submitted.body.startswith("Bonjour Camille,") and "a déposé le 1er juillet 2024" in submitted.body
    assert f"/parcours/{candidacy.pk}/" in submitted.body
    receipt_to_candidate, receipt_to_adviser = _emails(candidacy, "pathway_receipt_acknowledged")
    assert receipt_to_candidate.subject == f"VAE : votre dossier de faisabilité n° {candidacy.pk} est complet"
    assert "Date certaine de réception : 11 juillet 2024" in receipt_to_candidate.body
    assert "au plus tard le 11 septembre 2024" in receipt_to_candidate.body and R6412_4 in receipt_to_candidate.body
    assert "recevable à partir du 12 septembre 2024 et le GIP vous le notifiera" in receipt_to_candidate.body
    assert SILENCE in receipt_to_candidate.body
    assert receipt_to_adviser.body.startswith("Bonjour Sacha,") and name in receipt_to_adviser.body
    assert "le notifiera au candidat" in receipt_to_adviser.body
    decided, decided_to_adviser = _emails(candidacy, "pathway_admissibility_decided")
    assert decided.subject == f"VAE : votre dossier n° {candidacy.pk} est recevable"
    assert decided_to_adviser.subject == f"VAE : le dossier n° {candidacy.pk} ({name}) est recevable"
    assert "une démarche du parcours doit être enregistrée sur Acquis au plus tard le 31 janvier 2025" in (
        decided_to_adviser.body
    )
    assert "au plus tard le 31 janvier 2025" in decided.body and "caduque le 1er février 2025" in decided.body
    assert LAPSE in decided.body
    jury = _emails(candidacy, "pathway_jury_scheduled")[0]
    assert jury.subject == f"VAE : votre jury le 29 septembre 2024 (candidature n° {candidacy.pk})"
    notified = _emails(candidacy, "pathway_result_notified")[0]
    assert "a rendu sa décision : validation totale" in notified.body and "notifiée le 2 octobre 2024" in notified.body
    assert (
        "Délai de notification du résultat : au plus tard le 14 octobre 2024" in notified.body
        and "Article R6412-7 du Code du travail" in notified.body
    )


def test_pieces_requested_and_not_admissible_say_what_the_certifier_wrote(people):
    pieces = _candidacy(people, "pieces")
    assert _to(_emails(pieces, "pathway_pieces_requested")) == [
        pieces.candidate.email,
        people["accompanier_member"].email,
    ]
    assert "Attestation employeur" in _emails(pieces, "pathway_pieces_requested")[0].body
    refused = _candidacy(people, "not_admissible")
    email = _emails(refused, "pathway_admissibility_decided")[0]
    assert email.subject == f"VAE : votre dossier n° {refused.pk} est non recevable"
    assert "Expérience d'encadrement insuffisante" in email.body and "caduque" not in email.body


def test_e_mails_leave_on_commit_and_a_refused_transition_queues_none(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    candidacy = _candidacy(people, "complete")
    before = OutboundEmail.objects.count()
    with pytest.raises(ValidationError):
        services.feasibility_decide(
            actor=None, file=candidacy.feasibility, kind="not_admissible", decided_on=D(2024, 8, 1)
        )
    assert OutboundEmail.objects.count() == before
    with django_capture_on_commit_callbacks(execute=True):
        services.feasibility_decide(
            actor=None, file=candidacy.feasibility, kind="admissible", decided_on=D(2024, 8, 1)
        )
    assert [m.to for m in mailoutbox] == [[candidacy.candidate.email], [people["accompanier_member"].email]]
    assert mailoutbox[0].subject == f"VAE : votre dossier n° {candidacy.pk} est recevable"


def test_an_autonomous_candidate_alone_is_told_and_a_certifier_without_member_is_not():
    candidacy = CandidacyFactory(complete=True)  # autonomous; its certifier has no account on Acquis
    assert [email.to for email in _emails(candidacy)] == [candidacy.candidate.email]


# --- the daily scan ---------------------------------------------------------------------------------------------


def test_decision_reminder_then_the_gip_notice_when_the_delay_runs_out(
    people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PATHWAY_DECISION_REMINDER_DAYS = 14
    candidacy = _candidacy(people, "complete")
    assert _send(D(2024, 8, 27), django_capture_on_commit_callbacks).due == 0  # too early
    run = _send(D(2024, 8, 28), django_capture_on_commit_callbacks)
    assert run.queued == [(candidacy.pk, "decision_reminder", 1)]
    reminder = mailoutbox[-1]
    assert reminder.to == [people["certifier_member"].email]
    assert reminder.subject.endswith("attendue au plus tard le 11 septembre 2024")
    assert R6412_4 in reminder.body and "recevable à partir du 12 septembre 2024" in reminder.body
    last_day = _send(D(2024, 9, 11), django_capture_on_commit_callbacks)
    assert last_day.queued == [] and last_day.already_queued == 1
    run = _send(D(2024, 9, 12), django_capture_on_commit_callbacks)
    assert run.queued == [(candidacy.pk, "deemed_admissible", 3)]
    to_candidate, to_adviser, to_certifier = mailoutbox[-3:]
    assert to_candidate.to == [candidacy.candidate.email]
    assert to_candidate.subject == f"VAE : votre dossier n° {candidacy.pk} est recevable"
    assert "est recevable depuis le 12 septembre 2024" in to_candidate.body and SILENCE in to_candidate.body
    assert "au plus tard le 12 mars 2025" in to_candidate.body and "caduque le 13 mars 2025" in to_candidate.body
    assert to_adviser.to == [people["accompanier_member"].email]
    assert to_certifier.to == [people["certifier_member"].email] and "réputé recevable" in to_certifier.subject
    assert "Une décision ne peut plus être enregistrée" in to_certifier.body
    event = AuditEvent.objects.filter(action=EventType.PATHWAY_NOTICE_QUEUED, object_id=str(candidacy.pk)).last()
    assert event.payload["kind"] == "deemed_admissible" and len(event.payload["emails"]) == 3


def test_running_twice_queues_nothing_twice(people, mailoutbox, django_capture_on_commit_callbacks):
    _candidacy(people, "complete")
    first = _send(D(2024, 9, 12), django_capture_on_commit_callbacks)
    again = _send(D(2024, 9, 12), django_capture_on_commit_callbacks)
    next_day = _send(D(2024, 9, 13), django_capture_on_commit_callbacks)
    assert len(first.queued) == 1 and again.queued == [] and next_day.queued == []
    assert again.already_queued == next_day.already_queued == 1
    assert len(mailoutbox) == 3
    # The task runs the same scan (today: long after these dates, nothing is due).
    assert pathways_notices_daily.call()["queued"] == 0


def test_a_missed_day_is_caught_up_but_not_forever(people, settings, django_capture_on_commit_callbacks):
    settings.PATHWAY_NOTICE_CATCH_UP_DAYS = 30
    candidacy = _candidacy(people, "complete")
    assert _send(D(2024, 9, 12) + 31 * DAY, django_capture_on_commit_callbacks).due == 0  # too old: not sent
    run = _send(D(2024, 9, 12) + 30 * DAY, django_capture_on_commit_callbacks)
    assert run.queued == [(candidacy.pk, "deemed_admissible", 3)]


@pytest.mark.parametrize(
    ("step", "traits"), [("admissible", {}), ("not_admissible", {}), ("complete", {"era_2023": True})]
)
def test_no_gip_notice_after_a_decision_nor_in_the_earlier_procedure(
    step, traits, people, django_capture_on_commit_callbacks
):
    _candidacy(people, step, **traits)
    for day in (D(2024, 9, 12), D(2024, 9, 20)):
        assert [kind for _pk, kind, _n in _send(day, django_capture_on_commit_callbacks).queued] == []


def test_lapse_warning_until_a_step_is_recorded(people, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.PATHWAY_LAPSE_WARNING_DAYS = 30
    candidacy = _candidacy(people, "admissible")  # decided 31 juillet 2024: last day for a step 31 janvier 2025
    kept = _candidacy(people, "admissible")
    services.candidacy_step_record(actor=None, candidacy=kept, description="Entretien", recorded_on=D(2024, 9, 1))
    excused = _candidacy(people, "admissible")
    services.candidacy_legitimate_reason_record(actor=None, candidacy=excused, reason="Hospitalisation")
    assert _send(D(2025, 1, 1) - DAY, django_capture_on_commit_callbacks).due == 0
    run = _send(D(2025, 1, 1), django_capture_on_commit_callbacks)
    assert run.queued == [(candidacy.pk, "lapse_warning", 2)]
    warning = mailoutbox[-2]
    assert warning.to == [candidacy.candidate.email]
    assert (
        "au plus tard le 31 janvier 2025" in warning.subject and "recevable depuis le 31 juillet 2024" in warning.body
    )
    assert "caduque le 1er février 2025" in warning.body and LAPSE in warning.body
    # Lapsed: no more warning.
    assert _send(D(2025, 2, 1), django_capture_on_commit_callbacks).due == 0


def test_jury_reminder_while_no_jury_is_scheduled(people, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.PATHWAY_JURY_REMINDER_DAYS = 21
    candidacy = _candidacy(people, "validation")
    _candidacy(people, "jury")
    assert _send(D(2024, 11, 8), django_capture_on_commit_callbacks).due == 0
    run = _send(D(2024, 11, 9), django_capture_on_commit_callbacks)
    assert run.queued == [(candidacy.pk, "jury_reminder", 1)]
    assert mailoutbox[-1].to == [people["certifier_member"].email]
    assert mailoutbox[-1].subject.endswith("à tenir au plus tard le 30 novembre 2024")
    assert "Article R6412-5 du Code du travail" in mailoutbox[-1].body
    assert _send(D(2024, 12, 1), django_capture_on_commit_callbacks).due == 0  # the date has passed


def test_a_certifier_without_member_is_counted_not_emailed(django_capture_on_commit_callbacks):
    CandidacyFactory(complete=True)
    run = _send(D(2024, 9, 1), django_capture_on_commit_callbacks)
    assert run.due == 1 and run.queued == [] and run.without_recipient == 1


# --- the command ------------------------------------------------------------------------------------------------


def test_command_dry_run_writes_nothing_then_queues_once(people, django_capture_on_commit_callbacks):
    candidacy = _candidacy(people, "complete")
    before = OutboundEmail.objects.count()
    out = io.StringIO()
    call_command("pathways_notices", "--on", "2024-09-12", "--dry-run", stdout=out)
    assert (
        f"candidature n° {candidacy.pk} : Avis du GIP" in out.getvalue() and "3 courriel(s) à mettre" in out.getvalue()
    )
    assert OutboundEmail.objects.count() == before
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("pathways_notices", "--on", "2024-09-12", stdout=out)
    assert "1 mis en file (3 courriel(s)) ; 0 déjà envoyé(s)" in out.getvalue()
    out = io.StringIO()
    call_command("pathways_notices", "--on", "2024-09-12", stdout=out)
    assert "0 mis en file (0 courriel(s)) ; 1 déjà envoyé(s)" in out.getvalue()


def test_command_refuses_a_bad_date_and_enqueues_the_task():
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("pathways_notices", "--on", "12 septembre 2024")
    with pytest.raises(CommandError):
        call_command("pathways_notices", "--enqueue", "--dry-run")
    out = io.StringIO()
    call_command("pathways_notices", "--enqueue", stdout=out)
    assert "confié au travailleur de tâches" in out.getvalue()
