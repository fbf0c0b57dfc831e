"""The pseudonymised event table, written as Parquet by DuckDB from the extractions of facts.py.

A snapshot is a directory ``<STATS_SNAPSHOT_DIR>/<date>/``: ``events.parquet`` (the fact table, internal:
pseudonymous keys, certifier SIRET), ``manifest.json`` and ``opendata/`` (the public tables, secrecy applied).
The dashboards read these files only.

Pseudonymous keys: HMAC-SHA256 with ``STATS_PSEUDONYM_KEY`` (docs/environment.md) of ``person:<user id>``
(the same person across pathways and congé requests: the longitudinal follow-up of R6423-5) and of
``pathway:<candidacy id>`` (to pair a pathway's steps). Computed inside DuckDB (sha256 over the padded key, as
RFC 2104 says; tests/statistics/test_snapshot.py checks it equals Python's hmac); without the key a keyed
hash cannot be recomputed from a known id, and the identifiers themselves are never written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb

EVENTS_FILE = "events.parquet"


def snapshot_root() -> Path:
    from django.conf import settings

    return Path(settings.STATS_SNAPSHOT_DIR)


# A key is the HMAC's first 63 bits as a BIGINT (signed in PostgreSQL too): far cheaper to write, read and group
# than 64 hex characters, and collisions stay negligible (about 1 in 10^6 for 4 million people).
KEY_MASK = (1 << 63) - 1

PATHWAY_TYPES = {
    "candidacy_id": "BIGINT",
    "candidate_id": "BIGINT",
    "registered_on": "DATE",
    "department": "VARCHAR",
    "region": "VARCHAR",
    "certification": "VARCHAR",
    "certification_level": "INTEGER",
    "candidate_level": "INTEGER",
    "nsf": "VARCHAR",
    "employment_status": "VARCHAR",
    "accompaniment_mode": "VARCHAR",
    "has_accompanier": "INTEGER",
    "programme_kind": "VARCHAR",
    "funder": "VARCHAR",
    "certifier_siret": "VARCHAR",
    "enrolled_on": "DATE",
    "filed_on": "DATE",
    "file_complete_on": "DATE",
    "decision_due_on": "DATE",
    "admissibility_kind": "VARCHAR",
    "admissibility_decided_on": "DATE",
    "lapse_on": "DATE",
    "first_step_on": "DATE",
    "legitimate_reason_on": "DATE",
    "stage": "VARCHAR",
    "validation_filed_on": "DATE",
    "jury_on": "DATE",
    "result_kind": "VARCHAR",
    "result_withdrawn_on": "DATE",
    "blocks_acquired": "INTEGER",
    "closure": "VARCHAR",
    "closure_reason": "VARCHAR",
    "closed_on": "DATE",
}
LEAVE_TYPES = {
    "request_id": "BIGINT",
    "employee_id": "BIGINT",
    "request_received": "DATE",
    "certification": "VARCHAR",
    "certification_level": "INTEGER",
    "candidate_level": "INTEGER",
    "answer_kind": "VARCHAR",
    "answered_on": "DATE",
    "status": "VARCHAR",
    "answer_due": "DATE",
}

FUNDING_TYPES = {
    "request_id": "BIGINT",
    "candidacy_id": "BIGINT",
    "person_id": "BIGINT",
    "decided_on": "DATE",
    "decision_kind": "VARCHAR",
    "granted_total": "DECIMAL(12, 2)",
    "funder_kind": "VARCHAR",
    "department": "VARCHAR",
    "region": "VARCHAR",
    "certification": "VARCHAR",
    "certification_level": "INTEGER",
}

# The fact table's columns, in order (the data dictionary describes each: opendata.DICTIONARY).
EVENT_COLUMNS = (
    "event",
    "domain",
    "event_date",
    "event_year",
    "event_month",
    "cohort_year",
    "pathway_key",
    "person_key",
    "department",
    "region",
    "certification",
    "certification_level",
    "candidate_level",
    "nsf",
    "employment_status",
    "accompanied",
    "programme_kind",
    "funder",
    "certifier_siret",
    "reason",
    "blocks_acquired",
    "amount_band",
)


def hmac_sql(key: bytes, message_sql: str) -> str:
    """HMAC-SHA256 (RFC 2104) of the text ``message_sql`` evaluates to, as DuckDB SQL: its first 63 bits."""
    block = hashlib.sha256(key).digest() if len(key) > 64 else key
    block = block.ljust(64, b"\0")
    inner = bytes(b ^ 0x36 for b in block).hex()
    outer = bytes(b ^ 0x5C for b in block).hex()
    digest = f"sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode({message_sql}))))"
    return f"((('0x' || left({digest}, 16))::UBIGINT & {KEY_MASK}::UBIGINT)::BIGINT)"


def key_of(key: bytes, message: str) -> int:
    """The same key in Python (tests, and whoever must find a person's rows with the secret)."""
    import hmac

    return int(hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:16], 16) & KEY_MASK


