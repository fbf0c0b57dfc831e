"""/api/v1/openapi.json is a valid OpenAPI 3.1 document that Swagger UI can parse: no response code is
written twice in one operation (Swagger UI's YAML parser stops at « duplicated mapping key »)."""

from __future__ import annotations

import json

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator


def _refuse_duplicates(pairs):
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise ValueError(f"clé(s) en double : {', '.join(duplicated)}")
    return dict(pairs)


@pytest.fixture
def document_text(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.content.decode()


def test_no_key_is_written_twice_in_the_json_text(document_text):
    json.loads(document_text, object_pairs_hook=_refuse_duplicates)


def test_every_response_code_is_a_string(document_text):
    document = json.loads(document_text)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert all(isinstance(code, str) for code in operation["responses"]), (path, method)


def test_the_document_validates_as_openapi_3_1(document_text):
    document = json.loads(document_text)
    assert document["openapi"].startswith("3.1")
    validate(document, cls=OpenAPIV31SpecValidator)


def test_generic_problems_do_not_hide_a_route_s_own_description(document_text):
    answer = json.loads(document_text)["paths"]["/api/v1/leave-requests/{leave_request_id}/answer"]["post"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(answer["responses"])


def test_a_route_listing_state_refusals_declares_the_409_they_answer(document_text):
    # The workflow tables (pathways, leave, funding) write each write route's refusals into its description
    # (refusals_text); the 409s listed there must be a response the operation declares, or a client generated
    # from the document (and schemathesis) would not expect them.
    document = json.loads(document_text)
    listed = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if "Refus : 409" in operation.get("description", ""):
                listed += 1
                assert "409" in operation["responses"], (method, path)
    assert listed >= 30  # the three tables' write routes
