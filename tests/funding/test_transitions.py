"""The funding request's workflow table (acquis/funding/transitions.py): complete against the services'
refusals, one class per code (the API's 409/422 split unchanged), checked by the services before they write,
offered by the request's page, and logged as FundingRequestTransition rows beside the AuditEvents."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from acquis.accounts.enums import Role
from acquis.api.api import api
from acquis.api.funding.common import refusal
from acquis.audit.models import AuditEvent
from acquis.documents.uploads import attachment_check
from acquis.funding import services, transitions
from acquis.funding.enums import Party, RequestState
from acquis.funding.models import CostLine, FundingRequest, FundingRequestTransition, PaymentRequest
from acquis.funding.services import common as service_common
from acquis.funding.services import requests as request_services
from acquis.funding.transitions import CONFLICTS, TRANSITIONS
from tests.accounts.factories import UserFactory
from tests.funding.factories import DAY_2021, funder, line, request_for
from tests.web import funding_matrix as matrix

# The 409 codes the API answered before the table existed (api/funding/common.py, hand-listed): the table must
# class them the same way, so that no answer changes.
PREVIOUS_CONFLICTS = {
    "request_not_draft",
    "request_not_submitted",
    "request_not_decided",
    "request_not_granted",
    "already_committed",
    "envelope_exhausted",
    "already_signed",
    "already_paid",
    "not_committed",
    "above_committed",
    "part_already_filled",
    "no_agreement",
}
# The helpers a service may call that refuse on its behalf (their codes count as the service's).
HELPERS = (request_services._check_scale, service_common.day_or_today, attachment_check)


def _tree(function) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(function)))


def _sources(name: str) -> list[ast.AST]:
    service = TRANSITIONS[name].service()
    source = inspect.getsource(service)
    return [_tree(service)] + [_tree(helper) for helper in HELPERS if f"{helper.__name__}(" in source]


def _written(trees: list[ast.AST]) -> set[str]:
    """The codes written in refuse(field, message, code) and ValidationError(..., code=...)."""
    codes = set()
    for node in (node for tree in trees for node in ast.walk(tree)):
        if not isinstance(node, ast.Call):
            continue
        callee = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if callee == "refuse" and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
            codes.add(node.args[2].value)
        for keyword in node.keywords:
            if callee == "ValidationError" and keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                codes.add(keyword.value.value)
    return codes


def _literals(trees: list[ast.AST]) -> set[str]:
    return {
        node.value
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_409_codes_are_those_the_api_answered_before():
    assert CONFLICTS == PREVIOUS_CONFLICTS


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_each_row_names_a_service_that_checks_it_before_writing(name):
    row = TRANSITIONS[name]
    assert getattr(services, name) is row.service()
    source = inspect.getsource(row.service())
    assert f'transition_check("{name}", ' in source
    logs = re.search(rf'transition_record\(\s*"{name}"', source) is not None
    assert logs == row.logged, "a row is logged exactly when its service appends to the log"


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_every_refusal_a_service_writes_is_in_its_row(name):
    row = TRANSITIONS[name]
    written = _written(_sources(name))
    assert written <= row.state_codes | row.input_codes, written - (row.state_codes | row.input_codes)


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_every_code_a_row_lists_is_raised_by_its_service(name):
    row = TRANSITIONS[name]
    # The wrong state's refusal comes from transition_check, the target's from its resolver (the API's route).
    raised = _literals(_sources(name)) | {row.wrong_state[0]} | set(transitions.TARGETS[row.target][1])
    listed = row.state_codes | row.input_codes
    assert listed <= raised, listed - raised


@pytest.mark.parametrize("code", sorted(CONFLICTS | set().union(*(r.input_codes for r in TRANSITIONS.values()))))
def test_the_api_answers_each_code_by_its_class(code):
    answer = refusal(RequestFactory().post("/api/v1/funding/x"), ValidationError("Refus.", code=code))
    assert answer.status_code == (409 if code in CONFLICTS else 422)


def test_the_openapi_descriptions_list_each_routes_refusals_from_the_table():
    schema = api.get_openapi_schema()
    descriptions = " ".join(
        operation.get("description", "") for path in schema["paths"].values() for operation in path.values()
    )
    # Lines, parts and attachments have no route of their own (lines come with the creation routes).
    routed = set(TRANSITIONS) - {"funding_line_add", "funding_part_fill", "funding_attachment_add"}
    for name in routed:
        assert transitions.refusals_text(name).strip() in descriptions, name


# --- behaviour: through the API, the services, the page ------------------------------------------------------


def _people():
    candidate = UserFactory(role=Role.CANDIDATE)
    accompanier = UserFactory(role=Role.ACCOMPANIER)
    staff = UserFactory(role=Role.FUNDER)
    return candidate, accompanier, staff


def _world(state, people):
    candidate, accompanier, staff = people
    org = staff.memberships.get().organisation
    return matrix.funding_world(candidate, accompanier.memberships.get().organisation, org, state)


@pytest.mark.parametrize(
    ("state", "who", "path", "body", "code"),
    [
        # A submission of a submitted request is a 403 (only a draft is editable): signing without an agreement.
        ("submitted", 0, "requests/{request_id}/agreement/signatures", lambda ids: {}, "no_agreement"),
        ("decided", 2, "requests/{request_id}/decision", lambda ids: {"lines": []}, "request_not_submitted"),
        (
            "submitted",
            1,
            "requests/{request_id}/payment-requests",
            lambda ids: {"amount": "5.00", "basis": "end_of_support"},
            "request_not_decided",
        ),
        (
            "decided",
            2,
            "envelopes/{envelope_id}/commitments",
            lambda ids: {"request_id": ids["request_id"]},
            "already_committed",
        ),
    ],
)
def test_a_state_refusal_answers_409_with_nothing_saved(client, state, who, path, body, code):
    people = _people()
    ids = _world(state, people)
    client.force_login(people[who])
    counts = (FundingRequestTransition.objects.count(), PaymentRequest.objects.count(), AuditEvent.objects.count())
    response = client.post("/api/v1/funding/" + path.format(**ids), body(ids), content_type="application/json")
    assert response.status_code == 409, response.content
    assert code in response.content.decode()
    assert counts == (
        FundingRequestTransition.objects.count(),
        PaymentRequest.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_second_payment_answers_409_already_paid(client):
    people = _people()
    ids = _world("decided", people)
    client.force_login(people[2])
    url = f"/api/v1/funding/payment-requests/{ids['payment_id']}/payment"
    assert client.post(url).status_code == 200
    again = client.post(url)
    assert again.status_code == 409 and "already_paid" in again.content.decode()


@pytest.mark.parametrize(
    ("name", "state", "code"),
    [
        ("funding_line_add", "submitted", "request_not_draft"),
        ("funding_request_decide", "draft", "request_not_submitted"),
        ("payment_request_create", "submitted", "request_not_decided"),
    ],
)
def test_a_service_refuses_a_state_its_row_does_not_allow_and_writes_nothing(name, state, code):
    payer = funder()
    request = request_for(payer)
    added = line(request, "support", "600.00", DAY_2021)
    if state == "submitted":
        services.funding_request_submit(actor=None, request=request, submitted_on=DAY_2021)
    request = FundingRequest.objects.get(pk=request.pk)
    counts = (CostLine.objects.count(), PaymentRequest.objects.count(), AuditEvent.objects.count())
    log = FundingRequestTransition.objects.count()
    calls = {
        "funding_line_add": lambda: line(request, "support", "10.00", DAY_2021),
        "funding_request_decide": lambda: services.funding_request_decide(
            actor=None, request=request, granted={added.pk: added.amount}
        ),
        "payment_request_create": lambda: services.payment_request_create(
            actor=None, request=request, organisation=request.organisation, amount=Decimal("5"), basis="end_of_support"
        ),
    }
    with pytest.raises(ValidationError) as refused:
        calls[name]()
    error = refused.value
    codes = [e.code for errors in error.error_dict.values() for e in errors] if hasattr(error, "error_dict") else []
    assert codes == [code]
    assert error.message_dict["request"] == [transitions.TRANSITIONS[name].wrong_state[1]]
    assert counts == (CostLine.objects.count(), PaymentRequest.objects.count(), AuditEvent.objects.count())
    assert FundingRequestTransition.objects.count() == log
    assert FundingRequest.objects.get(pk=request.pk).state == request.state


def test_a_refused_request_is_not_committed():
    payer = funder()
    request = request_for(payer)
    added = line(request, "support", "600.00", DAY_2021)
    services.funding_request_submit(actor=None, request=request, submitted_on=DAY_2021)
    services.funding_request_decide(
        actor=None, request=request, granted={}, refused={added.pk: "outside_priorities"}, comment="Hors priorités."
    )
    envelope = services.envelope_create(
        actor=None, funder=payer, name="E", amount=Decimal("1000"), starts_on=DAY_2021, ends_on=DAY_2021
    )
    with pytest.raises(ValidationError) as refused:
        services.envelope_commit(actor=None, envelope=envelope, request=request)
    assert refused.value.message_dict == {"request": ["Seule une prise en charge accordée s'engage."]}
    assert not request.transitions.filter(action="envelope_commit").exists()


def test_the_log_follows_the_request_with_pseudonymous_actors():
    candidate, accompanier, staff = _people()
    ids = _world("draft", (candidate, accompanier, staff))
    request = FundingRequest.objects.get(pk=ids["request_id"])
    services.funding_request_submit(actor=candidate, request=request, submitted_on=DAY_2021)
    request = FundingRequest.objects.get(pk=request.pk)
    services.funding_request_decide(
        actor=staff, request=request, granted={}, refused={ids["line_id"]: "outside_priorities"}
    )
    log = list(request.transitions.order_by("id"))
    assert [(row.action, row.from_state, row.to_state) for row in log] == [
        ("funding_request_submit", RequestState.DRAFT, RequestState.SUBMITTED),
        ("funding_request_decide", RequestState.SUBMITTED, RequestState.DECIDED),
    ]
    assert [row.actor for row in log] == [candidate, staff]
    assert [row.actor_label for row in log] == [f"compte n° {candidate.pk}", f"compte n° {staff.pk}"]
    assert all("@" not in row.actor_label for row in log)
    assert not any(person.email in str(row.decision) for row in log for person in (candidate, staff))
    # The refusal of the line rests on funding.refusal_grounds: the decision keeps it; the submission none.
    assert log[0].on == DAY_2021 and log[0].decision is None
    assert log[1].decision["rule_id"] == "funding.refusal_grounds"
    # Each row sits beside its audit event.
    events = AuditEvent.objects.filter(object_type="funding.fundingrequest", object_id=str(request.pk))
    assert {"funding_request_submitted", "funding_request_decided"} <= set(events.values_list("action", flat=True))


def test_commitment_payment_and_the_completed_agreement_are_logged():
    candidate, accompanier, staff = _people()
    ids = _world("decided", (candidate, accompanier, staff))
    request = FundingRequest.objects.get(pk=ids["request_id"])
    services.payment_pay(actor=staff, payment=PaymentRequest.objects.get(pk=ids["payment_id"]))
    agreement = request.agreement
    funder_org = staff.memberships.get().organisation
    accompanier_org = accompanier.memberships.get().organisation
    services.agreement_sign(actor=candidate, agreement=agreement, party=Party.WORKER)
    services.agreement_sign(actor=staff, agreement=agreement, party=Party.FUNDER, organisation=funder_org)
    assert not request.transitions.filter(action="agreement_sign").exists()  # not complete yet
    services.agreement_sign(
        actor=accompanier, agreement=agreement, party=Party.ORGANISATION, organisation=accompanier_org
    )
    log = list(request.transitions.order_by("id"))
    assert [row.action for row in log] == [
        "funding_request_submit",
        "funding_request_decide",
        "envelope_commit",
        "payment_pay",
        "agreement_sign",
    ]
    assert all(row.from_state == row.to_state == RequestState.DECIDED for row in log[2:])
    # The services called without a person (the fixtures) are labelled by their channel.
    assert log[2].actor is None and log[2].actor_label == "system"
    assert log[4].actor == accompanier and log[4].decision["rule_id"] == "funding.agreement"


# The page's sign of each action the table may offer.
MARKERS = {
    "add_line": "Ajouter la ligne",
    "submit": "Déposer la demande",
    "decide": "/decision/",
    "sign": "Signer la convention",
    "bill": "Demander le paiement",
    "pay": "Marquer comme payé",
}


@pytest.mark.parametrize(
    ("state", "who", "offered"),
    [
        ("draft", 0, {"add_line", "submit"}),
        ("draft", 3, set()),  # the GIP reads every request and acts on none
        ("submitted", 2, {"decide"}),
        ("decided", 2, {"sign", "pay"}),
        ("decided", 1, {"sign", "bill"}),
    ],
)
def test_the_page_offers_exactly_the_available_actions(client, state, who, offered):
    people = _people()
    ids = _world(state, people)
    reader = [*people, UserFactory(role=Role.GIP_STAFF)][who]
    request = FundingRequest.objects.get(pk=ids["request_id"])
    client.force_login(reader)
    page = client.get(f"/financements/demandes/{request.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    shown = {key for key, marker in MARKERS.items() if marker in html}
    assert shown == offered
    assert offered == {key for key in MARKERS if page.context[f"can_{key}"]}
