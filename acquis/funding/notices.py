"""The funding request's e-mails: its submission (to the funder's staff, and to the candidate as a receipt)
and the funder's decision (to the candidate, the organisation that prepared it and, for a congé VAE, the
employer). Queued through ``notification_queue`` by the submitting and deciding services, in their own
transaction: a refused submission or decision queues nothing, and the e-mails leave on commit. Each e-mail's
idempotency key names the request, the notice and the recipient, so a notice is queued once."""

from __future__ import annotations

from django.urls import reverse

from acquis.accounts.actors import Actor
from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation, User
from acquis.accounts.selectors import organisation_members
from acquis.funding.models import FundingRequest
from acquis.funding.money import ZERO, to_cents
from acquis.notifications.services import notification_queue

SUBMITTED, DECIDED = "submitted", "decided"


def _staff(organisation: Organisation | None, roles: tuple[str, ...]) -> list[User]:
    if organisation is None:
        return []
    return [
        m.user
        for m in organisation_members(organisation=organisation).filter(role__in=roles)
        if m.user.is_active and m.user.email
    ]


def notice_recipients(request: FundingRequest, kind: str) -> list[tuple[str, User]]:
    """(audience, person), each person once, in this order: the candidate, then the organisations' staff."""
    candidate = request.candidate
    people: list[tuple[str, User]] = []
    if candidate is not None and candidate.is_active and candidate.email:
        people.append(("candidate", candidate))
    if kind == SUBMITTED:
        people += [("funder", user) for user in _staff(request.funder.organisation, (Role.FUNDER,))]
    else:
        people += [("organisation", user) for user in _staff(request.organisation, (Role.ACCOMPANIER,))]
        people += [("employer", user) for user in _staff(request.employer, (Role.EMPLOYER,))]
    once: dict[int, tuple[str, User]] = {}
    for audience, person in people:
        once.setdefault(person.pk, (audience, person))
    return list(once.values())


def funding_notice_queue(*, request: FundingRequest, kind: str, actor: Actor = None) -> int:
    """Queue the notice's e-mails (the caller's transaction); returns how many recipients it has."""
    decision = getattr(request, "decision", None) if kind == DECIDED else None
    context = {
        "number": request.pk,
        "funder_name": request.funder.name,
        "candidate_name": (request.candidate.get_full_name() or request.candidate.email) if request.candidate else "",
        "certification_title": request.certification_title,
        "period_start": request.period_start,
        "period_end": request.period_end,
        "submitted_on": request.submitted_on,
        # Amounts as text with their cents (2 decimals), never re-read as numbers by the template.
        "requested_total": str(to_cents(request.requested_total)),
        "granted_total": str(to_cents(request.granted_total or ZERO)),
        "decision_kind": decision.get_kind_display().lower() if decision else "",
        "decided_on": decision.decided_on if decision else None,
        "lines": list(request.lines.all()) if decision else [],
        "path": reverse("web:funding_request_detail", kwargs={"pk": request.pk}),
    }
    recipients = notice_recipients(request, kind)
    for audience, person in recipients:
        notification_queue(
            to=person.email,
            template=f"funding_request_{kind}",
            context={**context, "audience": audience, "first_name": person.first_name},
            idempotency_key=f"funding:{request.pk}:{kind}:{person.pk}",
            actor=actor,
            recipient=person,
        )
    return len(recipients)