# The columns of ``base`` the final SELECTs read (the dates and conditions are consumed by the unpivot).
PATHWAY_KEPT = (
    "registered_on, person_key, pathway_key, department, region, certification, certification_level, "
    "candidate_level, nsf, employment_status, accompaniment_mode, programme_kind, funder, certifier_siret, "
    "closure_reason, blocks_acquired"
)
LEAVE_KEPT = "request_received, person_key, certification, certification_level, candidate_level"


def _unpivot(steps: list[tuple[str, str, str]], columns: str) -> str:
    """One row per (pathway or request, event) in a single pass over ``base``: each row carries the list of its
    steps — (event, date when its condition holds, else NULL) — which is unnested and filtered. Cheaper than one
    SELECT per step stacked with UNION ALL (a scan of every column per step)."""
    structs = ", ".join(
        f"{{'event': '{event}', 'day': CASE WHEN coalesce({condition}, false) THEN CAST({date} AS DATE) END}}"
        for event, date, condition in steps
    )
    return f"SELECT {columns}, unnest([{structs}]) AS step FROM base"


def _pathway_events_sql(on: dt.date, key: bytes) -> str:
    day = f"DATE '{on.isoformat()}'"
    # The worklists' comparisons (acquis.pathways.worklists.grouped_counts) at the snapshot date.
    known = f"(admissibility_decided_on <= {day})"
    deemed = f"(file_complete_on <= {day} AND NOT coalesce({known}, false) AND decision_due_on < {day})"
    admitted = f"((coalesce({known}, false) AND admissibility_kind = 'admissible') OR {deemed})"
    kept = "(legitimate_reason_on IS NOT NULL OR coalesce(first_step_on < lapse_on, false))"
    lapsed = (
        f"({admitted} AND stage = 'feasibility_filed' AND lapse_on <= {day} AND NOT {kept}"
        " AND (closed_on IS NULL OR closed_on >= lapse_on))"
    )
    steps = [
        ("registered", "registered_on", "true"),
        ("accompaniment_chosen", "coalesce(chosen_on, registered_on)", "has_accompanier = 1"),
        ("programme_enrolled", "enrolled_on", "enrolled_on IS NOT NULL"),
        ("feasibility_filed", "filed_on", "filed_on IS NOT NULL"),
        ("admissible", "admissibility_decided_on", f"{known} AND admissibility_kind = 'admissible'"),
        ("not_admissible", "admissibility_decided_on", f"{known} AND admissibility_kind = 'not_admissible'"),
        ("deemed_admissible", "decision_due_on + 1", deemed),
        ("lapsed", "lapse_on", lapsed),
        ("validation_filed", "validation_filed_on", "validation_filed_on IS NOT NULL"),
        ("jury_held", "jury_on", f"jury_on <= {day}"),
        ("result_full", "jury_on", "result_kind = 'full'"),
        ("result_partial", "jury_on", "result_kind = 'partial'"),
        ("result_refused", "jury_on", "result_kind = 'refused'"),
        ("result_withdrawn", "result_withdrawn_on", "result_withdrawn_on IS NOT NULL"),
        ("dropped_out", "closed_on", "closure = 'dropped_out'"),
        ("archived", "closed_on", "closure = 'archived'"),
        ("reoriented", "closed_on", "closure = 'reoriented'"),
    ]
    person = hmac_sql(key, "'person:' || candidate_id::VARCHAR")
    pathway = hmac_sql(key, "'pathway:' || candidacy_id::VARCHAR")
    return f"""
    WITH base AS MATERIALIZED (
      SELECT p.*, a.chosen_on,
        CASE WHEN candidate_id IS NULL THEN NULL ELSE {person} END AS person_key, {pathway} AS pathway_key
      FROM pathways p LEFT JOIN choices a USING (candidacy_id)
    ), unpivoted AS ({_unpivot(steps, PATHWAY_KEPT)}),
    events AS (SELECT step.event AS event, step.day AS event_date, * EXCLUDE (step) FROM unpivoted
               WHERE step.day IS NOT NULL)
    SELECT event, 'pathway' AS domain, event_date, year(event_date) AS event_year,
      strftime(event_date, '%Y-%m') AS event_month, year(registered_on) AS cohort_year, pathway_key, person_key,
      department, region, certification, certification_level, candidate_level, nsf, employment_status,
      accompaniment_mode = 'accompanied' AS accompanied, programme_kind, funder, certifier_siret,
      CASE WHEN event = 'dropped_out' OR event = 'archived' THEN closure_reason END AS reason,
      CASE WHEN event = 'result_partial' THEN blocks_acquired END AS blocks_acquired, NULL::VARCHAR AS amount_band
    FROM events WHERE event_date <= {day}
    """


