from __future__ import annotations

from django.db.models import QuerySet

from acquis.audit.models import AuditEvent


def audit_timeline(*, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id))
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
