"""The one visibility policy (acquis.accounts.permissions.may_read / judge): every domain object a person reads
through a view action is unreadable, hence 404, for whoever holds no grant on it — pages and API alike."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from acquis.accounts.permissions import NotVisible, judge, may_read
from acquis.funding.enums import RequestState as FundingState
from acquis.funding.models import Funder, FundingRequest
from acquis.funding.permissions import FundingAction
from acquis.leave.models import LeaveRequest
from acquis.pathways.models import Candidacy

UNREAD = [
    LeaveRequest(employee_id=None),
    Candidacy(candidate_id=None),
    # A submitted request with a funder: the funder's predicate reads its organisation.
    FundingRequest(state=FundingState.SUBMITTED, funder=Funder(name="OPCO")),
]


@pytest.mark.parametrize("obj", UNREAD, ids=lambda obj: obj._meta.label)
def test_a_stranger_reads_no_domain_object(obj):
    assert not may_read(AnonymousUser(), obj)


def test_a_funding_request_a_stranger_may_not_read_does_not_exist_for_them():
    # Before funding joined the table, a funding request counted as public to may_read: the pages' generic
    # @requires would then have answered 403 (it exists) where the API answered 404.
    with pytest.raises(NotVisible):
        judge(AnonymousUser(), FundingAction.DECIDE_FUNDING_REQUEST, UNREAD[2])


def test_load_for_answers_the_missing_key_s_404_for_an_unreadable_object_and_the_object_otherwise():
    from django.http import Http404

    from acquis.accounts.permissions import load_for

    with pytest.raises(Http404, match="n° 7"):
        load_for(AnonymousUser(), None, UNREAD[2], missing="Aucune demande n° 7.")
    with pytest.raises(Http404, match="n° 7"):
        load_for(AnonymousUser(), None, None, missing="Aucune demande n° 7.")
    from acquis.certifications.models import Certification

    public = Certification(title="DEAS")  # the registry is public: anyone reads it
    assert load_for(AnonymousUser(), None, public, missing="—") is public
