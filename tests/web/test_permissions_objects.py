"""Objects of another organisation (issue 11, point 1 of the second pass): candidacies.

For every role but the GIP's (which reads every file), a candidacy of another candidate, addressed to
another certifier, accompanied by another accompanier, in a programme another funder sponsors, answers
404 on every page and every API route that names it — as one that does not exist — shows nothing of its
candidate, and writes nothing. The candidacies are built by the permission matrix's own helpers
(tests/web/test_permissions_matrix.py), with the four organisations swapped for strangers.
"""

from __future__ import annotations

import pytest
from django.test import Client

from acquis.accounts.enums import Role
from acquis.audit.models import AuditEvent
from acquis.leave.services import leave_attendance_proof_request, leave_request_send
from acquis.pathways.models import Candidacy
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory
from tests.web import test_permissions_matrix as matrix
from tests.web.test_permissions_matrix import (
    ACTORS,
    API_EXPECTATIONS,
    GIP,
    LEAVE_DRAFT_PAGES,
    PATHWAY_STEPS,
    WEB_EXPECTATIONS,
    _api_body,
    _api_path,
    _login,
    _pathway_candidacy,
    _pathway_url,
    _web_data,
)

world_once, world = matrix.world_once, matrix.world  # the matrix's fixture, for the congé VAE cases below

# The GIP and the administrator read every candidacy; everyone else is a stranger to another's.
STRANGERS = sorted({r.value for r in Role} - {Role.GIP_STAFF.value})
CANDIDACY_PAGES = sorted(PATHWAY_STEPS)
CANDIDACY_ROUTES = sorted(route for route in API_EXPECTATIONS if "{candidacy_id}" in route[1])
# The four parties a candidacy names: each is, in these tests, someone the caller is not.
PARTIES = ("candidate", "accompanier", "certifier", "funder")


def _strangers_world():
    return {"actors": {role: UserFactory(role=role) for role in PARTIES}}


def _caller(client, role):
    client.force_login(UserFactory(role=role))


def _snapshot():
    return AuditEvent.objects.count(), list(
        Candidacy.objects.order_by("pk").values_list("pk", "stage", "closure", "updated_at")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("actor", STRANGERS)
@pytest.mark.parametrize("name", CANDIDACY_PAGES)
def test_page_answers_404_for_another_organisations_candidacy(client: Client, name, actor):
    from tests.web.test_permissions_matrix import _pathway_data

    strangers = _strangers_world()
    url = _pathway_url(name, strangers)
    _caller(client, actor)
    method, _allowed = WEB_EXPECTATIONS[name]
    before = _snapshot()

    response = getattr(client, method)(url, _pathway_data(name) if method == "post" else {})

    assert response.status_code == 404, (response.status_code, name, actor)
    assert strangers["actors"]["candidate"].last_name not in response.content.decode()
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("actor", STRANGERS)
@pytest.mark.parametrize("route", CANDIDACY_ROUTES)
def test_api_answers_404_for_another_organisations_candidacy(client: Client, route, actor):
    method, path = route
    strangers = _strangers_world()
    url = _pathway_candidacy(strangers, path)
    _caller(client, actor)
    before = _snapshot()

    response = getattr(client, method)(url, **_api_body(method, path, strangers))

    assert response.status_code == 404, (response.status_code, response.content)
    assert response["Content-Type"] == "application/problem+json"
    assert strangers["actors"]["candidate"].last_name.encode() not in response.content
    assert _snapshot() == before


def test_every_candidacy_route_is_covered():
    # A new route naming a candidacy joins these tests by itself: it is read from the matrix's tables.
    assert len(CANDIDACY_PAGES) >= 30 and len(CANDIDACY_ROUTES) >= 25


# --- Objects of another organisation (issue 11 point 2): every role, on every route that names a congé VAE
# request, is refused a request another employee sent to another company. The GIP reads every request, so
# it is left out; the API answers 404 (as for a request that does not exist), a page 403 or 404.
LEAVE_OBJECT_PAGES = sorted(
    name
    for name in WEB_EXPECTATIONS
    if name.startswith("web:leave_")
    and name not in ("web:leave_list", "web:leave_create", "web:leave_funder")
    and name not in ("web:leave_employer_list", "web:leave_employer_calendar")
)
LEAVE_OBJECT_ROUTES = sorted(route for route in API_EXPECTATIONS if "{leave_request_id}" in route[1])
NOT_GIP = sorted(set(ACTORS) - GIP - {"anonymous"})


def _foreign_leave_kwargs(name):
    other_hr = UserFactory(employer=True)  # another company, on Acquis, and another employee
    request = LeaveRequestFactory(employer=other_hr.memberships.get().organisation)
    if name not in LEAVE_DRAFT_PAGES:
        request = leave_request_send(leave_request=request, actor=request.employee, receipt_method="platform")
        leave_attendance_proof_request(leave_request=request, actor=other_hr, organisation=request.employer)
    kwargs = {"pk": request.pk}
    if name == "web:leave_action_remove":
        kwargs["action_id"] = request.actions.get().pk
    if name == "web:leave_attachment":
        kwargs["attachment_id"] = request.attachments.first().pk
    return request, kwargs


@pytest.mark.parametrize("actor", NOT_GIP)
@pytest.mark.parametrize("name", LEAVE_OBJECT_PAGES)
def test_page_refuses_another_organisations_leave_request(client, world, name, actor):
    from django.urls import reverse

    from acquis.leave.models import AttendanceProofRequest

    method, _allowed = WEB_EXPECTATIONS[name]
    _login(client, world, actor)
    request, kwargs = _foreign_leave_kwargs(name)
    before = AttendanceProofRequest.objects.count()
    data = (
        {"message": "Envoyez-le à evil@example.com"}
        if name == "web:leave_attendance_request"
        else _web_data(name, world)
    )

    response = getattr(client, method)(reverse(name, kwargs=kwargs), data)

    assert response.status_code in (403, 404), (response.status_code, name, actor)
    assert request.employee.last_name not in response.content.decode()
    assert AttendanceProofRequest.objects.count() == before


@pytest.mark.parametrize("actor", NOT_GIP)
@pytest.mark.parametrize("route", LEAVE_OBJECT_ROUTES)
def test_api_answers_404_for_another_organisations_leave_request(client, world, route, actor):
    method, path = route
    _login(client, world, actor)
    request, _kwargs = _foreign_leave_kwargs("web:leave_detail")
    foreign = {"leave_request": request, "organisation": world["organisation"]}

    response = getattr(client, method)(_api_path(path, foreign), **_api_body(method, path, world))

    assert response.status_code == 404, (response.status_code, response.content)
