"""Helpers of the pathway API tests: calls, problems, and a snapshot of everything a write may change."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.pathways.models import (
    AccompanierListing,
    Attestation,
    Candidacy,
    Experience,
    FeasibilityAttachment,
    FeasibilityFile,
    JuryResult,
    PathwayStep,
    ValidationFile,
)

BASE = "/api/v1/candidacies"
TODAY = timezone.localdate()
FUTURE = (TODAY + dt.timedelta(days=1)).isoformat()  # refused as date_in_future everywhere


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def recent(days: int) -> dt.date:
    """A start date such that the factory's dates (decision +60 d, validation +90 d) are recent."""
    return TODAY - dt.timedelta(days=days)


def post(client, candidacy, action: str, data: dict | None = None, raw: str | None = None):
    path = f"{BASE}/{candidacy.pk}/{action}" if candidacy is not None else BASE
    return client.post(path, data or {}, content_type="application/json", headers=bearer(raw) if raw else {})


def problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert code in {c for codes in body["codes"].values() for c in codes}, body
    assert body["detail"] and body["errors"]
    return body


def snapshot() -> tuple:
    """Every row a pathway write may add or change (updated_at aside): equal before and after a refusal."""
    candidacies = [
        {k: v for k, v in row.items() if k != "updated_at"} for row in Candidacy.objects.order_by("pk").values()
    ]
    return (
        candidacies,
        list(FeasibilityFile.objects.order_by("pk").values()),
        list(JuryResult.objects.order_by("pk").values()),
        list(AccompanierListing.objects.order_by("pk").values()),
        Experience.objects.count(),
        FeasibilityAttachment.objects.count(),
        ValidationFile.objects.count(),
        PathwayStep.objects.count(),
        Attestation.objects.count(),
        AuditEvent.objects.exclude(action=EventType.USER_LOGGED_IN).count(),  # a login is not the write
    )
