"""The accompaniers' list the GIP keeps, collective programmes, the accompanier's choice and opinion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from acquis.accounts.actors import Actor
from acquis.accounts.enums import OrganisationKind
from acquis.accounts.models import Organisation
from acquis.audit.enums import EventType
from acquis.audit.services import audit_event_record, service
from acquis.certifications.models import Certification
from acquis.documents.text import french_date
from acquis.pathways.enums import AccompanimentMode, Opinion, ProgrammeKind
from acquis.pathways.models import AccompanierListing, Candidacy, CollectiveProgramme, FeasibilityFile
from acquis.pathways.notices import accompanier_chosen_queue
from acquis.pathways.services.common import actor_user, day_or_today, locked, require_open, stored, today
from acquis.pathways.transitions import state_of, transition_check, transition_record
from acquis.rules import answer, ids


def current_listing(organisation: Organisation, on: dt.date) -> AccompanierListing | None:
    """The organisation's listing in force on ``on``: listed, not removed, Qualiopi certificate valid."""
    return (
        AccompanierListing.objects.filter(organisation=organisation, listed_on__lte=on, qualiopi_expires_on__gte=on)
        .exclude(removed_on__lte=on)
        .first()
    )


def require_listed(organisation: Organisation, on: dt.date, *, field: str = "accompanier") -> None:
    if current_listing(organisation, on) is None:
        raise ValidationError(
            {
                field: ValidationError(
                    f"« {organisation.name} » ne figure pas, au {french_date(on)}, sur la liste des accompagnateurs "
                    "tenue par le GIP (certification Qualiopi en cours de validité exigée, R6412-2) : "
                    "choisissez un organisme de la liste.",
                    code="accompanier_not_listed",
                )
            }
        )


@service
def accompanier_listing_add(
    *,
    actor: Actor,
    organisation: Organisation,
    qualiopi_number: str,
    qualiopi_expires_on: dt.date,
    listed_on: dt.date | None = None,
) -> AccompanierListing:
    """The GIP puts an accompanying organisation on the list (or renews its Qualiopi certificate)."""
    listed_on = day_or_today(listed_on, field="listed_on", what="d'inscription")
    errors = {}
    if organisation.kind != OrganisationKind.ACCOMPANIER:
        errors["organisation"] = "Seul un organisme accompagnateur peut figurer sur la liste."
    if not qualiopi_number.strip():
        errors["qualiopi_number"] = "Indiquez le numéro du certificat Qualiopi."
    if qualiopi_expires_on < listed_on:
        errors["qualiopi_expires_on"] = "Le certificat Qualiopi est expiré : il ne permet pas l'inscription."
    if errors:
        raise ValidationError(errors)
    current = AccompanierListing.objects.select_for_update().filter(organisation=organisation, removed_on=None)
    if current.exists():
        current.update(qualiopi_number=qualiopi_number.strip(), qualiopi_expires_on=qualiopi_expires_on)
        listing = current.get()
    else:
        listing = AccompanierListing.objects.create(
            organisation=organisation,
            qualiopi_number=qualiopi_number.strip(),
            qualiopi_expires_on=qualiopi_expires_on,
            listed_on=listed_on,
            listed_by=actor_user(actor),
        )
    audit_event_record(
        actor=actor,
        action=EventType.ACCOMPANIER_LISTED,
        obj=listing,
        payload={"siret": organisation.siret, "qualiopi_expires_on": qualiopi_expires_on.isoformat()},
    )
    return listing


@service
def accompanier_listing_remove(
    *, actor: Actor, listing: AccompanierListing, reason: str, removed_on: dt.date | None = None
) -> AccompanierListing:
    """The GIP removes an organisation from the list (R6412-2), with its reason."""
    removed_on = day_or_today(removed_on, field="removed_on", what="du retrait")
    listing = AccompanierListing.objects.select_for_update().get(pk=listing.pk)
    if listing.removed_on is not None:
        raise ValidationError("Cet organisme a déjà été retiré de la liste.")
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du retrait de la liste."})
    listing.removed_on = removed_on
    listing.removal_reason = reason.strip()
    listing.removed_by = actor_user(actor)
    listing.save(update_fields=["removed_on", "removal_reason", "removed_by"])
    audit_event_record(
        actor=actor, action=EventType.ACCOMPANIER_REMOVED, obj=listing, payload={"reason": listing.removal_reason}
    )
    return listing


