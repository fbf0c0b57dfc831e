"""Reads on the VAE pathway: one candidacy with its computed status and Decisions, its timeline, the worklists
of accompaniers, certifiers and funders, the accompaniers' list, the collective programmes and aggregate
statistics.

Statuses are computed at read time (``acquis.pathways.status``). Worklists count by status in one grouped
query: rows with the same status facts (stage, era of the start date, the dates that matter at that stage)
fall in one group, and each group is decided once; the page itself is one more query of ``page_size`` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation, User, hash_token
from acquis.accounts.permissions import grants_of, has_role
from acquis.audit.models import AuditEvent
from acquis.certifications.models import SkillBlock
from acquis.documents.text import french_date
from acquis.pathways.enums import STATUS_LABELS
from acquis.pathways.facts import status_facts_of
from acquis.pathways.models import (
    AccompanierListing,
    Attestation,
    Candidacy,
    CollectiveProgramme,
    FeasibilityAttachment,
    FeasibilityFile,
    FeasibilityPiecesRequest,
    JuryResult,
    RegistrationInvitation,
    ValidationFile,
)
from acquis.pathways.status import (
    Status,
    admissibility_notified_on,
    compute_status,
    era_of,
    lapse_kept,
)
from acquis.pathways.worklists import (  # noqa: F401 — re-exported: the worklists' public names
    DEFAULT_DUE_WITHIN,
    Worklist,
    WorklistRow,
    candidacies_of_candidate,
    candidacies_page,
    day_or_today,
    grouped_counts,
    overdue_rows,
    scope_filter,
    scope_parts,
    worklist,
    worklist_rows,
)
from acquis.rules import Decision, RuleAnswer, answer, ids
from acquis.territories.models import Department

# --- one candidacy ------------------------------------------------------------------------------------------


def candidacy_detail(*, pk: int) -> Candidacy:
    """One candidacy with what its page shows, in a few queries (raises Candidacy.DoesNotExist)."""
    candidacy = (
        Candidacy.objects.select_related(
            "candidate", "certification", "certifier", "department", "accompanier", "programme", "feasibility"
        )
        .prefetch_related(
            "blocks",
            "experiences",
            "trainings",
            "steps",
            "attestations",
            "feasibility__attachments",
            "feasibility__pieces_requests",
            # A validation file's jury and its result are one-to-one: joined, not two more queries.
            Prefetch("validation_files", queryset=ValidationFile.objects.select_related("jury__result")),
            "validation_files__jury__members",
            "validation_files__jury__result__blocks_acquired",
        )
        .get(pk=pk)
    )
    candidacy._acquis_detail = True
    return candidacy


def candidacy_detailed(candidacy: Candidacy) -> Candidacy:
    """``candidacy`` itself when candidacy_detail loaded it, else loaded so: the page, the timeline and the
    dossier's PDF each read it, and loading its 14 relations again for each cost a third of the page's queries
    (issue 11.11, the slowest page under load)."""
    if getattr(candidacy, "_acquis_detail", False):
        return candidacy
    return candidacy_detail(pk=candidacy.pk)


def candidacy_status(candidacy: Candidacy, *, on: dt.date | None = None) -> Status:
    """The candidacy's status on ``on`` (today by default) and its next deadline."""
    return compute_status(status_facts_of(candidacy), day_or_today(on))


