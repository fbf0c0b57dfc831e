"""Operational rows → statistical facts: what the snapshot reads from the operational database.

Two narrow extractions, one row per pathway and one per sent congé VAE request, each streamed to a CSV file
that DuckDB turns into the pseudonymised event table (snapshot.py); the operational database is read once, by
plain SELECTs, and never by the dashboards.

Where each event comes from (EVENT_SOURCES): the audited services write a legal date beside each transition
they record (the audit event's own time is when it was typed, not the legal date: a file filed on paper on
Monday and entered on Wednesday was filed on Monday), so the dates are read from those columns. The states the
law derives from time — recevable par silence (R6412-4), caducité, accord tacite of the employer (R6422-4) —
are not re-derived here: they are the rules' deadlines the services stored (``decision_due_on``, ``lapse_on``)
compared with the snapshot date exactly as the worklists compare them (acquis.pathways.worklists, tested equal
to compute_status), and for the congé the leave.status rule decided on the snapshot date.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db import connection

from acquis.audit.enums import EventType
from acquis.statistics.enums import EventKind

# The audited transition behind each event (docs/statistics.md prints this table).
EVENT_SOURCES: dict[str, str] = {
    EventKind.REGISTERED: EventType.CANDIDACY_REGISTERED,
    EventKind.ACCOMPANIMENT_CHOSEN: EventType.CANDIDACY_ACCOMPANIER_CHOSEN,
    EventKind.PROGRAMME_ENROLLED: EventType.CANDIDACY_PROGRAMME_ENROLLED,
    EventKind.FEASIBILITY_FILED: EventType.FEASIBILITY_FILE_SUBMITTED,
    EventKind.ADMISSIBLE: EventType.FEASIBILITY_DECIDED,
    EventKind.NOT_ADMISSIBLE: EventType.FEASIBILITY_DECIDED,
    # Derived at the snapshot date from the deadline the rules fixed at this transition:
    EventKind.DEEMED_ADMISSIBLE: EventType.FEASIBILITY_RECEIPT_ACKNOWLEDGED,
    EventKind.LAPSED: EventType.FEASIBILITY_DECIDED,
    EventKind.VALIDATION_FILED: EventType.VALIDATION_FILE_SUBMITTED,
    EventKind.JURY_HELD: EventType.JURY_SCHEDULED,
    EventKind.RESULT_FULL: EventType.JURY_RESULT_RECORDED,
    EventKind.RESULT_PARTIAL: EventType.JURY_RESULT_RECORDED,
    EventKind.RESULT_REFUSED: EventType.JURY_RESULT_RECORDED,
    EventKind.RESULT_WITHDRAWN: EventType.JURY_RESULT_WITHDRAWN,
    EventKind.DROPPED_OUT: EventType.CANDIDACY_DROPPED_OUT,
    EventKind.ARCHIVED: EventType.CANDIDACY_ARCHIVED,
    EventKind.REORIENTED: EventType.CANDIDACY_REORIENTED,
    EventKind.LEAVE_SENT: EventType.LEAVE_REQUEST_SENT,
    EventKind.LEAVE_ACCEPTED: EventType.LEAVE_REQUEST_ANSWERED,
    EventKind.LEAVE_POSTPONED: EventType.LEAVE_REQUEST_ANSWERED,
    EventKind.LEAVE_DEEMED_CONSENT: EventType.LEAVE_REQUEST_SENT,
    EventKind.FUNDING_FULL: EventType.FUNDING_REQUEST_DECIDED,
    EventKind.FUNDING_PARTIAL: EventType.FUNDING_REQUEST_DECIDED,
    EventKind.FUNDING_REFUSED: EventType.FUNDING_REQUEST_DECIDED,
}

# One row per pathway: identifiers (turned into keyed hashes by the snapshot, never written as such), dates, and
# the coded dimensions. No name, e-mail or free text is selected.
PATHWAY_COLUMNS = (
    "candidacy_id",
    "candidate_id",
    "registered_on",
    "department",
    "region",
    "certification",
    "certification_level",
    "candidate_level",
    "nsf",
    "employment_status",
    "accompaniment_mode",
    "has_accompanier",
    "programme_kind",
    "funder",
    "certifier_siret",
    "enrolled_on",
    "filed_on",
    "file_complete_on",
    "decision_due_on",
    "admissibility_kind",
    "admissibility_decided_on",
    "lapse_on",
    "first_step_on",
    "legitimate_reason_on",
    "stage",
    "validation_filed_on",
    "jury_on",
    "result_kind",
    "result_withdrawn_on",
    "blocks_acquired",
    "closure",
    "closure_reason",
    "closed_on",
)

# Pre-aggregated side tables joined by hash, not correlated subqueries (one index probe per pathway and per
# subquery cost ~100 µs a pathway on PostgreSQL; the joins, ~15). Window functions: SQLite ≥ 3.25 and PostgreSQL.
PATHWAY_SQL = """
SELECT c.id, c.candidate_id, c.registered_on, d.code, r.code, cert.code, cert.level, c.qualification_level,
  nsf.code, x.employment_status,
  c.accompaniment_mode, CASE WHEN c.accompanier_id IS NULL THEN 0 ELSE 1 END,
  p.kind, COALESCE(fd.kind, p.funder), COALESCE(o.siret, cc.siret),
  c.enrolled_on, f.filed_on, c.file_complete_on, c.decision_due_on, c.admissibility_kind,
  c.admissibility_decided_on, c.lapse_on, c.first_step_on, c.legitimate_reason_on, c.stage,
  c.validation_filed_on, c.jury_on, c.result_kind, c.result_withdrawn_on,
  CASE WHEN c.result_kind = 'partial' THEN COALESCE(bl.blocks, 0) ELSE 0 END,
  c.closure, c.closure_reason, c.closed_on
