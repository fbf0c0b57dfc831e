"""Who may use each funding page and API route (issue 16), written by hand; merged into the permission matrix.

The request under test is the candidate's, prepared by the accompanier's organisation and addressed to a funder
whose organisation is the funder's; built at the state each URL needs. A request the caller may not read answers
404 (pages and API alike); one it reads but may not act on answers 403.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from acquis.funding import services
from acquis.funding.enums import FunderKind
from acquis.funding.models import FundingRequest

GIP = {"gip_staff", "superuser"}
READERS = GIP | {"candidate", "accompanier", "funder"}
DRAFT_READERS = GIP | {"candidate", "accompanier"}
PREPARERS = {"candidate", "accompanier"}
# A congé VAE (sent) of the candidate, whose employer is the employer's organisation: the employee, or its
# employer (the action in working time, R6422-12), asks for its funding; the GIP reads it, others get 404.
LEAVE_FILLERS = {"candidate", "employer"}

# url name → (method, state of the request, who may, who reads the request (others get 404); None: no request)
FUNDING_WEB = {
    "web:funding_desk": ("get", None, GIP | {"funder"}, None),
    "web:funding_export": ("get", None, GIP | {"funder"}, None),
    # Pages about an organisation's billing or a candidacy: who may not read them gets 404 (one visibility policy).
    "web:funding_billing": ("get", None, GIP | {"accompanier"}, GIP | {"accompanier"}),
    "web:funding_request_create": ("get", None, PREPARERS, GIP | PREPARERS),
    "web:funding_leave_request_create": ("get", None, LEAVE_FILLERS, GIP | LEAVE_FILLERS),
    "web:funding_request_detail": ("get", "submitted", READERS, READERS),
    "web:funding_line_add": ("post", "draft", PREPARERS, DRAFT_READERS),
    "web:funding_request_submit": ("post", "draft", PREPARERS, DRAFT_READERS),
    "web:funding_decide": ("get", "submitted", {"funder"}, READERS),
    "web:funding_notification_pdf": ("get", "decided", READERS, READERS),
    "web:funding_agreement_pdf": ("get", "decided", READERS, READERS),
    "web:funding_agreement_sign": ("post", "decided", {"candidate", "funder", "accompanier"}, READERS),
    "web:funding_payment_request": ("post", "decided", {"accompanier"}, READERS),
    "web:funding_payment_pay": ("post", "decided", {"funder"}, READERS),
    # The GIP reads every desk but only the funder's own staff creates its envelopes.
    "web:funding_envelope_create": ("get", None, {"funder"}, None),
}
FUNDING = "/api/v1/funding"
REQUEST = f"{FUNDING}/requests/{{request_id}}"
LEAVE = f"{FUNDING}/leave-requests/{{leave_request_id}}/requests"
#: The pages and routes about a congé VAE: their world also holds one (funding_world's ``employer_org``).
LEAVE_ROUTES = {"web:funding_leave_request_create", ("post", LEAVE)}
# (method, path) → (state of the request, who may, who reads it)
FUNDING_API = {
    ("get", f"{FUNDING}/requests"): (
        None,
        GIP | {"candidate", "accompanier", "funder", "employer", "certifier", "cpc_secretariat", "statistician"},
        None,
    ),
    ("get", f"{FUNDING}/funders"): (
        None,
        GIP | {"candidate", "accompanier", "funder", "employer", "certifier", "cpc_secretariat", "statistician"},
        None,
    ),
    ("post", f"{FUNDING}/requests"): (None, PREPARERS, GIP | PREPARERS),
    ("post", LEAVE): (None, LEAVE_FILLERS, GIP | LEAVE_FILLERS),
    ("get", REQUEST): ("submitted", READERS, READERS),
    ("post", f"{REQUEST}/submit"): ("draft", PREPARERS, DRAFT_READERS),
    ("post", f"{REQUEST}/decision"): ("submitted", {"funder"}, READERS),
    ("post", f"{REQUEST}/agreement/signatures"): ("decided", {"candidate", "funder", "accompanier"}, READERS),
    ("post", f"{REQUEST}/payment-requests"): ("decided", {"accompanier"}, READERS),
    ("get", f"{REQUEST}/notification.pdf"): ("decided", READERS, READERS),
    ("get", f"{REQUEST}/agreement.pdf"): ("decided", READERS, READERS),
    ("get", f"{FUNDING}/funders/{{funder_id}}/totals"): (None, GIP | {"funder"}, GIP | {"funder"}),
    ("get", f"{FUNDING}/funders/{{funder_id}}/export.csv"): (None, GIP | {"funder"}, GIP | {"funder"}),
    ("post", f"{FUNDING}/envelopes/{{envelope_id}}/commitments"): ("decided", {"funder"}, GIP | {"funder"}),
    ("post", f"{FUNDING}/payment-requests/{{payment_id}}/payment"): ("decided", {"funder"}, READERS),
    ("get", f"{FUNDING}/billing"): (None, GIP | {"accompanier"}, None),
}
# A funder's API token (its information system), on a request addressed to its organisation: what it gets.
FUNDING_TOKEN = {
    ("get", f"{FUNDING}/requests"): 200,
    ("get", f"{FUNDING}/funders"): 200,
    ("post", f"{FUNDING}/requests"): 404,  # it reads no candidacy
    ("post", LEAVE): 404,  # nor the congé VAE
    ("get", REQUEST): 200,
    ("post", f"{REQUEST}/submit"): 404,  # a draft is not yet addressed to the funder
    ("post", f"{REQUEST}/decision"): 200,
    ("post", f"{REQUEST}/agreement/signatures"): 403,  # a person signs, never a token
    ("post", f"{REQUEST}/payment-requests"): 403,
    ("get", f"{REQUEST}/notification.pdf"): 200,
    ("get", f"{REQUEST}/agreement.pdf"): 200,
    ("get", f"{FUNDING}/funders/{{funder_id}}/totals"): 200,
    ("get", f"{FUNDING}/funders/{{funder_id}}/export.csv"): 200,
    ("post", f"{FUNDING}/envelopes/{{envelope_id}}/commitments"): 201,
    ("post", f"{FUNDING}/payment-requests/{{payment_id}}/payment"): 200,
    ("get", f"{FUNDING}/billing"): 403,
}


def funding_world(candidate, accompanier_org, funder_org, state: str | None, employer_org=None):
    """The funder, and a request in ``state`` (None: a candidacy only): ids for the URLs. With ``employer_org``,
    also a congé VAE of the candidate sent to that employer."""
    from tests.leave.factories import LeaveRequestFactory
    from tests.pathways.factories import CandidacyFactory, listed_accompanier

    funder = services.funder_create(actor=None, kind=FunderKind.OPCO, name="OPCO du test", organisation=funder_org)
    candidacy = CandidacyFactory(candidate=candidate, accompanier=listed_accompanier(accompanier_org))
    ids = {"funder_id": funder.pk, "candidacy_id": candidacy.pk, "accompanier_siret": accompanier_org.siret}
    if employer_org is not None:
        ids["leave_request_id"] = LeaveRequestFactory(employee=candidate, employer=employer_org, sent=True).pk
    if state is None:
        return ids
    start = timezone.localdate() - dt.timedelta(days=60)
    request = services.funding_request_create(
        actor=None,
        funder=funder,
        candidacy=candidacy,
        organisation=accompanier_org,
        period_start=start,
        period_end=start + dt.timedelta(days=30),
        admissibility_proof_sent=True,
    )
    line = services.funding_line_add(
        actor=None, request=request, category="support", amount=Decimal("500.00"), incurred_on=dt.date(2021, 3, 1)
    )
    ids.update(request_id=request.pk, line_id=line.pk)
    if state in ("submitted", "decided"):
        services.funding_request_submit(actor=None, request=request, submitted_on=dt.date(2021, 3, 1))
    if state == "decided":
        services.funding_request_decide(actor=None, request=request, granted={line.pk: Decimal("500.00")})
        envelope = services.envelope_create(
            actor=None,
            funder=funder,
            name="Enveloppe",
            amount=Decimal("10000"),
            starts_on=start - dt.timedelta(days=1),
            ends_on=start + dt.timedelta(days=365),
        )
        second = services.funding_request_create(
            actor=None,
            funder=funder,
            candidacy=candidacy,
            organisation=accompanier_org,
            period_start=start,
            period_end=start + dt.timedelta(days=30),
        )
        other = services.funding_line_add(
            actor=None, request=second, category="support", amount=Decimal("100.00"), incurred_on=dt.date(2021, 3, 1)
        )
        services.funding_request_submit(actor=None, request=second, submitted_on=dt.date(2021, 3, 1))
        services.funding_request_decide(actor=None, request=second, granted={other.pk: Decimal("100.00")})
        services.envelope_commit(actor=None, envelope=envelope, request=FundingRequest.objects.get(pk=request.pk))
        payment = services.payment_request_create(
            actor=None, request=request, organisation=accompanier_org, amount=Decimal("100"), basis="end_of_support"
        )
        ids.update(envelope_id=envelope.pk, payment_id=payment.pk, second_id=second.pk)
    return ids


def web_url(name: str, ids: dict, sirets: dict) -> str:
    if name in ("web:funding_desk", "web:funding_export", "web:funding_envelope_create"):
        return reverse(name) + f"?siret={sirets['funder']}"
    if name == "web:funding_billing":
        return reverse(name) + f"?siret={sirets['accompanier']}"
    if name == "web:funding_request_create":
        return reverse(name, kwargs={"pk": ids["candidacy_id"]})
    if name == "web:funding_leave_request_create":
        return reverse(name, kwargs={"pk": ids["leave_request_id"]})
    if name == "web:funding_payment_pay":
        return reverse(name, kwargs={"pk": ids["request_id"], "payment_id": ids["payment_id"]})
    return reverse(name, kwargs={"pk": ids["request_id"]})


def web_data(name: str, ids: dict) -> dict:
    return {
        "web:funding_line_add": {"category": "support", "amount": "120,50", "incurred_on": "2021-03-02"},
        "web:funding_payment_request": {"amount": "50", "basis": "end_of_support"},
    }.get(name, {})


def api_path(path: str, ids: dict) -> str:
    for key in ("leave_request_id", "request_id", "funder_id", "envelope_id", "payment_id"):
        if "{" + key + "}" in path:
            target = ids["second_id"] if key == "request_id" and path.endswith("/commitments") else ids[key]
            path = path.replace("{" + key + "}", str(target))
    if path.endswith("/billing"):
        path += f"?siret={ids['accompanier_siret']}"
    return path


def api_body(method: str, path: str, ids: dict) -> dict:
    if method != "post":
        return {}
    if path.endswith("/funding/requests"):
        body = {
            "candidacy_id": ids["candidacy_id"],
            "funder_id": ids["funder_id"],
            "period_start": "2021-03-01",
            "period_end": "2021-06-30",
            "lines": [{"category": "support", "amount": "100.00", "incurred_on": "2021-03-01"}],
        }
    elif "/leave-requests/" in path:
        body = {
            "funder_id": ids["funder_id"],
            "period_start": "2021-03-01",
            "period_end": "2021-06-30",
            "in_working_time": True,
            "lines": [{"category": "support", "amount": "100.00", "incurred_on": "2021-03-01"}],
        }
    elif path.endswith("/decision"):
        body = {"lines": [{"line_id": ids["line_id"], "granted": "400.00"}]}
    elif path.endswith("/payment-requests"):
        body = {"amount": "50.00", "basis": "end_of_support"}
    elif path.endswith("/commitments"):
        body = {"request_id": ids["second_id"]}
    else:
        body = {}
    return {"data": body, "content_type": "application/json"}
