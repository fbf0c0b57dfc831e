"""Recording audit events, and the ``@service`` decorator every write of Acquis goes through.

A service is a keyword-only, typed function named ``<entity>_<action>``. The decorator runs it in a
transaction and checks that it recorded at least one AuditEvent in that same transaction: a write
that forgets its audit trail fails loudly instead of silently.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import models, transaction

from acquis.accounts.actors import Actor
from acquis.audit import context
from acquis.audit.enums import EventType
from acquis.audit.models import AuditDetail, AuditEvent

P = ParamSpec("P")
R = TypeVar("R")

SERVICES: dict[str, Callable[..., Any]] = {}

_events_in_call: contextvars.ContextVar[int | None] = contextvars.ContextVar("acquis_audit_events", default=None)


class ServiceWithoutAuditEvent(RuntimeError):
    pass


def object_reference(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def audit_event_record(
    *,
    actor: Actor | None,
    action: EventType,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    payload: dict[str, Any] | None = None,
    personal: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Called by services only, inside their transaction.

    ``payload`` must hold no personal data (the log is append-only); free text about a person goes in
    ``personal``, stored apart (AuditDetail) and erased by retention with ``obj`` (audit_details_erase)."""
    if obj is not None:
        object_type, object_id = object_reference(obj)
    if not object_type:
        raise ValueError("Un événement d'audit doit désigner l'objet concerné.")
    ctx = context.current()
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent.objects.create(
        actor=actor_user,
        actor_label=f"compte n° {actor_user.pk}" if actor_user is not None else ctx.channel,
        role=ctx.role,
        action=EventType(action),
        object_type=object_type,
        object_id=object_id,
        payload=payload or {},
        request_id=ctx.request_id,
    )
    if personal:
        AuditDetail.objects.create(event=event, subject_type=object_type, subject_id=object_id, data=personal)
    count = _events_in_call.get()
    if count is not None:
        _events_in_call.set(count + 1)
    return event


def audit_details_erase(*, object_type: str, object_ids: list[str], on: Any) -> int:
    """Erase the personal details of the events about these objects (called by retention services, inside
    their transaction and audited by them)."""
    return AuditDetail.objects.filter(
        subject_type=object_type, subject_id__in=[str(pk) for pk in object_ids], erased_on=None
    ).update(data={}, erased_on=on)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """Mark a write service: keyword-only, transactional, audited."""
    signature = inspect.signature(func)
    positional = [
        p.name
        for p in signature.parameters.values()
        if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    if positional:
        raise TypeError(f"Le service {func.__qualname__} doit n'avoir que des paramètres nommés ({positional}).")

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            token = _events_in_call.set(0)
            try:
                result = func(*args, **kwargs)
                if not _events_in_call.get():
                    raise ServiceWithoutAuditEvent(f"Le service {func.__qualname__} n'a enregistré aucun AuditEvent.")
            finally:
                _events_in_call.reset(token)
        return result

    wrapper.is_service = True  # type: ignore[attr-defined]
    SERVICES[f"{func.__module__}.{func.__qualname__}"] = wrapper
    return wrapper
