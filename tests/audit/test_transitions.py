"""The workflow tables' shared kernel (acquis/audit/transitions.py): one log shape, one way to name the actor,
one wording of a route's refusals."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from acquis.audit.transitions import TransitionEntry, entry_fields, refusals_sentence
from tests.accounts.factories import UserFactory


def test_every_transition_log_is_the_shared_entry():
    # A domain's log adds its object and states; the action, actor, day and Decision are the kernel's columns.
    logs = {model._meta.label for model in apps.get_models() if model.__name__.endswith("Transition")}
    assert logs == {"pathways.CandidacyTransition", "leave.LeaveRequestTransition", "funding.FundingRequestTransition"}
    for label in logs:
        assert issubclass(apps.get_model(label), TransitionEntry), label


@pytest.mark.django_db
def test_a_person_is_named_by_account_number_never_by_email():
    user = UserFactory(email="marie.durand@example.org")
    fields = entry_fields("leave_request_send", actor=user, on=dt.date(2026, 3, 2), decision=None)
    assert fields["actor"] == user
    assert fields["actor_label"] == f"compte n° {user.pk}"
    assert "@" not in fields["actor_label"]
    assert fields["on"] == dt.date(2026, 3, 2)


def test_a_token_or_a_command_leaves_no_account_and_says_its_channel():
    fields = entry_fields("jury_schedule", actor=None, on=None, decision={"value": "x"})
    assert fields["actor"] is None
    assert fields["actor_label"]  # the audit context's channel (cli under tests)
    assert fields["on"] is not None and fields["decision"] == {"value": "x"}


def test_refusals_are_listed_409_then_422_sorted_and_an_empty_class_is_left_out():
    assert refusals_sentence({"b", "a"}, {"c"}) == "Refus : 409 `a`, `b` ; 422 `c`."
    assert refusals_sentence((), {"c"}) == "Refus : 422 `c`."
    assert refusals_sentence((), ()) == ""


TABLES = ["acquis.pathways.transitions", "acquis.leave.transitions", "acquis.funding.transitions"]


@pytest.mark.parametrize("module", TABLES)
def test_each_table_classes_a_code_once_and_answers_409_for_exactly_its_state_codes(module):
    table = importlib.import_module(module)
    state = set().union(*(row.state_codes for row in table.TRANSITIONS.values()))
    given = set().union(*(row.input_codes for row in table.TRANSITIONS.values()))
    assert state & given == set()  # a code is the object's state (409) or the caller's input (422), never both
    assert state == table.CONFLICTS


@pytest.mark.parametrize("module", TABLES)
def test_each_row_is_named_after_its_service(module):
    table = importlib.import_module(module)
    for name, row in table.TRANSITIONS.items():
        assert row.name == name
        assert row.service().__name__ == name
