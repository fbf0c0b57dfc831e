""" "Today" is the day in Paris (TIME_ZONE), whatever the machine's clock says.

At 23:30 UTC on 6 December it is 00:30 on 7 December in Paris: a person acting then may date an act the 7th,
and the 8th is still in the future. A service reading the machine's UTC date would refuse the 7th as "in the
future" for an hour each night (two in summer), and would record the 6th for an act done on the 7th.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from acquis.leave.models import LeaveAnswer
from acquis.pathways.models import FeasibilityFile
from tests.accounts.factories import make_api_token
from tests.api.pathways.support import bearer, post
from tests.leave.factories import LeaveRequestFactory
from tests.pathways.factories import CandidacyFactory

HALF_PAST_MIDNIGHT_IN_PARIS = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)
PARIS_TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _late_evening_utc():
    with time_machine.travel(HALF_PAST_MIDNIGHT_IN_PARIS, tick=False):
        assert dt.datetime.now(dt.UTC).date() == dt.date(2026, 12, 6)
        assert timezone.localdate() == PARIS_TODAY
        yield


def test_an_employer_answers_on_the_day_it_is_in_paris(client):
    request = LeaveRequestFactory(sent=True)
    _token, raw = make_api_token(organisation=request.employer)
    url = f"/api/v1/leave-requests/{request.pk}/answer"

    # No date can be given: the answer is dated by the portal's clock, today in Paris.
    response = client.post(url, {"kind": "accept"}, content_type="application/json", headers=bearer(raw))
    assert response.status_code == 200, response.content
    assert LeaveAnswer.objects.get(request=request).answered_on == PARIS_TODAY


def test_a_candidate_files_on_the_day_it_is_in_paris(client):
    candidacy = CandidacyFactory(step="registered")
    client.force_login(candidacy.candidate)
    response = post(client, candidacy, "feasibility", {})
    assert response.status_code == 200, response.content
    assert FeasibilityFile.objects.get(candidacy=candidacy).filed_on == PARIS_TODAY