def candidacy_decisions(candidacy: Candidacy, *, on: dt.date | None = None) -> list[RuleAnswer]:
    """The Decisions that hold on ``on``, decided now with the pathway's exact start date (for the detail page
    and the timeline): admissibility status, its delay and caducity, while they apply."""
    on = day_or_today(on)
    file = getattr(candidacy, "feasibility", None)
    answers = []
    if file is not None and file.complete_on is not None:
        facts = {"file_complete_on": file.complete_on}
        answers.append(answer(ids.ADMISSIBILITY_DECISION_DUE, facts, candidacy.started_on))
        decision = file.decision_fact() if file.decided_on and file.decided_on <= on else None
        caducity = {
            "first_step_on": candidacy.first_step_on,
            "legitimate_reason": candidacy.legitimate_reason_on is not None,
        }
        status_answer = answer(
            ids.ADMISSIBILITY_STATUS, {**facts, "decision": decision, "on": on, **caducity}, candidacy.started_on
        )
        answers.append(status_answer)
        status = status_answer.decision
        if status is not None and status.value in ("admissible", "deemed_admissible", "lapsed"):
            notified = admissibility_notified_on(status_facts_of(candidacy), era_of(candidacy.started_on))
            answers.append(answer(ids.ADMISSIBILITY_LAPSE_DATE, {"notified_on": notified}, candidacy.started_on))
    return answers


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime | dt.date
    kind: str  # "event" or "decision"
    label: str
    actor: str = ""
    decision: Decision | None = None
    error: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    actor_id: int | None = None  # the account that acted, if a person did
    role: str = ""  # the role it acted in (Role), or "system" for Acquis itself (commands, tasks)


def _stored_decisions(candidacy: Candidacy) -> list[TimelineEntry]:
    entries = []

    def add(day, label, data, error=""):
        if data or error:
            entries.append(
                TimelineEntry(day, "decision", label, decision=Decision.from_dict(data) if data else None, error=error)
            )

    if candidacy.enrolled_on:
        add(
            candidacy.enrolled_on,
            "Aide au dépôt de la demande de recevabilité",
            candidacy.filing_assistance_decision,
            candidacy.filing_assistance_error,
        )
    file = getattr(candidacy, "feasibility", None)
    if file is not None:
        add(file.filed_on, "Limite annuelle des dossiers (R6412-3)", file.quota_decision)
    for validation in candidacy.validation_files.all():
        add(
            validation.filed_on,
            "Dernier jour du jury (R6412-5)",
            validation.latest_jury_decision,
            validation.latest_jury_error,
        )
        jury = getattr(validation, "jury", None)
        if jury is not None:
            add(jury.held_on, "Composition du jury (D6412-6)", jury.composition_decision, jury.composition_error)
            result = getattr(jury, "result", None)
            if result is not None:
                add(
                    jury.held_on,
                    "Notification du résultat (R6412-7)",
                    result.notification_due_decision,
                    result.notification_due_error,
                )
    return entries


def candidacy_timeline(
    candidacy: Candidacy, *, on: dt.date | None = None, decisions: list[RuleAnswer] | None = None
) -> list[TimelineEntry]:
    """Everything that happened to the candidacy (its audit events), the Decisions kept at those events, and
    the Decisions that hold today, with their sources; oldest first. ``decisions``: candidacy_decisions on
    ``on`` when the caller has them already (the page decides once per request)."""
    candidacy = candidacy_detailed(candidacy)
    events = AuditEvent.objects.filter(object_type=Candidacy._meta.label_lower, object_id=str(candidacy.pk))
    entries = [
        TimelineEntry(
            event.occurred_at,
            "event",
            event.action_label,
            event.actor_display,
            payload=event.payload,
            actor_id=event.actor_id,
            role=event.role,
        )
        for event in events.select_related("actor").order_by("occurred_at", "id")
    ]
    entries += _stored_decisions(candidacy)
    on = day_or_today(on)
    entries += [
        TimelineEntry(
            on, "decision", f"{answer.rule_id} (au {french_date(on)})", decision=answer.decision, error=answer.error
        )
        for answer in (decisions if decisions is not None else candidacy_decisions(candidacy, on=on))
    ]

    def key(entry: TimelineEntry):
        moment = entry.at
        if isinstance(moment, dt.datetime):
            return (timezone.localdate(moment), 0, moment.timestamp())
        return (moment, 1, 0.0)

    return sorted(entries, key=key)


# --- the admissibility file as a document (PDF) -------------------------------------------------------------


