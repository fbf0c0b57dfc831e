"""Audit cases of the retention services (acquis/accounts/retention.py and the stores it runs), plugged into
tests/audit/test_services.py."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from acquis.accounts.services import account_anonymise
from acquis.audit.enums import EventType
from acquis.leave.retention import chain_of, leave_request_erase
from acquis.notifications.retention import outbound_emails_erase
from acquis.notifications.services import notification_queue
from acquis.pathways.services import invitations_erase
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory
from tests.pathways.factories import invitation_link

ON = dt.date(2030, 1, 1)


def _email():
    return notification_queue(
        to="personne@exemple.fr",
        template="welcome",
        context={"first_name": "Alex"},
        idempotency_key="retention-case",
    )


def _invitation():
    from acquis.pathways.models import RegistrationInvitation

    invitation_link(accompanier=UserFactory(accompanier=True), email="invitee@exemple.fr")
    return invitations_erase(pks=list(RegistrationInvitation.objects.values_list("pk", flat=True)), on=ON)


RETENTION_CASES = {
    "acquis.accounts.services.account_anonymise": (
        lambda: account_anonymise(user=UserFactory(candidate=True), on=ON),
        EventType.USER_ANONYMISED,
    ),
    "acquis.leave.retention.leave_request_erase": (
        lambda: leave_request_erase(chain=chain_of(LeaveRequestFactory(sent=True)), on=ON),
        EventType.LEAVE_REQUEST_ERASED,
    ),
    "acquis.notifications.retention.outbound_emails_erase": (
        lambda: outbound_emails_erase(pks=[_email().pk], on=timezone.localdate()),
        EventType.EMAILS_ERASED,
    ),
    "acquis.pathways.services.invitations.invitations_erase": (_invitation, EventType.INVITATIONS_ERASED),
}
