"""The candidacy's generated PDFs for machine clients: the dossier de faisabilité and the issued attestations,
the very files the site's pages serve (same selectors, same layout, same names). They need the full view of the
candidacy: a funder, which reads a funding view only (R6411-5), gets 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from acquis.accounts.permissions import can
from acquis.api.documents import pdf_openapi
from acquis.api.pathways.common import ERRORS, load, router
from acquis.documents.http import pdf_response
from acquis.pathways.documents.attestation import attestation_file
from acquis.pathways.documents.feasibility import feasibility_file
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction

READERS = (
    "Lecteurs : le candidat, l'accompagnateur choisi, le certificateur destinataire (compte ou jeton d'API de "
    "l'organisme) et l'équipe du GIP. Une candidature que vous ne pouvez pas lire répond 404, comme une "
    "candidature inexistante ; un financeur, qui n'en lit que la vue de financement, reçoit 403."
)


def _readable(request: HttpRequest, pk: int) -> Candidacy:
    """The candidacy if the caller reads its full view: 404 if it reads nothing of it, 403 for the funding view.
    A read, so a closed or anonymised candidacy is served too (``load`` with an action would answer 409)."""
    candidacy = load(request, pk)
    if not can(request.auth, PathwayAction.VIEW_CANDIDACY, candidacy):
        raise PermissionDenied("Votre compte ou votre jeton ne donne pas accès aux documents de cette candidature.")
    return candidacy


@router.get(
    "/{int:candidacy_id}/feasibility.pdf",
    response=ERRORS,
    url_name="candidacy_feasibility_pdf",
    summary="Télécharger le dossier de faisabilité (PDF)",
    description=(
        "Le dossier de faisabilité tel que le site le sert (même contenu, même nom de fichier "
        "`dossier-faisabilite-<id>.pdf`), dans son état du jour : contenu déposé, pièces, instruction, dates "
        "calculées par les règles avec leurs sources. Généré à chaque lecture. **404** tant que le dossier n'est "
        "pas déposé. " + READERS
    ),
    openapi_extra=pdf_openapi("Le dossier de faisabilité en PDF (`Content-Disposition: attachment`)."),
)
def candidacy_feasibility_pdf(request, candidacy_id: int):
    file = feasibility_file(_readable(request, candidacy_id))
    if file is None:
        raise Http404("Cette candidature n'a pas de dossier de faisabilité déposé.")
    return pdf_response(file)


@router.get(
    "/{int:candidacy_id}/attestations/{int:attestation_id}.pdf",
    response=ERRORS,
    url_name="candidacy_attestation_pdf",
    summary="Télécharger une attestation délivrée de la candidature (PDF)",
    description=(
        "L'attestation délivrée par le certificateur, telle que le site la sert (même contenu, même nom de "
        "fichier `attestation-<référence>.pdf`). Générée à chaque lecture. **404** tant qu'elle n'est que "
        "demandée, ou si elle n'est pas une attestation de cette candidature. " + READERS
    ),
    openapi_extra=pdf_openapi("L'attestation en PDF (`Content-Disposition: attachment`)."),
)
def candidacy_attestation_pdf(request, candidacy_id: int, attestation_id: int):
    file = attestation_file(candidacy=_readable(request, candidacy_id), attestation_id=attestation_id)
    if file is None:
        raise Http404(f"Aucune attestation délivrée n° {attestation_id} sur cette candidature.")
    return pdf_response(file)
