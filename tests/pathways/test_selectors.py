"""Worklists, timeline, funder and statistics reads."""

from __future__ import annotations

import datetime as dt

from acquis.accounts.enums import OrganisationKind
from acquis.pathways import selectors, services
from acquis.pathways.models import Candidacy
from acquis.pathways.status import era_boundaries, era_day, era_of
from tests.accounts.factories import OrganisationFactory
from tests.pathways.factories import CandidacyFactory, certification

D = dt.date
ON = D(2024, 9, 1)


def _certifier_world():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    made = {
        "registered": CandidacyFactory(certifier=certifier),
        "filed": CandidacyFactory(filed=True, certifier=certifier),
        "pieces": CandidacyFactory(pieces=True, certifier=certifier),
        "pending": CandidacyFactory(complete=True, certifier=certifier, started_on=D(2024, 7, 1)),
        "deemed": CandidacyFactory(complete=True, certifier=certifier, started_on=D(2024, 5, 1)),
        "admissible": CandidacyFactory(admissible=True, certifier=certifier, started_on=D(2024, 6, 1)),
        "not_admissible": CandidacyFactory(not_admissible=True, certifier=certifier, started_on=D(2024, 6, 1)),
        "earlier": CandidacyFactory(complete=True, certifier=certifier, era_2023=True),
        "dropped": CandidacyFactory(filed=True, dropped_out=True, certifier=certifier),
    }
    return certifier, made


def test_certifier_worklist_counts_by_computed_status_and_deadlines_coming_due():
    certifier, made = _certifier_world()
    other = CandidacyFactory(filed=True)  # another certifier's file
    worklist = selectors.worklist(scope="certifier", organisation=certifier, on=ON)
    counts = {code: n for code, n in worklist.counts.items() if n}
    assert counts == {
        "feasibility_submitted": 1,
        "feasibility_incomplete": 1,
        "pending": 2,  # one in its delay, one of the earlier procedure
        "deemed_admissible": 1,
        "admissible": 1,
        "not_admissible": 1,
        "dropped_out": 1,
    }
    assert worklist.total == 8  # registered-only candidacies are not addressed to the certifier yet
    assert other.pk not in {row.pk for row in worklist.rows}
    # Pending since 2024-08-10 → due 2024-10-10: not within 14 days of ON; within 45 days.
    assert worklist.due_soon == 0
    later = selectors.worklist(scope="certifier", organisation=certifier, on=ON, due_within=dt.timedelta(days=45))
    assert later.due_soon == 1 and [row.pk for row in later.rows] == [made["pending"].pk]
    assert later.rows[0].deadline == D(2024, 10, 10)
    earlier_row = next(row for row in worklist.rows if row.pk == made["earlier"].pk)
    assert earlier_row.note.startswith("procédure antérieure")


def test_grouped_counts_match_the_statuses_computed_row_by_row():
    certifier, _ = _certifier_world()
    for on in (D(2024, 7, 1), ON, D(2025, 6, 1)):
        worklist = selectors.worklist(scope="certifier", organisation=certifier, on=on)
        rows = selectors.worklist(scope="certifier", organisation=certifier, on=on, statuses=list(worklist.counts))
        by_row = {}
        for row in rows.rows:
            by_row[row.status] = by_row.get(row.status, 0) + 1
        assert {k: v for k, v in worklist.counts.items() if v} == by_row


def test_worklist_filters_and_pages():
    certifier, made = _certifier_world()
    pending = selectors.worklist(scope="certifier", organisation=certifier, on=ON, statuses=["pending"])
    assert {row.pk for row in pending.rows} == {made["pending"].pk, made["earlier"].pk} and pending.total == 2
    page = selectors.worklist(scope="certifier", organisation=certifier, on=ON, page=2, page_size=3)
    assert len(page.rows) == 3 and page.page == 2