@service
def programme_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    enrolment_code: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    funder: str = "",
    branches: str = "",
    sponsor: Organisation | None = None,
    certifications: Iterable[Certification] = (),
    accompanier: Organisation | None = None,
) -> CollectiveProgramme:
    """A collective programme: ``public_collective`` (State or region with branches, R6423-3-1, 2019-2023)
    needs ``funder``; ``sponsored_cohort`` needs a ``sponsor``. Candidates enrol with ``enrolment_code``."""
    errors = {}
    if kind not in ProgrammeKind.values:
        errors["kind"] = "Choisissez la nature de l'accompagnement collectif."
    if kind == ProgrammeKind.PUBLIC_COLLECTIVE and funder not in ("state", "region"):
        errors["funder"] = "Un accompagnement collectif public est organisé par l'État ou une région (R6423-3-1)."
    if kind == ProgrammeKind.SPONSORED_COHORT and sponsor is None:
        errors["sponsor"] = "Indiquez le commanditaire qui finance la cohorte."
    code = enrolment_code.strip().upper()
    if not code:
        errors["enrolment_code"] = "Indiquez le code d'inscription."
    elif CollectiveProgramme.objects.filter(enrolment_code=code).exists():
        errors["enrolment_code"] = "Ce code d'inscription est déjà utilisé par un autre accompagnement collectif."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "La date de fin ne peut pas précéder la date de début."
    if accompanier is not None and current_listing(accompanier, today()) is None:
        # The programme imposes this accompanier on every candidate it enrols: the same list applies as when a
        # candidate chooses one (R6412-2).
        errors["accompanier"] = (
            f"« {accompanier.name} » ne figure pas sur la liste des accompagnateurs tenue par le GIP "
            "(certification Qualiopi en cours de validité exigée, R6412-2)."
        )
    if errors:
        raise ValidationError(errors)
    programme = CollectiveProgramme.objects.create(
        name=name.strip(),
        kind=kind,
        enrolment_code=code,
        starts_on=starts_on,
        ends_on=ends_on,
        funder=funder if kind == ProgrammeKind.PUBLIC_COLLECTIVE else "",
        branches=branches.strip(),
        sponsor=sponsor,
        accompanier=accompanier,
        created_by=actor_user(actor),
    )
    programme.certifications.set(certifications)
    audit_event_record(
        actor=actor, action=EventType.PROGRAMME_CREATED, obj=programme, payload={"kind": kind, "code": code}
    )
    return programme


@service
def candidacy_accompanier_choose(
    *, actor: Actor, candidacy: Candidacy, accompanier: Organisation, on: dt.date | None = None
) -> Candidacy:
    """The candidate chooses an accompanier from the list in force (the candidacy becomes accompanied)."""
    on = day_or_today(on, field="on", what="du choix")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_accompanier_choose", candidacy)
    before = state_of(candidacy)
    require_listed(accompanier, on)
    candidacy.accompanier = accompanier
    candidacy.accompaniment_mode = AccompanimentMode.ACCOMPANIED
    candidacy.save(update_fields=["accompanier", "accompaniment_mode", "updated_at"])
    audit_event_record(
        actor=actor, action=EventType.CANDIDACY_ACCOMPANIER_CHOSEN, obj=candidacy, payload={"siret": accompanier.siret}
    )
    transition_record("candidacy_accompanier_choose", candidacy=candidacy, before=before, actor=actor, on=on)
    accompanier_chosen_queue(candidacy=candidacy, actor=actor, on=on)
    return candidacy


@service
def candidacy_opinion_give(
    *, actor: Actor, candidacy: Candidacy, opinion: str, text: str, on: dt.date | None = None
) -> Candidacy:
    """The accompanier's opinion on the adequacy of the experience to the target (R6412-2). It can be given, or
    changed, until the certifier acknowledges the complete file: an opinion given after the filing is added to
    the filed file (marked as added after filing), so the certifier and the PDF never miss it."""
    on = day_or_today(on, field="on", what="de l'avis")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_opinion_give", candidacy)
    before = state_of(candidacy)
    file = FeasibilityFile.objects.filter(candidacy=candidacy).first()
    if file is not None and file.complete_on is not None:
        raise ValidationError(
            "Le certificateur a déjà confirmé la réception du dossier complet : l'avis ne peut plus être ajouté.",
            code="opinion_after_receipt",
        )
    errors = {}
    if candidacy.accompanier_id is None:
        errors["opinion"] = ValidationError(
            "Cette candidature n'a pas d'accompagnateur : aucun avis ne peut être donné.", code="no_accompanier"
        )
    if opinion not in Opinion.values:
        errors["opinion"] = ValidationError("Choisissez un avis favorable ou défavorable.", code="invalid_opinion")
    if not text.strip():
        errors["text"] = ValidationError("Motivez l'avis en quelques phrases.", code="opinion_text_required")
    if errors:
        raise ValidationError(errors)
    candidacy.accompanier_opinion = opinion
    candidacy.accompanier_opinion_text = text.strip()
    candidacy.accompanier_opinion_on = on
    candidacy.save(update_fields=["accompanier_opinion", "accompanier_opinion_text", "accompanier_opinion_on"])
    if file is not None:
        file.content = {
            **file.content,
            "accompanier_opinion": {
                "opinion": opinion,
                "text": candidacy.accompanier_opinion_text,
                "on": on.isoformat(),
                "after_filing": True,
            },
        }
        file.save(update_fields=["content"])
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_OPINION_GIVEN,
        obj=candidacy,
        payload={"opinion": opinion, "after_filing": file is not None},
    )
    transition_record("candidacy_opinion_give", candidacy=candidacy, before=before, actor=actor, on=on)
    return candidacy


