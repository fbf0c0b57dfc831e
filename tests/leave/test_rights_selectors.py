"""R6422-6 and R6422-7-1 in the leave workflow: the facts come from the rows, the boundaries from the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.leave import selectors
from tests.accounts.factories import OrganisationFactory
from tests.leave.factories import LeaveRequestFactory

pytestmark = pytest.mark.django_db

PREVIOUS_RECEIVED = dt.date(2021, 3, 1)
PREVIOUS_ANSWERED = dt.date(2021, 3, 6)  # received + answer_delay (5 days)


def _previous(**kwargs):
    return LeaveRequestFactory(
        answered_accept=True, received=PREVIOUS_RECEIVED, actions_start=dt.date(2021, 5, 10), **kwargs
    )


def _new(previous, received: dt.date, **kwargs):
    return LeaveRequestFactory(
        employee=previous.employee,
        employer=previous.employer,
        sent=True,
        received=received,
        actions_start=received + dt.timedelta(days=70),
        pathway_started_on=received - dt.timedelta(days=30),
        **kwargs,
    )


def test_previous_authorisation_is_the_answer_of_an_earlier_request_in_the_same_company():
    previous = _previous()
    new = _new(previous, dt.date(2022, 3, 5))
    assert selectors.previous_authorisation_on(new, requested_on=dt.date(2022, 3, 5)) == PREVIOUS_ANSWERED
    other_company = LeaveRequestFactory(
        employee=previous.employee, employer=OrganisationFactory(), sent=True, received=dt.date(2022, 3, 5)
    )
    assert selectors.previous_authorisation_on(other_company, requested_on=dt.date(2022, 3, 5)) is None


@pytest.mark.parametrize(
    ("received", "allowed"),
    [
        (dt.date(2022, 3, 5), False),  # the day before the year is over
        (dt.date(2022, 3, 6), True),  # one year to the day after the previous authorisation
    ],
)
def test_one_year_wait_boundary(received, allowed):
    decision = selectors.new_authorisation_wait(_new(_previous(), received), on=received)
    assert decision.value == {"allowed": allowed, "earliest": "2022-03-06"}
    assert [source.article for source in decision.sources] == ["R6422-6"]


def test_complementary_evaluation_is_not_held_back():
    new = _new(_previous(), dt.date(2021, 9, 1), complementary_evaluation=True)
    assert selectors.new_authorisation_wait(new, on=dt.date(2021, 9, 1)).value["allowed"] is True


def test_a_consent_deemed_by_silence_is_an_authorisation():
    previous = LeaveRequestFactory(sent=True, received=PREVIOUS_RECEIVED, actions_start=dt.date(2021, 5, 10))
    due = dt.date.fromisoformat(selectors.leave_answer_due(previous).value)
    new = _new(previous, dt.date(2021, 9, 1))
    assert selectors.previous_authorisation_on(new, requested_on=dt.date(2021, 9, 1)) == due + dt.timedelta(days=1)


CONTRACT_END = dt.date(2021, 2, 28)


@pytest.mark.parametrize(
    ("start", "allowed", "reason"),
    [
        (CONTRACT_END, False, "during_contract"),  # the last day of the contract: still during it
        (CONTRACT_END + dt.timedelta(days=1), True, None),
        (dt.date(2022, 2, 28), True, None),  # twelve months after the end: the latest start
        (dt.date(2022, 3, 1), False, "too_late"),
    ],
)
def test_fixed_term_window_boundaries(start, allowed, reason):
    request = LeaveRequestFactory(
        fixed_term_contract_end=CONTRACT_END,
        actions_start=start,
        pathway_started_on=dt.date(2020, 12, 1),
    )
    request.refresh_from_db()  # the action service keeps actions_start on its own copy of the row
    decision = selectors.fixed_term_window(request)
    assert decision.value == {"allowed": allowed, "latest_start": "2022-02-28", "reason": reason}
    assert [source.article for source in decision.sources] == ["R6422-7-1"]


def test_no_fixed_term_contract_no_decision():
    assert selectors.fixed_term_window(LeaveRequestFactory()) is None
