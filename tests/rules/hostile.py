"""Hostile facts of the 2026-12 legal audit (D2), shared by the CLI, API and rule-page tests.

Each is (rule id, facts JSON text): dates whose deadlines overflow year 9999 or fall before year 1, a
5,000-digit number, JSON nested 100,000 deep. Every input path must answer invalid facts, never crash.
"""

from __future__ import annotations

import pytest

HOSTILE_FACTS = [
    pytest.param("leave.postponement_latest_date", '{"request_received": "9999-12-31"}', id="months-past-9999"),
    pytest.param("admissibility.decision_due", '{"file_complete_on": "9999-11-15"}', id="decision-due-past-9999"),
    pytest.param(
        "data.retention_until",
        '{"pathway_ended_on": "9999-06-01", "litigation_pending": false}',
        id="retention-past-9999",
    ),
    pytest.param("jury.result_notification_due", '{"jury_date": "9999-12-25"}', id="days-past-9999"),
    pytest.param("leave.request_latest_send_date", '{"actions_start": "0001-01-05"}', id="days-before-year-1"),
    pytest.param(
        "leave.paid_hours_cap",
        '{"qualification_level": 3, "job_threatened": false, "collective_agreement_hours": ' + "9" * 5000 + "}",
        id="5000-digit-number",
    ),
    pytest.param("leave.paid_hours_cap", "[" * 100_000 + "]" * 100_000, id="nested-100000"),
]

# The governing dates the hostile cases are asked at, when the rule does not take it from its facts.
HOSTILE_AT = {
    "admissibility.decision_due": "2024-01-01",
    "jury.result_notification_due": "2024-01-01",
    "leave.request_latest_send_date": "2024-01-01",
    "leave.paid_hours_cap": "2024-04-13",
}
