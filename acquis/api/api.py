"""The /api/v1 API (django-ninja): OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from django.db import connection
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI

from acquis.accounts.models import ApiToken, Organisation
from acquis.accounts.permissions import Action, can
from acquis.accounts.selectors import active_memberships
from acquis.api import errors
from acquis.api.auth import AUTH
from acquis.api.schemas import AuditEventOut, GrantOut, HealthOut, MeOut, OrganisationOut
from acquis.audit.selectors import audit_timeline


class AcquisAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        # The generic problems (401, 403, 404, 422) every route may answer, documented once for all routes.
        return errors.document_problems(super().get_openapi_schema(*args, **kwargs))


api = AcquisAPI(
    title="API Acquis",
    version="1",
    description=(
        "API du service public de la VAE. Les systèmes des organisations (SIRH, certificateurs, financeurs) "
        "s'authentifient par un jeton d'API limité à leur organisation. Les erreurs suivent la RFC 9457 "
        "(application/problem+json)."
    ),
    urls_namespace="api",
    auth=AUTH,
)
errors.install(api)
api.add_router("/rules", "acquis.api.rules.router")  # public: deciding a rule reads and keeps no personal data
api.add_router("/certifications", "acquis.api.certifications.router")  # public: France compétences' open data
api.add_router("/leave-requests", "acquis.api.leave.router")
api.add_router("/candidacies", "acquis.api.pathways.router")
api.add_router("/funding", "acquis.api.funding.router")
api.add_router("/advice", "acquis.api.orientation.router")  # public: professional contacts, R6423-4
api.add_router("/open-data", "acquis.api.statistics.router")  # public: aggregates, statistical secrecy applied


def require(request, action: Action, obj=None) -> None:
    if not can(request.auth, action, obj):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Votre jeton ou votre compte ne permet pas cette action.")


@api.get("/health", auth=None, response=HealthOut, summary="État du service", tags=["service"])
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "database": connection.vendor}


@api.get("/me", response=MeOut, summary="Identité de l'appelant et ses rôles", tags=["comptes"])
def me(request):
    actor = request.auth
    require(request, Action.USE_API)
    if isinstance(actor, ApiToken):
        grants = [GrantOut(role=actor.role, organisation_siret=actor.organisation.siret, territory=None)]
        return MeOut(kind="api_token", name=actor.name, grants=grants)
    grants = [
        GrantOut(
            role=m.role,
            organisation_siret=m.organisation.siret if m.organisation else None,
            territory=(m.department.code if m.department else (m.region.code if m.region else None)),
        )
        for m in active_memberships(user=actor)
    ]
    return MeOut(kind="user", name=actor.email, grants=grants)


@api.get("/organisations/{siret}", response=OrganisationOut, summary="Une organisation", tags=["organisations"])
def organisation_detail(request, siret: str):
    organisation = get_object_or_404(Organisation, siret=siret)
    require(request, Action.VIEW_ORGANISATION, organisation)
    return organisation


@api.get(
    "/audit-events",
    response=list[AuditEventOut],
    summary="Historique d'un objet (équipe du GIP)",
    tags=["audit"],
)
def audit_events(request, object_type: str, object_id: str):
    require(request, Action.VIEW_AUDIT_TIMELINE)
    return [
        AuditEventOut(
            occurred_at=e.occurred_at,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            actor=e.actor_display,
            role=e.role,
            request_id=e.request_id,
            payload=e.payload,
        )
        for e in audit_timeline(object_type=object_type, object_id=object_id)
    ]
