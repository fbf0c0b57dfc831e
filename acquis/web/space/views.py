"""« Mon espace » (the page after login: what waits for me, one section per role) and « Mes notifications »
(the e-mails Acquis sent me about my files, newest first)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from acquis.accounts.permissions import Action
from acquis.notifications import selectors
from acquis.notifications.permissions import NotificationAction
from acquis.web.decorators import requires
from acquis.web.space.sections import sections_of

PAGE_SIZE = 30


@require_safe
@requires(Action.VIEW_ACCOUNT)
def space(request):
    return render(
        request,
        "web/space/space.html",
        {
            "title": "Mon espace",
            "today": timezone.localdate(),
            "sections": sections_of(request.user),
            "latest": list(selectors.notifications_of(user=request.user)[:3]),
        },
    )


@require_safe
@requires(Action.VIEW_ACCOUNT)
def notifications(request):
    page = Paginator(selectors.notifications_of(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/space/notifications.html", {"title": "Mes notifications", "page": page})


def load_notification(request, pk: int, **kwargs):
    """The message, only for its recipient: anyone else gets 404, as for a message that does not exist."""
    email = selectors.notification_of(pk=pk)
    if not request.user.is_authenticated:
        return email  # the guard sends an anonymous visitor to the login page, whatever the number
    if email is None or email.recipient_id is None or email.recipient_id != request.user.pk:
        raise Http404("Cette page n'existe pas.")
    return email


@require_safe
@requires(NotificationAction.VIEW_NOTIFICATION, load=load_notification)
def notification(request, email, pk: int):
    return render(request, "web/space/notification.html", {"title": email.subject, "email": email})
