"""Errors as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, ValidationError
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_TYPE_BASE = "https://acquis.beta.gouv.fr/problemes/"


def problem(
    request: HttpRequest, status: int, *, title: str, detail: str = "", kind: str = "", **extra: Any
) -> HttpResponse:
    import json

    body: dict[str, Any] = {
        "type": f"{PROBLEM_TYPE_BASE}{kind}" if kind else "about:blank",
        "title": title,
        "status": status,
        "instance": request.path,
    }
    if detail:
        body["detail"] = detail
    request_id = getattr(request, "request_id", "")
    if request_id:
        body["request_id"] = request_id
    body.update(extra)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json"
    )
    if status == HTTPStatus.UNAUTHORIZED:
        response["WWW-Authenticate"] = 'Bearer realm="acquis"'
    return response


def validation_codes(exc: ValidationError) -> dict[str, list[str]]:
    """Field → machine codes of a domain ValidationError (``invalid_data`` where a service gave none)."""
    groups = exc.error_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.error_list)]
    return {field: [error.code or "invalid_data" for error in errors] for field, errors in groups}


def validation_problem(request: HttpRequest, exc: ValidationError, *, status: int = 422, **extra: Any) -> HttpResponse:
    """A service's refusal: every French message in ``detail`` and ``errors``, its first code in ``code``."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    codes = validation_codes(exc)
    return problem(
        request,
        status,
        title="Conflit" if status == HTTPStatus.CONFLICT else "Données refusées",
        detail=" ".join(exc.messages),
        kind="conflit" if status == HTTPStatus.CONFLICT else "donnees-refusees",
        code=next(code for field_codes in codes.values() for code in field_codes),
        errors=errors,
        codes=codes,
        **extra,
    )


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problème (RFC 9457)",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "instance": {"type": "string"},
        "detail": {"type": "string"},
        "request_id": {"type": "string"},
        "code": {"type": "string"},
    },
    "additionalProperties": True,
}
GENERIC_PROBLEMS = {
    "400": "Requête illisible : corps JSON ou formulaire mal formé, ou caractère nul dans un paramètre ou le corps.",
    "401": "Authentification requise : jeton d'API absent, invalide ou révoqué, ou session absente.",
    "403": "Accès refusé : le rôle ou l'organisation de l'appelant ne permet pas cette action.",
    "404": "Ressource introuvable (ou que l'appelant ne peut pas lire).",
    "413": "Requête trop volumineuse : le corps dépasse la taille admise.",
    "422": "Requête invalide : un paramètre ou le corps ne respecte pas le format attendu.",
}


