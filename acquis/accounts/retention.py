"""Retention of a person's data across every store (R6411-3 to R6411-6): candidacies, congé VAE requests,
outbound e-mails, then the account itself. One run, in that order: an account is anonymised only once
nothing else of the person is kept.

Every limit is the rule ``data.retention_until`` (R6411-6, parameter ``data.personal_data_retention``), applied
to each store's own anchor: never a constant here. The audit log is append-only: it holds no e-mail, name or
free text (acquis.audit.services: ``actor_label`` is a pseudonymous reference, free text goes to AuditDetail,
erased with its subject), so erasing the stores below erases the person from it too.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field

from acquis.accounts.enums import Role
from acquis.accounts.models import User
from acquis.rules import answer, ids

# Roles a person holds for themselves; any other role acts for an organisation and keeps the account in use.
PERSONAL_ROLES = (Role.CANDIDATE,)


@functools.lru_cache(maxsize=16_384)
def retention_until(anchor: dt.date, litigation: bool = False) -> tuple[dt.date | None, str]:
    """The last day data anchored on ``anchor`` may be kept, or None and the rule's error code (no version in
    force before R6411-6); None and no error while a litigation is pending."""
    decision, error = answer(
        ids.DATA_RETENTION_UNTIL, {"pathway_ended_on": anchor, "litigation_pending": litigation}, anchor
    )
    if decision is None:
        return None, error
    return (dt.date.fromisoformat(decision.value) if decision.value else None), ""


def is_due(anchor: dt.date, on: dt.date) -> bool:
    until, error = retention_until(anchor)
    return not error and until is not None and until < on


def account_last_activity(user: User) -> dt.date:
    """The anchor of an account: its last login, creation, or the end of its last role."""
    moments = [user.date_joined, user.last_login, *user.memberships.values_list("revoked_at", flat=True)]
    return max(moment for moment in moments if moment is not None).date()


def accounts_due(*, on: dt.date) -> list[User]:
    """Accounts whose person has nothing left in any store, no role acting for an organisation, that are not
    staff, and whose last activity is older than the retention limit."""
    from acquis.leave.models import LeaveRequest
    from acquis.pathways.models import Candidacy

    queryset = (
        User.objects.filter(is_staff=False, is_superuser=False, anonymised_on=None)
        .exclude(pk__in=LeaveRequest.objects.values("employee"))
        .exclude(pk__in=Candidacy.objects.filter(anonymised_on=None).values("candidate"))
        .exclude(memberships__in=_working_memberships())
    )
    return [user for user in queryset.distinct() if is_due(account_last_activity(user), on)]


def _working_memberships():
    from acquis.accounts.models import Membership

    return Membership.objects.filter(revoked_at=None).exclude(role__in=PERSONAL_ROLES)


@dataclass
class PersonalDataReport:
    on: dt.date
    dry_run: bool
    counts: Counter = field(default_factory=Counter)


def personal_data_retention_run(*, on: dt.date, dry_run: bool = False) -> PersonalDataReport:
    """Every store, in order; each erasure is its own audited service call (a failure stops between two)."""
    from acquis.accounts.services import account_anonymise
    from acquis.leave.retention import leave_retention_run
    from acquis.notifications.retention import email_retention_run
    from acquis.pathways.retention import invitations_retention_run, retention_run

    report = PersonalDataReport(on=on, dry_run=dry_run)
    report.counts["candidacies"] = len(retention_run(on=on, dry_run=dry_run).anonymised)
    report.counts["invitations"] = invitations_retention_run(on=on, dry_run=dry_run)
    report.counts["leave_requests"] = leave_retention_run(on=on, dry_run=dry_run)
    report.counts["emails"] = email_retention_run(on=on, dry_run=dry_run)
    due = accounts_due(on=on)
    if not dry_run:
        for user in due:
            account_anonymise(user=user, on=on)
    report.counts["accounts"] = len(due)
    return report
