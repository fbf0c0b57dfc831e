"""Funding requests for a congé VAE (issue 16): who fills them (R6422-12), their lines per era and channel, the
page and the API route; another organisation's congé VAE does not exist for its reader (404)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from acquis.funding import services
from acquis.funding.enums import FunderKind, Party
from acquis.funding.models import FundingRequest
from acquis.leave.enums import RequestState as LeaveState
from tests.accounts.factories import UserFactory, make_api_token
from tests.funding.factories import D, funder, line
from tests.leave.factories import LeaveRequestFactory

pytestmark = pytest.mark.django_db


def _create(leave, payer, party=Party.WORKER, **kwargs):
    values = {"period_start": D(2021, 3, 1), "period_end": D(2021, 6, 30), **kwargs}
    return services.funding_leave_request_create(actor=None, leave_request=leave, funder=payer, party=party, **values)


def _codes(error) -> list[str]:
    return [e.code for errors in error.value.error_dict.values() for e in errors]


def test_the_employee_asks_for_a_congé_vae_the_request_names_its_employer():
    leave = LeaveRequestFactory(sent=True)
    created = _create(leave, funder(FunderKind.TRANSITIONS_PRO))
    assert (created.leave_request, created.candidacy) == (leave, None)
    assert (created.candidate, created.employer) == (leave.employee, leave.employer)
    assert created.certification_title == "Diplôme d'État d'aide-soignant"
    # The admissibility proof attached to the congé VAE counts for the funder (R6422-11).
    assert created.admissibility_proof_sent


def test_without_the_proof_on_the_leave_it_is_not_assumed():
    leave = LeaveRequestFactory(with_proof=False)
    assert not _create(leave, funder()).admissibility_proof_sent


def test_the_employer_fills_it_only_for_an_action_in_working_time():
    leave = LeaveRequestFactory(sent=True)
    with pytest.raises(ValidationError) as error:
        _create(leave, funder(), party=Party.EMPLOYER, in_working_time=False)
    assert _codes(error) == ["employer_outside_working_time"]
    assert not FundingRequest.objects.exists()
    assert _create(leave, funder(), party=Party.EMPLOYER, in_working_time=True).in_working_time


def test_a_replaced_congé_vae_takes_no_new_request():
    leave = LeaveRequestFactory(sent=True)
    leave.state = LeaveState.SUPERSEDED
    with pytest.raises(ValidationError) as error:
        _create(leave, funder())
    assert _codes(error) == ["leave_superseded"]


@pytest.mark.parametrize(
    ("day", "cpf", "category", "eligible"),
    [
        # R6422-9 in its 2017 wording: the salary during the leave, no training.
        (D(2019, 11, 3), False, "salary", True),
        (D(2019, 11, 3), False, "training", False),
        # From 2019-11-04: training, no salary.
        (D(2019, 11, 4), False, "salary", False),
        (D(2019, 11, 4), False, "training", True),
        # From 2020-04-01, through the CPF: no transport, meals or lodging; the same line outside the CPF is.
        (D(2020, 4, 1), True, "transport_meals_lodging", False),
        (D(2020, 4, 1), False, "transport_meals_lodging", True),
        (D(2020, 3, 31), True, "transport_meals_lodging", True),
    ],
)
def test_lines_of_a_congé_vae_follow_the_era_and_the_channel(day, cpf, category, eligible):
    payer = funder(FunderKind.CPF_MANAGER if cpf else FunderKind.OPCO)
    request = _create(LeaveRequestFactory(sent=True), payer, through_cpf=cpf)
    if eligible:
        assert line(request, category, "150.00", day).eligibility_decision["rule_id"] == "funding.eligible_expenses"
    else:
        with pytest.raises(ValidationError) as error:
            line(request, category, "150.00", day)
        assert _codes(error) == ["expense_not_eligible"]


# The page ------------------------------------------------------------------------------------------------------


def _form(funder_id, **extra):
    return {"funder": funder_id, "period_start": "2021-03-01", "period_end": "2021-06-30", **extra}


def test_the_employee_creates_one_from_the_page_and_finds_it_on_the_leave_page(client):
    leave = LeaveRequestFactory(sent=True)
    payer = funder()
    client.force_login(leave.employee)
    page = client.get(reverse("web:leave_detail", kwargs={"pk": leave.pk}))
    create_url = reverse("web:funding_leave_request_create", kwargs={"pk": leave.pk})
    assert create_url in page.content.decode()
    response = client.post(create_url, _form(payer.pk))
    created = FundingRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:funding_request_detail", kwargs={"pk": created.pk}
    )
    assert created.leave_request == leave and created.created_by == leave.employee
    listed = client.get(reverse("web:leave_detail", kwargs={"pk": leave.pk})).content.decode()
    assert f"Demande n° {created.pk}" in listed


def test_the_employer_page_refuses_outside_working_time_then_lets_it_add_lines(client):
    leave = LeaveRequestFactory(sent=True)
    hr = UserFactory(employer=True, organisation=leave.employer)
    payer = funder()
    client.force_login(hr)
    url = reverse("web:funding_leave_request_create", kwargs={"pk": leave.pk})
    refused = client.post(url, _form(payer.pk))
    assert refused.status_code == 422 and "R6422-12" in refused.content.decode()
    assert not FundingRequest.objects.exists()
    assert client.post(url, _form(payer.pk, in_working_time="on")).status_code == 302
    created = FundingRequest.objects.get()
    added = client.post(
        reverse("web:funding_line_add", kwargs={"pk": created.pk}),
        {"category": "training", "amount": "300,00", "incurred_on": "2021-03-02"},
    )
    assert added.status_code == 302 and created.lines.get().amount == Decimal("300.00")


def test_another_employer_and_another_employee_get_404(client):
    leave = LeaveRequestFactory(sent=True)
    url = reverse("web:funding_leave_request_create", kwargs={"pk": leave.pk})
    for stranger in (UserFactory(employer=True), UserFactory(candidate=True)):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, _form(funder().pk, in_working_time="on")).status_code == 404
    assert not FundingRequest.objects.exists()


def test_the_employer_does_not_see_a_draft_congé_vae_yet(client):
    leave = LeaveRequestFactory()
    client.force_login(UserFactory(employer=True, organisation=leave.employer))
    assert client.get(reverse("web:funding_leave_request_create", kwargs={"pk": leave.pk})).status_code == 404
    client.force_login(leave.employee)
    assert client.get(reverse("web:funding_leave_request_create", kwargs={"pk": leave.pk})).status_code == 200


# The API --------------------------------------------------------------------------------------------------------


def _api(leave_id: int) -> str:
    return f"/api/v1/funding/leave-requests/{leave_id}/requests"


def _body(funder_id, **extra):
    return {
        "funder_id": funder_id,
        "period_start": "2021-03-01",
        "period_end": "2021-06-30",
        "lines": [{"category": "training", "amount": "420.50", "incurred_on": "2021-03-01"}],
        **extra,
    }


def test_api_the_employee_creates_one_with_its_lines(client):
    leave = LeaveRequestFactory(sent=True)
    client.force_login(leave.employee)
    response = client.post(_api(leave.pk), _body(funder().pk), content_type="application/json")
    assert response.status_code == 201, response.content
    created = FundingRequest.objects.get(pk=response.json()["id"])
    assert created.leave_request == leave and created.requested_total == Decimal("420.50")


def test_api_the_employer_outside_working_time_is_refused_and_nothing_is_kept(client):
    leave = LeaveRequestFactory(sent=True)
    client.force_login(UserFactory(employer=True, organisation=leave.employer))
    refused = client.post(_api(leave.pk), _body(funder().pk), content_type="application/json")
    assert refused.status_code == 422 and refused.json()["code"] == "employer_outside_working_time"
    done = client.post(_api(leave.pk), _body(funder().pk, in_working_time=True), content_type="application/json")
    assert done.status_code == 201 and FundingRequest.objects.count() == 1


def test_api_an_ineligible_line_undoes_the_whole_request(client):
    leave = LeaveRequestFactory(sent=True)
    client.force_login(leave.employee)
    body = _body(funder(FunderKind.CPF_MANAGER).pk, through_cpf=True)
    body["lines"].append({"category": "transport_meals_lodging", "amount": "80.00", "incurred_on": "2021-03-01"})
    response = client.post(_api(leave.pk), body, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "expense_not_eligible"
    assert response.json()["sources"][0]["article"] == "R6422-9"
    assert not FundingRequest.objects.exists()


def test_api_another_organisations_congé_vae_is_404_and_an_employer_token_may_ask(client):
    leave = LeaveRequestFactory(sent=True)
    client.force_login(UserFactory(employer=True))
    assert client.post(_api(leave.pk), _body(funder().pk), content_type="application/json").status_code == 404
    assert client.post(_api(leave.pk + 1000), _body(funder().pk), content_type="application/json").status_code == 404
    token, raw = make_api_token(role="employer", organisation=leave.employer)
    response = client.post(
        _api(leave.pk),
        _body(funder().pk, in_working_time=True),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201, response.content
    assert FundingRequest.objects.get().employer == leave.employer


def test_api_the_route_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/funding/leave-requests/{leave_request_id}/requests"]


def test_a_request_dated_before_the_leave_period_is_refused():
    with pytest.raises(ValidationError) as error:
        _create(
            LeaveRequestFactory(sent=True),
            funder(),
            period_start=D(2021, 6, 1),
            period_end=D(2021, 6, 1) - dt.timedelta(1),
        )
    assert _codes(error) == ["period_out_of_order"]
