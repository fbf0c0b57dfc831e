"""Integration tests that only mean something on PostgreSQL (second pass of make test)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import ProgrammingError

from acquis.accounts.enums import Role
from acquis.accounts.services import membership_grant
from acquis.audit.models import AuditEvent
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.postgresql


def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 130000


def test_audit_log_refuses_raw_sql_updates_and_deletes():
    UserFactory()
    event = AuditEvent.objects.first()
    for sql in (
        "UPDATE audit_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(ProgrammingError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.action == "user_created"


def test_one_active_membership_per_role_and_organisation_is_a_database_constraint():
    from acquis.accounts.models import Membership

    user = UserFactory(employer=True)
    membership = user.memberships.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.EMPLOYER, organisation=membership.organisation)


def test_services_and_permissions_work_on_postgresql(client):
    staff = UserFactory(gip_staff=True)
    person = UserFactory()
    membership_grant(user=person, role=Role.CANDIDATE, actor=staff)
    client.force_login(staff)
    page = client.get(f"/gip/historique/accounts.user/{person.pk}/")
    assert page.status_code == 200 and "Rôle attribué" in page.content.decode()


def test_a_get_cannot_write_on_postgresql(client):
    client.force_login(UserFactory(gip_staff=True))
    assert client.get("/gip/").status_code == 200
    assert client.get("/api/v1/health").json() == {"status": "ok", "database": "postgresql"}
