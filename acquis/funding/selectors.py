"""Reads of the funding domain: the funder's worklist and totals, who pays what for a candidate, what an
accompanier may bill, the CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import is_gip, is_user, organisation_ids_of
from acquis.funding.enums import RequestState
from acquis.funding.models import CostLine, Funder, FundingRequest, PaymentRequest
from acquis.funding.money import ZERO
from acquis.territories.models import Department

PAGE_SIZE = 50


def request_for_actor(pk: int) -> FundingRequest | None:
    return (
        FundingRequest.objects.select_related("funder", "candidacy", "leave_request", "organisation", "department")
        .filter(pk=pk)
        .first()
    )


def funders_of(actor: Actor) -> QuerySet[Funder]:
    """The funders whose desk the actor reads: its funder organisations', every one for the GIP."""
    if is_gip(actor):
        return Funder.objects.exclude(organisation=None)
    return Funder.objects.filter(organisation_id__in=organisation_ids_of(actor, Role.FUNDER))


def visible_requests(actor: Actor) -> QuerySet[FundingRequest]:
    """Every request the actor reads (VIEW_FUNDING_REQUEST), as one query."""
    if is_gip(actor):
        return FundingRequest.objects.all()
    condition = Q(funder__organisation_id__in=organisation_ids_of(actor, Role.FUNDER))
    condition |= Q(organisation_id__in=organisation_ids_of(actor, Role.ACCOMPANIER))
    condition |= Q(employer_id__in=organisation_ids_of(actor, Role.EMPLOYER))
    if is_user(actor):
        condition |= Q(candidate_id=actor.pk)
    return FundingRequest.objects.filter(condition)


def leave_funding_requests(actor: Actor, leave_request) -> list[FundingRequest]:
    """The funding requests of a congé VAE that the actor reads, oldest first (its page lists them)."""
    return list(visible_requests(actor).filter(leave_request=leave_request).select_related("funder").order_by("pk"))


@dataclass(frozen=True)
class Totals:
    count: int
    requested: Decimal
    granted: Decimal
    by_status: list[dict[str, Any]]
    by_territory: list[dict[str, Any]]
    by_month: list[dict[str, Any]]


def _grouped(groups: dict, labels) -> list[dict[str, Any]]:
    return [
        {**labels(key), "count": n, "requested": asked, "granted": given}
        for key, (n, asked, given) in sorted(groups.items(), key=lambda item: (item[0] is None, item[0]))
    ]


# GROUPING(state, department_id, submitted_month) of each grouping set: a bit is 1 for a column not grouped on.
AXIS_OF_GROUPING = {3: "state", 5: "department", 6: "month", 7: "total"}
TOTALS_SQL = """
SELECT GROUPING(state, department_id, submitted_month), state, department_id, submitted_month,
       COUNT(submitted_month), SUM(requested_total), SUM(granted_total)
FROM {table} WHERE funder_id = %s AND state IN (%s, %s)
GROUP BY GROUPING SETS ((state), (department_id), (submitted_month), ())
"""


def _totals_rows(funder: Funder) -> list[tuple[str, Any, int, Decimal, Decimal]]:
    """(axis, key, count, asked, granted) for each state, département, month and the overall total."""
    states = (RequestState.SUBMITTED, RequestState.DECIDED)
    if connection.vendor == "postgresql":
        # One pass of the partial covering index, summed four ways by the server: a few hundred rows back.
        with connection.cursor() as cursor:
            cursor.execute(TOTALS_SQL.format(table=FundingRequest._meta.db_table), [funder.pk, *states])
            fetched = cursor.fetchall()
        return [
            (AXIS_OF_GROUPING[g], {3: state, 5: department, 6: month, 7: None}[g], n, asked, given)
            for g, state, department, month, n, asked, given in fetched
        ]
    # SQLite (make run) has no GROUPING SETS: group on the three columns, sum three ways here.
    rows = (
        FundingRequest.objects.filter(funder=funder, state__in=states)
        .values_list("state", "department_id", "submitted_month")
        .annotate(n=Count("submitted_month"), asked=Sum("requested_total"), given=Sum("granted_total"))
        .order_by()
    )
    out = []
    for state, department_id, month, n, asked, given in rows:
        for axis, key in (("state", state), ("department", department_id), ("month", month), ("total", None)):
            out.append((axis, key, n, asked, given))
    return out


