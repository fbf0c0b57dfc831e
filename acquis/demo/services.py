from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from acquis.accounts.enums import Role
from acquis.accounts.models import Membership, Organisation, User
from acquis.accounts.services import membership_grant, organisation_create, user_create
from acquis.demo.data import ACCOUNTS, ADMIN_EMAIL, DEMO_PASSWORD, LEAVE_REQUESTS, ORGANISATIONS
from acquis.demo.funding import demo_funding_load
from acquis.demo.governance import demo_governance_load
from acquis.demo.leave import demo_leave_load
from acquis.demo.orientation import demo_orientation_load
from acquis.demo.pathways import demo_pathways_load
from acquis.territories.models import Department


@dataclass
class DemoLoadResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def demo_load() -> DemoLoadResult:
    """Create what is missing of the demo data set through the real services; a second run creates nothing."""
    result = DemoLoadResult()
    with transaction.atomic():
        for spec in ORGANISATIONS:
            if not Organisation.objects.filter(siret=spec.siret).exists():
                organisation_create(siret=spec.siret, name=spec.name, kind=spec.kind)
        for spec in ACCOUNTS:
            user = User.objects.filter(email=spec.email).first()
            if user is None:
                user = user_create(
                    email=spec.email,
                    password=DEMO_PASSWORD,
                    first_name=spec.first_name,
                    last_name=spec.last_name,
                    send_welcome=False,
                )
                result.created.append(spec.email)
            else:
                result.existing.append(spec.email)
            organisation = Organisation.objects.get(siret=spec.organisation_siret) if spec.organisation_siret else None
            if (
                spec.role is not None
                and not Membership.objects.filter(
                    user=user, role=spec.role, organisation=organisation, revoked_at__isnull=True
                ).exists()
            ):
                department = (
                    Department.objects.filter(code=spec.department_code).first() if spec.department_code else None
                )
                membership_grant(user=user, role=spec.role, organisation=organisation, department=department)
        if not User.objects.filter(email=ADMIN_EMAIL).exists():
            user_create(
                email=ADMIN_EMAIL,
                password=DEMO_PASSWORD,
                first_name="Admin",
                is_staff=True,
                is_superuser=True,
                send_welcome=False,
            )
            result.created.append(ADMIN_EMAIL)
        candidate = next(a for a in ACCOUNTS if a.role == Role.CANDIDATE)
        employer = next(a for a in ACCOUNTS if a.role == Role.EMPLOYER)
        demo_leave_load(
            employee=User.objects.get(email=candidate.email),
            employer=Organisation.objects.get(siret=employer.organisation_siret),
            hr=User.objects.get(email=employer.email),
        )
        # The demo employee (no role) asks for the congé pending now, on their own account.
        employee = next(a for a in ACCOUNTS if a.role is None)
        demo_leave_load(
            employee=User.objects.get(email=employee.email),
            employer=Organisation.objects.get(siret=employer.organisation_siret),
            hr=User.objects.get(email=employer.email),
            specs=LEAVE_REQUESTS[-1:],
        )
        demo_governance_load()
        by_role = {a.role: a for a in ACCOUNTS}
        demo_pathways_load(
            candidate=User.objects.get(email=candidate.email),
            accompanier_user=User.objects.get(email=by_role[Role.ACCOMPANIER].email),
            accompanier=Organisation.objects.get(siret=by_role[Role.ACCOMPANIER].organisation_siret),
            certifier=Organisation.objects.get(siret=by_role[Role.CERTIFIER].organisation_siret),
            funder=Organisation.objects.get(siret=by_role[Role.FUNDER].organisation_siret),
        )
        demo_orientation_load(
            accompanier=Organisation.objects.get(siret=by_role[Role.ACCOMPANIER].organisation_siret),
            accompanier_user=User.objects.get(email=by_role[Role.ACCOMPANIER].email),
        )
        demo_funding_load(
            funder=Organisation.objects.get(siret=by_role[Role.FUNDER].organisation_siret),
            candidate=User.objects.get(email=candidate.email),
        )
    # The statistician's dashboards read a snapshot: take today's once the data is there (files, not rows).
    from acquis.statistics.selectors import latest_snapshot
    from acquis.statistics.services import statistics_snapshot_create

    if latest_snapshot() is None:
        statistics_snapshot_create()
    return result
