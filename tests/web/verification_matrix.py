"""The public attestation check (issue 15, point 10) in the permission matrix: open to everyone, signed in or
not; the code page needs an issued attestation (an unknown code answers 404, tested in
tests/web/pathways/test_attestation_verification.py)."""

from __future__ import annotations

import datetime as dt

VERIFY_WEB = {
    "web:attestation_verify_form": "get",
    "web:attestation_verify": "get",
}


def verify_url(name: str) -> str:
    from django.urls import reverse

    from acquis.pathways import services
    from tests.pathways.factories import CandidacyFactory

    if name == "web:attestation_verify_form":
        return reverse(name)
    candidacy = CandidacyFactory(result_full=True)
    attestation = services.attestation_request(
        actor=candidacy.candidate, candidacy=candidacy, kind="result", requested_on=dt.date(2024, 10, 10)
    )
    issued = services.attestation_issue(actor=None, attestation=attestation, issued_on=dt.date(2024, 10, 15))
    return reverse(name, kwargs={"code": issued.verification_code})
