"""The congé's workflow table (acquis/leave/transitions.py): complete against the services' refusals, one class
per code, checked by the services before they write, logged as LeaveRequestTransition rows beside the
AuditEvents, answered 409/422 by the API, and the source of the actions the request's page offers."""

from __future__ import annotations

import datetime as dt
import inspect
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from acquis.api.api import api
from acquis.audit.models import AuditEvent
from acquis.documents import uploads
from acquis.leave import services, transitions
from acquis.leave.enums import ActionNature, AnswerKind, AttachmentKind, ReceiptMethod, RequestState
from acquis.leave.models import LeaveAction, LeaveRequest, LeaveRequestTransition
from acquis.leave.transitions import CONFLICTS, TRANSITIONS
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token
from tests.leave.factories import LeaveRequestFactory, pdf

BASE = "/api/v1/leave-requests"
# ``code="…"`` in a ValidationError, or the code argument of answers._refused(field, message, code).
CODE = re.compile(r'code="([a-z_0-9]+)"|_refused\(.*,\s*"([a-z_0-9]+)"\)')

# The 409 codes: the request's state forbids the action. Written out so that a change of class is seen.
STATE_CODES = {
    "request_not_draft",
    "request_is_draft",
    "already_superseded",
    "not_sent",
    "not_sent_through_acquis",
    "already_acknowledged",
    "not_awaiting_answer",
    "already_answered",
}


def _written(name: str) -> set[str]:
    return {a or b for a, b in CODE.findall(inspect.getsource(getattr(services, name)))} - {""}


def _today() -> dt.date:
    return timezone.localdate()


def test_the_409_codes_are_the_states_ones():
    assert CONFLICTS == STATE_CODES


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_each_row_names_a_service_that_checks_it_before_writing(name):
    row = TRANSITIONS[name]
    service = row.service()
    assert service.__name__ == name and getattr(services, name) is service
    source = inspect.getsource(service)
    assert f'transition_check("{name}", leave_request)' in source
    assert bool(re.search(rf'transition_record\(\s*"{name}"', source)) == row.logged


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_the_row_and_its_service_list_the_same_refusals(name):
    row = TRANSITIONS[name]
    written = _written(name)
    # What the service writes is in its row…
    assert written <= row.state_codes | row.input_codes, written - (row.state_codes | row.input_codes)
    # …and what the row lists, the service raises: by transition_check (the wrong states), by its own code, or
    # by the upload check of the file it stores.
    by_check = {row.wrong_state.code, *(refusal.code for refusal in row.refusals.values())}
    by_upload = set(transitions.UPLOAD) if "_attachment_store(" in inspect.getsource(row.service()) else set()
    assert by_upload <= set(_written_in(uploads))
    missing = (row.state_codes | row.input_codes) - by_check - by_upload - written
    assert missing == set(), missing


def _written_in(module) -> list[str]:
    return [a or b for a, b in CODE.findall(inspect.getsource(module))]


def test_the_openapi_descriptions_list_each_write_routes_refusals_from_the_table():
    schema = api.get_openapi_schema()
    operations = {
        op["operationId"]: op.get("description", "")
        for path, ops in schema["paths"].items()
        if path.startswith(BASE)
        for op in ops.values()
    }
    for operation, name in (
        ("acquis_api_leave_leave_request_answer", "leave_request_answer"),
        ("acquis_api_leave_attendance_proof_request_create", "leave_attendance_proof_request"),
        ("acquis_api_leave_attendance_proof_upload", "leave_attendance_proof_upload"),
    ):
        assert operations[operation].endswith(transitions.refusals_text(name)), operation


# --- the services refuse a state their row does not allow, before any write ---------------------------------


