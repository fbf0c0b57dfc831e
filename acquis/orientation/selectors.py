"""Reads of the orientation domain for the pages: job-title suggestions, départements, accompaniers nearby.

Reads of the orientation domain: the directory by région and département, and what a candidate is told
about an accompanier (R6423-4) before choosing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from acquis.accounts.enums import Role
from acquis.accounts.models import Membership, Organisation
from acquis.certifications.levels import fold
from acquis.orientation.enums import OperatorKind
from acquis.orientation.job_titles import JobTitle, job_title_index
from acquis.orientation.models import AccompanierProfile, AdviceOperator
from acquis.pathways.models import AccompanierListing
from acquis.territories.models import Department, Region


def job_title_suggestions(*, text: str, limit: int = 8) -> list[JobTitle]:
    return job_title_index().suggest(text, limit)


def job_title_exact(*, text: str) -> JobTitle | None:
    """The job title written exactly (accents, case and spaces aside), as a picked suggestion comes back."""
    wanted = " ".join(fold(text).split())
    return next((t for t in job_title_index().suggest(text, 50) if t.folded == wanted), None)


def job_title_by_code(*, code_ogr: int) -> JobTitle | None:
    return job_title_index().titles.get(code_ogr)


def department_by_code(*, code: str) -> Department | None:
    code = (code or "").strip().upper()
    if len(code) == 1 and code.isdigit():
        code = "0" + code  # « 1 » for the Ain, as people write it
    return Department.objects.select_related("region").filter(code=code).first()


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


def directory(
    *, region: Region | None = None, department: Department | None = None, kind: str = "", on: dt.date | None = None
) -> QuerySet[AdviceOperator]:
    """The places serving a territory: a département gets its own places and those serving its whole region.
    An accompanier's sites are listed only while its organisation is on the GIP's list (R6412-2)."""
    on = on or timezone.localdate()
    listed = AccompanierListing.objects.filter(organisation=OuterRef("organisation"), listed_on__lte=on).filter(
        Q(removed_on__isnull=True) | Q(removed_on__gt=on)
    )
    rows = (
        AdviceOperator.objects.select_related("region", "department", "organisation")
        .annotate(listed=Exists(listed))
        .filter(~Q(kind=OperatorKind.ACCOMPANIER) | Q(listed=True))
    )
    if department is not None:
        rows = rows.filter(Q(department=department) | Q(region_id=department.region_id, department__isnull=True))
    elif region is not None:
        rows = rows.filter(region=region)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def region_by_code(*, code: str) -> Region | None:
    return Region.objects.filter(code=(code or "").strip()).first()


def regions() -> QuerySet[Region]:
    return Region.objects.order_by("name")


def departments() -> QuerySet[Department]:
    return Department.objects.select_related("region").order_by("code")


@dataclass(frozen=True)
class AccompanierCard:
    """What R6423-4 says a person is told about an accompanier: its profile, its Qualiopi certification."""

    organisation: Organisation
    profile: AccompanierProfile | None
    listing: AccompanierListing | None
    listed: bool
    qualiopi_valid: bool


def current_listing(organisation: Organisation, on: dt.date) -> AccompanierListing | None:
    return (
        AccompanierListing.objects.filter(organisation=organisation, listed_on__lte=on)
        .exclude(removed_on__lte=on)
        .order_by("-listed_on")
        .first()
    )


def accompanier_card(*, organisation: Organisation, on: dt.date | None = None) -> AccompanierCard:
    on = on or timezone.localdate()
    listing = current_listing(organisation, on)
    profile = AccompanierProfile.objects.filter(organisation=organisation).first()
    return AccompanierCard(
        organisation=organisation,
        profile=profile,
        listing=listing,
        listed=listing is not None,
        qualiopi_valid=listing is not None and listing.qualiopi_expires_on >= on,
    )


def accompanier_organisation(*, siret: str) -> Organisation | None:
    """An organisation that is, or was, on the GIP's list of accompaniers (others have no accompanier page)."""
    return Organisation.objects.filter(siret=siret, listings__isnull=False).distinct().first()


def profiles_by_organisation(organisation_ids: list[int]) -> dict[int, AccompanierProfile]:
    return {p.organisation_id: p for p in AccompanierProfile.objects.filter(organisation_id__in=organisation_ids)}


def accompanier_cards(listings) -> list[AccompanierCard]:
    """The cards of the GIP list's organisations a candidate may choose (listings in force), in one query more."""
    listings = list(listings)
    profiles = profiles_by_organisation([listing.organisation_id for listing in listings])
    return [
        AccompanierCard(
            organisation=listing.organisation,
            profile=profiles.get(listing.organisation_id),
            listing=listing,
            listed=True,
            qualiopi_valid=True,
        )
        for listing in listings
    ]


def accompanier_sites(*, organisation: Organisation) -> QuerySet[AdviceOperator]:
    """Every site of an accompanier, listed or not (its own page says whether it is still on the list)."""
    return AdviceOperator.objects.filter(organisation=organisation).select_related("region", "department")