def test_certifier_by_siret_when_the_candidacy_names_none():
    certifier = OrganisationFactory(kind=OrganisationKind.CERTIFIER)
    candidacy = CandidacyFactory(certifier=None)
    candidacy.certification.certifiers.create(position=1, siret=certifier.siret, name=certifier.name)
    services.feasibility_file_submit(actor=None, candidacy=candidacy, filed_on=D(2024, 7, 1))
    candidacy.refresh_from_db()
    assert candidacy.certifier == certifier  # resolved at filing
    Candidacy.objects.filter(pk=candidacy.pk).update(certifier=None)
    worklist = selectors.worklist(scope="certifier", organisation=certifier, on=ON)
    assert [row.pk for row in worklist.rows] == [candidacy.pk]


def test_accompanier_worklist_and_candidate_list():
    accompanied = CandidacyFactory(accompanied=True, admissible=True)
    worklist = selectors.worklist(scope="accompanier", organisation=accompanied.accompanier, on=ON)
    assert [row.pk for row in worklist.rows] == [accompanied.pk] and worklist.counts["admissible"] == 1
    rows = selectors.candidacies_of_candidate(candidate=accompanied.candidate, on=ON)
    assert [row.status for row in rows] == ["admissible"]


def test_funder_sees_only_its_programmes_and_no_personal_data():
    sponsor = OrganisationFactory(kind=OrganisationKind.FUNDER)
    services.programme_create(
        actor=None,
        name="Cohorte",
        kind="sponsored_cohort",
        sponsor=sponsor,
        enrolment_code="C1",
        starts_on=D(2024, 1, 1),
    )
    candidacy = services.candidacy_programme_enrol(actor=None, candidacy=CandidacyFactory(), enrolment_code="C1")
    CandidacyFactory()
    rows = selectors.funder_worklist(organisation=sponsor).rows
    assert [row.pk for row in rows] == [candidacy.pk]
    assert not hasattr(rows[0], "candidate_name")
    assert selectors.worklist(scope="funder", organisation=sponsor).total == 1


def test_timeline_shows_events_and_decisions_with_their_sources():
    candidacy = CandidacyFactory(result_full=True, era_d6412=True)
    entries = selectors.candidacy_timeline(candidacy, on=D(2025, 1, 1))
    labels = [entry.label for entry in entries if entry.kind == "event"]
    assert labels[0] == "Candidature VAE enregistrée"
    assert "Résultat du jury enregistré" in labels
    decisions = [entry for entry in entries if entry.kind == "decision"]
    by_label = {entry.label: entry for entry in decisions}
    assert by_label["Limite annuelle des dossiers (R6412-3)"].decision.sources[0].article in ("R6412-1", "R6412-3")
    assert by_label["Composition du jury (D6412-6)"].decision.value["valid"] is True
    assert by_label["Notification du résultat (R6412-7)"].decision.rule_id == "jury.result_notification_due"
    assert any(entry.label.startswith("admissibility.status") for entry in decisions)


def test_timeline_of_an_earlier_pathway_shows_error_codes():
    candidacy = CandidacyFactory(jury=True, era_2023=True)
    entries = selectors.candidacy_timeline(candidacy, on=D(2025, 1, 1))
    assert {e.error for e in entries if e.kind == "decision" and e.decision is None} == {"no_version_in_force"}


def test_accompanier_listings_on_a_day():
    from tests.pathways.factories import listed_accompanier

    organisation = listed_accompanier(listed_on=D(2024, 1, 1), expires=D(2024, 12, 31))
    assert [entry.organisation for entry in selectors.accompanier_listings(on=D(2024, 6, 1))] == [organisation]
    assert not selectors.accompanier_listings(on=D(2025, 1, 1)).exists()
    assert not selectors.accompanier_listings(on=D(2023, 12, 31)).exists()


def test_eras_follow_the_rules_boundaries():
    boundaries = era_boundaries()
    assert D(2024, 1, 1) in boundaries
    assert era_of(D(2023, 12, 31)) != era_of(D(2024, 1, 1))
    for era in range(len(boundaries) + 1):
        assert era_of(era_day(era)) == era


def test_detail_reads_everything_in_one_call():
    candidacy = CandidacyFactory(result_partial=True, accompanied=True)
    detail = selectors.candidacy_detail(pk=candidacy.pk)
    assert detail.feasibility.attachments.all()[0].kind == "identity"
    assert certification  # the factory helper stays importable for page tests
