from acquis.accounts.enums import Role
from acquis.accounts.models import Membership, User
from acquis.accounts.siret import siret_error
from acquis.audit.models import AuditEvent
from acquis.demo.data import ACCOUNTS, ORGANISATIONS
from acquis.demo.services import demo_load
from acquis.leave.models import LeaveRequest
from acquis.leave.selectors import leave_request_status, paid_hours
from acquis.territories.services import territories_load


def test_demo_has_one_account_per_role_and_loading_twice_changes_nothing():
    territories_load()
    first = demo_load()
    events = AuditEvent.objects.count()
    second = demo_load()

    assert len(first.created) == len(Role) + 2  # one per role, the employee, the administrator
    assert second.created == []
    assert AuditEvent.objects.count() == events
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.filter(is_superuser=True).count() == 1
    candidate = Membership.objects.get(role=Role.CANDIDATE)
    assert candidate.department.code == "31"
    # The employee of the congé VAE is not the candidate: no role, a request of their own.
    employee = User.objects.get(email=next(a.email for a in ACCOUNTS if a.role is None))
    assert not employee.memberships.exists()
    assert LeaveRequest.objects.filter(employee=employee).count() == 1
    assert employee != candidate.user


def test_demo_sirets_pass_their_checksum():
    assert all(siret_error(o.siret) is None for o in ORGANISATIONS)
    assert {a.role for a in ACCOUNTS} == set(Role.values) | {None}


def test_demo_has_a_leave_request_in_each_era_and_one_pending_now():
    territories_load()
    demo_load()
    # The candidate's five, then the demo employee's pending one.
    requests = list(LeaveRequest.objects.order_by("pk"))[:5]
    assert LeaveRequest.objects.count() == 6
    statuses = [leave_request_status(r).value for r in requests]
    assert statuses == ["no_answer", "postponed", "deemed_accepted", "accepted", "pending"]
    assert [leave_request_status(r).rule_version for r in requests[:3]] == ["2014-11-15", "2019-11-04", "2023-12-29"]
    assert paid_hours(requests[3]).value == 48
    assert {r.employer.siret for r in requests} == {"73282932000074"}
    demo_load()
    assert LeaveRequest.objects.count() == 6


def test_demo_commission_has_a_violation_to_fix():
    from acquis.governance.models import Commission, GipMember
    from acquis.governance.selectors import latest_composition_change

    territories_load()
    demo_load()
    commission = Commission.objects.get()
    change = latest_composition_change(commission=commission)
    assert change.decision["rule_version"] == "2021-09-01"
    assert change.decision["value"]["violations"] == ["union_missing", "union_not_representative"]
    assert GipMember.objects.filter(by_right=True).count() == 4


def test_the_printed_demo_accounts_name_their_roles_in_french():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("demo_load", stdout=out)
    printed = out.getvalue()
    assert "Candidat " in printed and "Salarié " in printed and "Équipe du GIP" in printed
    assert "gip_staff" not in printed and "cpc_secretariat" not in printed