FROM pathways_candidacy c
JOIN territories_department d ON d.id = c.department_id
JOIN territories_region r ON r.id = d.region_id
LEFT JOIN certifications_certification cert ON cert.id = c.certification_id
LEFT JOIN pathways_collectiveprogramme p ON p.id = c.programme_id
LEFT JOIN accounts_organisation o ON o.id = c.certifier_id
LEFT JOIN pathways_feasibilityfile f ON f.candidacy_id = c.id
LEFT JOIN (SELECT certification_id, MIN(code) AS code FROM certifications_certificationnsfcode
           GROUP BY certification_id) nsf ON nsf.certification_id = c.certification_id
LEFT JOIN (SELECT certification_id, MIN(siret) AS siret FROM certifications_certificationcertifier
           WHERE siret <> '' GROUP BY certification_id) cc ON cc.certification_id = c.certification_id
LEFT JOIN (SELECT candidacy_id, employment_status,
             ROW_NUMBER() OVER (PARTITION BY candidacy_id ORDER BY started_on DESC, id DESC) AS latest
           FROM pathways_experience) x ON x.candidacy_id = c.id AND x.latest = 1
LEFT JOIN (SELECT v.candidacy_id, COUNT(*) AS blocks FROM pathways_juryresult_blocks_acquired b
             JOIN pathways_juryresult jr ON jr.id = b.juryresult_id
             JOIN pathways_jurysession s ON s.id = jr.session_id
             JOIN pathways_validationfile v ON v.id = s.validation_file_id
           GROUP BY v.candidacy_id) bl ON bl.candidacy_id = c.id
LEFT JOIN (SELECT r.candidacy_id, fu.kind,
             ROW_NUMBER() OVER (PARTITION BY r.candidacy_id ORDER BY fdec.decided_on DESC, fdec.id DESC) AS latest
           FROM funding_fundingdecision fdec
             JOIN funding_fundingrequest r ON r.id = fdec.request_id
             JOIN funding_funder fu ON fu.id = r.funder_id
           WHERE fdec.kind <> 'refused' AND r.candidacy_id IS NOT NULL AND fdec.decided_on <= '{on}'
          ) fd ON fd.candidacy_id = c.id AND fd.latest = 1
WHERE c.registered_on <= '{on}'
"""

# One row per funding decision taken on or before the snapshot date: its kind, the amount granted (turned into a
# band by the snapshot, never written as such), the funder's kind; the pathway's territory and certification when
# the request is for a pathway (else the request's département). Who is funded is only a keyed hash.
FUNDING_COLUMNS = (
    "request_id",
    "candidacy_id",
    "person_id",
    "decided_on",
    "decision_kind",
    "granted_total",
    "funder_kind",
    "department",
    "region",
    "certification",
    "certification_level",
)
FUNDING_SQL = """
SELECT r.id, r.candidacy_id, COALESCE(c.candidate_id, r.candidate_id, l.employee_id), fdec.decided_on, fdec.kind,
  r.granted_total, fu.kind, d.code, rg.code, cert.code, cert.level
