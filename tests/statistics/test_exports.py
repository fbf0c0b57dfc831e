"""No personal data in any file a snapshot writes: every column of every export is scanned."""

from __future__ import annotations

import duckdb

from acquis.pathways.models import Candidacy, Experience
from acquis.statistics.snapshot import key_of


def _values(path):
    con = duckdb.connect()
    rows = con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
    columns = [d[0] for d in con.description]
    return columns, rows


def test_no_personal_data_in_any_export(snapshot, small_world):
    people = [c.candidate for c in small_world.values()]
    forbidden = set()
    for person in people:
        forbidden |= {person.email, person.first_name, person.last_name, str(person.pk)}
    forbidden |= {str(c.pk) for c in Candidacy.objects.all()}
    forbidden |= set(Experience.objects.values_list("title", flat=True))
    forbidden = {f for f in forbidden if f}
    files = sorted(snapshot.directory.rglob("*.parquet"))
    assert {f.name for f in files} >= {"events.parquet", "inscriptions_departement_annee.parquet"}
    for path in files:
        columns, rows = _values(path)
        assert not {"email", "name", "first_name", "last_name", "candidate_id", "candidacy_id"} & set(columns)
        for row in rows:
            for column, value in zip(columns, row, strict=True):
                if value is None or isinstance(value, bool):
                    continue
                text = str(value)
                # Whole-value match: an id "3" must not appear as a cell; counts are allowed in the open data.
                if column in (
                    "event_year",
                    "cohort_year",
                    "certification_level",
                    "candidate_level",
                    "blocks_acquired",
                ):
                    continue
                if "opendata" in str(path) and text.isdigit():
                    continue
                assert text not in forbidden, (path.name, column, text)
                assert "@" not in text, (path.name, column)
    for path in sorted(snapshot.directory.rglob("*.csv")):
        content = path.read_text(encoding="utf-8")
        assert "@" not in content
        for person in people:
            assert person.email not in content and (not person.last_name or person.last_name not in content)


def test_keys_are_pseudonymous_and_stable(snapshot, small_world, settings):
    columns, rows = _values(snapshot.events)
    person = columns.index("person_key")
    keys = {r[person] for r in rows}
    secret = settings.STATS_PSEUDONYM_KEY.encode()
    # One key per person (the longitudinal follow-up): the keyed hash of its id, never the id.
    assert keys == {key_of(secret, f"person:{c.candidate_id}") for c in small_world.values()}
    assert not keys & {c.candidate_id for c in small_world.values()}


def test_no_working_file_is_left_behind(snapshot):
    assert not [p for p in snapshot.directory.parent.iterdir() if p.name.startswith(".")]


def test_no_personal_data_of_leave_requests(small_world, tmp_path, settings):
    """The congé VAE events too: neither the employee nor the employer (name, e-mail, SIRET) nor the request's id,
    in any column of any file; the employee is a pseudonymous key."""
    from django.utils import timezone

    from acquis.statistics.selectors import latest_snapshot
    from acquis.statistics.services import statistics_snapshot_create
    from tests.leave.factories import LeaveRequestFactory

    requests = [LeaveRequestFactory(answered_accept=True, era_2024=True), LeaveRequestFactory(sent=True)]
    settings.STATS_SNAPSHOT_DIR = tmp_path
    statistics_snapshot_create(on=timezone.localdate())
    snapshot = latest_snapshot()
    forbidden = set()
    for request in requests:
        forbidden |= {request.employee.email, request.employee.last_name, request.employer.name}
        forbidden |= {request.employer.siret, str(request.employee.pk), str(request.pk)}
    columns, rows = _values(snapshot.events)
    leave_rows = [row for row in rows if row[columns.index("domain")] == "leave"]
    assert len(leave_rows) >= 3  # two received, one accepted
    id_columns = {"event", "domain", "event_date", "event_year", "event_month", "cohort_year", "certification_level"}
    for row in leave_rows:
        for column, value in zip(columns, row, strict=True):
            if value is not None and column not in id_columns:
                assert str(value) not in forbidden, (column, value)
    keys = {row[columns.index("person_key")] for row in leave_rows}
    assert keys == {key_of(settings.STATS_PSEUDONYM_KEY.encode(), f"person:{r.employee_id}") for r in requests}
    for path in sorted(snapshot.directory.rglob("*.csv")):
        content = path.read_text(encoding="utf-8")
        assert not [f for f in forbidden if not f.isdigit() and f in content], path.name
