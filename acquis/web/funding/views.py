"""Funding request pages: creation from a pathway, lines, submission, the funder's decision, the PDFs, the
signatures, the payment requests. Thin: forms in, services' French refusals shown, nothing half-saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.documents.http import pdf_response
from acquis.funding import documents, services, transitions
from acquis.funding.enums import Party, PaymentState, RefusalGround
from acquis.funding.permissions import FundingAction, signing_party
from acquis.funding.services.decisions import expected_signatories
from acquis.leave import selectors as leave_selectors
from acquis.leave.models import LeaveRequest
from acquis.pathways import selectors as pathway_selectors
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction
from acquis.rules.decision import Decision
from acquis.web.common.actions import service_post
from acquis.web.common.blocks import source_view
from acquis.web.common.loading import loader
from acquis.web.decorators import requires
from acquis.web.funding import forms
from acquis.web.funding.common import request_page

_load_candidacy = loader(pathway_selectors.candidacy_detail, Candidacy.DoesNotExist, "Cette candidature n'existe pas.")
_load_leave_request = loader(
    leave_selectors.leave_request_detail, LeaveRequest.DoesNotExist, "Cette demande n'existe pas."
)


# The page's buttons and forms: the template's flag → the action of the workflow table it offers.
OFFERED = {
    "add_line": "funding_line_add",
    "submit": "funding_request_submit",
    "decide": "funding_request_decide",
    "sign": "agreement_sign",
    "bill": "payment_request_create",
    "pay": "payment_pay",
}


def _to_sign(user, funding_request, signatures) -> bool:
    """Whether the reader signs the agreement for a party the text names and that has not signed yet."""
    party = signing_party(user, funding_request)
    if party is None:
        return False
    key = (party[0], getattr(party[1], "pk", None))
    signed = {(signature.party, signature.organisation_id) for signature in signatures}
    return key in expected_signatories(funding_request) and key not in signed


def _detail_context(request, funding_request, **extra) -> dict:
    user = request.user
    lines = list(funding_request.lines.all())
    decision = getattr(funding_request, "decision", None)
    grounds = Decision.from_dict(decision.grounds_decision) if decision and decision.grounds_decision else None
    agreement = getattr(funding_request, "agreement", None)
    signatures = list(agreement.signatures.select_related("signed_by", "organisation")) if agreement else []
    payments = list(funding_request.payments.select_related("organisation").order_by("requested_on", "pk"))
    situation = transitions.Situation(
        funding_request,
        to_sign=_to_sign(user, funding_request, signatures),
        payment_awaited=any(payment.state == PaymentState.REQUESTED for payment in payments),
    )
    return {
        "title": f"Demande de prise en charge n° {funding_request.pk}",
        "funding_request": funding_request,
        "lines": lines,
        "decision": decision,
        "ground_labels": dict(RefusalGround.choices),
        "ground_sources": [source_view(s) for s in grounds.sources] if grounds else [],
        "agreement": agreement,
        "signatures": signatures,
        "payments": payments,
        # The actions the workflow table (acquis/funding/transitions.py) offers this reader now.
        **{f"can_{key}": transitions.available(name, user, situation) for key, name in OFFERED.items()},
        "line_form": extra.pop("line_form", None) or forms.LineForm(),
        "payment_form": extra.pop("payment_form", None) or forms.PaymentForm(),
        **extra,
    }


def _detail_post(request, funding_request, form_name: str, form, call, success: str):
    """A form posted from the request's page: back to the page on success, else the page with it, 422."""
    return service_post(
        request,
        form,
        call,
        success=success,
        redirect_to=reverse("web:funding_request_detail", kwargs={"pk": funding_request.pk}),
        render=lambda form, status: render(
            request,
            "web/funding/detail.html",
            _detail_context(request, funding_request, **{form_name: form}),
            status=status,
        ),
        refused_status=422,
    )


@require_safe
@request_page(FundingAction.VIEW_FUNDING_REQUEST)
def funding_request_detail(request, funding_request):
    return render(request, "web/funding/detail.html", _detail_context(request, funding_request))


@require_http_methods(["GET", "POST"])
@requires(PathwayAction.EDIT_CANDIDACY, load=_load_candidacy)
def funding_request_create(request, candidacy, pk: int):
    form = forms.RequestForm(request.POST or None)
    title = f"Demander une prise en charge — candidature n° {candidacy.pk}"
    return service_post(
        request,
        form,
        lambda data: services.funding_request_create(
            actor=request.user, candidacy=candidacy, organisation=candidacy.accompanier, **data
        ),
        success="Demande créée : ajoutez ses lignes de frais.",
        redirect_to=lambda created: reverse("web:funding_request_detail", kwargs={"pk": created.pk}),
        render=lambda form, status: render(
            request, "web/funding/create.html", {"title": title, "form": form, "candidacy": candidacy}, status=status
        ),
        refused_status=422,
    )


