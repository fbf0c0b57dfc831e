"""R6422-12 of 2017 (funding.request_parts): the parties that fill the request, asked on submission dates of
that version only — the date lives in the rule, on both sides of 2019-11-04."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from acquis.funding import services
from acquis.funding.enums import Party
from acquis.funding.services.requests import required_parties
from tests.funding.factories import D, funder, line, request_for


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2019, 11, 3), ["worker", "organisation"]), (D(2019, 11, 4), [])],
)
def test_required_parties_follow_the_rule_on_the_submission_date(day, expected):
    request = request_for(funder(), period_start=day)
    assert required_parties(request, day) == expected


def test_a_2019_11_03_submission_waits_for_the_parts():
    day = D(2019, 11, 3)
    request = request_for(funder(), period_start=day)
    line(request, "support", "500.00", day)
    with pytest.raises(ValidationError) as error:
        services.funding_request_submit(actor=None, request=request, submitted_on=day)
    assert "parts_missing" in str(error.value.error_dict["parts"][0].code)
    services.funding_part_fill(actor=None, request=request, party=Party.WORKER)
    services.funding_part_fill(
        actor=None, request=request, party=Party.ORGANISATION, organisation=request.organisation
    )
    assert services.funding_request_submit(actor=None, request=request, submitted_on=day).state == "submitted"
