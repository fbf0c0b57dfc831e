"""The jury as an iCalendar event (RFC 5545, icalendar library), for the candidate's and the professionals' diary.

With its hour (``JurySession.held_at``) the event starts at that local time (Europe/Paris, TZID) and lasts
an hour by default — the certifier sets the hour, not the length, so the length only reserves the slot;
a jury scheduled before the hour was asked stays an all-day event on its day. The UID is stable per session,
so importing the file again after a change updates the event instead of duplicating it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from acquis.documents.text import french_date, french_day_and_time
from acquis.pathways.models import JurySession

PRODID = "-//Acquis//Jury de VAE//FR"
UID_DOMAIN = "jury.acquis"
SLOT = dt.timedelta(hours=1)


def jury_event(session: JurySession) -> Event:
    validation = session.validation_file
    candidacy = validation.candidacy
    event = Event()
    event.add("uid", f"jury-{session.pk}@{UID_DOMAIN}")
    event.add("summary", f"Jury de VAE — {candidacy.certification.title}")
    if session.held_at is not None:
        start = dt.datetime.combine(session.held_on, session.held_at, tzinfo=ZoneInfo(settings.TIME_ZONE))
        event.add("dtstart", start)
        event.add("dtend", start + SLOT)
        event.add("transp", "OPAQUE")
    else:
        event.add("dtstart", session.held_on)
        # All-day event: DTEND is the day after (RFC 5545 §3.6.1).
        event.add("dtend", session.held_on + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    # A stamp derived from the data keeps the file identical for identical data (DTSTAMP is required, in UTC).
    event.add("dtstamp", dt.datetime(session.held_on.year, session.held_on.month, session.held_on.day, tzinfo=dt.UTC))
    if session.place:
        event.add("location", session.place)
    certifier = candidacy.certifier.name if candidacy.certifier_id else "le certificateur"
    event.add(
        "description",
        f"Jury le {french_day_and_time(session.held_on, session.held_at)}, programmé par {certifier}, pour le "
        f"dossier de validation déposé le {french_date(validation.filed_on)} (candidature n° {candidacy.pk}, "
        f"fiche {candidacy.certification.code}).",
    )
    return event


def jury_calendar(session: JurySession) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Jury de VAE")
    calendar.add_component(jury_event(session))
    return calendar.to_ical()
