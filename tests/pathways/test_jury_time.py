"""The jury's hour as well as its day (issue 15, point 10): kept, audited, asked by the certifier's page, told to
the candidate on the page, in the e-mail and in the calendar event; the rules still read the day only."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from acquis.audit.models import AuditEvent
from acquis.notifications.models import OutboundEmail
from acquis.pathways import services
from acquis.pathways.calendar import jury_calendar
from acquis.pathways.models import JurySession
from tests.pathways.factories import MEMBERS, CandidacyFactory
from tests.web.pathways.support import text

D = dt.date
TWO_PM = dt.time(14, 0)


def _scheduled(held_at=TWO_PM, **traits):
    candidacy = CandidacyFactory(validation=True, **traits)  # filed 2024-08-30 → latest jury 2024-11-30
    session = services.jury_schedule(
        actor=None,
        validation_file=candidacy.validation_files.get(),
        held_on=D(2024, 10, 1),
        held_at=held_at,
        members=MEMBERS,
        place="Lyon, 12 rue de la République",
    )
    return candidacy, session


def test_the_hour_is_kept_and_audited_and_the_day_alone_still_drives_the_candidacy():
    candidacy, session = _scheduled()
    session.refresh_from_db()
    candidacy.refresh_from_db()
    assert session.held_at == TWO_PM and candidacy.jury_on == D(2024, 10, 1)
    event = AuditEvent.objects.filter(action="jury_scheduled").latest("id")
    assert event.payload["held_on"] == "2024-10-01" and event.payload["held_at"] == "14:00"
    assert str(session) == "Jury du 1er octobre 2024 à 14 h 00"


def test_a_jury_without_hour_is_still_accepted_by_the_service():
    candidacy, session = _scheduled(held_at=None)
    assert session.held_at is None
    assert AuditEvent.objects.filter(action="jury_scheduled").latest("id").payload["held_at"] is None


def _jury_email(candidacy):
    return OutboundEmail.objects.filter(template="pathway_jury_scheduled", to=candidacy.candidate.email).get()


def test_the_e_mail_gives_the_day_the_hour_and_the_calendar_link():
    candidacy, _ = _scheduled()
    email = _jury_email(candidacy)
    assert email.subject == f"VAE : votre jury le 1er octobre 2024 à 14 h 00 (candidature n° {candidacy.pk})"
    assert "Date : 1er octobre 2024\nHeure : 14 h 00\nLieu : Lyon" in email.body
    assert reverse("web:pathway_jury_calendar", kwargs={"pk": candidacy.pk}) in email.body


def test_the_e_mail_of_a_jury_without_hour_says_no_hour():
    candidacy, _ = _scheduled(held_at=None)
    email = _jury_email(candidacy)
    assert email.subject == f"VAE : votre jury le 1er octobre 2024 (candidature n° {candidacy.pk})"
    assert "Heure" not in email.body


def _event(session):
    events = Calendar.from_ical(jury_calendar(session)).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_the_calendar_event_starts_at_the_hour_in_paris_time():
    _, session = _scheduled()
    event = _event(session)
    start = event.decoded("dtstart")
    assert isinstance(start, dt.datetime) and (start.hour, start.minute) == (14, 0)
    assert str(start.tzinfo) == "Europe/Paris" and event["dtstart"].params["TZID"] == "Europe/Paris"
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    assert "Lyon" in str(event["location"]) and "1er octobre 2024 à 14 h 00" in str(event["description"])
    assert str(event["uid"]) == f"jury-{session.pk}@jury.acquis"


def test_the_calendar_event_of_a_jury_without_hour_is_all_day():
    _, session = _scheduled(held_at=None)
    event = _event(session)
    assert event.decoded("dtstart") == D(2024, 10, 1) and not isinstance(event.decoded("dtstart"), dt.datetime)
    assert event.decoded("dtend") == D(2024, 10, 2)


def test_the_candidate_reads_the_hour_and_downloads_the_event(client):
    candidacy, _ = _scheduled()
    client.force_login(candidacy.candidate)
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "Jury le 1er octobre 2024 à 14 h 00, Lyon" in page
    response = client.get(reverse("web:pathway_jury_calendar", args=[candidacy.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert b"DTSTART;TZID=Europe/Paris:20241001T140000" in response.content


def test_the_event_of_a_candidacy_without_jury_is_404(client):
    candidacy = CandidacyFactory(validation=True)
    client.force_login(candidacy.candidate)
    assert client.get(reverse("web:pathway_jury_calendar", args=[candidacy.pk])).status_code == 404


def test_the_certifier_s_form_asks_for_the_hour(client):
    from django.utils import timezone

    from tests.accounts.factories import UserFactory

    today = timezone.localdate()
    candidacy = CandidacyFactory(validation=True, started_on=today - dt.timedelta(days=130))
    client.force_login(UserFactory(certifier=True, organisation=candidacy.certifier))
    url = reverse("web:pathway_jury_schedule", args=[candidacy.pk])
    data = {"held_on": today.isoformat(), "membre-TOTAL_FORMS": "4", "membre-INITIAL_FORMS": "0"}
    for index, (name, sex, chair) in enumerate((("Mme Présidente", "F", "on"), ("M. Assesseur", "M", ""))):
        data.update({f"membre-{index}-name": name, f"membre-{index}-sex": sex, f"membre-{index}-qualified": "on"})
        if chair:
            data[f"membre-{index}-is_chair"] = chair
    missing = client.post(url, data)
    assert missing.status_code == 400 and "Indiquez l'heure du jury." in text(missing)
    assert not JurySession.objects.exists()
    wrong = client.post(url, {**data, "held_at": "25:99"})
    assert wrong.status_code == 400 and "Indiquez l'heure au format HH:MM." in text(wrong)
    assert client.post(url, {**data, "held_at": "09:30"}).status_code == 302
    assert JurySession.objects.get().held_at == dt.time(9, 30)
