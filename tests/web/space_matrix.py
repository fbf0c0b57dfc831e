"""The matrix lines of « Mon espace » and « Mes notifications » (issue 15, points 4 and 6), read by
test_permissions_matrix: every signed-in person has their own; a message is its recipient's only — the candidate
actor's here, and anyone else (the GIP and the administrator included) gets 404, as for a missing one."""

from __future__ import annotations

from django.urls import reverse

SPACE_WEB = {
    "web:space": ("get", "signed_in"),
    "web:notifications": ("get", "signed_in"),
    "web:notification": ("get", "recipient"),
}


def owns(name: str) -> bool:
    return name in SPACE_WEB


def not_found(actors) -> set[tuple[str, str]]:
    """Everyone signed in but the recipient reads 404 on another person's message."""
    return {("web:notification", actor) for actor in actors if actor not in ("anonymous", "candidate")}


def web_url(name: str, world) -> str:
    if name != "web:notification":
        return reverse(name)
    from acquis.notifications.services import notification_queue

    candidate = world["actors"]["candidate"]
    email = notification_queue(
        to=candidate.email,
        template="welcome",
        context={"first_name": candidate.first_name},
        idempotency_key=f"matrix:{candidate.pk}",
        recipient=candidate,
        path=reverse("web:leave_detail", kwargs={"pk": world["leave_request"].pk}),
    )
    return reverse(name, kwargs={"pk": email.pk})
