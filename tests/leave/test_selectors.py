"""The legal status and deadlines, computed at read time by the leave.* rules, in each era."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from acquis.leave import selectors
from acquis.leave.enums import RequestState
from acquis.leave.models import LeaveRequest
from acquis.leave.services import leave_request_supersede
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import LeaveRequestFactory


@pytest.mark.parametrize(
    ("era", "due", "on_after_due", "silent_status", "version"),
    [
        # Before 2019-11-04: 30 days, silence has no meaning.
        ("era_2014", dt.date(2018, 2, 9), dt.date(2018, 2, 10), "no_answer", "2014-11-15"),
        # 2019-11-04 → 2023-12-28: 30 calendar days, silence is consent.
        ("era_2019", dt.date(2021, 3, 31), dt.date(2021, 4, 1), "deemed_accepted", "2019-11-04"),
        # From 2023-12-29: 15 calendar days, silence is consent.
        ("era_2023", dt.date(2024, 3, 16), dt.date(2024, 3, 17), "deemed_accepted", "2023-12-29"),
    ],
)
def test_status_of_a_silent_request_in_each_era(era, due, on_after_due, silent_status, version):
    request = LeaveRequestFactory(**{era: True}, sent=True)
    assert selectors.leave_answer_due(request).value == due.isoformat()
    assert selectors.leave_request_status(request, on=due).value == "pending"
    decision = selectors.leave_request_status(request, on=on_after_due)
    assert decision.value == silent_status and decision.rule_version == version
    assert all(source.article == "R6422-4" for source in decision.sources)


@pytest.mark.parametrize(
    ("traits", "status"),
    [({"answered_accept": True}, "accepted"), ({"postponed": True}, "postponed")],
)
@pytest.mark.parametrize("era", ["era_2014", "era_2019", "era_2023"])
def test_status_after_an_answer(era, traits, status):
    request = LeaveRequestFactory(**{era: True}, **traits)
    assert request.state == RequestState.ANSWERED
    assert selectors.leave_request_status(request).value == status


def test_a_late_answer_does_not_undo_deemed_consent():
    request = LeaveRequestFactory(era_2023=True, answered_accept=True, answer_delay=20)
    assert selectors.leave_request_status(request, on=dt.date(2024, 4, 1)).value == "deemed_accepted"


def test_draft_has_no_status_and_today_is_the_default():
    assert selectors.leave_request_status(LeaveRequestFactory()) is None
    request = LeaveRequestFactory(sent=True)
    assert selectors.leave_request_status(request).inputs_used["on"] == timezone.localdate().isoformat()
    assert selectors.leave_postponement_limit(request).rule_id == "leave.postponement_latest_date"


@pytest.mark.parametrize(
    ("era", "hours", "version"),
    [
        ("era_2014", 24, "2017-10-01"),
        ("era_2019", 24, "2019-11-04"),
        # Pathway begun before 2024-04-13: D6422-8 says 24 hours, but the request (2024-03-01) falls under
        # L6422-2's 48 hours per evaluation session (loi > décret, audit D3): the loi prevails.
        ("era_2023", 48, "2019-11-04"),
        ("era_2024", 48, "2024-04-13"),
    ],
)
def test_paid_hours_follow_the_day_the_pathway_began(era, hours, version):
    decision = selectors.paid_hours(LeaveRequestFactory(**{era: True}))
    assert decision.value == hours and decision.rule_version == version


def test_paid_hours_before_2019_need_funding():
    assert selectors.paid_hours(LeaveRequestFactory(era_2014=True, funding_obtained=False)).value == 0


def test_paid_hours_of_a_draft_follow_the_decree_and_ask_for_the_request_date():
    decision = selectors.paid_hours(LeaveRequestFactory(pathway_started_on=dt.date(2021, 6, 1)))
    assert decision.value == 24 and decision.missing_inputs == ("leave_requested_on",)
    # Begun from 2022-12-23, any request is under the loi's 48 hours: known without the request date.
    assert selectors.paid_hours(LeaveRequestFactory(pathway_started_on=dt.date(2023, 6, 1))).value == 48


def test_paid_hours_cite_both_norms_when_the_loi_prevails():
    decision = selectors.paid_hours(LeaveRequestFactory(era_2023=True, sent=True))
    assert {source.article for source in decision.sources} == {"D6422-8", "L6422-2", "L6422-3"}
    assert any(note.startswith("Conflict of norms") for note in decision.notes)


def test_paid_hours_unknown_without_pathway_start():
    assert selectors.paid_hours(LeaveRequestFactory(pathway_started_on=None)) is None


def test_draft_check_shows_missing_items_and_notice():
    request = LeaveRequestFactory(with_proof=False, certifier_name="")
    missing, latest = selectors.leave_request_check(request)
    assert missing.value == ["certifier", "admissibility_proof"]
    start = request.actions.get().start
    assert latest.value == (start - dt.timedelta(days=30)).isoformat()


def test_lists_compute_statuses_in_one_query_and_filter():
    employer = OrganisationFactory()
    pending = LeaveRequestFactory(employer=employer, sent=True)
    accepted = LeaveRequestFactory(employer=employer, era_2023=True, answered_accept=True)
    deemed = LeaveRequestFactory(employer=employer, era_2019=True, sent=True)
    LeaveRequestFactory(employer=employer)  # a draft: never shown to the employer
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.leave_requests_of_employer(organisation=employer)
    assert len(queries) == 1
    assert {row.pk: row.status for row in rows} == {
        pending.pk: "pending",
        accepted.pk: "accepted",
        deemed.pk: "deemed_accepted",
    }
    by_pk = {row.pk: row for row in rows}
    assert by_pk[deemed.pk].status_label == "accordé (absence de réponse de l'employeur)"
    assert by_pk[deemed.pk].answer_due == dt.date(2021, 3, 31)
    assert by_pk[pending.pk].actions_start == pending.actions.get().start
    assert by_pk[accepted.pk].certification_title == "Diplôme d'État d'aide-soignant"
    filtered = selectors.leave_requests_of_employer(organisation=employer, statuses=["pending", "accepted"])
    assert {row.pk for row in filtered} == {pending.pk, accepted.pk}
    due = selectors.leave_requests_of_employer(
        organisation=employer, due_from=dt.date(2024, 1, 1), due_until=dt.date(2024, 12, 31)
    )
    assert [row.pk for row in due] == [accepted.pk]


def test_employee_list_includes_drafts_not_superseded():
    employee = UserFactory(candidate=True)
    draft = LeaveRequestFactory(employee=employee)
    sent = LeaveRequestFactory(employee=employee, sent=True)
    rows = selectors.leave_requests_of_employee(employee=employee)
    assert {row.pk: row.status for row in rows} == {draft.pk: None, sent.pk: "pending"}
    assert {row.pk: row.status_label for row in rows}[draft.pk] == "brouillon"
    new = leave_request_supersede(leave_request=sent, actor=employee)
    assert {row.pk for row in selectors.leave_requests_of_employee(employee=employee)} == {draft.pk, new.pk}
    assert len(selectors.leave_requests_of_employee(employee=employee, include_superseded=True)) == 3


def test_letter_gathers_everything_in_its_decisions():
    draft = LeaveRequestFactory()
    letter = selectors.leave_request_letter(draft)
    assert letter.missing_items.value == [] and letter.answer_due is None
    sent = LeaveRequestFactory(era_2023=True, sent=True)
    letter = selectors.leave_request_letter(sent)
    assert letter.latest_send_date.to_dict() == sent.latest_send_decision
    assert letter.paid_hours.value == 48 and letter.answer_due.value == "2024-03-16"  # L6422-2 over D6422-8
    assert letter.employer == sent.employer and len(letter.actions) == 1


def test_visible_filter_for_an_api_list():
    employee = UserFactory(candidate=True)
    own_draft = LeaveRequestFactory(employee=employee)
    company = OrganisationFactory()
    sent_to_company = LeaveRequestFactory(employer=company, sent=True)
    LeaveRequestFactory(employer=company)  # another employee's draft: invisible to the company
    LeaveRequestFactory(sent=True)  # another company's request
    condition = selectors.leave_requests_visible_to_filter(organisation_ids=[company.pk], employee=employee)
    assert set(LeaveRequest.objects.filter(condition).values_list("pk", flat=True)) == {
        own_draft.pk,
        sent_to_company.pk,
    }
    token_condition = selectors.leave_requests_visible_to_filter(organisation_ids=[company.pk], employee=None)
    assert list(LeaveRequest.objects.filter(token_condition).values_list("pk", flat=True)) == [sent_to_company.pk]


def test_a_page_reads_status_facts_of_every_row_and_columns_of_its_rows_only():
    employer = OrganisationFactory()
    requests = [LeaveRequestFactory(employer=employer, sent=True) for _ in range(3)]
    deemed = LeaveRequestFactory(employer=employer, era_2019=True, sent=True)
    queryset = selectors.leave_requests_visible(organisation_ids=[employer.pk], employee=None)
    with CaptureQueriesContext(connection) as queries:
        page = selectors.leave_requests_page(queryset=queryset, limit=2, offset=1)
    assert len(queries) == 2
    assert page.total == 4 and page.counts == {"pending": 3, "deemed_accepted": 1}
    ordered = [r.pk for r in reversed(requests)]  # same receipt day: newest first
    assert [row.pk for row in page.rows] == ordered[1:3]
    only_deemed = selectors.leave_requests_page(queryset=queryset, statuses=["deemed_accepted"])
    assert [row.pk for row in only_deemed.rows] == [deemed.pk] and only_deemed.counts == page.counts
    assert only_deemed.rows[0].status_rule_version == "2019-11-04"


def test_the_gip_lists_everything_but_superseded_requests():
    sent = LeaveRequestFactory(sent=True)
    draft = LeaveRequestFactory()
    replacement = leave_request_supersede(leave_request=sent, actor=sent.employee)
    everything = selectors.leave_requests_visible(organisation_ids=[], employee=None, everything=True)
    assert set(everything.values_list("pk", flat=True)) == {draft.pk, replacement.pk}
