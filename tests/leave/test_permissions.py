"""Who may see, edit, answer a congé VAE request and ask for or give the proof of attendance."""

from __future__ import annotations

import pytest

from acquis.accounts.permissions import can
from acquis.leave.permissions import LeaveRequestAction
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.leave.factories import LeaveRequestFactory


@pytest.fixture
def world():
    draft = LeaveRequestFactory()
    sent = LeaveRequestFactory(sent=True)
    answered = LeaveRequestFactory(employee=sent.employee, employer=sent.employer, answered_accept=True)
    other_company = OrganisationFactory()
    return {
        "draft": draft,
        "sent": sent,
        "answered": answered,
        "employee": sent.employee,
        "draft_employee": draft.employee,
        "hr": UserFactory(employer=True, organisation=sent.employer),
        "draft_hr": UserFactory(employer=True, organisation=draft.employer),
        "other_hr": UserFactory(employer=True, organisation=other_company),
        "hr_token": make_api_token(organisation=sent.employer)[0],
        "other_token": make_api_token(organisation=other_company)[0],
        "funder": UserFactory(funder=True),
        "funder_token": make_api_token(role="funder")[0],
        "accompanier_same_org": UserFactory(accompanier=True, organisation=sent.employer),
        "gip": UserFactory(gip_staff=True),
        "stranger": UserFactory(candidate=True),
    }


# (action, request) → the actors allowed; every other actor of the world is refused.
EXPECTATIONS = {
    (LeaveRequestAction.VIEW_LEAVE_REQUEST, "draft"): {"draft_employee", "gip"},
    (LeaveRequestAction.VIEW_LEAVE_REQUEST, "sent"): {"employee", "hr", "hr_token", "gip"},
    (LeaveRequestAction.EDIT_LEAVE_REQUEST, "draft"): {"draft_employee"},
    (LeaveRequestAction.EDIT_LEAVE_REQUEST, "sent"): set(),
    (LeaveRequestAction.ANSWER_LEAVE_REQUEST, "draft"): set(),
    (LeaveRequestAction.ANSWER_LEAVE_REQUEST, "sent"): {"hr", "hr_token"},
    (LeaveRequestAction.ANSWER_LEAVE_REQUEST, "answered"): set(),
    (LeaveRequestAction.REQUEST_ATTENDANCE_PROOF, "draft"): set(),
    # By number alone, the employer only; a funder acts on a request it reached by number and SIRET (below).
    (LeaveRequestAction.REQUEST_ATTENDANCE_PROOF, "answered"): {"hr", "hr_token"},
    (LeaveRequestAction.REQUEST_ATTENDANCE_PROOF_AS_FUNDER, "draft"): set(),
    (LeaveRequestAction.REQUEST_ATTENDANCE_PROOF_AS_FUNDER, "answered"): {"funder", "funder_token"},
    (LeaveRequestAction.UPLOAD_ATTENDANCE_PROOF, "draft"): set(),
    (LeaveRequestAction.UPLOAD_ATTENDANCE_PROOF, "answered"): {"employee"},
}
ACTORS = (
    "employee",
    "draft_employee",
    "hr",
    "draft_hr",
    "other_hr",
    "hr_token",
    "other_token",
    "funder",
    "funder_token",
    "accompanier_same_org",
    "gip",
    "stranger",
)


@pytest.mark.parametrize(("action", "request_name"), sorted(EXPECTATIONS, key=str))
def test_leave_permissions(world, action, request_name):
    allowed = {name for name in ACTORS if can(world[name], action, world[request_name])}
    assert allowed == EXPECTATIONS[(action, request_name)]


def test_employer_does_not_see_a_draft_of_its_employee(world):
    assert not can(world["draft_hr"], LeaveRequestAction.VIEW_LEAVE_REQUEST, world["draft"])


def test_anyone_logged_in_may_create_a_request(world):
    assert can(world["stranger"], LeaveRequestAction.CREATE_LEAVE_REQUEST)
    assert not can(world["hr_token"], LeaveRequestAction.CREATE_LEAVE_REQUEST)
