"""Every route of /api/v1 against its own OpenAPI document, with generated inputs (schemathesis).

The API is called in process through its WSGI application, anonymously and with an employer token: whatever
hypothesis sends, the answer must not be a server error, must use a status code the route documents, and
must match the schema the route declares (including the RFC 9457 problems), and what the schema calls
invalid must be refused. One check is left out: `positive_data_acceptance` wants every schema-valid input
accepted, but the services refuse, on purpose and with a documented 409 or 422, inputs that a schema cannot
describe (an empty or non-PDF file, a postponement beyond the legal limit, a second answer).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.accounts.factories import make_api_token

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def employer_token(transactional_db):
    _token, raw = make_api_token()
    return raw


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db(transaction=True)
def test_anonymous_calls_keep_the_contract(case):
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_calls_with_a_token_keep_the_contract(case, employer_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {employer_token}"}, excluded_checks=[positive_data_acceptance]
    )
