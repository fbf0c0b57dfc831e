"""The ICS export: it parses, and holds the deadlines of each party at the right dates."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from acquis.leave.calendar import leave_request_calendar
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory


def _events(data: bytes) -> dict[str, tuple[dt.date, dt.date, str]]:
    calendar = Calendar.from_ical(data)
    return {
        str(event["uid"]).split("@")[0]: (event.decoded("dtstart"), event.decoded("dtend"), str(event["summary"]))
        for event in calendar.walk("VEVENT")
    }


def test_employee_calendar_holds_every_deadline():
    request = LeaveRequestFactory(era_2024=True, postponed=True)
    events = _events(leave_request_calendar(request, "employee"))
    pk = request.pk
    assert events[f"leave-{pk}-notice"][0] == dt.date(2024, 7, 21)  # 30 days before 2024-08-20
    assert events[f"leave-{pk}-answer-due"][0] == dt.date(2024, 7, 16)  # 15 calendar days after 2024-07-01
    assert events[f"leave-{pk}-postponement-limit"][0] == dt.date(2024, 8, 1)  # one month
    action = request.actions.get()
    start, end, summary = events[f"leave-{pk}-action-{action.pk}"]
    assert (start, end) == (dt.date(2024, 8, 20), dt.date(2024, 8, 22))  # all day, DTEND exclusive
    assert "Session d'évaluation" in summary and "14 h" in summary
    assert events[f"leave-{pk}-postponed-to"][0] == dt.date(2024, 7, 21)


def test_employer_calendar_has_no_notice_deadline_and_cites_the_article():
    request = LeaveRequestFactory(era_2019=True, sent=True)
    data = leave_request_calendar(request, "employer")
    events = _events(data)
    assert f"leave-{request.pk}-notice" not in events
    assert events[f"leave-{request.pk}-answer-due"][0] == dt.date(2021, 3, 31)
    assert events[f"leave-{request.pk}-postponement-limit"][0] == dt.date(2021, 9, 1)
    assert "LEGIARTI000039330059" in data.decode()


def test_calendar_downloads_for_each_party(client):
    request = LeaveRequestFactory(sent=True)
    client.force_login(request.employee)
    response = client.get(reverse("web:leave_calendar", kwargs={"pk": request.pk}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"leave-{request.pk}-notice" in response.content.decode()
    client.force_login(UserFactory(employer=True, organisation=request.employer))
    employer_view = client.get(reverse("web:leave_calendar", kwargs={"pk": request.pk})).content.decode()
    assert f"leave-{request.pk}-notice" not in employer_view
    company = client.get(reverse("web:leave_employer_calendar")).content
    assert f"leave-{request.pk}-answer-due" in _events(company)
