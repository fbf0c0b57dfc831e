from __future__ import annotations

import contextlib
import functools
import re
import uuid
from collections.abc import Iterator

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connections
from django.http.multipartparser import MultiPartParserError

from acquis.accounts.permissions import acting_role
from acquis.audit import context

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_READ_STATEMENTS = frozenset({"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SET", "SHOW", "BEGIN", "COMMIT"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RequestIdMiddleware:
    """Give each request an id (the proxy's X-Request-ID when well-formed), stamped on audit events."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        with context.bind(request_id=request.request_id, channel="web", role=""):
            response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class ActingRoleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        role = acting_role(request.user) if request.user.is_authenticated else ""
        with context.bind(role=role):
            return self.get_response(request)


class WriteOnSafeMethod(RuntimeError):
    pass


def _refuse_writes(execute, sql, params, many, ctx):
    statement = sql.lstrip().split(None, 1)[0].upper() if sql else ""
    if statement not in _READ_STATEMENTS:
        raise WriteOnSafeMethod(
            f"Écriture refusée : cette requête est en lecture seule (GET, ou calcul sans effet). {sql[:120]}"
        )
    return execute(sql, params, many, ctx)


def writes_on_get(view):
    """Allow a GET view to write; kept for the protocol callbacks that must (OIDC login)."""
    view.acquis_writes_on_get = True
    return view


class ReadOnlySafeMethodsMiddleware:
    """A GET, HEAD or OPTIONS request may read the database, never write it (les-emplois' idea)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in SAFE_METHODS or getattr(view_func, "acquis_writes_on_get", False):
            return None
        with refuse_writes():
            return view_func(request, *view_args, **view_kwargs)


@contextlib.contextmanager
def refuse_writes() -> Iterator[None]:
    """Refuse every database write inside the block, whatever the HTTP method.

    For endpoints that only compute (deciding a rule on submitted facts): a POST there must leave no trace,
    and this makes a regression fail loudly instead of silently storing personal data.
    """
    with contextlib.ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(_refuse_writes))
        yield


def read_only(view):
    """Mark a view (any method) as computing only: it runs inside refuse_writes()."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with refuse_writes():
            return view(*args, **kwargs)

    wrapper.acquis_read_only = True
    return wrapper


NUL_REFUSAL = "Un caractère nul (\\0) n'est pas admis dans une adresse, un formulaire ou des données envoyées."


def _has_nul(request) -> bool:
    """NUL in the path, the query string, a form field or file name, or a JSON body (raw or \\u0000)."""
    if "\x00" in request.path:
        return True
    if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
        return True
    content_type = request.content_type or ""
    if request.method in SAFE_METHODS:
        return False
    if content_type == "multipart/form-data" and "boundary" not in request.content_params:
        return False  # not parseable: the view refuses it (reading it here would answer 500)
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = ((key, value) for key, values in request.POST.lists() for value in values)
        names = ((key, upload.name or "") for key, uploads in request.FILES.lists() for upload in uploads)
        return any("\x00" in key or "\x00" in value for key, value in (*fields, *names))
    if content_type.endswith("json"):
        body = request.body
        return b"\x00" in body or b"\\u0000" in body.lower()
    return False


class RefuseNulMiddleware:
    """Refuse a request carrying a NUL character with a 400, before any view reads it.

    PostgreSQL cannot store NUL in text: a NUL in a search, an identifier or a form field reached the database
    and answered 500 on 20 routes, several of them anonymous (security review M5). No French text needs it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = _has_nul(request)
        except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as error:
            if request.path.startswith("/api/"):
                # Django leaves an empty body behind: the route would answer « file missing », not the cause.
                from acquis.api.errors import request_limit_problem

                return request_limit_problem(request, error)
            refused = False  # a page's view reads the body again and Django answers 400
        except UnicodeDecodeError:
            refused = False  # not ours to judge: the view's parser answers it
        if not refused:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            from acquis.api.errors import problem

            return problem(
                request,
                400,
                title="Données refusées",
                detail=NUL_REFUSAL,
                kind="donnees-refusees",
                code="nul_character",
            )
        from django.shortcuts import render

        return render(request, "400.html", {"title": "Requête refusée", "reason": NUL_REFUSAL}, status=400)
