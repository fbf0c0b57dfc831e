"""Two employers' answers at the same time: exactly one is recorded, the other is a conflict (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from acquis.leave import services
from acquis.leave.enums import AnswerKind
from acquis.leave.models import LeaveAnswer, LeaveRequest
from acquis.leave.services import answers
from tests.accounts.factories import UserFactory
from tests.concurrency import race
from tests.leave.factories import LeaveRequestFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(request: LeaveRequest, answers: list[dict]) -> list:
    """One answer per thread, released together."""
    return race(
        [lambda kwargs=kwargs: services.leave_request_answer(leave_request=request, **kwargs) for kwargs in answers]
    )


def _answers(request: LeaveRequest) -> list[dict]:
    hr = UserFactory(employer=True, organisation=request.employer)
    other_hr = UserFactory(employer=True, organisation=request.employer)
    return [
        {"actor": hr, "kind": AnswerKind.ACCEPT},
        {
            "actor": other_hr,
            "kind": AnswerKind.POSTPONE,
            "postponed_to": request.request_received,  # within every era's limit
            "reasons": "Inventaire",
        },
    ]


def test_two_concurrent_answers_one_wins_the_other_conflicts():
    assert connection.vendor == "postgresql"
    request = LeaveRequestFactory(sent=True)
    outcomes = _race(request, _answers(request))
    recorded = [o for o in outcomes if isinstance(o, LeaveAnswer)]
    conflicts = [o for o in outcomes if isinstance(o, services.LeaveConflict)]
    assert len(recorded) == 1 and len(conflicts) == 1, outcomes
    assert "une seule réponse" in conflicts[0].messages[0]
    assert LeaveAnswer.objects.filter(request=request).count() == 1
    assert LeaveAnswer.objects.get(request=request).kind == recorded[0].kind


def test_unique_answer_is_the_backstop_when_the_lock_is_skipped(monkeypatch):
    """Should a code path forget the row lock, the one-to-one key still lets only one answer through."""
    request = LeaveRequestFactory(sent=True)
    both_read = threading.Barrier(2)

    def unlocked(leave_request):
        row = LeaveRequest.objects.get(pk=leave_request.pk)
        both_read.wait(timeout=10)  # both transactions have seen "no answer yet"
        return row

    monkeypatch.setattr(answers, "locked", unlocked)  # the answering step's own reference to the lock
    outcomes = _race(request, _answers(request))
    assert sorted(type(o).__name__ for o in outcomes) == ["LeaveAnswer", "LeaveConflict"], outcomes
    conflict = next(o for o in outcomes if isinstance(o, services.LeaveConflict))
    assert isinstance(conflict.__context__, IntegrityError)  # stopped by the key, not by the early check
    assert LeaveAnswer.objects.filter(request=request).count() == 1


def test_answer_table_refuses_a_second_row():
    request = LeaveRequestFactory(answered_accept=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaveAnswer.objects.create(request=request, kind="accept", answered_on=request.request_received)