@dataclass(frozen=True)
class FeasibilityDocument:
    """Everything the generated dossier de faisabilité prints, gathered in one read: the structured content
    as filed (kept unchanged in the file), the instruction's dates, and each date the rules derive from them
    with its Decision (hence the article versions it rests on)."""

    candidacy: Candidacy
    file: FeasibilityFile
    on: dt.date
    content: dict[str, Any]
    attachments: list[FeasibilityAttachment]
    pieces_requests: list[FeasibilityPiecesRequest]
    quota: Decision | None
    status: Status
    decision_due: RuleAnswer | None  # None until the receipt of the complete file
    deemed: Decision | None  # admissibility.status the day after the delay, without decision
    deemed_from: dt.date | None  # that day
    lapse: Decision | None  # admissibility.lapse_date, once admissible (explicitly or by silence)
    status_decision: Decision | None
    lapse_kept: bool  # a step before caducity, or a legitimate reason


def candidacy_feasibility_document(candidacy: Candidacy, *, on: dt.date | None = None) -> FeasibilityDocument | None:
    """The dossier de faisabilité of the candidacy as on ``on`` (today by default); None when none is filed."""
    on = day_or_today(on)
    candidacy = candidacy_detailed(candidacy)
    file = getattr(candidacy, "feasibility", None)
    if file is None:
        return None
    answers = {answer.rule_id: answer for answer in candidacy_decisions(candidacy, on=on)}
    due = answers.get(ids.ADMISSIBILITY_DECISION_DUE)
    deemed = deemed_from = None
    undecided = not file.decision_kind or file.decided_on > on
    if due is not None and due.decision is not None and undecided:
        # What the status reads the day after the delay with no decision: the silence sentence of R6412-4.
        deemed_from = dt.date.fromisoformat(due.decision.value) + dt.timedelta(days=1)
        deemed, _ = answer(
            ids.ADMISSIBILITY_STATUS,
            {"file_complete_on": file.complete_on, "decision": None, "on": deemed_from},
            candidacy.started_on,
        )
    lapse = answers.get(ids.ADMISSIBILITY_LAPSE_DATE)
    lapse_decision = lapse.decision if lapse is not None else None
    lapse_kept = lapse_decision is not None and kept_by_steps(candidacy, dt.date.fromisoformat(lapse_decision.value))
    status = answers.get(ids.ADMISSIBILITY_STATUS)
    return FeasibilityDocument(
        candidacy=candidacy,
        file=file,
        on=on,
        content=file.content,
        attachments=list(file.attachments.all()),
        pieces_requests=list(file.pieces_requests.all()),
        quota=Decision.from_dict(file.quota_decision) if file.quota_decision else None,
        status=candidacy_status(candidacy, on=on),
        decision_due=due,
        deemed=deemed,
        deemed_from=deemed_from,
        lapse=lapse_decision,
        status_decision=status.decision if status is not None else None,
        lapse_kept=lapse_kept,
    )


# --- attestations (requested by the candidate, issued by the certifier) -------------------------------------


def candidacy_attestations(candidacy: Candidacy) -> list[Attestation]:
    """The candidacy's attestations, oldest request first (prefetched by candidacy_detail)."""
    return list(candidacy.attestations.all())


def attestation_of(*, candidacy: Candidacy, attestation_id: int) -> Attestation | None:
    return candidacy.attestations.filter(pk=attestation_id).first()


@dataclass(frozen=True)
class AttestationDocument:
    """What an issued attestation prints, gathered in one read: who issues it to whom, for which
    certification, the result with its blocks, the jury's and notification's days, and the Decisions kept at
    the jury and its result (their sources are the articles the result rests on)."""

    attestation: Attestation
    candidacy: Candidacy
    certifier_name: str
    candidate_name: str  # empty once the candidacy is anonymised
    result: JuryResult
    blocks_acquired: list[SkillBlock]
    jury_on: dt.date
    notification: Decision | None  # jury.result_notification_due (R6412-7)
    composition: Decision | None  # jury.composition_check (D6412-6)


def certifier_name_of(candidacy: Candidacy) -> str:
    """The certifier the files are addressed to, else the certification's first certifier in the registry."""
    if candidacy.certifier is not None:
        return candidacy.certifier.name
    first = candidacy.certification.certifiers.order_by("position").first()
    return first.name if first is not None else ""


