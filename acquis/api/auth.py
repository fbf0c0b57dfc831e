from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from acquis.accounts.permissions import acting_role
from acquis.accounts.selectors import api_token_by_key
from acquis.audit import context


class TokenAuth(HttpBearer):
    """Machine clients: ``Authorization: Bearer acq_…``, scoped to the token's organisation and role."""

    openapi_description = "Jeton d'API d'une organisation (créé depuis la page de l'organisation)."

    def authenticate(self, request: HttpRequest, token: str):
        return api_token_by_key(raw=token)


class UserSessionAuth(SessionAuth):
    """People using the API from their browser session (the interactive docs)."""


AUTH = [TokenAuth(), UserSessionAuth()]


@contextlib.contextmanager
def audit_scope(request: HttpRequest) -> Iterator[None]:
    """Wrap an API write so its AuditEvent says it came through the API, in the caller's role."""
    with context.bind(channel="api", role=acting_role(request.auth)):
        yield
