"""Reads: the caller's list of candidacies (its worklist) and one candidacy."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query

from acquis.accounts.enums import Role
from acquis.accounts.models import ApiToken, Organisation
from acquis.accounts.permissions import can, grants_of, is_user
from acquis.api.pathways.common import ERRORS, VISIBILITY, is_gip, json_response, load, router
from acquis.api.pathways.detail import candidacy_detail_out, funding_out
from acquis.api.pathways.schemas import (
    CandidacyDetailOut,
    CandidacyFundingOut,
    CandidacyListOut,
    CandidacyListQuery,
    ProblemOut,
)
from acquis.pathways import selectors
from acquis.pathways.permissions import PathwayAction

SCOPE_ROLES = {"certifier": Role.CERTIFIER, "accompanier": Role.ACCOMPANIER, "funder": Role.FUNDER}
WORKLIST_ACTIONS = {
    "certifier": PathwayAction.VIEW_CERTIFIER_WORKLIST,
    "accompanier": PathwayAction.VIEW_ACCOMPANIER_WORKLIST,
    "funder": PathwayAction.VIEW_FUNDER_WORKLIST,
}


def _scope(request: HttpRequest, wanted: str | None, siret: str | None) -> tuple[str, Organisation | None]:
    """The list the caller asked for (or its default) and the organisation it is read for; 403 otherwise."""
    actor = request.auth
    grants = grants_of(actor)
    scope = wanted
    if scope is None:
        scope = next((role for role, granted in SCOPE_ROLES.items() if any(g.role == granted for g in grants)), None)
        if scope is None:
            scope = "all" if is_gip(actor) else "candidate"
    if scope == "candidate":
        if not is_user(actor):
            raise PermissionDenied("Un jeton d'API n'a pas de candidatures à son nom.")
        return scope, None
    if scope == "all":
        if not is_gip(actor):
            raise PermissionDenied("Seule l'équipe du GIP lit toutes les candidatures.")
        return scope, None
    if siret:
        organisation = Organisation.objects.filter(siret=siret).first()
    else:
        ids = [g.organisation_id for g in grants if g.role == SCOPE_ROLES[scope] and g.organisation_id]
        organisation = Organisation.objects.filter(pk__in=ids[:1]).first()
    if organisation is None or not can(actor, WORKLIST_ACTIONS[scope], organisation):
        raise PermissionDenied("Votre compte ou votre jeton ne donne pas accès à cette liste de candidatures.")
    if isinstance(actor, ApiToken) and actor.role != SCOPE_ROLES[scope]:
        raise PermissionDenied("Votre jeton ne donne pas accès à cette liste de candidatures.")
    return scope, organisation


@router.get(
    "",
    response={200: CandidacyListOut, **ERRORS, 422: ProblemOut},
    summary="Lister les candidatures (liste de travail)",
    description=(
        "La liste de travail de l'appelant : dossiers adressés à l'organisme certificateur, candidatures qui ont "
        "choisi l'accompagnateur, candidatures des accompagnements collectifs financés (sans nom du candidat), "
        "ses propres candidatures (candidat), toutes (équipe du GIP). Chaque candidature porte son **statut "
        "calculé ce jour** par les règles, sa prochaine échéance et ce qu'elle fixe ; `counts_by_status` compte le "
        "périmètre par statut et `due_soon` les échéances proches. Filtres : `status` (répétable), `due_within` "
        "(jours). Les candidatures anonymisées sont exclues. Un jeton d'employeur n'a pas de liste (403)."
    ),
)
def candidacy_list(request, filters: Query[CandidacyListQuery]):
    actor = request.auth
    scope, organisation = _scope(request, filters.scope, filters.siret)
    on = timezone.localdate()
    options = {
        "on": on,
        "statuses": [status.value for status in filters.status] if filters.status else None,
        "due_within": dt.timedelta(days=filters.due_within) if filters.due_within is not None else None,
        "page": filters.page,
        "page_size": filters.page_size,
    }
    if organisation is not None:
        worklist = selectors.worklist(scope=scope, organisation=organisation, **options)
    else:
        worklist = selectors.candidacies_page(condition=Q(candidate=actor) if scope == "candidate" else Q(), **options)
    return {
        "on": on,
        "scope": scope,
        "organisation_siret": organisation.siret if organisation else None,
        "total": worklist.total,
        "page": worklist.page,
        "page_size": worklist.page_size,
        "counts_by_status": worklist.counts,
        "due_soon": worklist.due_soon,
        "attestations_to_issue": worklist.attestations_to_issue if scope == "certifier" else None,
        "items": [
            {
                "id": row.pk,
                "status": row.status,
                "status_label": row.status_label,
                "deadline": row.deadline,
                "deadline_label": row.deadline_label,
                "note": row.note,
                "stage": row.stage,
                "certification_code": row.certification_code,
                "certification_title": row.certification_title,
                "department": row.department_code,
                "candidate_name": None if scope == "funder" else row.candidate_name,
                "updated_at": row.updated_at,
            }
            for row in worklist.rows
        ],
    }


@router.get(
    "/{int:candidacy_id}",
    response={200: CandidacyDetailOut | CandidacyFundingOut, **ERRORS},
    by_alias=True,
    summary="Lire une candidature",
    description=(
        "Vue complète (`view: full`) pour le candidat, l'accompagnateur choisi, le certificateur destinataire et "
        "l'équipe du GIP : candidature, expériences, dossier de faisabilité, dossiers de validation, jury, "
        "résultat, le statut calculé ce jour, les **décisions complètes** qui valent ce jour (valeur, version, "
        "sources : article, identifiant LEGIARTI, phrase ; trace) et la chronologie (événements et décisions). "
        "Vue de financement (`view: funding`, R6411-5) pour le financeur d'un accompagnement collectif : statut, "
        "accompagnement, certification, département, date d'inscription — aucune donnée personnelle. " + VISIBILITY
    ),
)
def candidacy_read(request, candidacy_id: int):
    candidacy = load(request, candidacy_id)
    on = timezone.localdate()
    if can(request.auth, PathwayAction.VIEW_CANDIDACY, candidacy):
        return json_response(candidacy_detail_out(candidacy_id, on))
    return json_response(funding_out(candidacy, on))
