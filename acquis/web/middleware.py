from __future__ import annotations

import contextlib
import functools
import re
import uuid
from collections.abc import Iterator

from django.db import connections

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
