"""/api/v1/advice: where to get advice on VAE (R6411-1/-2, L6111-6) and what an accompanier tells a person
before they choose it (R6423-4), read only.

Public (``auth=None``) like the « Où se faire conseiller » pages: the places are public services' and
organisations' professional contacts, and nothing personal is read or kept.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from acquis.api.errors import problem
from acquis.orientation import selectors
from acquis.orientation.enums import OperatorKind

router = Router(tags=["orientation"])

PUBLIC = "**Route publique, sans authentification** : des coordonnées professionnelles publiées pour être appelées."
LIMIT = 200


class DirectoryIn(Schema):
    region: str = Field("", max_length=3, description="Code INSEE de la région, par exemple 53 (Bretagne).")
    departement: str = Field("", max_length=3, description="Numéro du département : 35, 2A, 974…")
    kind: str = Field("", description="cep, vae_centre ou accompanier ; vide : tous.")


class PlaceOut(Schema):
    name: str
    kind: str = Field(description="cep, vae_centre ou accompanier.")
    kind_label: str
    region: str = Field(description="Code de la région servie.")
    departement: str | None = Field(description="Numéro du département servi ; null : toute la région.")
    address: str
    postcode: str
    city: str
    phone: str
    email: str
    website: str
    reception: str = Field(description="on_site, remote ou both.")
    reception_label: str
    demo: bool = Field(description="Vrai pour une donnée de démonstration (coordonnées fictives).")
    accompanier_siret: str | None = Field(description="Pour un accompagnateur : son SIRET (voir /accompaniers).")


class DirectoryOut(Schema):
    count: int
    truncated: bool = Field(description=f"Vrai quand il y a plus de {LIMIT} lieux : précisez la recherche.")
    results: list[PlaceOut]


class AccompanierOut(Schema):
    siret: str
    name: str
    listed: bool = Field(description="Sur la liste des accompagnateurs du GIP aujourd'hui (R6412-2).")
    qualiopi_number: str | None
    qualiopi_expires_on: dt.date | None = Field(description="Fin de validité de la certification Qualiopi (L6316-1).")
    qualiopi_valid: bool
    reception_conditions: str = Field(description="R6423-4 : conditions d'accueil.")
    methods: str = Field(description="R6423-4 : modalités de l'accompagnement.")
    staff_qualification: str = Field(description="R6423-4 : formation et qualification des accompagnateurs.")
    updated_at: dt.datetime | None = Field(description="Dernière mise à jour de ces informations ; null : jamais.")
    sites: list[PlaceOut]


def _place(row) -> dict:
    return {
        "name": row.name,
        "kind": row.kind,
        "kind_label": row.get_kind_display(),
        "region": row.region.code,
        "departement": row.department.code if row.department_id else None,
        "address": row.address,
        "postcode": row.postcode,
        "city": row.city,
        "phone": row.phone,
        "email": row.email,
        "website": row.website,
        "reception": row.reception,
        "reception_label": row.get_reception_display(),
        "demo": row.is_demo,
        "accompanier_siret": row.organisation.siret if row.organisation_id else None,
    }


@router.get(
    "",
    auth=None,
    response=DirectoryOut,
    summary="Où se faire conseiller : lieux par région, département et nature",
    description=(
        "Conseil en évolution professionnelle, centres de conseil VAE et accompagnateurs de la liste du GIP "
        "(ceux-ci tant qu'ils y sont inscrits). Un département donne ses lieux et ceux qui servent toute sa région. "
        f"Une région, un département ou une nature inconnus répondent 422 avec `error`. {PUBLIC}"
    ),
    openapi_extra={"responses": {422: {"description": "Région, département ou nature inconnus."}}},
)
def advice_directory(request, filters: Query[DirectoryIn]):
    region = department = None
    if filters.region.strip():
        region = selectors.region_by_code(code=filters.region)
        if region is None:
            return _refused(request, "Cette région n'existe pas : donnez son code INSEE, par exemple 53.")
    if filters.departement.strip():
        department = selectors.department_by_code(code=filters.departement)
        if department is None:
            return _refused(request, "Ce numéro de département n'existe pas. Exemples : 35, 2A, 974.")
    if filters.kind and filters.kind not in OperatorKind.values:
        return _refused(request, f"Nature inconnue : choisissez parmi {', '.join(OperatorKind.values)}.")
    rows = list(selectors.directory(region=region, department=department, kind=filters.kind)[: LIMIT + 1])
    return {
        "count": min(len(rows), LIMIT),
        "truncated": len(rows) > LIMIT,
        "results": [_place(row) for row in rows[:LIMIT]],
    }


def _refused(request, message: str):
    return problem(request, 422, title="Argument refusé", detail=message, kind="donnees-refusees", error=message)


@router.get(
    "/accompaniers/{siret}",
    auth=None,
    response=AccompanierOut,
    summary="Ce qu'un accompagnateur dit de lui avant qu'on le choisisse (R6423-4)",
    description=(
        "Conditions d'accueil, modalités, formation et qualification des accompagnateurs, certification "
        "Qualiopi et sa fin de validité, lieux d'accueil. 404 pour un SIRET qui n'a jamais été sur la liste "
        f"du GIP. {PUBLIC}"
    ),
)
def accompanier_detail(request, siret: str):
    organisation = selectors.accompanier_organisation(siret=siret)
    if organisation is None:
        raise Http404("Aucun accompagnateur de la liste du GIP n'a ce SIRET.")
    card = selectors.accompanier_card(organisation=organisation, on=timezone.localdate())
    profile, listing = card.profile, card.listing
    return {
        "siret": organisation.siret,
        "name": organisation.name,
        "listed": card.listed,
        "qualiopi_number": listing.qualiopi_number if listing else None,
        "qualiopi_expires_on": listing.qualiopi_expires_on if listing else None,
        "qualiopi_valid": card.qualiopi_valid,
        "reception_conditions": profile.reception_conditions if profile else "",
        "methods": profile.methods if profile else "",
        "staff_qualification": profile.staff_qualification if profile else "",
        "updated_at": profile.updated_at if profile else None,
        "sites": [_place(row) for row in selectors.accompanier_sites(organisation=organisation)],
    }