def attestation_document(*, attestation: Attestation) -> AttestationDocument | None:
    """The issued attestation's content; None while it is not issued (or has no result to attest)."""
    if attestation.issued_on is None:
        return None
    candidacy = Candidacy.objects.select_related("candidate", "certification", "certifier").get(
        pk=attestation.candidacy_id
    )
    result = attested_result(attestation)
    if result is None:
        return None
    session = result.session
    candidate = candidacy.candidate
    return AttestationDocument(
        attestation=attestation,
        candidacy=candidacy,
        certifier_name=certifier_name_of(candidacy),
        candidate_name=(candidate.get_full_name() or candidate.email) if candidate is not None else "",
        result=result,
        blocks_acquired=list(result.blocks_acquired.order_by("code")),
        jury_on=session.held_on,
        notification=Decision.from_dict(result.notification_due_decision)
        if result.notification_due_decision
        else None,
        composition=Decision.from_dict(session.composition_decision) if session.composition_decision else None,
    )


# Crockford's base 32 reads O as 0 and I, L as 1: a code copied from paper matches whatever the reader typed.
_CODE_READING = str.maketrans({"O": "0", "I": "1", "L": "1"})


def verification_code_normalise(text: str) -> str:
    """``text`` as stored: upper case, Crockford's look-alikes read, groups of four separated by dashes."""
    raw = "".join(char for char in text.upper() if char.isalnum()).translate(_CODE_READING)
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def attestation_by_verification_code(*, code: str) -> AttestationDocument | None:
    """The issued attestation printed with ``code`` (one indexed read), or None: unknown codes and codes of
    attestations not issued look alike to whoever asks."""
    normalised = verification_code_normalise(code)
    if len(normalised) != 24:
        return None
    attestation = Attestation.objects.filter(verification_code=normalised, issued_on__isnull=False).first()
    return attestation_document(attestation=attestation) if attestation is not None else None


@dataclass(frozen=True)
class FundingRow:
    """What a sponsor's funding needs (R6411-5: recipients by purpose): no experiences, no file content."""

    pk: int
    programme_code: str
    certification_code: str
    department_code: str
    enrolled_on: dt.date | None
    status: str
    programme_name: str = ""
    certification_title: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _funding_row(candidacy: Candidacy, on: dt.date, *, status: str | None = None) -> FundingRow:
    """``status``: already computed (a worklist row), else decided here."""
    return FundingRow(
        pk=candidacy.pk,
        programme_code=candidacy.programme.enrolment_code,
        certification_code=candidacy.certification.code,
        department_code=candidacy.department.code,
        enrolled_on=candidacy.enrolled_on,
        status=status or compute_status(status_facts_of(candidacy), on).code,
        programme_name=candidacy.programme.name,
        certification_title=candidacy.certification.title,
    )


def candidacy_funding(*, candidacy: Candidacy, on: dt.date | None = None) -> FundingRow | None:
    """The funding view of one candidacy (the same fields as a funder's worklist row); None outside a programme."""
    if candidacy.programme_id is None:
        return None
    return _funding_row(candidacy, day_or_today(on))


@dataclass(frozen=True)
class FunderWorklist:
    counts: dict[str, int]  # every status code, zero included
    programmes: list[CollectiveProgramme]  # the sponsor's programmes, each with ``enrolled`` (a count)
    total: int  # rows matching the status filter
    rows: list[FundingRow]
    page: int
    page_size: int


