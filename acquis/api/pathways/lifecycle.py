"""The candidacy's lifecycle: drop-out, archive, reorientation, reopening (the candidate, the accompanier or the
GIP: CLOSE_CANDIDACY) and the litigation hold that suspends retention (the GIP)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from acquis.api.pathways.common import VISIBILITY, WRITE_ERRORS, act, router, target_of, write_route
from acquis.api.pathways.schemas import (
    ArchiveIn,
    CandidacyDetailOut,
    DropOutIn,
    LitigationIn,
    ReorientationIn,
)
from acquis.pathways import services
from acquis.pathways.transitions import refusals_text


@write_route(
    "/{int:candidacy_id}/drop-out",
    transition="candidacy_drop_out",
    summary="Enregistrer l'abandon de la candidature",
    description=(
        "Le candidat (ou son accompagnateur, ou l'équipe du GIP) abandonne le parcours, avec son motif "
        "(`other` avec une précision). La candidature est clôturée ; elle peut être rouverte. "
    ),
)
def drop_out(request, candidacy_id: int, payload: DropOutIn):
    def write(candidacy):
        services.candidacy_drop_out(
            actor=request.auth, candidacy=candidacy, reason=payload.reason, note=payload.note, on=payload.on
        )

    return act(request, candidacy_id, "candidacy_drop_out", write)


@write_route(
    "/{int:candidacy_id}/archive",
    transition="candidacy_archive",
    summary="Archiver la candidature",
    description=(
        "Pas tant que la décision du certificateur sur la recevabilité est attendue : le dossier est chez lui "
        "(409 `decision_awaited` ; le candidat peut en revanche abandonner). "
    ),
)
def archive(request, candidacy_id: int, payload: ArchiveIn):
    def write(candidacy):
        services.candidacy_archive(
            actor=request.auth, candidacy=candidacy, reason=payload.reason, note=payload.note, on=payload.on
        )

    return act(request, candidacy_id, "candidacy_archive", write)


@router.post(
    "/{int:candidacy_id}/reorientation",
    response={201: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Réorienter la candidature vers une autre certification",
    description=(
        "Clôture la candidature (réorientée) et en ouvre une nouvelle vers une autre certification ou d'autres "
        "blocs, pour la même personne, le même territoire, le même accompagnement et les mêmes expériences ; le "
        "nouveau parcours commence le jour de la réorientation, ses règles sont celles de ce jour. Réponse "
        "**201** : la nouvelle candidature. " + refusals_text("candidacy_reorient") + VISIBILITY
    ),
)
def reorient(request, candidacy_id: int, payload: ReorientationIn):
    def write(candidacy):
        certification, blocks, errors = target_of(payload.certification, payload.blocks)
        if errors:
            raise ValidationError(errors)
        return services.candidacy_reorient(
            actor=request.auth,
            candidacy=candidacy,
            certification=certification,
            blocks=blocks,
            note=payload.note,
            on=payload.on,
        )

    return act(request, candidacy_id, "candidacy_reorient", write, created=True)


@router.post(
    "/{int:candidacy_id}/reopening",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Rouvrir la candidature abandonnée ou archivée",
    description=(
        "Là où elle en était. Une réorientation ne se défait pas (la nouvelle candidature poursuit le parcours) "
        "et des données anonymisées ne reviennent pas. Une candidature que vous lisez sans pouvoir la rouvrir "
        "répond 403, même clôturée ; une que vous ne lisez pas, 404. " + refusals_text("candidacy_reopen")
    ),
)
def reopen(request, candidacy_id: int):
    def write(candidacy):
        services.candidacy_reopen(actor=request.auth, candidacy=candidacy)

    return act(request, candidacy_id, "candidacy_reopen", write)


@router.post(
    "/{int:candidacy_id}/litigation",
    response={200: CandidacyDetailOut, **WRITE_ERRORS},
    by_alias=True,
    summary="Signaler un contentieux sur la candidature (équipe du GIP)",
    description=(
        "`pending: true` avec sa référence (`note`) : la conservation des données est suspendue tant que le "
        "contentieux est en cours (R6411-6, règle `data.retention_until`) ; `pending: false` quand il est "
        "terminé. Aussi pour une candidature clôturée. Un autre "
        "lecteur de la candidature reçoit 403, quiconque d'autre 404. " + refusals_text("candidacy_litigation_set")
    ),
)
def litigation_set(request, candidacy_id: int, payload: LitigationIn):
    def write(candidacy):
        services.candidacy_litigation_set(
            actor=request.auth, candidacy=candidacy, pending=payload.pending, note=payload.note
        )

    return act(request, candidacy_id, "candidacy_litigation_set", write)