def _call(name: str, leave_request: LeaveRequest):
    """Call the service with arguments it would accept on a request in a state its row allows."""
    employee, employer = leave_request.employee, leave_request.employer
    hr = UserFactory(employer=True, organisation=employer)
    start = _today() + dt.timedelta(days=40)
    kwargs = {
        "leave_request_update": {"actor": employee, "certifier_name": "Autre certificateur"},
        "leave_request_pathway_link": {"actor": employee, "candidacy": None},
        "leave_action_add": {
            "actor": employee,
            "start": start,
            "end": start,
            "nature": ActionNature.PREPARATION,
            "hours": 7,
        },
        "leave_attachment_add": {"actor": employee, "kind": AttachmentKind.QUALIFICATION_PROOF, "file": pdf()},
        "leave_request_send": {"actor": employee, "receipt_method": ReceiptMethod.PLATFORM},
        "leave_request_acknowledge": {"actor": hr},
        "leave_request_answer": {"actor": hr, "kind": AnswerKind.ACCEPT},
        "leave_request_supersede": {"actor": employee},
        "leave_attendance_proof_request": {"actor": hr, "organisation": employer},
        "leave_attendance_proof_upload": {"actor": employee, "file": pdf()},
    }
    if name == "leave_action_remove":
        return services.leave_action_remove(action=leave_request.actions.first(), actor=employee)
    return getattr(services, name)(leave_request=leave_request, **kwargs[name])


def _in_state(state: str) -> LeaveRequest:
    if state == RequestState.DRAFT:
        return LeaveRequestFactory()
    if state == RequestState.SENT:
        return LeaveRequestFactory(sent=True)
    if state == RequestState.ANSWERED:
        return LeaveRequestFactory(answered_accept=True)
    old = LeaveRequestFactory(sent=True)
    services.leave_request_supersede(leave_request=old, actor=old.employee)
    old.refresh_from_db()
    return old


WRONG = [
    (name, state) for name, row in sorted(TRANSITIONS.items()) for state in RequestState if state not in row.states
]


def _counts() -> tuple[int, ...]:
    leave_events = AuditEvent.objects.filter(object_type="leave.leaverequest")
    return (leave_events.count(), LeaveRequestTransition.objects.count(), LeaveAction.objects.count())


@pytest.mark.parametrize(("name", "state"), WRONG)
def test_a_service_refuses_a_state_its_row_does_not_allow_and_writes_nothing(name, state):
    leave_request = _in_state(state)
    row = TRANSITIONS[name]
    expected = row.refusals.get(state, row.wrong_state)
    counts = _counts()
    with pytest.raises(ValidationError) as refused:
        _call(name, leave_request)
    assert [error.code for error in refused.value.error_list] == [expected.code]
    assert refused.value.messages == [expected.message]
    assert isinstance(refused.value, services.LeaveConflict) == expected.race
    assert _counts() == counts


# --- the transition log ---------------------------------------------------------------------------------------


def test_the_log_follows_the_request_beside_the_audit_events(client):
    company = OrganisationFactory()
    hr = UserFactory(employer=True, organisation=company, email="rh.lilas@exemple.fr")
    draft = LeaveRequestFactory(employer=company)
    sent = services.leave_request_send(leave_request=draft, actor=draft.employee, receipt_method="platform")
    services.leave_request_acknowledge(leave_request=sent, actor=hr)
    services.leave_request_answer(
        leave_request=sent,
        actor=hr,
        kind=AnswerKind.POSTPONE,
        postponed_to=_today() + dt.timedelta(days=20),
        reasons="Inventaire annuel",
    )
    copy = services.leave_request_supersede(leave_request=sent, actor=sent.employee)

    log = list(sent.transitions.order_by("id"))
    assert [(row.action, row.from_state, row.to_state) for row in log] == [
        ("leave_request_send", RequestState.DRAFT, RequestState.SENT),
        ("leave_request_acknowledge", RequestState.SENT, RequestState.SENT),
        ("leave_request_answer", RequestState.SENT, RequestState.ANSWERED),
        ("leave_request_supersede", RequestState.ANSWERED, RequestState.SUPERSEDED),
    ]
    assert [row.actor for row in log] == [sent.employee, hr, hr, sent.employee]
    # Pseudonymous, as in the audit log: never an e-mail.
    assert [row.actor_label for row in log] == [f"compte n° {row.actor.pk}" for row in log]
    assert not any("@" in row.actor_label for row in log)
    assert all(row.on == _today() for row in log)
    # The Decisions kept: the latest sending date, the postponement's limit; none for the others.
    assert [(row.decision or {}).get("rule_id") for row in log] == [
        "leave.request_latest_send_date",
        None,
        "leave.postponement_latest_date",
        None,
    ]
    events = AuditEvent.objects.filter(object_type="leave.leaverequest", object_id=str(sent.pk))
    assert events.count() >= len(log)
    assert not copy.transitions.exists()  # a new draft: nothing has happened to it yet


