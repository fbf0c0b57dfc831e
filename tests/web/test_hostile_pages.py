"""Hostile input on the pages (issue 11, point 6; security review M5, M6): huge page numbers and absurd dates
answer a page (200, or 400 with the form and its French error), never a 500, and save nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from acquis.leave.models import LeaveAction
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory

HUGE_PAGES = ["99999999999999999999", "9223372036854775807", "9" * 5000, "-3", "deux"]


@pytest.mark.parametrize("page", HUGE_PAGES)
def test_the_employer_list_reads_any_page_number(client, page):
    hr = UserFactory(employer=True)
    LeaveRequestFactory(employer=hr.memberships.get().organisation, sent=True)
    client.force_login(hr)
    response = client.get(reverse("web:leave_employer_list"), {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("page", HUGE_PAGES)
def test_the_certifier_worklist_reads_any_page_number(client, page):
    client.force_login(UserFactory(role="certifier"))
    assert client.get(reverse("web:pathway_certifier_worklist"), {"page": page}).status_code == 200


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "0001-01-02"), ("9999-12-30", "9999-12-31")])
def test_an_absurd_action_date_is_refused_by_the_form(client, start, end):
    # 0001-01-01 broke the request's page and sending (OverflowError); 9999-12-31 the employee's calendar.
    request = LeaveRequestFactory()
    client.force_login(request.employee)
    before = LeaveAction.objects.filter(request=request).count()
    data = {"start": start, "end": end, "nature": "evaluation", "hours": "7"}
    response = client.post(reverse("web:leave_action_add", kwargs={"pk": request.pk}), data)
    assert response.status_code == 400  # the request's page, its form showing the error
    assert "entre le 1er janvier 1900 et le 31 décembre 2100" in response.content.decode()
    assert LeaveAction.objects.filter(request=request).count() == before
    assert client.get(reverse("web:leave_detail", kwargs={"pk": request.pk})).status_code == 200
