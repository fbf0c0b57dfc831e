"""Who is acting, and within which request: set by the web middleware, the API auth or a CLI command.

Services read it to stamp their AuditEvent without every caller threading it through.
"""

from __future__ import annotations

import contextlib
import contextvars
import uuid
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    request_id: str = ""
    role: str = ""
    channel: str = "system"  # web, api, cli, task, system


_current: contextvars.ContextVar[AuditContext] = contextvars.ContextVar("acquis_audit_context", default=AuditContext())  # noqa: B039 — frozen


def current() -> AuditContext:
    return _current.get()


@contextlib.contextmanager
def bind(*, request_id: str | None = None, role: str | None = None, channel: str | None = None) -> Iterator[None]:
    previous = _current.get()
    token = _current.set(
        AuditContext(
            request_id=request_id if request_id is not None else (previous.request_id or uuid.uuid4().hex),
            role=role if role is not None else previous.role,
            channel=channel if channel is not None else previous.channel,
        )
    )
    try:
        yield
    finally:
        _current.reset(token)
