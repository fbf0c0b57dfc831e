"""Who may do what on a VAE pathway (registered with acquis.accounts.permissions when the app loads).

Also the permission column of the workflow table (``transitions.py``).
"""

from __future__ import annotations

import enum
from typing import Any

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import has_role, is_gip, is_user, organisation_ids_of, register
from acquis.pathways.enums import Closure


class PathwayAction(enum.StrEnum):
    REGISTER_CANDIDACY = "register_candidacy"
    VIEW_CANDIDACY = "view_candidacy"
    EDIT_CANDIDACY = "edit_candidacy"
    GIVE_ACCOMPANIER_OPINION = "give_accompanier_opinion"
    INSTRUCT_FEASIBILITY = "instruct_feasibility"
    MANAGE_JURY = "manage_jury"
    CLOSE_CANDIDACY = "close_candidacy"
    REQUEST_ATTESTATION = "request_attestation"
    ISSUE_ATTESTATION = "issue_attestation"
    VIEW_CANDIDACY_FUNDING = "view_candidacy_funding"
    MANAGE_ACCOMPANIER_LIST = "manage_accompanier_list"
    MANAGE_PROGRAMMES = "manage_programmes"
    MANAGE_LITIGATION = "manage_litigation"
    VIEW_ACCOMPANIER_WORKLIST = "view_accompanier_worklist"
    VIEW_CERTIFIER_WORKLIST = "view_certifier_worklist"
    VIEW_FUNDER_WORKLIST = "view_funder_worklist"
    CORRECT_LEGAL_DATE = "correct_legal_date"


# The VAE pathway (acquis.pathways). Who reads what follows R6411-5 (recipients by purpose): the candidate their
# own candidacies; the accompanier those that chose its organisation; the certifier the files addressed to it
# (the candidacy's certifier, or else the certification's certifier by SIRET); a funder only the candidacies
# of the programmes it sponsors, and only what the funding needs (VIEW_CANDIDACY_FUNDING); the GIP all;
# statisticians aggregates without personal data. Predicates read the candidacy's own columns; the certifier
# fallback by SIRET costs one query.


def _pathway_candidate(actor: Actor, obj: Any) -> bool:
    return is_user(actor) and obj is not None and obj.candidate_id == actor.pk


def _pathway_accompanier(actor: Actor, obj: Any) -> bool:
    return obj is not None and obj.accompanier_id in organisation_ids_of(actor, Role.ACCOMPANIER)


def _pathway_certifier(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return False
    mine = organisation_ids_of(actor, Role.CERTIFIER)
    if not mine:
        return False
    if obj.certifier_id is not None:
        return obj.certifier_id in mine
    from acquis.certifications.models import CertificationCertifier

    sirets = Organisation.objects.filter(pk__in=mine).values("siret")
    return CertificationCertifier.objects.filter(certification_id=obj.certification_id, siret__in=sirets).exists()


def _pathway_funder(actor: Actor, obj: Any) -> bool:
    if obj is None or obj.programme_id is None:
        return False
    return obj.programme.sponsor_id in organisation_ids_of(actor, Role.FUNDER)


def _open(obj: Any) -> bool:
    return obj is not None and obj.closure == Closure.OPEN and obj.anonymised_on is None


def _member_of(actor: Actor, obj: Any, role: Role) -> bool:
    return is_gip(actor) or (isinstance(obj, Organisation) and obj.pk in organisation_ids_of(actor, role))


register(
    {
        PathwayAction.REGISTER_CANDIDACY: lambda actor, obj: (
            is_user(actor) and (has_role(actor, Role.CANDIDATE) or has_role(actor, Role.ACCOMPANIER) or is_gip(actor))
        ),
        PathwayAction.VIEW_CANDIDACY: lambda actor, obj: (
            _pathway_candidate(actor, obj)
            or _pathway_accompanier(actor, obj)
            or _pathway_certifier(actor, obj)
            or is_gip(actor)
        ),
        PathwayAction.EDIT_CANDIDACY: lambda actor, obj: (
            _open(obj) and (_pathway_candidate(actor, obj) or _pathway_accompanier(actor, obj))
        ),
        PathwayAction.GIVE_ACCOMPANIER_OPINION: lambda actor, obj: _open(obj) and _pathway_accompanier(actor, obj),
        PathwayAction.INSTRUCT_FEASIBILITY: lambda actor, obj: _open(obj) and _pathway_certifier(actor, obj),
        PathwayAction.MANAGE_JURY: lambda actor, obj: _open(obj) and _pathway_certifier(actor, obj),
        # Drop-out, archive, reorientation, reopening: the candidate, the accompanier, or the GIP.
        PathwayAction.CLOSE_CANDIDACY: lambda actor, obj: (
            obj is not None
            and obj.anonymised_on is None
            and (_pathway_candidate(actor, obj) or _pathway_accompanier(actor, obj) or is_gip(actor))
        ),
        PathwayAction.REQUEST_ATTESTATION: lambda actor, obj: _pathway_candidate(actor, obj),
        # Not MANAGE_JURY: a candidacy archived after its jury may still ask for (and get) an attestation.
        PathwayAction.ISSUE_ATTESTATION: lambda actor, obj: (
            obj is not None and obj.anonymised_on is None and _pathway_certifier(actor, obj)
        ),
        PathwayAction.VIEW_CANDIDACY_FUNDING: lambda actor, obj: _pathway_funder(actor, obj) or is_gip(actor),
        PathwayAction.MANAGE_ACCOMPANIER_LIST: lambda actor, obj: is_gip(actor),
        PathwayAction.MANAGE_PROGRAMMES: lambda actor, obj: is_gip(actor),
        PathwayAction.MANAGE_LITIGATION: lambda actor, obj: is_gip(actor),
        # A date of legal effect (R6412-4) is the portal's clock; only the GIP corrects one, with a reason.
        PathwayAction.CORRECT_LEGAL_DATE: lambda actor, obj: _open(obj) and is_gip(actor),
        # obj: the Organisation whose worklist is read.
        PathwayAction.VIEW_ACCOMPANIER_WORKLIST: lambda actor, obj: _member_of(actor, obj, Role.ACCOMPANIER),
        PathwayAction.VIEW_CERTIFIER_WORKLIST: lambda actor, obj: _member_of(actor, obj, Role.CERTIFIER),
        PathwayAction.VIEW_FUNDER_WORKLIST: lambda actor, obj: _member_of(actor, obj, Role.FUNDER),
    }
)
