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