def funder_worklist(
    *,
    organisation: Organisation,
    on: dt.date | None = None,
    status: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> FunderWorklist:
    """A funder's page: the candidacies of the programmes it sponsors counted by computed status, its
    programmes with their enrolment codes, one page of rows with nothing personal (R6411-5). Counts, filter
    and paging are the SQL worklist of the funder scope (the API's list reads the same); only the page's rows
    are then read as FundingRows, with the status the worklist computed."""
    on = day_or_today(on)
    listed = worklist(
        scope="funder",
        organisation=organisation,
        on=on,
        statuses=[status] if status else None,
        page=page,
        page_size=page_size,
    )
    candidacies = Candidacy.objects.select_related("programme", "certification", "department").in_bulk(
        [row.pk for row in listed.rows]
    )
    rows = [_funding_row(candidacies[row.pk], on, status=row.status) for row in listed.rows]
    programmes = list(
        CollectiveProgramme.objects.filter(sponsor=organisation)
        .annotate(enrolled=Count("candidacies"))
        .order_by("-starts_on", "id")
    )
    return FunderWorklist(listed.counts, programmes, listed.total, rows, listed.page, listed.page_size)


def collective_programmes() -> QuerySet[CollectiveProgramme]:
    """Every collective programme, newest first, with its sponsor, accompanier, certifications and the number
    of candidacies enrolled (``enrolled``): the GIP's list."""
    return (
        CollectiveProgramme.objects.select_related("sponsor", "accompanier")
        .prefetch_related("certifications")
        .annotate(enrolled=Count("candidacies"))
        .order_by("-starts_on", "id")
    )


# --- the accompaniers' list and statistics -----------------------------------------------------------------


def accompanier_listings(*, on: dt.date | None = None) -> QuerySet[AccompanierListing]:
    """The organisations a candidate may choose on ``on``: listed, not removed, Qualiopi certificate valid."""
    on = day_or_today(on)
    return (
        AccompanierListing.objects.filter(listed_on__lte=on, qualiopi_expires_on__gte=on)
        .exclude(removed_on__lte=on)
        .select_related("organisation")
    )


def kept_by_steps(candidacy: Candidacy, lapse: dt.date) -> bool:
    """Whether a step or a legitimate reason keeps the admissibility past ``lapse`` (admissibility.status)."""
    return lapse_kept(status_facts_of(candidacy), era_of(candidacy.started_on), lapse)


def lapse_day(candidacy: Candidacy) -> dt.date | None:
    """The first day of caducity if nothing keeps the admissibility (None before admissibility)."""
    facts = status_facts_of(candidacy)
    era = era_of(candidacy.started_on)
    notified = admissibility_notified_on(facts, era) if facts.complete_on else None
    if notified is None:
        return None
    decision, _ = answer(ids.ADMISSIBILITY_LAPSE_DATE, {"notified_on": notified}, candidacy.started_on)
    return dt.date.fromisoformat(decision.value) if decision else None


# --- what a registration names (the API's inputs name people, places and organisations by their codes) ------


def registration_invitation_by_key(*, key: str) -> RegistrationInvitation | None:
    """The invitation a link's secret opens (only its hash is kept)."""
    return RegistrationInvitation.objects.select_related("invited_by").filter(key_hash=hash_token(key)).first()


def candidate_by_email(*, email: str) -> User | None:
    """The account, with the candidate role, of the person registered on their behalf (None otherwise)."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    return user if user is not None and has_role(user, Role.CANDIDATE) else None


def department_by_code(*, code: str) -> Department | None:
    return Department.objects.filter(code=code.strip().upper()).first()


def organisation_by_siret(*, siret: str) -> Organisation | None:
    return Organisation.objects.filter(siret=siret.replace(" ", "")).first()


def own_organisation(*, actor: Actor, role: str) -> Organisation | None:
    """The first organisation the actor acts for in ``role`` (None for the GIP or without one)."""
    organisation_ids = [g.organisation_id for g in grants_of(actor) if g.role == role and g.organisation_id]
    return Organisation.objects.filter(pk=organisation_ids[0]).first() if organisation_ids else None


def attested_result(attestation: Attestation) -> JuryResult | None:
    """The result the attestation is about: the one in force at the request (for requests recorded before the
    result was kept on them, the candidacy's latest result)."""
    if attestation.result_id is not None:
        return attestation.result
    return (
        JuryResult.objects.filter(session__validation_file__candidacy_id=attestation.candidacy_id)
        .order_by("-session__held_on", "-id")
        .first()
    )
