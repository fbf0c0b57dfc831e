from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from acquis.accounts.models import Organisation
from acquis.accounts.permissions import Action
from acquis.audit.models import AuditEvent
from acquis.audit.selectors import audit_timeline
from acquis.web.decorators import requires

RECENT_EVENTS = 20


@require_safe
@requires(Action.VIEW_STAFF_DASHBOARD)
def dashboard(request):
    organisations = Organisation.objects.annotate(members=Count("memberships")).order_by("name")
    events = AuditEvent.objects.select_related("actor").order_by("-occurred_at", "-id")[:RECENT_EVENTS]
    return render(
        request,
        "web/staff/dashboard.html",
        {"title": "Tableau de bord du GIP", "organisations": organisations, "events": events},
    )


@require_safe
@requires(Action.VIEW_AUDIT_TIMELINE)
def timeline(request, object_type: str, object_id: str):
    events = audit_timeline(object_type=object_type, object_id=object_id)
    return render(
        request,
        "web/staff/timeline.html",
        {
            "title": f"Historique de {object_type} n° {object_id}",
            "object_type": object_type,
            "object_id": object_id,
            "events": events,
        },
    )
