"""Worklists of the VAE pathway: accompaniers', certifiers' and funders' candidacies counted by computed status
in one grouped query, and one page of rows (split from selectors.py, which re-exports these names).

Rows with the same status facts (stage, era of the start date, the dates that matter at that stage) fall in
one group, and each group is decided once; the page itself is one more query of ``page_size`` rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from acquis.accounts.models import Organisation, User
from acquis.certifications.models import CertificationCertifier
from acquis.pathways import status_table
from acquis.pathways.enums import STATUS_LABELS, Closure, Stage
from acquis.pathways.facts import StatusFacts
from acquis.pathways.models import Attestation, Candidacy
from acquis.pathways.status import compute_status

DEFAULT_DUE_WITHIN = dt.timedelta(days=14)


def day_or_today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


# --- worklists ----------------------------------------------------------------------------------------------


class WorklistRow(NamedTuple):
    pk: int
    candidate_name: str
    certification_code: str
    certification_title: str
    department_code: str
    stage: str
    status: str
    deadline: dt.date | None
    deadline_label: str
    note: str
    updated_at: dt.datetime
    overdue: bool = False  # the deadline passed before the day the list is read

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Worklist:
    counts: dict[str, int]  # every status code, zero included
    due_soon: int  # rows whose deadline falls between ``on`` and ``on`` + due_within
    total: int  # rows matching the filters (all rows without filters)
    rows: list[WorklistRow]
    page: int
    page_size: int
    attestations_to_issue: int = 0  # certifier: attestations requested and not issued yet


def scope_parts(*, scope: str, organisation: Organisation) -> list[Q]:
    """The candidacies a worklist of ``organisation`` reads (the same rule as the VIEW_* predicates), as
    disjoint parts each served by an index (a page merges the parts' first rows)."""
    if scope == "certifier":
        by_siret = CertificationCertifier.objects.filter(siret=organisation.siret).values("certification_id")
        filed = ~Q(stage=Stage.REGISTERED)
        return [Q(certifier=organisation) & filed, Q(certifier__isnull=True, certification_id__in=by_siret) & filed]
    if scope == "accompanier":
        return [Q(accompanier=organisation)]
    if scope == "funder":
        return [Q(programme__sponsor=organisation)]
    raise ValueError(f"unknown worklist scope {scope!r}")


def scope_filter(*, scope: str, organisation: Organisation) -> Q:
    parts = scope_parts(scope=scope, organisation=organisation)
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def grouped_counts(
    queryset: QuerySet[Candidacy], on: dt.date, window: dt.timedelta = DEFAULT_DUE_WITHIN
) -> tuple[Counter, int]:
    """Counts by status and how many deadlines fall within ``window`` of ``on``, in one grouped query over the
    CASE generated from status_table.STATUS_TABLE."""
    key = status_table.sql_case(on, on + window)
    groups = queryset.annotate(g_key=key).values_list("g_key").annotate(n=Count("id")).order_by()
    counts: Counter = Counter()
    due_soon = 0
    for packed, n in groups:
        code, is_soon = status_table.decode(packed)
        counts[code] += n
        due_soon += n if is_soon else 0
    return counts, due_soon


ROW_FIELDS = (
    "pk",
    "candidate__first_name",
    "candidate__last_name",
    "certification__code",
    "certification__title",
    "department__code",
    "stage",
    "closure",
    "started_on",
    "pieces_requested_on",
    "file_complete_on",
    "admissibility_kind",
    "admissibility_decided_on",
    "first_step_on",
    "legitimate_reason_on",
    "validation_filed_on",
    "jury_on",
    "result_kind",
    "result_withdrawn_on",
    "updated_at",
)


def worklist_rows(queryset: QuerySet[Candidacy], on: dt.date) -> list[WorklistRow]:
    rows = []
    for (
        pk,
        first_name,
        last_name,
        code,
        title,
        department,
        stage,
        closure,
        started_on,
        pieces,
        complete,
        kind,
        decided,
        step,
        reason,
        filed,
        jury,
        result,
        withdrawn,
        updated_at,
    ) in queryset.values_list(*ROW_FIELDS):
        status = compute_status(
            StatusFacts(
                stage=stage,
                closure=closure,
                started_on=started_on,
                pieces_requested_on=pieces,
                complete_on=complete,
                decision_kind=kind or "",
                decided_on=decided,
                first_step_on=step,
                legitimate_reason=reason is not None,
                validation_filed_on=filed,
                jury_on=jury,
                result_kind=result,
                result_withdrawn=withdrawn is not None,
            ),
            on,
        )
        rows.append(
            WorklistRow(
                pk=pk,
                candidate_name=f"{first_name or ''} {last_name or ''}".strip() or "(données anonymisées)",
                certification_code=code,
                certification_title=title,
                department_code=department,
                stage=stage,
                status=status.code,
                deadline=status.deadline,
                deadline_label=status.deadline_label,
                note=status.note,
                updated_at=updated_at,
                overdue=status.deadline is not None and status.deadline < on,
            )
        )
    return rows


def worklist(
    *,
    scope: str,
    organisation: Organisation,
    on: dt.date | None = None,
    statuses: Iterable[str] | None = None,
    due_within: dt.timedelta | None = None,
    page: int = 1,
    page_size: int = 50,
    awaiting_attestation: bool = False,
    search: str = "",
) -> Worklist:
    """The worklist of an accompanier (``scope="accompanier"``), a certifier (``"certifier"``: the files
    addressed to it, registered-only candidacies left out) or a funder (``"funder"``: the programmes it
    sponsors): counts by computed status, how many deadlines fall due within ``due_within`` (14 days by
    default), and one page of rows, most recently changed first. With ``statuses`` or ``due_within`` the
    rows are filtered on their computed status and deadline (every row of the scope is then computed).
    Anonymised candidacies are left out (nothing personal to work on). A certifier's worklist also counts
    the attestations to issue; ``awaiting_attestation`` keeps the candidacies with one. ``search`` keeps the
    candidacies whose reference (« 12 », « n° 12 ») or candidate's name matches (the counts stay the scope's)."""
    on = day_or_today(on)
    window = due_within or DEFAULT_DUE_WITHIN
    queryset = Candidacy.objects.filter(scope_filter(scope=scope, organisation=organisation), anonymised_on=None)
    # One grouped query per (disjoint) part of the scope: each is served by its index alone.
    counts, due_soon = Counter(), 0
    for part in scope_parts(scope=scope, organisation=organisation):
        part_counts, part_due = grouped_counts(Candidacy.objects.filter(part, anonymised_on=None), on, window=window)
        counts.update(part_counts)
        due_soon += part_due
    to_issue = attestations_to_issue(organisation=organisation) if scope == "certifier" else 0
    if awaiting_attestation:
        queryset = queryset.filter(pk__in=_awaiting(queryset).values("candidacy_id"))
    if search.strip():
        queryset = queryset.filter(search_filter(search))
    ordered = queryset.order_by("-updated_at", "-id")
    start = (max(page, 1) - 1) * page_size
    if (awaiting_attestation or search.strip()) and statuses is None and due_within is None:
        total = ordered.count()
        rows = worklist_rows(ordered[start : start + page_size], on)
    elif statuses is None and due_within is None:
        # Each part's first rows by its index, merged: no sort of the whole scope for one page.
        keys = []
        for part in scope_parts(scope=scope, organisation=organisation):
            recent = Candidacy.objects.filter(part, anonymised_on=None).order_by("-updated_at", "-id")
            keys += recent.values_list("updated_at", "id")[: start + page_size]
        chosen = [pk for _, pk in sorted(keys, reverse=True)[start : start + page_size]]
        rows = worklist_rows(Candidacy.objects.filter(pk__in=chosen).order_by("-updated_at", "-id"), on)
        total = sum(counts.values())
    else:
        total, rows = _filtered_rows(ordered, on, statuses, due_within, start, page_size)
    return Worklist(
        {code: counts.get(code, 0) for code in STATUS_LABELS},
        due_soon,
        total,
        rows,
        max(page, 1),
        page_size,
        to_issue,
    )


def _awaiting(candidacies: QuerySet[Candidacy]) -> QuerySet[Attestation]:
    return Attestation.objects.filter(issued_on__isnull=True, candidacy__in=candidacies.values("pk"))


def attestations_to_issue(*, organisation: Organisation) -> int:
    """How many attestations the certifier has to issue: a COUNT on the (few) attestations not issued,
    one per disjoint part of its scope so each candidacy subquery stays on its index."""
    return sum(
        _awaiting(Candidacy.objects.filter(part, anonymised_on=None)).count()
        for part in scope_parts(scope="certifier", organisation=organisation)
    )


def search_filter(search: str) -> Q:
    """A reference (« 12 », « n° 12 ») or every word of a name, in the candidate's first or last name."""
    text = search.strip()
    reference = text.removeprefix("n°").removeprefix("N°").strip()
    if reference.isdigit():
        return Q(pk=int(reference))
    condition = Q()
    for word in text.split():
        condition &= Q(candidate__first_name__icontains=word) | Q(candidate__last_name__icontains=word)
    return condition


def _filtered_rows(
    ordered: QuerySet[Candidacy],
    on: dt.date,
    statuses: Iterable[str] | None,
    due_within: dt.timedelta | None,
    start: int,
    page_size: int,
) -> tuple[int, list[WorklistRow]]:
    """Rows filtered on their computed status and deadline (every row is computed), and how many match."""
    wanted = set(statuses) if statuses is not None else None
    matching = [
        row
        for row in worklist_rows(ordered, on)
        if (wanted is None or row.status in wanted)
        # The deadlines of the window, and those already past: what is late comes first, in red on the page.
        and (due_within is None or (row.deadline is not None and row.deadline <= on + due_within))
    ]
    if due_within is not None:
        matching.sort(key=lambda row: row.deadline)
    return len(matching), matching[start : start + page_size]


def candidacies_page(
    *,
    condition: Q,
    on: dt.date | None = None,
    statuses: Iterable[str] | None = None,
    due_within: dt.timedelta | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Worklist:
    """A worklist over any set of candidacies (a candidate's own, the GIP's whole view: ``Q()``), with the
    same counts, filters and rows as ``worklist``; anonymised candidacies are left out."""
    on = day_or_today(on)
    queryset = Candidacy.objects.filter(condition, anonymised_on=None)
    counts, due_soon = grouped_counts(queryset, on, window=due_within or DEFAULT_DUE_WITHIN)
    ordered = queryset.order_by("-updated_at", "-id")
    start = (max(page, 1) - 1) * page_size
    if statuses is None and due_within is None:
        total, rows = sum(counts.values()), worklist_rows(ordered[start : start + page_size], on)
    else:
        total, rows = _filtered_rows(ordered, on, statuses, due_within, start, page_size)
    return Worklist(
        {code: counts.get(code, 0) for code in STATUS_LABELS}, due_soon, total, rows, max(page, 1), page_size
    )


def candidacies_of_candidate(*, candidate: User, on: dt.date | None = None) -> list[WorklistRow]:
    """The person's own candidacies with their status, newest first."""
    return worklist_rows(
        Candidacy.objects.filter(candidate=candidate).order_by("-registered_on", "-id"), day_or_today(on)
    )


def overdue_rows(*, condition: Q, on: dt.date | None = None) -> list[WorklistRow]:
    """The open candidacies of ``condition`` whose deadline passed before ``on`` (``WorklistRow.overdue``: a jury
    still to hold after its latest date, a result still to record after the jury). Narrowed with the stored
    deadlines, then each row decided by ``compute_status``, as the daily scan does: the other stages' deadlines
    turn into another status once passed (recevable par silence, caducité), never into a late one."""
    on = day_or_today(on)
    narrowed = Candidacy.objects.filter(condition, anonymised_on=None, closure=Closure.OPEN).filter(
        Q(stage=Stage.VALIDATION_FILED, latest_jury_on__lt=on) | Q(stage=Stage.JURY_SCHEDULED, jury_on__lt=on)
    )
    return [row for row in worklist_rows(narrowed.order_by("pk"), on) if row.overdue]