def document_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to every operation the problems the API answers whatever the route: 401/403 where a caller must
    authenticate, 404 where the path names a resource, 422 where there is input to validate. Routes that
    document a problem themselves keep their own description."""
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            # django-ninja keys the routes' own responses by int (404), these generic ones are strings
            # ("404"): without one type, JSON would carry both as a duplicated "404" key.
            operation["responses"] = {str(code): answer for code, answer in operation["responses"].items()}
            for code, answer in operation["responses"].items():
                # A route's own problem schema (ProblemOut) is served as application/problem+json, not JSON.
                content = answer.get("content", {})
                if code >= "400" and "application/json" in content:
                    content["application/problem+json"] = content.pop("application/json")
            codes = []
            if operation.get("security"):
                codes += ["401", "403"]
            if "{" in path:
                codes.append("404")
            if operation.get("parameters") or operation.get("requestBody"):
                # 400: an unreadable body, or a NUL character in a parameter or the body (RefuseNulMiddleware).
                codes += ["400", "422"]
            if operation.get("requestBody"):
                codes.append("413")  # a body past Django's size limits (request_limit_problem)
            for code in codes:
                operation["responses"].setdefault(
                    code,
                    {
                        "description": GENERIC_PROBLEMS[code],
                        "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
                    },
                )
    return schema


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 handler: a problem under /api/ (a path the API's URL patterns do not match, such as a
    non-numeric id), the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return problem(request, 404, title="Ressource introuvable", detail="Aucune route ne répond à ce chemin.")
    from django.views.defaults import page_not_found as html_page_not_found

    return html_page_not_found(request, exception)


DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The database cannot be reached (restart, failover, saturation): 503 with Retry-After, so that a client
    retries later instead of reporting a bug; a problem under /api/, a French page elsewhere."""
    if request.path.startswith("/api/"):
        response = problem(
            request,
            503,
            title="Service momentanément indisponible",
            detail="La base de données ne répond pas. Réessayez dans quelques instants.",
            kind="service-indisponible",
        )
    else:
        from django.template.loader import render_to_string

        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler (called inside the ``except`` of the failed request): a database outage is a 503."""
    import sys

    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    if request.path.startswith("/api/"):
        return problem(request, 500, title="Erreur inattendue", detail="Le service a rencontré une erreur.")
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)


def request_limit_problem(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body past Django's limits (413), or one it cannot parse, too many fields or files, a file name too long
    (400): the client's fault, said in French, never the catch-all's 500 (security review M5)."""
    if isinstance(exc, RequestDataTooBig):
        return problem(
            request,
            413,
            title="Requête trop volumineuse",
            detail="Le corps de la requête dépasse la taille admise (2,5 Mo hors fichiers joints).",
            kind="requete-trop-volumineuse",
            code="request_too_large",
        )
    return problem(
        request,
        400,
        title="Requête illisible",
        detail="Le corps de la requête est mal formé ou dépasse les limites admises (nombre de champs, de "
        "fichiers, longueur d'un nom de fichier).",
        kind="requete-illisible",
        code="unreadable_request",
    )


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def _validation(request, exc: NinjaValidationError):
        return problem(
            request,
            422,
            title="Requête invalide",
            detail="Un ou plusieurs champs ne respectent pas le format attendu.",
            kind="requete-invalide",
            code="invalid_request",
            errors=exc.errors,
        )

    @api.exception_handler(ValidationError)
    def _domain_validation(request, exc: ValidationError):
        return validation_problem(request, exc)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return problem(
            request,
            401,
            title="Authentification requise",
            detail="Fournissez un jeton d'API valide dans l'en-tête « Authorization: Bearer … ».",
            kind="authentification-requise",
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return problem(
            request, 403, title="Accès refusé", detail=str(exc) or "Action non autorisée.", kind="acces-refuse"
        )

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem(request, 404, title="Ressource introuvable", detail=str(exc), kind="introuvable")

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        return problem(request, exc.status_code, title=HTTPStatus(exc.status_code).phrase, detail=str(exc))

    # Django's request limits (DATA_UPLOAD_MAX_MEMORY_SIZE, …_NUMBER_FIELDS, …_NUMBER_FILES), a malformed multipart
    # body and a JSON body nested past Python's recursion limit are the client's fault: a problem, never the
    # catch-all's 500 (security review M5). Pages get Django's own 400 for the same.
    @api.exception_handler(RequestDataTooBig)
    def _too_big(request, exc):
        return request_limit_problem(request, exc)

    @api.exception_handler(SuspiciousOperation)
    @api.exception_handler(MultiPartParserError)
    def _unreadable(request, exc):
        return request_limit_problem(request, exc)

    @api.exception_handler(RecursionError)
    def _too_deep(request, exc):
        return problem(
            request,
            422,
            title="Requête invalide",
            detail="Le corps JSON est imbriqué trop profondément.",
            kind="requete-invalide",
            code="json_too_deep",
        )

    @api.exception_handler(DataError)
    def _out_of_range(request, exc):
        # The database refused a value (a text longer than its column, a number past its type) that a schema
        # let through: the transaction is rolled back, nothing is half-saved; the caller hears why.
        return problem(
            request,
            422,
            title="Données refusées",
            detail="Une valeur est trop longue ou trop grande pour être enregistrée.",
            kind="donnees-refusees",
            code="value_out_of_range",
        )

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        import logging

        if isinstance(exc, DATABASE_ERRORS):
            logging.getLogger("acquis.api").warning("Base de données indisponible sur %s : %s", request.path, exc)
            return database_unavailable(request)
        logging.getLogger("acquis.api").exception("Erreur inattendue sur %s", request.path)
        return problem(request, 500, title="Erreur inattendue", detail="Le service a rencontré une erreur.")