FROM funding_fundingdecision fdec
JOIN funding_fundingrequest r ON r.id = fdec.request_id
JOIN funding_funder fu ON fu.id = r.funder_id
LEFT JOIN pathways_candidacy c ON c.id = r.candidacy_id
LEFT JOIN leave_leaverequest l ON l.id = r.leave_request_id
LEFT JOIN territories_department d ON d.id = COALESCE(c.department_id, r.department_id)
LEFT JOIN territories_region rg ON rg.id = d.region_id
LEFT JOIN certifications_certification cert ON cert.id = COALESCE(c.certification_id, l.certification_id)
WHERE fdec.decided_on <= '{on}'
"""

# When the accompanier was chosen after registration: the day of its audited choice (Paris time).
ACCOMPANIER_CHOSEN_COLUMNS = ("candidacy_id", "chosen_at")
ACCOMPANIER_CHOSEN_SQL = f"""
SELECT object_id, MIN(occurred_at) FROM audit_auditevent
WHERE action = '{EventType.CANDIDACY_ACCOMPANIER_CHOSEN.value}' AND object_type = 'pathways.candidacy'
GROUP BY object_id
"""

LEAVE_COLUMNS = (
    "request_id",
    "employee_id",
    "request_received",
    "certification",
    "certification_level",
    "candidate_level",
    "answer_kind",
    "answered_on",
    "status",
    "answer_due",
)
LEAVE_SQL = """
SELECT l.id, l.employee_id, l.request_received, cert.code, cert.level, l.qualification_level,
  a.kind, a.answered_on, a.postponed_to, a.reasons
FROM leave_leaverequest l
LEFT JOIN certifications_certification cert ON cert.id = l.certification_id
LEFT JOIN leave_leaveanswer a ON a.request_id = l.id
WHERE l.request_received IS NOT NULL AND l.request_received <= '{on}' AND l.state <> 'draft'
ORDER BY l.id
"""


def _write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _fetch(sql: str, chunk: int = 20_000) -> Iterator[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(chunk):
            yield from batch


def _copy_postgresql(sql: str, path: Path, header: Iterable[str]) -> None:
    """PostgreSQL streams the rows as CSV itself (COPY … TO STDOUT): no Python object per row."""
    with path.open("wb") as handle, connection.cursor() as cursor:
        handle.write((",".join(header) + "\n").encode())
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
            for data in copy:
                handle.write(data)


def extract_pathways(directory: Path, *, on: dt.date) -> Path:
    """One CSV row per pathway registered on or before ``on``."""
    path = directory / "pathways.csv"
    sql = PATHWAY_SQL.format(on=on.isoformat())
    if connection.vendor == "postgresql":
        _copy_postgresql(sql, path, PATHWAY_COLUMNS)
    else:
        _write_csv(path, PATHWAY_COLUMNS, _fetch(sql))
    return path


def extract_funding_decisions(directory: Path, *, on: dt.date) -> Path:
    """One CSV row per funding decision taken on or before ``on``."""
    path = directory / "funding_decisions.csv"
    sql = FUNDING_SQL.format(on=on.isoformat())
    if connection.vendor == "postgresql":
        _copy_postgresql(sql, path, FUNDING_COLUMNS)
    else:
        _write_csv(path, FUNDING_COLUMNS, _fetch(sql))
    return path


def extract_accompanier_choices(directory: Path) -> Path:
    from django.utils import timezone

    def rows():
        for object_id, occurred_at in _fetch(ACCOMPANIER_CHOSEN_SQL):
            if isinstance(occurred_at, str):  # SQLite hands back the text
                occurred_at = dt.datetime.fromisoformat(occurred_at)
            if timezone.is_naive(occurred_at):
                occurred_at = timezone.make_aware(occurred_at, dt.UTC)
            yield object_id, timezone.localdate(occurred_at).isoformat()

    path = directory / "accompanier_choices.csv"
    _write_csv(path, ACCOMPANIER_CHOSEN_COLUMNS, rows())
    return path


def extract_leave_requests(directory: Path, *, on: dt.date) -> Path:
    """One CSV row per request received on or before ``on``, with leave.status decided for that day (the rule,
    memoised per distinct facts by acquis.leave.selectors) and the employer's answer due date."""
    from acquis.leave.selectors import answer_due_value, status_value

    def day(value):
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    def rows():
        for pk, employee, received, cert, level, qualification, kind, answered_on, postponed_to, reasons in _fetch(
            LEAVE_SQL.format(on=on.isoformat())
        ):
            received, answered_on, postponed_to = day(received), day(answered_on), day(postponed_to)
            if answered_on is not None and answered_on > on:
                kind = answered_on = None  # not known yet on that day
            status, _version = status_value(received, kind, answered_on, postponed_to, reasons or "", on)
            due = answer_due_value(received)
            yield pk, employee, received, cert, level, qualification, kind, answered_on, status, due

    path = directory / "leave_requests.csv"
    _write_csv(path, LEAVE_COLUMNS, rows())
    return path