@service
def candidacy_programme_enrol(
    *, actor: Actor, candidacy: Candidacy, enrolment_code: str, on: dt.date | None = None
) -> Candidacy:
    """Enrolment in a collective programme by its code. Whether help to file the admissibility request is
    offered is decided by support.admissibility_filing_assistance at the enrolment (the support action
    date); the rule has no version after 2023-12-28, so later enrolments keep its error code and no help."""
    on = day_or_today(on, field="on", what="d'inscription")
    candidacy = locked(candidacy)
    require_open(candidacy)
    transition_check("candidacy_programme_enrol", candidacy)
    before = state_of(candidacy)
    if candidacy.programme_id is not None:
        # Re-enrolling would silently move the candidacy (and its funding) to another sponsor's programme.
        current = candidacy.programme
        raise ValidationError(
            {
                "enrolment_code": ValidationError(
                    f"Cette candidature est déjà inscrite à l'accompagnement collectif « {current.name} » "
                    f"(code {current.enrolment_code}).",
                    code="already_enrolled",
                )
            }
        )
    programme = CollectiveProgramme.objects.filter(enrolment_code=enrolment_code.strip().upper()).first()
    if programme is None:
        raise ValidationError(
            {
                "enrolment_code": ValidationError(
                    "Ce code d'inscription ne correspond à aucun accompagnement.", code="unknown_enrolment_code"
                )
            }
        )
    if on < programme.starts_on or (programme.ends_on is not None and on > programme.ends_on):
        raise ValidationError(
            {
                "enrolment_code": ValidationError(
                    "Cet accompagnement collectif n'est pas ouvert à cette date.", code="programme_not_open"
                )
            }
        )
    if programme.certifications.exists() and not programme.certifications.filter(pk=candidacy.certification_id):
        raise ValidationError(
            {
                "enrolment_code": ValidationError(
                    "Cet accompagnement collectif ne porte pas sur la certification visée.",
                    code="programme_other_certification",
                )
            }
        )
    decision, error = answer(
        ids.SUPPORT_ADMISSIBILITY_FILING_ASSISTANCE,
        {
            "qualification_level": candidacy.qualification_level,
            "job_threatened": candidacy.job_threatened,
            "collective_support_funder": programme.funder or None,
            # From 2023-12-29 R6423-3-1 survives for pathways begun before the portal's rollout (R6412-1 NOTA).
            "pathway_started_on": candidacy.started_on,
        },
        on,
    )
    candidacy.programme = programme
    candidacy.enrolled_on = on
    candidacy.filing_assistance_decision = stored(decision)
    candidacy.filing_assistance_error = error
    fields = ["programme", "enrolled_on", "filing_assistance_decision", "filing_assistance_error", "updated_at"]
    # The programme's accompanier is assigned only while it is on the GIP's list (it may have been removed or
    # its Qualiopi certificate may have expired since the programme was created): otherwise the candidate
    # chooses one from the list, as any candidate does.
    assigned = (
        programme.accompanier_id is not None
        and candidacy.accompanier_id is None
        and current_listing(programme.accompanier, on) is not None
    )
    if assigned:
        candidacy.accompanier = programme.accompanier
        candidacy.accompaniment_mode = AccompanimentMode.ACCOMPANIED
        fields += ["accompanier", "accompaniment_mode"]
    candidacy.save(update_fields=fields)
    audit_event_record(
        actor=actor,
        action=EventType.CANDIDACY_PROGRAMME_ENROLLED,
        obj=candidacy,
        payload={
            "programme": programme.enrolment_code,
            "filing_assistance": decision.value if decision else None,
            "accompanier_assigned": assigned,
        },
    )
    transition_record("candidacy_programme_enrol", candidacy=candidacy, before=before, actor=actor, on=on)
    return candidacy