def _leave_events_sql(on: dt.date, key: bytes) -> str:
    day = f"DATE '{on.isoformat()}'"
    steps = [
        ("leave_sent", "request_received", "true"),
        ("leave_accepted", "answered_on", "answer_kind = 'accept'"),
        ("leave_postponed", "answered_on", "answer_kind = 'postpone'"),
        # leave.status decided for the snapshot date (facts.extract_leave_requests): consent arose the day after
        # the employer's last day to answer.
        ("leave_deemed_consent", "answer_due + 1", "status = 'deemed_accepted'"),
    ]
    person = hmac_sql(key, "'person:' || employee_id::VARCHAR")
    return f"""
    WITH base AS MATERIALIZED (SELECT l.*, {person} AS person_key FROM leave l),
    unpivoted AS ({_unpivot(steps, LEAVE_KEPT)}),
    events AS (SELECT step.event AS event, step.day AS event_date, * EXCLUDE (step) FROM unpivoted
               WHERE step.day IS NOT NULL)
    SELECT event, 'leave' AS domain, event_date, year(event_date) AS event_year,
      strftime(event_date, '%Y-%m') AS event_month, year(request_received) AS cohort_year,
      NULL::BIGINT AS pathway_key, person_key, NULL::VARCHAR AS department, NULL::VARCHAR AS region, certification,
      certification_level, candidate_level, NULL::VARCHAR AS nsf, 'employee' AS employment_status,
      NULL::BOOLEAN AS accompanied, NULL::VARCHAR AS programme_kind, NULL::VARCHAR AS funder,
      NULL::VARCHAR AS certifier_siret, NULL::VARCHAR AS reason, NULL::INTEGER AS blocks_acquired,
      NULL::VARCHAR AS amount_band
    FROM events WHERE event_date <= {day}
    """


def _amount_band_sql(column: str) -> str:
    from acquis.statistics.enums import AMOUNT_BANDS

    cases = " ".join(f"WHEN {column} >= {low} THEN '{label}'" for low, label in reversed(AMOUNT_BANDS))
    return f"CASE {cases} END"


def _funding_events_sql(on: dt.date, key: bytes) -> str:
    """One event per funding decision (funding_full / funding_partial / funding_refused), dated the decision's day:
    the funder's kind, the amount granted as a band (enums.AMOUNT_BANDS), the pathway's territory."""
    day = f"DATE '{on.isoformat()}'"
    person = hmac_sql(key, "'person:' || person_id::VARCHAR")
    pathway = hmac_sql(key, "'pathway:' || candidacy_id::VARCHAR")
    return f"""
    SELECT 'funding_' || decision_kind AS event, 'funding' AS domain, decided_on AS event_date,
      year(decided_on) AS event_year, strftime(decided_on, '%Y-%m') AS event_month, year(decided_on) AS cohort_year,
      CASE WHEN candidacy_id IS NULL THEN NULL ELSE {pathway} END AS pathway_key,
      CASE WHEN person_id IS NULL THEN NULL ELSE {person} END AS person_key, department, region, certification,
      certification_level, NULL::INTEGER AS candidate_level, NULL::VARCHAR AS nsf, NULL::VARCHAR AS employment_status,
      NULL::BOOLEAN AS accompanied, NULL::VARCHAR AS programme_kind, funder_kind AS funder,
      NULL::VARCHAR AS certifier_siret, NULL::VARCHAR AS reason, NULL::INTEGER AS blocks_acquired,
      {_amount_band_sql("granted_total")} AS amount_band
    FROM funding WHERE decided_on <= {day}
    """


def _read_csv(path: Path, types: dict[str, str]) -> str:
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
    return f"read_csv('{path}', header = true, columns = {{{columns}}}, nullstr = '')"


def write_events(
    *,
    pathways_csv: Path,
    choices_csv: Path,
    leave_csv: Path,
    target: Path,
    funding_csv: Path | None = None,
    on: dt.date,
    key: bytes,
    threads: int | None = None,
) -> int:
    """Turn the extractions into ``target`` (Parquet, zstd) and return the number of events written."""
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute(f"CREATE VIEW pathways AS SELECT * FROM {_read_csv(pathways_csv, PATHWAY_TYPES)}")
    con.execute(
        "CREATE VIEW choices AS SELECT CAST(candidacy_id AS BIGINT) AS candidacy_id, MIN(chosen_at) AS chosen_on "
        f"FROM {_read_csv(choices_csv, {'candidacy_id': 'VARCHAR', 'chosen_at': 'DATE'})} GROUP BY 1"
    )
    con.execute(f"CREATE VIEW leave AS SELECT * FROM {_read_csv(leave_csv, LEAVE_TYPES)}")
    query = f"({_pathway_events_sql(on, key)}) UNION ALL ({_leave_events_sql(on, key)})"
    if funding_csv is not None:
        con.execute(f"CREATE VIEW funding AS SELECT * FROM {_read_csv(funding_csv, FUNDING_TYPES)}")
        query += f" UNION ALL ({_funding_events_sql(on, key)})"
    columns = ", ".join(EVENT_COLUMNS)
    tmp = target.with_suffix(".tmp")
    # Not sorted: sorting 10 million rows costs more than it saves the queries, which read whole columns.
    con.execute(f"COPY (SELECT {columns} FROM ({query})) TO '{tmp}' (FORMAT parquet, COMPRESSION zstd)")
    count = con.execute(f"SELECT count(*) FROM read_parquet('{tmp}')").fetchone()[0]
    con.close()
    tmp.replace(target)
    return count