def funder_totals(funder: Funder) -> Totals:
    """Counts and sums by status, by territory (the candidacy's département) and by month of submission, over
    the funder's submitted and decided requests (drafts are the preparer's, not yet addressed to it); on
    PostgreSQL one GROUPING SETS query over the partial covering index funding_request_totals
    (bench/funding_totals.py)."""
    by: dict[str, dict] = {"state": {}, "department": {}, "month": {}, "total": {}}
    for axis, key, n, asked, given in _totals_rows(funder):
        current = by[axis].get(key, (0, ZERO, ZERO))
        by[axis][key] = (current[0] + n, current[1] + (asked or ZERO), current[2] + (given or ZERO))
    total = by["total"].get(None, (0, ZERO, ZERO))
    departments = {d.pk: d for d in Department.objects.filter(pk__in=[k for k in by["department"] if k])}
    labels = dict(RequestState.choices)
    return Totals(
        total[0],
        total[1],
        total[2],
        _grouped(by["state"], lambda key: {"state": key, "label": labels[key]}),
        _grouped(
            by["department"],
            lambda key: {
                "department__code": departments[key].code if key else None,
                "department__name": departments[key].name if key else None,
            },
        ),
        _grouped(by["month"], lambda key: {"month": key}),
    )


def funder_requests(funder: Funder, *, state: str | None = None, page: int = 1) -> tuple[int, list[FundingRequest]]:
    rows = FundingRequest.objects.filter(funder=funder).exclude(state=RequestState.DRAFT)
    if state:
        rows = rows.filter(state=state)
    total = rows.count()
    start = (page - 1) * PAGE_SIZE
    page_rows = list(rows.select_related("department").order_by("-submitted_on", "-id")[start : start + PAGE_SIZE])
    return total, page_rows


def who_pays_what(candidacy) -> list[dict[str, Any]]:
    """For the candidate's page: each request of the pathway, its funder, what was asked and granted."""
    result = []
    requests = candidacy.funding_requests.select_related("funder").prefetch_related("lines").order_by("id")
    for request in requests:
        result.append(
            {
                "request": request,
                "funder": request.funder,
                "state": request.get_state_display(),
                "lines": list(request.lines.all()),
                "requested": request.requested_total,
                "granted": request.granted_total if request.state == RequestState.DECIDED else None,
            }
        )
    return result


def billing_of(organisation: Organisation) -> list[dict[str, Any]]:
    """What an accompanier may bill: per decided request, its granted lines, the payments asked, what is left."""
    granted = (
        CostLine.objects.filter(organisation=organisation, request__state=RequestState.DECIDED)
        .values("request_id")
        .annotate(granted=Sum("granted_amount"))
    )
    asked = dict(
        PaymentRequest.objects.filter(organisation=organisation)
        .values("request_id")
        .annotate(total=Sum("amount"))
        .values_list("request_id", "total")
    )
    requests = FundingRequest.objects.in_bulk([row["request_id"] for row in granted])
    rows = []
    for row in granted:
        request = requests[row["request_id"]]
        asked_total = asked.get(request.pk, ZERO)
        rows.append(
            {
                "request": request,
                "granted": row["granted"] or ZERO,
                "asked": asked_total,
                "remaining": (row["granted"] or ZERO) - asked_total,
            }
        )
    return sorted(rows, key=lambda r: r["request"].pk)


# The export's columns, documented in docs/funding.md: one row per cost line of a decided request, amounts with
# a dot and two decimals (no thousands separator), dates YYYY-MM-DD, UTF-8 with ; as separator.
EXPORT_COLUMNS = (
    "demande",
    "financeur_siret",
    "candidature",
    "conge_vae",
    "departement",
    "certification",
    "periode_debut",
    "periode_fin",
    "deposee_le",
    "decidee_le",
    "decision",
    "ligne",
    "nature",
    "heures",
    "montant_demande",
    "montant_accorde",
    "motif_refus",
    "organisme_siret",
)


def export_csv(funder: Funder) -> str:
    lines = (
        CostLine.objects.filter(request__funder=funder, request__state=RequestState.DECIDED)
        .select_related("request__department", "request__decision", "organisation")
        .order_by("request_id", "id")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    siret = funder.organisation.siret if funder.organisation_id else ""
    for line in lines:
        request = line.request
        writer.writerow(
            [
                request.pk,
                siret,
                request.candidacy_id or "",
                request.leave_request_id or "",
                request.department.code if request.department_id else "",
                request.certification_title,
                request.period_start.isoformat(),
                request.period_end.isoformat(),
                request.submitted_on.isoformat() if request.submitted_on else "",
                request.decision.decided_on.isoformat(),
                request.decision.kind,
                line.pk,
                line.category,
                "" if line.hours is None else str(line.hours),
                str(line.amount),
                str(line.granted_amount),
                line.refusal_ground,
                line.organisation.siret if line.organisation_id else "",
            ]
        )
    return out.getvalue()
