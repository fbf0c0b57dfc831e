"""Synthetic candidacies for the demo data set and the benchmark, bulk-inserted with a deterministic seed.

Bulk and unaudited on purpose: these are background rows so that worklists and statistics have something to
count (a few hundred in the demo, 100,000 in the benchmark), not actions anyone took, and going through the
services would cost ~50 queries each. Every e-mail is under the demo domain and every name says
"synthétique". Dates are consistent with the services' checks (filing after the start, decision within the
two-month delay, jury within three months of the validation file…), and nothing is dated after ``today``.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Sequence

from django.db import transaction

from acquis.accounts.models import Organisation, User
from acquis.certifications.models import Certification
from acquis.pathways.enums import AccompanimentMode, Closure, DropOutReason, ResultKind, Stage
from acquis.pathways.models import (
    Candidacy,
    Experience,
    FeasibilityFile,
    JuryMember,
    JuryResult,
    JurySession,
    ValidationFile,
)
from acquis.pathways.status import current_ruleset, era_day, era_of, gip_notice_day
from acquis.rules import answer, ids
from acquis.territories.models import Department

# The admissibility file's facts the candidacy also holds for the worklists (candidacy field: file field).
FILE_FACTS = {
    "pieces_requested_on": "pieces_requested_on",
    "file_complete_on": "complete_on",
    "admissibility_kind": "decision_kind",
    "admissibility_decided_on": "decided_on",
}

# How far a synthetic pathway went, and how often (weights): a plausible spread, not statistics.
TARGETS = (
    ("registered", 14),
    ("filed", 6),
    ("pieces", 4),
    ("complete", 16),
    ("admissible", 16),
    ("not_admissible", 5),
    ("validation", 9),
    ("jury", 7),
    ("result", 13),
    ("dropped_out", 6),
    ("archived", 4),
)
ORDER = ("registered", "filed", "pieces", "complete", "decided", "validation", "jury", "result")
FIRST_NAMES = ("Camille", "Dominique", "Claude", "Sacha", "Alix", "Morgan", "Yanis", "Inès", "Lina", "Noé")


@functools.lru_cache(maxsize=65_536)
def _rule_date(rule_id: str, fact: str, day: dt.date, era: int) -> dt.date | None:
    """The deadline a rule gives (as the services keep it), decided once per era and date."""
    decision, _ = answer(rule_id, {fact: day}, era_day(era))
    return dt.date.fromisoformat(decision.value) if decision else None


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


def synthetic_candidacies_create(
    *,
    count: int,
    certifier: Organisation,
    certifications: Sequence[Certification],
    departments: Sequence[Department],
    accompanier: Organisation | None,
    today: dt.date,
    seed: int = 2026,
    email_prefix: str = "synthetique",
    email_domain: str = "demo.acquis.localhost",
    batch_size: int = 5_000,
) -> int:
    """Insert ``count`` candidacies (with their candidate, one experience and, when filed, the admissibility
    file). Returns how many were created. Same seed, same rows."""
    rng = random.Random(seed)
    targets, weights = zip(*TARGETS, strict=True)
    created = 0
    with transaction.atomic():
        for start in range(0, count, batch_size):
            size = min(batch_size, count - start)
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"{email_prefix}-{start + i:06d}@{email_domain}",
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=f"Synthétique {start + i}",
                        password="!",  # unusable: nobody logs in as a synthetic candidate
                    )
                    for i in range(size)
                ]
            )
            candidacies, files, experiences = [], [], []
            for user in users:
                target = rng.choices(targets, weights)[0]
                candidacy, file = _one(rng, user, target, certifier, certifications, departments, accompanier, today)
                candidacies.append(candidacy)
                files.append(file)
            for candidacy, file in zip(candidacies, files, strict=True):
                if file is not None:
                    for target, source in FILE_FACTS.items():
                        setattr(candidacy, target, getattr(file, source))
            Candidacy.objects.bulk_create(candidacies)
            for candidacy, file in zip(candidacies, files, strict=True):
                experiences.append(
                    Experience(
                        candidacy=candidacy,
                        title="Expérience synthétique",
                        started_on=candidacy.started_on - dt.timedelta(days=3650),
                        ended_on=candidacy.started_on - dt.timedelta(days=30),
                        hours=rng.randint(600, 12_000),
                        employment_status="employee",
                    )
                )
                if file is not None:
                    file.candidacy = candidacy
            Experience.objects.bulk_create(experiences)
            FeasibilityFile.objects.bulk_create([file for file in files if file is not None])
            _jury_records(rng, candidacies, today)
            created += size
    return created


# Two members meet D6412-6 as the services check it (qualified, a chair, both sexes).
SYNTHETIC_MEMBERS = (
    {"name": "Mme Présidente synthétique", "sex": "F", "qualified": True, "is_chair": True},
    {"name": "M. Assesseur synthétique", "sex": "M", "qualified": True, "is_chair": False},
)


def _jury_records(rng: random.Random, candidacies: Sequence[Candidacy], today: dt.date) -> None:
    """The records behind the stages the rows claim, so that each row's next action works: a validation file
    to schedule a jury on, a held jury with its members awaiting a result form, a result to attest."""
    filed = [c for c in candidacies if c.validation_filed_on is not None]
    validations = ValidationFile.objects.bulk_create(
        ValidationFile(candidacy=c, filed_on=c.validation_filed_on, summary="Dossier de validation synthétique")
        for c in filed
    )
    judged = [(c, v) for c, v in zip(filed, validations, strict=True) if c.jury_on is not None]
    sessions = JurySession.objects.bulk_create(
        JurySession(validation_file=v, held_on=c.jury_on, place="Salle synthétique") for c, v in judged
    )
    JuryMember.objects.bulk_create(
        JuryMember(session=session, **member) for session in sessions for member in SYNTHETIC_MEMBERS
    )
    decided = [(c, session) for (c, _), session in zip(judged, sessions, strict=True) if c.result_kind]
    results = JuryResult.objects.bulk_create(
        JuryResult(
            session=session,
            kind=c.result_kind,
            notified_on=min(today, c.jury_on + dt.timedelta(days=rng.randint(1, 7))),
        )
        for c, session in decided
    )
    # A partial validation names what was acquired: the certification's first block, when it has one.
    first_blocks = {}
    for c, _ in decided:
        if c.result_kind == ResultKind.PARTIAL and c.certification_id not in first_blocks:
            first_blocks[c.certification_id] = c.certification.blocks.order_by("code").first()
    JuryResult.blocks_acquired.through.objects.bulk_create(
        JuryResult.blocks_acquired.through(juryresult=result, skillblock=first_blocks[c.certification_id])
        for (c, _), result in zip(decided, results, strict=True)
        if c.result_kind == ResultKind.PARTIAL and first_blocks.get(c.certification_id) is not None
    )


def _one(rng, user, target, certifier, certifications, departments, accompanier, today):
    started = today - _days(rng, 20, 1000)
    certification = rng.choice(certifications)
    accompanied = accompanier is not None and rng.random() < 0.6
    candidacy = Candidacy(
        candidate=user,
        registered_by=user,
        certification=certification,
        certifier=certifier,
        department=rng.choice(departments),
        qualification_level=rng.randint(1, 5),
        started_on=started,
        registered_on=started,
        accompaniment_mode=AccompanimentMode.ACCOMPANIED if accompanied else AccompanimentMode.AUTONOMOUS,
        accompanier=accompanier if accompanied else None,
    )
    closure = target if target in ("dropped_out", "archived") else ""
    reach = ORDER.index(
        {
            "admissible": "decided",
            "not_admissible": "decided",
            "dropped_out": "complete",
            "archived": "registered",
        }.get(target, target)
    )
    file = None
    filed = started + _days(rng, 10, 60)
    if reach >= 1 and filed <= today:
        candidacy.stage = Stage.FEASIBILITY_FILED
        file = FeasibilityFile(content={"synthetic": True}, is_block=False, filed_on=filed)
        if reach == 2:
            file.pieces_requested_on = min(today, filed + _days(rng, 1, 15))
        complete = filed + _days(rng, 0, 30)
        if reach >= 3 and complete <= today:
            file.complete_on = complete
            era = era_of(started)
            candidacy.decision_due_on = _rule_date(ids.ADMISSIBILITY_DECISION_DUE, "file_complete_on", complete, era)
            candidacy.deadlines_ruleset = current_ruleset()
            if candidacy.decision_due_on:
                candidacy.lapse_on = _rule_date(
                    ids.ADMISSIBILITY_LAPSE_DATE, "notified_on", gip_notice_day(candidacy.decision_due_on), era
                )
            decided = complete + _days(rng, 5, 55)  # within the two-month delay
            if reach >= 4 and decided <= today:
                kind = "not_admissible" if target == "not_admissible" else "admissible"
                file.decision_kind, file.decided_on = kind, decided
                candidacy.lapse_on = (
                    _rule_date(ids.ADMISSIBILITY_LAPSE_DATE, "notified_on", decided, era)
                    if kind == "admissible"
                    else None
                )
                if kind == "not_admissible":
                    file.gaps = "Écarts synthétiques"
                step = decided + _days(rng, 10, 150)
                if step <= today and rng.random() < 0.7:
                    candidacy.first_step_on = step
                validation = decided + _days(rng, 30, 150)
                if reach >= 5 and kind == "admissible" and validation <= today:
                    candidacy.stage = Stage.VALIDATION_FILED
                    candidacy.validation_filed_on = validation
                    candidacy.latest_jury_on = _rule_date(
                        ids.JURY_LATEST_DATE, "validation_file_filed_on", validation, era
                    )
                    candidacy.first_step_on = min(candidacy.first_step_on or validation, validation)
                    jury = validation + _days(rng, 20, 85)
                    if reach >= 6 and jury <= today:
                        candidacy.stage = Stage.JURY_SCHEDULED
                        candidacy.jury_on = jury
                        if reach >= 7 and jury + dt.timedelta(days=1) <= today:
                            candidacy.stage = Stage.JURY_DECIDED
                            candidacy.result_kind = rng.choices(ResultKind.values, (6, 3, 1))[0]
                            candidacy.ended_on = jury
    if closure:
        on = min(today, max(candidacy.started_on, filed if file else started) + _days(rng, 30, 200))
        candidacy.closure = Closure(closure)
        candidacy.closure_reason = DropOutReason.PERSONAL if closure == Closure.DROPPED_OUT else "inactivity"
        candidacy.closed_on = on
        candidacy.ended_on = candidacy.ended_on or on
    return candidacy, file
