"""Every registered service records its AuditEvent in its own transaction."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from pathlib import Path

import pytest
from django.db import transaction

import acquis
from acquis.accounts import services as accounts
from acquis.accounts.enums import Role
from acquis.accounts.models import ApiToken
from acquis.audit import context
from acquis.audit.enums import EventType
from acquis.audit.models import AppendOnlyError, AuditEvent
from acquis.audit.services import SERVICES, ServiceWithoutAuditEvent, audit_event_record, service
from acquis.certifications import services as certifications
from acquis.governance import services as governance
from acquis.law import services as law
from acquis.leave import services as leave
from acquis.notifications import services as notifications
from acquis.notifications.models import OutboundEmail
from acquis.orientation import services as orientation
from acquis.territories import services as territories
from tests.accounts.audit_cases import ACCOUNT_CASES
from tests.accounts.factories import OrganisationFactory, UserFactory, make_api_token, valid_siret
from tests.accounts.retention_audit_cases import RETENTION_CASES
from tests.funding.audit_cases import FUNDING_CASES
from tests.governance.factories import CommissionFactory, member_data
from tests.leave.factories import LeaveRequestFactory, pdf
from tests.orientation.audit_cases import ORIENTATION_CASES
from tests.pathways.audit_cases import PATHWAY_CASES
from tests.statistics.audit_cases import STATISTICS_CASES

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


def _import_all_services():
    for module in pkgutil.walk_packages(acquis.__path__, "acquis."):
        if module.name.endswith((".services", ".retention")):
            importlib.import_module(module.name)


def _commission():
    return CommissionFactory()


def _programme():
    return governance.programme_adopt(
        commission=_commission(), year=2026, adopted_on=D(2025, 12, 1), published_on=D(2025, 12, 5), content="P"
    )


def _proposal():
    return governance.branch_proposal_record(
        programme=_programme(), branch_commission="CPNE", title="CQP", notified_on=None, submitted_on=D(2026, 1, 5)
    )


def _meeting():
    return governance.meeting_schedule(
        commission=_commission(), held_on=D(2026, 3, 1), convened_on=D(2026, 2, 1), agenda="A"
    )


def _user():
    return UserFactory()


def _candidacy_of(employee):
    from tests.pathways.factories import CandidacyFactory

    return CandidacyFactory(candidate=employee, admissible=True)


def _platform_sent_leave_request():
    request = LeaveRequestFactory()
    UserFactory(employer=True, organisation=request.employer)
    return leave.leave_request_send(leave_request=request, actor=request.employee, receipt_method="platform")


# service → (call that builds its inputs and runs it, the action it must record)
CASES = {
    "acquis.accounts.services.user_create": (
        lambda: accounts.user_create(email="nouvelle@exemple.fr", password="Un-mot-de-passe-solide-2026"),
        EventType.USER_CREATED,
    ),
    "acquis.accounts.services.user_login_record": (
        lambda user: accounts.user_login_record(user=user, channel="password"),
        EventType.USER_LOGGED_IN,
    ),
    "acquis.accounts.services.user_password_change": (
        lambda user: accounts.user_password_change(
            user=user, new_password="Encore-un-autre-mot-de-passe-2026", actor=user
        ),
        EventType.USER_PASSWORD_CHANGED,
    ),
    "acquis.accounts.services.user_oidc_link": (
        lambda user: accounts.user_oidc_link(user=user, provider="proconnect", subject="s1"),
        EventType.USER_OIDC_LINKED,
    ),
    "acquis.accounts.services.organisation_create": (
        lambda: accounts.organisation_create(siret="73282932000074", name="Clinique", kind="company"),
        EventType.ORGANISATION_CREATED,
    ),
    "acquis.accounts.services.membership_grant": (
        lambda user: accounts.membership_grant(user=user, role=Role.CANDIDATE),
        EventType.MEMBERSHIP_GRANTED,
    ),
    "acquis.accounts.services.membership_revoke": (
        lambda user: accounts.membership_revoke(membership=UserFactory(candidate=True).memberships.get()),
        EventType.MEMBERSHIP_REVOKED,
    ),
    "acquis.accounts.services.api_token_create": (
        lambda: accounts.api_token_create(organisation=OrganisationFactory(), role=Role.EMPLOYER, name="SIRH"),
        EventType.API_TOKEN_CREATED,
    ),
    "acquis.accounts.services.api_token_revoke": (
        lambda: accounts.api_token_revoke(token=make_api_token()[0]),
        EventType.API_TOKEN_REVOKED,
    ),
    "acquis.notifications.services.outbound_email_attempt_start": (
        lambda: notifications.outbound_email_attempt_start(
            email_id=OutboundEmail.objects.create(
                idempotency_key="k3", to="c@exemple.fr", subject="s", body="b", template="welcome"
            ).pk
        ),
        EventType.EMAIL_SEND_ATTEMPTED,
    ),
    "acquis.notifications.services.outbound_email_refusal_record": (
        lambda: notifications.outbound_email_refusal_record(
            email_id=OutboundEmail.objects.create(
                idempotency_key="k4", to="d@exemple.fr", subject="s", body="b", template="welcome", attempts=1
            ).pk,
            error="451",
            transient=True,
        ),
        EventType.EMAIL_SEND_REFUSED,
    ),
    "acquis.notifications.services.notification_tasks_recover": (
        lambda: notifications.notification_tasks_recover(stale_after=dt.timedelta(minutes=15)),
        EventType.TASKS_RECOVERED,
    ),
    "acquis.territories.services.territories_load": (
        lambda: territories.territories_load(),
        EventType.TERRITORIES_LOADED,
    ),
    "acquis.notifications.services.notification_queue": (
        lambda: notifications.notification_queue(
            to="a@exemple.fr", template="welcome", context={"first_name": "A"}, idempotency_key="k1"
        ),
        EventType.EMAIL_QUEUED,
    ),
    "acquis.notifications.services.outbound_email_deliver": (
        lambda: notifications.outbound_email_deliver(
            email_id=OutboundEmail.objects.create(
                idempotency_key="k2", to="b@exemple.fr", subject="s", body="b", template="welcome"
            ).pk
        ),
        EventType.EMAIL_SENT,
    ),
    "acquis.law.services.law_corpus_import": (
        lambda: law.law_corpus_import(
            paths=[ROOT / "data" / "law" / "pre-2019-11-04" / "articles-in-force-2019-11-01.json"]
        ),
        EventType.LAW_CORPUS_IMPORTED,
    ),
    "acquis.leave.services.requests.leave_request_create": (
        lambda user: leave.leave_request_create(employee=user, employer_siret=valid_siret(901), employer_name="SA"),
        EventType.LEAVE_REQUEST_CREATED,
    ),
    "acquis.leave.services.requests.leave_request_update": (
        lambda user: leave.leave_request_update(
            leave_request=(r := LeaveRequestFactory()), actor=r.employee, certifier_name="Ministère"
        ),
        EventType.LEAVE_REQUEST_UPDATED,
    ),
    "acquis.leave.services.requests.leave_action_add": (
        lambda user: leave.leave_action_add(
            leave_request=(r := LeaveRequestFactory()),
            actor=r.employee,
            start=r.actions.get().start,
            end=r.actions.get().end,
            nature="preparation",
            hours=3,
        ),
        EventType.LEAVE_ACTION_ADDED,
    ),
    "acquis.leave.services.requests.leave_action_remove": (
        lambda user: leave.leave_action_remove(action=(r := LeaveRequestFactory()).actions.get(), actor=r.employee),
        EventType.LEAVE_ACTION_REMOVED,
    ),
    "acquis.leave.services.requests.leave_attachment_add": (
        lambda user: leave.leave_attachment_add(
            leave_request=(r := LeaveRequestFactory()), actor=r.employee, kind="qualification_proof", file=pdf()
        ),
        EventType.LEAVE_ATTACHMENT_ADDED,
    ),
    "acquis.leave.services.requests.leave_request_send": (
        lambda user: leave.leave_request_send(
            leave_request=(r := LeaveRequestFactory()),
            actor=r.employee,
            receipt_method="hand_delivery",
            received_on=r.created_at.date(),
            receipt_file=pdf(),
        ),
        EventType.LEAVE_REQUEST_SENT,
    ),
    "acquis.leave.services.requests.leave_request_pathway_link": (
        lambda user: leave.leave_request_pathway_link(
            leave_request=(r := LeaveRequestFactory()),
            actor=r.employee,
            candidacy=_candidacy_of(r.employee),
        ),
        EventType.LEAVE_REQUEST_PATHWAY_LINKED,
    ),
    "acquis.leave.services.requests.leave_request_acknowledge": (
        lambda user: leave.leave_request_acknowledge(leave_request=_platform_sent_leave_request(), actor=user),
        EventType.LEAVE_REQUEST_ACKNOWLEDGED,
    ),
    "acquis.leave.services.answers.leave_request_answer": (
        lambda user: leave.leave_request_answer(
            leave_request=LeaveRequestFactory(sent=True), actor=user, kind="accept"
        ),
        EventType.LEAVE_REQUEST_ANSWERED,
    ),
    "acquis.leave.services.requests.leave_request_supersede": (
        lambda user: leave.leave_request_supersede(
            leave_request=(r := LeaveRequestFactory(sent=True)), actor=r.employee
        ),
        EventType.LEAVE_REQUEST_SUPERSEDED,
    ),
    "acquis.leave.services.requests.leave_attendance_proof_request": (
        lambda user: leave.leave_attendance_proof_request(
            leave_request=(r := LeaveRequestFactory(sent=True)), actor=user, organisation=r.employer
        ),
        EventType.LEAVE_ATTENDANCE_PROOF_REQUESTED,
    ),
    "acquis.leave.services.requests.leave_notice_queue": (
        lambda: leave.leave_notice_queue(leave_request=LeaveRequestFactory(sent=True), kind="answer_reminder"),
        EventType.LEAVE_NOTICE_QUEUED,
    ),
    "acquis.leave.services.requests.leave_attendance_proof_upload": (
        lambda user: leave.leave_attendance_proof_upload(
            leave_request=(r := LeaveRequestFactory(sent=True)), actor=r.employee, file=pdf()
        ),
        EventType.LEAVE_ATTENDANCE_PROOF_UPLOADED,
    ),
    "acquis.governance.services.commission_create": (
        lambda: governance.commission_create(
            organisation=OrganisationFactory(kind="cpc"),
            name="CPC santé",
            ministries="Santé",
            field="Soin",
            term_start=D(2020, 3, 2),
            term_years=5,
            first_presidency="unions",
        ),
        EventType.COMMISSION_CREATED,
    ),
    "acquis.governance.services.commission_internal_rules_update": (
        lambda: governance.commission_internal_rules_update(commission=_commission(), text="Article 1er."),
        EventType.COMMISSION_RULES_UPDATED,
    ),
    "acquis.governance.services.commission_member_add": (
        lambda: governance.commission_member_add(
            commission=_commission(), data=member_data("union", 0, appointed_on=D(2020, 3, 2), organisation="CGT")
        ),
        EventType.COMMISSION_MEMBER_ADDED,
    ),
    "acquis.governance.services.commission_member_replace": (
        lambda: governance.commission_member_replace(
            member=governance.commission_member_add(
                commission=_commission(), data=member_data("union", 0, appointed_on=D(2020, 3, 2), organisation="CGT")
            ).member,
            data=member_data("union", 1, appointed_on=D(2021, 3, 2), organisation="CGT"),
        ),
        EventType.COMMISSION_MEMBER_REPLACED,
    ),
    "acquis.governance.services.meeting_schedule": (lambda: _meeting(), EventType.MEETING_SCHEDULED),
    "acquis.governance.services.meeting_minutes_record": (
        lambda: governance.meeting_minutes_record(meeting=_meeting(), minutes="PV"),
        EventType.MEETING_MINUTES_RECORDED,
    ),
    "acquis.governance.services.programme_adopt": (lambda: _programme(), EventType.PROGRAMME_ADOPTED),
    "acquis.governance.services.branch_proposal_record": (lambda: _proposal(), EventType.BRANCH_PROPOSAL_RECORDED),
    "acquis.governance.services.branch_proposal_decide": (
        lambda: governance.branch_proposal_decide(proposal=_proposal(), decision="refused", reasons="Déjà couvert."),
        EventType.BRANCH_PROPOSAL_DECIDED,
    ),
    "acquis.governance.services.opinion_record": (
        lambda: governance.opinion_record(
            commission=_commission(),
            subject="creation",
            required_for_profession=False,
            rncp_code="",
            certification_title="BTS",
            outcome="favourable",
            given_on=D(2026, 3, 1),
        ),
        EventType.OPINION_RECORDED,
    ),
    "acquis.governance.services.gip_member_add": (
        lambda: governance.gip_member_add(name="Région Bretagne", kind="region", joined_on=D(2024, 2, 1)),
        EventType.GIP_MEMBER_ADDED,
    ),
    "acquis.certifications.services.certification_registry_import": (
        lambda: certifications.certification_registry_import(path=ROOT / "data" / "reference" / "rncp-sample.csv"),
        EventType.CERTIFICATION_REGISTRY_IMPORTED,
    ),
    "acquis.orientation.services.rome_reference_load": (
        lambda: orientation.rome_reference_load(directory=ROOT / "tests" / "orientation" / "fixtures" / "rome"),
        EventType.ROME_REFERENCE_LOADED,
    ),
    "acquis.orientation.services.finder_refresh": (lambda: orientation.finder_refresh(), EventType.FINDER_REFRESHED),
    **PATHWAY_CASES,
    **ORIENTATION_CASES,
    **STATISTICS_CASES,
    **FUNDING_CASES,
    **ACCOUNT_CASES,
    **RETENTION_CASES,
}


def test_every_service_has_an_audit_case():
    _import_all_services()
    assert set(SERVICES) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_service_records_its_audit_event(name, django_capture_on_commit_callbacks):
    call, action = CASES[name]
    needs_user = call.__code__.co_argcount == 1
    user = _user() if needs_user else None
    before = AuditEvent.objects.count()
    with context.bind(request_id="req-123", role="gip_staff", channel="web"):
        call(user) if needs_user else call()
    new = AuditEvent.objects.order_by("id")[before:]
    assert action in {e.action for e in new}
    event = next(e for e in new if e.action == action)
    assert event.request_id == "req-123" and event.role == "gip_staff"
    assert event.object_type and event.object_id


def test_a_service_without_audit_event_fails_and_rolls_back():
    @service
    def organisation_rename_silently(*, organisation, name: str):
        organisation.name = name
        organisation.save(update_fields=["name"])

    organisation = OrganisationFactory(name="Avant")
    with pytest.raises(ServiceWithoutAuditEvent):
        organisation_rename_silently(organisation=organisation, name="Après")
    organisation.refresh_from_db()
    assert organisation.name == "Avant"
    SERVICES.pop(f"{__name__}.organisation_rename_silently", None)


def test_services_are_keyword_only():
    with pytest.raises(TypeError, match="paramètres nommés"):

        @service
        def thing_do(a):  # noqa: ARG001
            pass


def test_a_failing_service_leaves_neither_its_write_nor_its_event():
    organisation = OrganisationFactory()
    before = (AuditEvent.objects.count(), ApiToken.objects.count())
    with pytest.raises(Exception, match="jeton"):
        accounts.api_token_create(organisation=organisation, role=Role.FUNDER, name=" ")
    assert (AuditEvent.objects.count(), ApiToken.objects.count()) == before


def test_audit_events_are_append_only():
    event = audit_event_record(actor=None, action=EventType.EMAIL_QUEUED, object_type="x", object_id="1")
    event.payload = {"changed": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(payload={})
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_emails_are_sent_on_commit_only(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        accounts.user_create(email="c@exemple.fr", password="Un-mot-de-passe-solide-2026")
        assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mailoutbox] == [["c@exemple.fr"]]
