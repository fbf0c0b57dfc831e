"""/api/v1/certifications: the registry of certifications (RNCP and RS), read only.

Public (``auth=None``) like the finder pages: the register is open data published by France compétences,
and nothing personal is read or kept.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from ninja import Field, Query, Router, Schema

from acquis.api.errors import problem
from acquis.certifications import selectors
from acquis.certifications.levels import level_label
from acquis.orientation import selectors as orientation_selectors
from acquis.orientation.finder import MAX_LIMIT, FinderError, find
from acquis.web.paging import MAX_PAGE

router = Router(tags=["certifications"])

PUBLIC = "**Route publique, sans authentification** : le registre est une donnée ouverte de France compétences."
PAGE_SIZE = 20


class CertificationSummaryOut(Schema):
    code: str = Field(description="Numéro de fiche : RNCP12345 ou RS1234.")
    title: str
    level: int | None = Field(description="Niveau du cadre national (1 à 8) ; null pour le RS ou s'il manque.")
    vae_accessible: bool = Field(description="Vrai quand une voie d'accès publiée est « Par expérience » (VAE).")
    active: bool
    registration_end: dt.date | None


class CertificationPageOut(Schema):
    count: int = Field(description="Nombre total de fiches trouvées.")
    page: int
    pages: int
    page_size: int
    results: list[CertificationSummaryOut]


class SkillBlockOut(Schema):
    code: str
    title: str


class CertifierOut(Schema):
    siret: str = Field(description="SIRET du certificateur ; vide s'il n'est pas publié.")
    name: str


class CodeLabelOut(Schema):
    code: str
    label: str


class VersionOut(Schema):
    code: str
    title: str | None = Field(description="Null quand la fiche n'est pas dans le registre d'Acquis.")


class CertificationOut(CertificationSummaryOut):
    registry: str = Field(description="rncp ou rs.")
    level_label: str = Field(description="Le niveau et sa description dans le cadre national (D6113-19).")
    level_published: str = Field(description="Le niveau tel que publié (NIV5, ou un ancien nom comme « Niveau III »).")
    registration_type: str
    decision_on: dt.date | None
    access_routes: list[str] = Field(description="Voies d'accès publiées (Si_Jury).")
    absent_since: dt.date | None = Field(description="Date de l'export d'où la fiche a disparu ; null sinon.")
    blocks: list[SkillBlockOut]
    certifiers: list[CertifierOut]
    rome_codes: list[CodeLabelOut]
    nsf_codes: list[CodeLabelOut]
    previous_versions: list[VersionOut]
    next_versions: list[VersionOut]


class SearchIn(Schema):
    q: str = Field("", description="Mots de l'intitulé ou numéro de fiche (accents et casse ignorés).")
    level: int | None = Field(None, ge=1, le=8, description="Niveau du cadre national.")
    vae: bool | None = Field(None, description="true : accessibles par la VAE ; false : non accessibles.")
    rome: str = Field("", pattern=r"^([A-Za-z]\d{4})?$", description="Code ROME, par exemple K1302.")
    include_inactive: bool = Field(False, description="Inclure les fiches inactives.")
    page: int = Field(1, ge=1, le=MAX_PAGE)


@router.get(
    "",
    auth=None,
    response=CertificationPageOut,
    summary="Chercher des certifications",
    description=f"Fiches actives par défaut, triées par intitulé, {PAGE_SIZE} par page. {PUBLIC}",
)
def certification_list(request, filters: Query[SearchIn]):
    results = selectors.certification_search(
        q=filters.q, level=filters.level, vae=filters.vae, rome=filters.rome, include_inactive=filters.include_inactive
    )
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "page_size": PAGE_SIZE,
        "results": list(page),
    }


class FindIn(Schema):
    q: str = Field("", description="Ce que la personne a fait, en ses mots (les 2 000 premiers caractères sont lus).")
    level: int | None = Field(None, description="Niveau visé, de 1 à 8.")
    departement: str | None = Field(None, description="Département de résidence (31, 2A, 974…).")
    limit: int = Field(10, description=f"Nombre de résultats, de 1 à {MAX_LIMIT}.")
    metier: list[int] = Field([], description="Codes OGR de métiers du ROME choisis (appellations), répétables.")


class FindResultOut(Schema):
    code: str
    title: str
    level: int | None
    score: float = Field(description="De 0 à 1 : métier reconnu (50 %), mots retrouvés (35 %), rang du moteur (15 %).")
    why: list[str] = Field(description="Pourquoi la certification est proposée : métiers, mots, blocs, codes ROME.")


class FindOut(Schema):
    results: list[FindResultOut] = Field(description="Les meilleures d'abord ; vide s'il n'y a rien à proposer.")
    message: str | None = Field(
        None, description="Phrase à montrer quand la description est vide, trop longue ou ne donne rien."
    )


@router.get(
    "/find",
    auth=None,
    response=FindOut,
    summary="Trouver les certifications qui correspondent à une expérience",
    description=(
        "Les certifications actives ouvertes à la VAE, classées pour une description en mots de tous les jours "
        "et des métiers du ROME, avec la raison de chaque proposition (la même réponse que "
        "« acquis certifications find --json »). Un argument invalide répond 422 avec `error`. "
        f"{PUBLIC}"
    ),
    openapi_extra={"responses": {422: {"description": "Argument invalide (niveau, département, nombre, métier)."}}},
)
def certification_find(request, filters: Query[FindIn]):
    try:
        answer = find(
            filters.q,
            level=filters.level,
            department=filters.departement,
            limit=filters.limit,
            job_titles=filters.metier,
        )
    except FinderError as exc:
        return problem(request, 422, title="Argument refusé", detail=str(exc), kind="donnees-refusees", error=str(exc))
    return {"results": answer.as_json()["results"], "message": answer.message or None}


class JobTitlesIn(Schema):
    q: str = Field(
        "", max_length=200, description="Les premières lettres d'un métier (2 au moins ; accents et casse ignorés)."
    )


class JobTitleOut(Schema):
    code_ogr: int = Field(description="Code OGR de l'appellation, à passer en `metier` à /find.")
    label: str = Field(description="L'appellation du ROME (métier ou synonyme).")
    rome_code: str = Field(description="Le code ROME de la fiche métier, par exemple J1501.")


class JobTitlesOut(Schema):
    results: list[JobTitleOut] = Field(description="Au plus 8 : les appellations principales, puis les plus courtes.")


@router.get(
    "/job-titles",
    auth=None,
    response=JobTitlesOut,
    summary="Proposer des métiers du ROME à partir de quelques lettres",
    description=(
        "Les appellations du ROME contenant le texte saisi (l'autocomplétion de la page « Trouver ma "
        "certification »). Moins de 2 lettres : aucune proposition. **Route publique, sans authentification** : "
        "le ROME est une donnée ouverte de France Travail."
    ),
)
def job_title_list(request, filters: Query[JobTitlesIn]):
    return {"results": orientation_selectors.job_title_suggestions(text=filters.q)}


@router.get(
    "/{code}",
    auth=None,
    response=CertificationOut,
    summary="Une certification",
    description=f"La fiche, ses blocs, certificateurs, codes ROME et NSF, et ses versions. {PUBLIC}",
)
def certification_detail(request, code: str):
    certification = selectors.certification_by_code(code=code)
    if certification is None:
        raise Http404(f"La fiche {code} n'est pas dans le registre d'Acquis.")
    previous, following = selectors.certification_versions(certification=certification)
    return {
        **{field: getattr(certification, field) for field in CertificationSummaryOut.model_fields},
        "registry": certification.registry.value,
        "level_label": level_label(certification.level),
        "level_published": certification.level_raw,
        "registration_type": certification.registration_type,
        "decision_on": certification.decision_on,
        "access_routes": certification.access_routes,
        "absent_since": certification.absent_since,
        "blocks": list(certification.blocks.all()),
        "certifiers": list(certification.certifiers.all()),
        "rome_codes": list(certification.rome_codes.all()),
        "nsf_codes": list(certification.nsf_codes.all()),
        "previous_versions": [{"code": v.code, "title": v.title} for v in previous],
        "next_versions": [{"code": v.code, "title": v.title} for v in following],
    }