def test_an_answer_through_a_token_logs_the_channel_not_the_token(client):
    company = OrganisationFactory()
    pending = LeaveRequestFactory(employer=company, sent=True)
    _token, raw = make_api_token(organisation=company)
    response = client.post(
        f"{BASE}/{pending.pk}/answer",
        {"kind": "accept"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 200, response.content
    row = pending.transitions.get(action="leave_request_answer")
    assert (row.actor, row.actor_label, row.decision) == (None, "api", None)


# --- the API: 409 for the table's state codes, 422 for the others --------------------------------------------


@pytest.mark.parametrize("code", sorted(CONFLICTS) + ["reasons_required"])
def test_the_api_answers_409_for_a_state_code_and_422_for_an_input_one(client, monkeypatch, code):
    company = OrganisationFactory()
    pending = LeaveRequestFactory(employer=company, sent=True)
    client.force_login(UserFactory(employer=True, organisation=company))

    def refuse(**kwargs):
        raise ValidationError("Refusé.", code=code)

    monkeypatch.setattr(services, "leave_request_answer", refuse)
    response = client.post(f"{BASE}/{pending.pk}/answer", {"kind": "accept"}, content_type="application/json")
    assert response.status_code == (409 if code in CONFLICTS else 422), response.content
    assert response.json()["code"] == code


def test_a_real_second_answer_is_a_409_from_the_table(client):
    company = OrganisationFactory()
    answered = LeaveRequestFactory(employer=company, answered_accept=True)
    gip = UserFactory(gip_staff=True)
    with pytest.raises(services.LeaveConflict) as refused:
        services.leave_request_answer(leave_request=answered, actor=gip, kind=AnswerKind.ACCEPT)
    assert refused.value.code == "already_answered" and "already_answered" in CONFLICTS


# --- the page offers the actions the table allows -------------------------------------------------------------


def _offers(client, user, leave_request) -> frozenset[str]:
    leave_request = LeaveRequest.objects.get(pk=leave_request.pk)
    client.force_login(user)
    response = client.get(reverse("web:leave_detail", kwargs={"pk": leave_request.pk}))
    assert response.status_code == 200
    situation = transitions.Situation(leave_request, _today(), leave_request.attendance_proof_requests.exists())
    offers = response.context["offers"]
    assert offers == {name for name in TRANSITIONS if transitions.available(name, user, situation)}
    return offers


def test_the_employees_draft_offers_the_editing_actions_only(client):
    draft = LeaveRequestFactory()
    assert _offers(client, draft.employee, draft) == {
        "leave_request_update",
        "leave_request_pathway_link",
        "leave_action_add",
        "leave_action_remove",
        "leave_attachment_add",
        "leave_request_send",
    }


def test_a_platform_request_offers_the_employer_its_answer_and_the_employee_a_replacement(client):
    company = OrganisationFactory()
    hr = UserFactory(employer=True, organisation=company)
    draft = LeaveRequestFactory(employer=company)
    sent = services.leave_request_send(leave_request=draft, actor=draft.employee, receipt_method="platform")
    assert _offers(client, hr, sent) == {
        "leave_request_acknowledge",
        "leave_request_answer",
        "leave_attendance_proof_request",
    }
    html = client.get(reverse("web:leave_detail", kwargs={"pk": sent.pk})).content.decode()
    assert "Confirmer la réception" in html and "Enregistrer la réponse" in html
    assert _offers(client, sent.employee, sent) == {"leave_request_supersede"}
    # Once the proof of attendance is asked for, the employee may upload it; once acknowledged, no second time.
    services.leave_attendance_proof_request(leave_request=sent, actor=hr, organisation=company)
    services.leave_request_acknowledge(leave_request=sent, actor=hr)
    assert _offers(client, sent.employee, sent) == {"leave_request_supersede", "leave_attendance_proof_upload"}
    assert "leave_request_acknowledge" not in _offers(client, hr, sent)
