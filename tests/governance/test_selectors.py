"""What governance derives at read time: presidency halves, deadlines, late proposals, representative lists."""

from __future__ import annotations

import datetime as dt

import pytest

from acquis.governance.models import BranchProposal
from acquis.governance.representativeness import RepresentativenessUnknown, parse_lists, representative_list
from acquis.governance.selectors import (
    presidency_periods,
    programme_deadline,
    proposal_lateness,
    proposal_windows,
)
from acquis.governance.services import programme_adopt
from tests.governance.factories import CommissionFactory

pytestmark = pytest.mark.django_db


def test_presidency_alternates_for_each_half_of_the_term():
    commission = CommissionFactory(term_start=dt.date(2020, 3, 2), term_years=5, first_presidency="employers")
    first, second = presidency_periods(commission=commission, today=dt.date(2022, 9, 2))
    assert (first.college, first.start, first.end, first.current) == (
        "employers",
        dt.date(2020, 3, 2),
        dt.date(2022, 9, 1),
        False,
    )
    assert (second.college, second.start, second.end, second.current) == (
        "unions",
        dt.date(2022, 9, 2),
        dt.date(2025, 3, 1),
        True,
    )


def _programme(year, adopted_on, published_on):
    return programme_adopt(
        commission=CommissionFactory(), year=year, adopted_on=adopted_on, published_on=published_on, content="P"
    )


def test_programme_deadline_follows_the_programme_not_the_date_asked():
    # R6113-24-1 NOTA: programmes whose arrêté is published from 2026-01-01; the 2026 programme's is.
    programme = _programme(2026, dt.date(2025, 12, 20), None)
    deadline = programme_deadline(programme=programme)
    assert deadline.value == dt.date(2025, 12, 31)
    assert {s.article for s in deadline.decision.sources} == {"R6113-24-1"}
    earlier = programme_deadline(programme=_programme(2025, dt.date(2025, 1, 20), None))
    assert earlier.value == dt.date(2025, 1, 31)
    assert earlier.decision.sources[0].article == "R6113-24"
    assert programme_deadline(programme=_programme(2019, dt.date(2019, 1, 20), None)).error


def test_branch_proposals_outside_the_windows_are_flagged():
    programme = _programme(2024, dt.date(2024, 1, 15), dt.date(2024, 1, 31))
    windows = proposal_windows(programme=programme)
    assert windows.value == {"notify_secretariat_by": dt.date(2024, 3, 31), "submit_by": dt.date(2024, 7, 31)}

    def lateness(notified_on, submitted_on):
        proposal = BranchProposal(programme=programme, notified_on=notified_on, submitted_on=submitted_on)
        return proposal_lateness(proposal=proposal, windows=windows)

    assert lateness(dt.date(2024, 3, 31), dt.date(2024, 7, 31)) == []  # last day of each delay
    assert len(lateness(dt.date(2024, 4, 1), dt.date(2024, 7, 31))) == 1
    assert len(lateness(None, dt.date(2024, 8, 1))) == 2


def test_no_window_before_publication_or_from_2026():
    assert proposal_windows(programme=_programme(2025, dt.date(2025, 1, 10), None)).error
    windows = proposal_windows(programme=_programme(2027, dt.date(2026, 12, 1), dt.date(2026, 12, 5)))
    assert windows.value == {"notify_secretariat_by": None, "submit_by": None}
    assert proposal_lateness(proposal=BranchProposal(submitted_on=dt.date(2027, 12, 1)), windows=windows) == []


def test_representative_lists_are_dated_data():
    assert "CFTC" in representative_list(kind="unions", on=dt.date(2020, 1, 1)).names
    with pytest.raises(RepresentativenessUnknown):
        representative_list(kind="employers", on=dt.date(2010, 1, 1))
    with pytest.raises(ValueError, match="does not follow"):
        parse_lists(
            {
                "unions": [
                    {
                        "valid_from": dt.date(2017, 1, 1),
                        "valid_until": dt.date(2018, 1, 1),
                        "source": "a",
                        "names": ["A"],
                    },
                    {"valid_from": dt.date(2018, 3, 1), "valid_until": None, "source": "b", "names": ["A"]},
                ],
                "employers": [{"valid_from": dt.date(2017, 1, 1), "valid_until": None, "source": "c", "names": ["B"]}],
            }
        )
