"""Every route of /api/v1 with generated inputs (schemathesis), as every kind of caller: no answer is a server
error (security review, issue 11.6: « schemathesis with every role's token, no 5xx on at least 2,000 cases »).

The callers: anonymous; an API token of each role that may hold one (employer, accompanier, certifier, funder);
a browser session (with its CSRF token, as the interactive docs send it) of a candidate, an employee without a
role, an employer, an accompanier, a certifier, a funder, a CPC secretariat, the GIP and a statistician. The
accompanier, certifier and candidate are those of a candidacy with a full history, so that a generated id
sometimes names an object the caller may read.

tests/api/test_openapi_contract.py checks the full contract (documented codes, response schemas) for the
anonymous caller and an employer token; this module checks the answer that must hold for everyone: never 5xx.
One test per caller walks every operation (not one test per operation and caller: 43 × 14 database flushes
would cost more than the calls), with hypothesis derandomised so that a run is reproducible.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.wsgi import get_wsgi_application
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from acquis.accounts.enums import Role
from tests.accounts.factories import UserFactory, make_api_token
from tests.pathways.factories import CandidacyFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in schema.get_all_operations()]
# Examples per operation and caller (hypothesis adds its explicit examples): a derandomised run sends 251 cases per
# caller, 3,514 for the 14 callers. The floor is what the run must at least have sent: 14 × 150 = 2,100, above the
# 2,000 generated cases issue 11.6 asks for, so that a schema change that silently drops operations fails here.
EXAMPLES = 4
MIN_CASES_PER_CALLER = 150
SESSION_ROLES = (
    "candidate",
    "employee",
    Role.EMPLOYER,
    Role.ACCOMPANIER,
    Role.CERTIFIER,
    Role.FUNDER,
    Role.CPC_SECRETARIAT,
    Role.GIP_STAFF,
    Role.STATISTICIAN,
)
TOKEN_ROLES = (Role.EMPLOYER, Role.ACCOMPANIER, Role.CERTIFIER, Role.FUNDER)
CALLERS = ["anonymous", *(f"token:{role}" for role in TOKEN_ROLES), *(f"session:{role}" for role in SESSION_ROLES)]
GENERATED_CASES_FLOOR = 2_000  # issue 11.6
assert len(CALLERS) * MIN_CASES_PER_CALLER >= GENERATED_CASES_FLOOR


def _session_headers(user) -> dict[str, str]:
    """The cookies a browser holds after login, and the CSRF header the interactive docs add to writes."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = _get_new_csrf_string()
    return {"Cookie": f"sessionid={session.session_key}; csrftoken={csrf}", "X-CSRFToken": csrf}


def _caller_headers(caller: str) -> dict[str, str]:
    candidacy = CandidacyFactory(
        result_partial=True, accompanied=True, started_on=timezone.localdate() - dt.timedelta(days=130)
    )
    organisations = {Role.ACCOMPANIER: candidacy.accompanier, Role.CERTIFIER: candidacy.certifier}
    kind, _, role = caller.partition(":")
    if kind == "anonymous":
        return {}
    if kind == "token":
        _token, raw = make_api_token(role=role, organisation=organisations.get(role))
        return {"Authorization": f"Bearer {raw}"}
    if role == "candidate":
        return _session_headers(candidacy.candidate)
    if role == "employee":
        return _session_headers(UserFactory())
    return _session_headers(UserFactory(role=role, organisation=organisations.get(role)))


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.django_db(transaction=True)
def test_no_generated_call_is_a_server_error(caller):
    headers = _caller_headers(caller)
    sent = []
    for operation in OPERATIONS:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            sent.append(case.operation.label)
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        call()
    assert len(sent) >= MIN_CASES_PER_CALLER
