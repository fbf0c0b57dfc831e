"""The load scenario of ``make bench`` (bench/load_mixed.py), reduced to 5 users for 5 s against the test's live
server on PostgreSQL: every role logs in through the form, finds its objects and browses without an error.
The latency goal is measured by ``make bench`` on granian, not here (Django's test server)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from bench.load_mixed import run


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_five_users_of_every_kind_browse_for_five_seconds_without_error(live_server):
    call_command("reference_load", verbosity=0)
    call_command("demo_load", verbosity=0)
    report = run(live_server.url, users=5, duration=5, think=0.2)
    assert report["users_by_role"] == {"candidate": 1, "employee": 1, "employer": 1, "certifier": 1, "funder": 1}
    overall = report["overall"]
    assert overall["requests"] >= 10 and overall["errors"] == 0, overall
    # Every role logged in and reached its pages, including the object pages found on its lists.
    assert set(report["by_role"]) == {"candidate", "employee", "employer", "certifier", "funder"}
    assert "pathway_detail" in report["by_route"] and "leave_detail_employer" in report["by_route"]
