"""The snapshot: command, task, derived states equal to the rules' status on the snapshot date, replacement."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from acquis.audit.models import AuditEvent
from acquis.pathways.selectors import candidacy_status
from acquis.statistics.selectors import latest_snapshot
from acquis.statistics.services import statistics_snapshot_create
from acquis.statistics.tasks import statistics_snapshot_daily


def _events(snapshot, event):
    return (
        duckdb.connect()
        .execute(f"SELECT count(*) FROM read_parquet('{snapshot.events}') WHERE event = ?", [event])
        .fetchone()[0]
    )


def test_command_prints_progress_and_writes_the_snapshot(small_world, capsys):
    call_command("stats_snapshot")
    out = capsys.readouterr().out
    assert "Lecture des parcours" in out and "8 parcours" in out and "événements" in out
    snapshot = latest_snapshot()
    assert snapshot.on == timezone.localdate() and snapshot.manifest["pathways"] == 8
    assert AuditEvent.objects.filter(action="statistics_snapshot_created", object_id=snapshot.on.isoformat()).exists()


def test_command_refuses_a_bad_or_future_date(db):
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("stats_snapshot", "--on", "07/12/2026")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="futur"):
        call_command("stats_snapshot", "--on", tomorrow, "--no-progress")
    assert latest_snapshot() is None


def test_daily_task(small_world):
    assert statistics_snapshot_daily.enqueue().return_value > 0
    assert latest_snapshot() is not None


def test_a_past_snapshot_sees_only_what_was_known_then(small_world):
    # On 2024-09-01 the silence had not yet made the complete file admissible (delay until 2024-09-11), and no
    # admissibility had lapsed; the 2025 cohort did not exist.
    statistics_snapshot_create(on=dt.date(2024, 9, 1))
    past = latest_snapshot()
    assert past.on == dt.date(2024, 9, 1)
    assert _events(past, "registered") == 6
    assert _events(past, "deemed_admissible") == 0 and _events(past, "lapsed") == 0
    assert _events(past, "jury_held") == 0  # juries sit on 2024-09-29


def test_derived_states_match_the_rules_status_on_the_snapshot_day(snapshot, small_world):
    """Deemed admissibility and lapse come from the rules' deadlines compared with the snapshot date: the candidacy
    pages' status (compute_status, which decides the rules) says the same on that day."""
    deemed, lapsed = _events(snapshot, "deemed_admissible"), _events(snapshot, "lapsed")
    statuses = {name: candidacy_status(c, on=snapshot.on).code for name, c in small_world.items()}
    assert deemed == 1 and lapsed == 2
    assert statuses["deemed"] == "lapsed" and statuses["admissible"] == "lapsed"
    assert sum(1 for s in statuses.values() if s == "lapsed") == lapsed


def test_at_most_one_event_of_each_kind_per_pathway(snapshot):
    """What lets the cohort funnel count events rather than distinct pathways (indicators._funnel)."""
    repeated = (
        duckdb.connect()
        .execute(
            f"SELECT pathway_key, event, count(*) FROM read_parquet('{snapshot.events}') WHERE domain = 'pathway' "
            "GROUP BY 1, 2 HAVING count(*) > 1"
        )
        .fetchall()
    )
    assert repeated == []
    both = (
        duckdb.connect()
        .execute(
            f"SELECT pathway_key FROM read_parquet('{snapshot.events}') "
            "WHERE event IN ('admissible', 'deemed_admissible') GROUP BY 1 HAVING count(*) > 1"
        )
        .fetchall()
    )
    assert both == []


def test_dimensions_of_the_events(snapshot, small_world):
    rows = (
        duckdb.connect()
        .execute(
            "SELECT event, department, region, certification, certification_level, candidate_level, "
            "employment_status, accompanied, certifier_siret, reason, blocks_acquired "
            f"FROM read_parquet('{snapshot.events}') "
            "WHERE event IN ('result_partial', 'dropped_out')"
        )
        .fetchall()
    )
    partial = small_world["partial"]
    assert (
        "result_partial", "31", "76", partial.certification.code, 4, 3, "employee", False, partial.certifier.siret,
        None, 1,
    ) in rows  # fmt: skip
    assert [r[9] for r in rows if r[0] == "dropped_out"] == ["personal"]


def test_the_command_prunes_snapshots_older_than_the_retention(db, settings, tmp_path, capsys):
    settings.STATS_SNAPSHOT_DIR = tmp_path
    settings.STATS_SNAPSHOT_RETENTION_DAYS = 30
    today = timezone.localdate()
    old, kept = today - dt.timedelta(days=31), today - dt.timedelta(days=30)
    for day in (old, kept):
        (tmp_path / day.isoformat()).mkdir()
        (tmp_path / day.isoformat() / "events.parquet").write_bytes(b"")
    (tmp_path / "besoins.csv").write_text("x", encoding="utf-8")  # not a snapshot: never pruned
    call_command("stats_snapshot")
    assert "1 instantané(s) de plus de 30 jours supprimé(s)" in capsys.readouterr().out
    assert not (tmp_path / old.isoformat()).exists()
    assert (tmp_path / kept.isoformat()).exists() and (tmp_path / today.isoformat()).exists()
    assert (tmp_path / "besoins.csv").exists()
    event = AuditEvent.objects.get(action="statistics_snapshot_created")
    assert event.payload["pruned"] == [old.isoformat()]