@require_http_methods(["GET", "POST"])
@requires(FundingAction.CREATE_LEAVE_FUNDING_REQUEST, load=_load_leave_request)
def funding_leave_request_create(request, leave_request, pk: int):
    """A funding request for a congé VAE: by the employee, or by the employer for an action in working time."""
    is_employee = leave_request.employee_id == request.user.pk
    form = forms.RequestForm(request.POST or None, initial={"in_working_time": not is_employee})
    context = {
        "title": f"Demander une prise en charge — congé VAE n° {leave_request.pk}",
        "leave": leave_request,
        "is_employee": is_employee,
    }
    return service_post(
        request,
        form,
        lambda data: services.funding_leave_request_create(
            actor=request.user,
            leave_request=leave_request,
            party=Party.WORKER if is_employee else Party.EMPLOYER,
            **data,
        ),
        success="Demande créée : ajoutez ses lignes de frais.",
        redirect_to=lambda created: reverse("web:funding_request_detail", kwargs={"pk": created.pk}),
        render=lambda form, status: render(
            request, "web/funding/create_leave.html", {**context, "form": form}, status=status
        ),
        refused_status=422,
    )


@require_POST
@request_page(FundingAction.EDIT_FUNDING_REQUEST)
def funding_line_add(request, funding_request):
    return _detail_post(
        request,
        funding_request,
        "line_form",
        forms.LineForm(request.POST),
        lambda data: services.funding_line_add(actor=request.user, request=funding_request, **data),
        "Ligne de frais ajoutée.",
    )


@require_POST
@request_page(FundingAction.EDIT_FUNDING_REQUEST)
def funding_request_submit(request, funding_request):
    try:
        services.funding_request_submit(actor=request.user, request=funding_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Demande déposée auprès du financeur.")
    return redirect("web:funding_request_detail", pk=funding_request.pk)


@require_http_methods(["GET", "POST"])
@request_page(FundingAction.DECIDE_FUNDING_REQUEST)
def funding_decide(request, funding_request):
    lines = list(funding_request.lines.all())

    def decide(data):
        granted = {line.pk: data[f"granted_{line.pk}"] for line in lines if data[f"granted_{line.pk}"] is not None}
        refused = {
            line.pk: "" if data[f"ground_{line.pk}"] == "other" else data[f"ground_{line.pk}"]
            for line in lines
            if line.pk not in granted
        }
        return services.funding_request_decide(
            actor=request.user, request=funding_request, granted=granted, refused=refused, comment=data["comment"]
        )

    context = {
        "title": f"Décider de la demande n° {funding_request.pk}",
        "funding_request": funding_request,
        "lines": lines,
    }
    return service_post(
        request,
        forms.decision_form(lines, request.POST or None),
        decide,
        success="Décision enregistrée ; la notification est disponible en PDF.",
        redirect_to=reverse("web:funding_request_detail", kwargs={"pk": funding_request.pk}),
        render=lambda form, status: render(
            request, "web/funding/decide.html", {**context, "form": form}, status=status
        ),
        refused_status=422,
    )


@require_safe
@request_page(FundingAction.VIEW_FUNDING_REQUEST)
def funding_notification_pdf(request, funding_request):
    file = documents.notification_file(funding_request)
    if file is None:
        raise Http404("Cette demande n'est pas encore décidée.")
    return pdf_response(file)


@require_safe
@request_page(FundingAction.VIEW_FUNDING_REQUEST)
def funding_agreement_pdf(request, funding_request):
    file = documents.agreement_file(funding_request)
    if file is None:
        raise Http404("Cette demande n'appelle pas de convention.")
    return pdf_response(file)


@require_POST
@request_page(FundingAction.SIGN_AGREEMENT)
def funding_agreement_sign(request, funding_request):
    agreement = getattr(funding_request, "agreement", None)
    party = signing_party(request.user, funding_request)
    if (
        agreement is None
        or party is None
        or (party[0], getattr(party[1], "pk", None)) not in expected_signatories(funding_request)
    ):
        raise Http404("Aucune convention à signer pour vous sur cette demande.")
    try:
        services.agreement_sign(actor=request.user, agreement=agreement, party=party[0], organisation=party[1])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Signature enregistrée.")
    return redirect("web:funding_request_detail", pk=funding_request.pk)


@require_POST
@request_page(FundingAction.REQUEST_PAYMENT)
def funding_payment_request(request, funding_request):
    return _detail_post(
        request,
        funding_request,
        "payment_form",
        forms.PaymentForm(request.POST),
        lambda data: services.payment_request_create(
            actor=request.user, request=funding_request, organisation=funding_request.organisation, **data
        ),
        "Paiement demandé.",
    )


@require_POST
@request_page(FundingAction.PAY)
def funding_payment_pay(request, funding_request, payment_id: int):
    payment = funding_request.payments.filter(pk=payment_id).first()
    if payment is None:
        raise Http404("Aucun paiement de ce numéro sur cette demande.")
    try:
        services.payment_pay(actor=request.user, payment=payment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Paiement de {payment.amount} € enregistré.")
    return redirect("web:funding_request_detail", pk=funding_request.pk)
