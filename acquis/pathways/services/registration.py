"""Registration of a candidacy (R6412-2): by the candidate, or by an accompanier on their behalf."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from acquis.accounts.actors import Actor
from acquis.accounts.models import Organisation, User
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.models import Certification, SkillBlock
from acquis.pathways.enums import AccompanimentMode, Closure, EmploymentStatus, Stage
from acquis.pathways.models import Candidacy, Experience, Training
from acquis.pathways.notices import accompanier_chosen_queue
from acquis.pathways.services.accompaniment import require_listed
from acquis.pathways.services.common import actor_user, day_or_today, locked, require_open
from acquis.pathways.transitions import state_of, transition_check, transition_record
from acquis.rules.facts import IMPLAUSIBLE_DAY, is_plausible_day
from acquis.territories.models import Department

# A whole working life (50 years of full-time work is about 80,000 hours), with room to spare; beyond, a typo.
MAX_EXPERIENCE_HOURS = 200_000
INITIAL_TRAINING_REFUSAL = (
    "La VAE n'est pas ouverte aux personnes qui suivent une formation initiale préparant à cette même "
    "certification (article R6412-2 du code du travail) : la candidature ne peut pas être enregistrée."
)


def _experience(candidacy: Candidacy, data: Mapping[str, Any], index: int | None = None) -> Experience:
    prefix = f"experiences[{index}]." if index is not None else ""
    errors = {}
    title = (data.get("title") or "").strip()
    start, end, hours = data.get("started_on"), data.get("ended_on"), data.get("hours")
    if not title:
        errors[prefix + "title"] = ValidationError(
            "Indiquez l'intitulé de l'expérience (emploi, mission, activité bénévole…).",
            code="experience_title_required",
        )
    if not isinstance(start, dt.date):
        errors[prefix + "started_on"] = ValidationError(
            "Indiquez la date de début de l'expérience.", code="experience_start_required"
        )
    elif not is_plausible_day(start) or (end is not None and not is_plausible_day(end)):
        errors[prefix + "started_on"] = ValidationError(IMPLAUSIBLE_DAY, code="implausible_date")
    elif end is not None and end < start:
        errors[prefix + "ended_on"] = ValidationError(
            "La date de fin de l'expérience ne peut pas précéder sa date de début.", code="experience_end_before_start"
        )
    if len(title) > Experience._meta.get_field("title").max_length:
        errors[prefix + "title"] = ValidationError(
            "L'intitulé de l'expérience ne doit pas dépasser 255 caractères.", code="experience_title_too_long"
        )
    if not isinstance(hours, int) or isinstance(hours, bool) or hours <= 0 or hours > MAX_EXPERIENCE_HOURS:
        errors[prefix + "hours"] = ValidationError(
            "Indiquez la durée de l'expérience en heures (un nombre entier de 1 à 200 000).",
            code="experience_hours_invalid",
        )
    if data.get("employment_status") not in EmploymentStatus.values:
        errors[prefix + "employment_status"] = ValidationError(
            "Choisissez le statut exercé pendant cette expérience.", code="invalid_employment_status"
        )
    if errors:
        raise ValidationError(errors)
    return Experience(
        candidacy=candidacy,
        title=title,
        started_on=start,
        ended_on=end,
        hours=hours,
        employment_status=data["employment_status"],
    )


def _blocks(certification: Certification, blocks: Iterable[SkillBlock]) -> list[SkillBlock]:
    blocks = list(blocks)
    if any(block.certification_id != certification.pk for block in blocks):
        raise ValidationError(
            {
                "blocks": ValidationError(
                    "Les blocs de compétences choisis doivent appartenir à la certification.",
                    code="blocks_outside_certification",
                )
            }
        )
    return blocks


def _identical_open_registration(*, candidate: User, blocks: list[SkillBlock], **same: Any) -> Candidacy | None:
    """The candidacy an identical submission already created (a double click, a client retrying after a
    timeout), so that it is answered instead of duplicated. The candidate's row lock serialises one person's
    registrations: the second of two concurrent submits waits for the first to commit, then finds it."""
    if candidate is None:
        return None
    list(User.objects.select_for_update().filter(pk=candidate.pk).values_list("pk", flat=True))
    wanted = sorted(block.pk for block in blocks)
    for candidacy in Candidacy.objects.filter(
        candidate=candidate, stage=Stage.REGISTERED, closure=Closure.OPEN, **same
    ).order_by("pk"):
        if sorted(candidacy.blocks.values_list("pk", flat=True)) == wanted:
            return candidacy
    return None


@service
def candidacy_register(
    *,
    actor: Actor,
    candidate: User,
    certification: Certification,
    department: Department,
    qualification_level: int,
    started_on: dt.date,
    accompaniment_mode: str,
    in_initial_training: bool,
    experiences: Iterable[Mapping[str, Any]] = (),
    trainings: Iterable[Mapping[str, Any]] = (),
    blocks: Iterable[SkillBlock] = (),
    accompanier: Organisation | None = None,
    certifier: Organisation | None = None,
    job_threatened: bool = False,
    registered_on: dt.date | None = None,
) -> Candidacy:
    """Register a candidacy. ``actor`` is the candidate, or an accompanier registering on their behalf
    (the page checks PathwayAction.REGISTER_CANDIDACY). ``in_initial_training`` is the person's declaration
    (R6412-2 refuses them). ``experiences``: mappings {title, started_on, ended_on, hours, employment_status};
    ``trainings``: {title, completed_on, hours}. Nothing is saved when anything is refused."""
    registered_on = day_or_today(registered_on, field="registered_on", what="d'inscription")
    if in_initial_training:
        raise ValidationError(
            {"in_initial_training": ValidationError(INITIAL_TRAINING_REFUSAL, code="in_initial_training")}
        )
    errors = {}
    if not certification.vae_accessible:
        errors["certification"] = ValidationError(
            "Cette certification n'est pas accessible par la VAE : choisissez-en une autre.",
            code="certification_not_vae_accessible",
        )
    if not (isinstance(qualification_level, int) and 1 <= qualification_level <= 8):
        errors["qualification_level"] = ValidationError(
            "Le niveau de qualification va de 1 à 8 (cadre national des certifications).",
            code="invalid_qualification_level",
        )
    if accompaniment_mode not in AccompanimentMode.values:
        errors["accompaniment_mode"] = ValidationError(
            "Choisissez un parcours autonome ou accompagné.", code="invalid_accompaniment_mode"
        )
    elif accompaniment_mode == AccompanimentMode.AUTONOMOUS and accompanier is not None:
        errors["accompanier"] = ValidationError(
            "Un parcours autonome n'a pas d'accompagnateur.", code="accompanier_not_allowed"
        )
    if started_on > registered_on:
        errors["started_on"] = ValidationError(
            "Le parcours ne peut pas commencer après la date d'inscription.", code="started_after_registration"
        )
    if errors:
        raise ValidationError(errors)
    if accompanier is not None:
        require_listed(accompanier, registered_on)
    chosen_blocks = _blocks(certification, blocks)
    duplicate = _identical_open_registration(
        candidate=candidate,
        certification=certification,
        department=department,
        started_on=started_on,
        registered_on=registered_on,
        accompaniment_mode=accompaniment_mode,
        accompanier=accompanier,
        blocks=chosen_blocks,
    )
    if duplicate is not None:
        audit_event_record(
            actor=actor,
            action=EventType.CANDIDACY_REGISTERED,
            obj=duplicate,
            payload={"certification": certification.code, "already_registered": True},
        )
        return duplicate
    candidacy = Candidacy(
        candidate=candidate,
        registered_by=actor_user(actor),
        certification=certification,
        certifier=certifier,
        department=department,
        qualification_level=qualification_level,
        started_on=started_on,
        registered_on=registered_on,
        accompaniment_mode=accompaniment_mode,
        accompanier=accompanier,
        job_threatened=job_threatened,
        stage=Stage.REGISTERED,
    )
    candidacy.full_clean()
    candidacy.save()
    candidacy.blocks.set(chosen_blocks)
    Experience.objects.bulk_create([_experience(candidacy, data, index) for index, data in enumerate(experiences)])
    Training.objects.bulk_create(
        [
            Training(
                candidacy=candidacy,
                title=data["title"].strip(),
                completed_on=data.get("completed_on"),
                hours=data.get("hours"),
            )
            for data in trainings
            if (data.get("title") or "").strip()
        ]
    )
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_REGISTERED,
        obj=candidacy,
        payload={
            "certification": certification.code,
            "blocks": [block.code for block in chosen_blocks],
            "department": department.code,
            "on_behalf": actor_user(actor) is not None and actor_user(actor) != candidate,
        },
    )
    if accompanier is not None:
        accompanier_chosen_queue(candidacy=candidacy, actor=actor, on=registered_on)
    return candidacy


@service
def candidacy_experience_add(*, actor: Actor, candidacy: Candidacy, **data: Any) -> Experience:
    """Add an experience before the admissibility file is filed (it is then part of the filed content)."""
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_experience_add", candidacy)
    before = state_of(candidacy)
    experience = _experience(candidacy, data)
    experience.save()
    audit_event_record(
        actor=actor, action=EventType.CANDIDACY_EXPERIENCE_ADDED, obj=candidacy, payload={"experience": experience.pk}
    )
    transition_record("candidacy_experience_add", candidacy=candidacy, before=before, actor=actor)
    return experience
