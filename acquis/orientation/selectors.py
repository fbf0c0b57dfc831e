"""Reads of the orientation domain for the pages: job-title suggestions, départements, accompaniers nearby."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from acquis.accounts.enums import Role
from acquis.accounts.models import Membership, Organisation
from acquis.certifications.levels import fold
from acquis.orientation.job_titles import JobTitle, job_title_index
from acquis.pathways.models import AccompanierListing
from acquis.territories.models import Department


def job_title_suggestions(*, text: str, limit: int = 8) -> list[JobTitle]:
    return job_title_index().suggest(text, limit)


def job_title_exact(*, text: str) -> JobTitle | None:
    """The job title written exactly (accents, case and spaces aside), as a picked suggestion comes back."""
    wanted = " ".join(fold(text).split())
    return next((t for t in job_title_index().suggest(text, 50) if t.folded == wanted), None)


def job_title_by_code(*, code_ogr: int) -> JobTitle | None:
    return job_title_index().titles.get(code_ogr)


def departments() -> list[Department]:
    return list(Department.objects.order_by("code"))


def department_by_code(*, code: str) -> Department | None:
    return Department.objects.select_related("region").filter(code=(code or "").strip().upper()).first()


def accompaniers_near(*, department: Department, limit: int = 10) -> list[Organisation]:
    """Organisations on the GIP's list of accompaniers (Qualiopi in force today) working in the département:
    an accompanier role there, in its région, or with no territory (national)."""
    today = timezone.localdate()
    listed = AccompanierListing.objects.filter(removed_on__isnull=True, qualiopi_expires_on__gte=today)
    covering = Membership.objects.filter(role=Role.ACCOMPANIER, revoked_at__isnull=True).filter(
        Q(department=department) | Q(region_id=department.region_id) | Q(department__isnull=True, region__isnull=True)
    )
    return list(
        Organisation.objects.filter(pk__in=listed.values("organisation_id"), memberships__in=covering)
        .distinct()
        .order_by("name")[:limit]
    )
