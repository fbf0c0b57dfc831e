"""The employee's congé VAE pages: list, draft (mentions, actions, proofs), sending, supersede, attendance proof.

The detail page serves every reader (employee, employer, GIP): a draft shows its editing forms to its
employee; a sent request shows its legal status and deadlines, with the forms the reader may use.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.accounts.permissions import can
from acquis.certifications.models import Certification
from acquis.certifications.selectors import certification_matching
from acquis.funding import selectors as funding_selectors
from acquis.funding.permissions import FundingAction
from acquis.leave import selectors, services, transitions
from acquis.leave.enums import RequestState
from acquis.leave.models import LeaveAction, LeaveRequest
from acquis.leave.pathway import pathways_of_employee
from acquis.leave.permissions import LeaveRequestAction
from acquis.web.common.actions import service_post
from acquis.web.common.errors import add_service_errors
from acquis.web.decorators import requires
from acquis.web.leave import presentation
from acquis.web.leave.common import acts_for_employer, load_request
from acquis.web.leave.forms import (
    ActionForm,
    AnswerForm,
    AttachmentForm,
    AttendanceRequestForm,
    AttendanceUploadForm,
    DraftForm,
    SendForm,
)

# The draft form's fields the service takes as they are (the certification comes from its RNCP code).
DRAFT_FIELDS = tuple(sorted(services.EDITABLE_FIELDS - {"certification"}))


@require_safe
@requires(LeaveRequestAction.CREATE_LEAVE_REQUEST)
def leave_list(request):
    rows = selectors.leave_requests_of_employee(employee=request.user, include_superseded=True)
    return render(
        request,
        "web/leave/list.html",
        {"title": "Mes demandes de congé VAE", "rows": rows},
    )


def _draft_fields(data: dict) -> dict:
    """The service's keyword arguments from a valid DraftForm's data; the RNCP code becomes a Certification."""
    fields = {name: data[name] for name in DRAFT_FIELDS}
    code = (data.get("certification_code") or "").strip().upper()
    certification = None
    if code:
        certification = Certification.objects.filter(code=code).first()
        if certification is None:
            raise ValidationError(
                {
                    "certification_code": f"La fiche {code} n'est pas dans le répertoire connu d'Acquis : laissez ce "
                    "champ vide et écrivez l'intitulé de la certification."
                }
            )
    fields["certification"] = certification
    return fields


def _pathway_link(leave_request: LeaveRequest, user, pathways: list, chosen: int | None) -> None:
    """Link the pathway chosen on the draft form (one of the employee's own, offered by the form). Linked
    again at each save: the pathway's certification and start prevail over what the form says."""
    candidacy = next((c for c in pathways if c.pk == chosen), None)
    if candidacy is not None:
        services.leave_request_pathway_link(leave_request=leave_request, actor=user, candidacy=candidacy)


def _chosen_initial(request) -> dict:
    """What the employee picked from the searches above the form (?certification=, ?siret=), to prefill it."""
    initial = {}
    code = request.GET.get("certification", "").strip().upper()[:16]
    certification = Certification.objects.filter(code=code).first() if code else None
    if certification is not None:
        first = certification.certifiers.order_by("position").first()
        initial.update(
            certification_code=certification.code,
            certification_title=certification.title,
            certifier_name=first.name if first is not None else "",
        )
    siret = request.GET.get("siret", "").replace(" ", "")
    employer = selectors.employers_matching(siret, limit=1) if len(siret) == 14 and siret.isdigit() else []
    if employer:
        initial.update(employer_siret=employer[0].siret, employer_name=employer[0].name)
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
@requires(LeaveRequestAction.CREATE_LEAVE_REQUEST)
def leave_create(request):
    pathways = pathways_of_employee(request.user)
    form = DraftForm(request.POST or None, initial=_chosen_initial(request), pathways=pathways)
    if request.method == "POST" and form.is_valid():
        try:
            leave_request = services.leave_request_create(
                employee=request.user,
                employer_siret=form.cleaned_data["employer_siret"],
                employer_name=form.cleaned_data["employer_name"],
                **_draft_fields(form.cleaned_data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _pathway_link(leave_request, request.user, pathways, form.cleaned_data["pathway"])
            messages.success(request, "Le brouillon est enregistré : ajoutez maintenant les actions et les pièces.")
            return redirect("web:leave_detail", pk=leave_request.pk)
    search = request.GET.get("recherche", "").strip()
    employer_search = request.GET.get("employeur", "").strip()
    return render(
        request,
        "web/leave/create.html",
        {
            "title": "Nouvelle demande de congé VAE",
            "form": form,
            "has_registry": Certification.objects.exists(),
            "search": search,
            "found": certification_matching(text=search) if search else [],
            "employer_search": employer_search,
            "employers_found": selectors.employers_matching(employer_search) if employer_search else [],
        },
        status=400 if form.errors else 200,
    )


def _draft_initial(leave_request: LeaveRequest) -> dict:
    initial = {name: getattr(leave_request, name) for name in DRAFT_FIELDS}
    initial["certification_code"] = leave_request.certification.code if leave_request.certification_id else ""
    initial["employer_siret"] = leave_request.employer.siret
    initial["funding_obtained"] = {True: "true", False: "false"}.get(leave_request.funding_obtained, "")
    initial["pathway"] = str(leave_request.pathway_id or "")
    return initial


def render_request(request, leave_request: LeaveRequest, *, status: int = 200, **forms):
    """The detail page of any request, for any reader, with the forms this reader may use."""
    today = timezone.localdate()
    leave_request = selectors.leave_request_detail(pk=leave_request.pk)
    user = request.user
    proofs = list(leave_request.attendance_proof_requests.all())
    context = {
        "title": f"Demande de congé VAE n° {leave_request.pk}",
        "leave": leave_request,
        "today": today,
        "actions": list(leave_request.actions.all()),
        "attachments": list(leave_request.attachments.all()),
        "proof_requests": proofs,
        "answer": selectors.leave_request_answer_of(leave_request),
        "is_employee": leave_request.employee_id == user.pk,
        "is_employer": acts_for_employer(user, leave_request),
        # The employee's and the employer's pages speak plainly: legal bases folded behind « Base légale ».
        "plain_language": leave_request.employee_id == user.pk or acts_for_employer(user, leave_request),
        "receipt_proof": next(
            (a for a in leave_request.attachments.all() if a.kind in services.RECEIPT_ATTACHMENT.values()), None
        ),
        # The forms and buttons this reader may use now, from the workflow table (acquis/leave/transitions.py).
        "offers": transitions.available_actions(user, transitions.Situation(leave_request, today, bool(proofs))),
        "may_ask_funding": can(user, FundingAction.CREATE_LEAVE_FUNDING_REQUEST, leave_request),
        "funding_requests": funding_selectors.leave_funding_requests(user, leave_request),
    }
    if leave_request.state == RequestState.DRAFT:
        context.update(
            check=presentation.check_blocks(leave_request, today),
            draft_form=forms.get("draft_form")
            or DraftForm(initial=_draft_initial(leave_request), pathways=pathways_of_employee(user)),
            action_form=forms.get("action_form") or ActionForm(),
            attachment_form=forms.get("attachment_form") or AttachmentForm(),
        )
        return render(request, "web/leave/draft.html", context, status=status)
    blocks = presentation.request_blocks(leave_request, today)
    context.update(
        blocks=blocks,
        next_step=presentation.employee_next_step(leave_request, blocks) if context["is_employee"] else None,
        answer_form=forms.get("answer_form") or AnswerForm(),
        proof_request_form=forms.get("proof_request_form") or AttendanceRequestForm(),
        proof_upload_form=forms.get("proof_upload_form") or AttendanceUploadForm(),
    )
    return render(request, "web/leave/detail.html", context, status=status)


def post_form(request, leave_request: LeaveRequest, form, form_name: str, call, success: str):
    """A form posted from the detail page: back to the page on success, else the page with it, 400."""
    return service_post(
        request,
        form,
        call,
        success=success,
        redirect_to=reverse("web:leave_detail", kwargs={"pk": leave_request.pk}),
        render=lambda form, status: render_request(request, leave_request, status=status, **{form_name: form}),
    )


@require_safe
@requires(LeaveRequestAction.VIEW_LEAVE_REQUEST, load=load_request)
def leave_detail(request, leave_request, pk):
    return render_request(request, leave_request)


@require_POST
@requires(LeaveRequestAction.EDIT_LEAVE_REQUEST, load=load_request)
def leave_edit(request, leave_request, pk):
    pathways = pathways_of_employee(request.user)

    def save(data: dict) -> None:
        updated = services.leave_request_update(
            leave_request=leave_request,
            actor=request.user,
            employer_siret=data["employer_siret"],
            employer_name=data["employer_name"],
            **_draft_fields(data),
        )
        _pathway_link(updated, request.user, pathways, data["pathway"])

    return post_form(
        request,
        leave_request,
        DraftForm(request.POST, pathways=pathways),
        "draft_form",
        save,
        "Les informations de la demande sont enregistrées.",
    )


@require_POST
@requires(LeaveRequestAction.EDIT_LEAVE_REQUEST, load=load_request)
def leave_action_add(request, leave_request, pk):
    return post_form(
        request,
        leave_request,
        ActionForm(request.POST),
        "action_form",
        lambda data: services.leave_action_add(leave_request=leave_request, actor=request.user, **data),
        "L'action est ajoutée.",
    )


@require_POST
@requires(LeaveRequestAction.EDIT_LEAVE_REQUEST, load=load_request)
def leave_action_remove(request, leave_request, pk, action_id):
    action = get_object_or_404(LeaveAction, pk=action_id, request=leave_request)
    services.leave_action_remove(action=action, actor=request.user)
    messages.success(request, "L'action est retirée.")
    return redirect("web:leave_detail", pk=pk)


@require_POST
@requires(LeaveRequestAction.EDIT_LEAVE_REQUEST, load=load_request)
def leave_attachment_add(request, leave_request, pk):
    return post_form(
        request,
        leave_request,
        AttachmentForm(request.POST, request.FILES),
        "attachment_form",
        lambda data: services.leave_attachment_add(
            leave_request=leave_request, actor=request.user, kind=data["kind"], file=data["file"]
        ),
        "La pièce est jointe à la demande.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(LeaveRequestAction.EDIT_LEAVE_REQUEST, load=load_request)
def leave_send(request, leave_request, pk):
    today = timezone.localdate()
    platform = selectors.leave_employer_has_account(leave_request.employer)
    form = SendForm(request.POST or None, request.FILES or None, platform_available=platform)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_request_send(
                leave_request=leave_request,
                actor=request.user,
                receipt_method=form.cleaned_data["receipt_method"],
                received_on=form.cleaned_data["received_on"],
                receipt_file=form.cleaned_data["receipt_file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "La demande est envoyée. Téléchargez la lettre pour la conserver.")
            return redirect("web:leave_detail", pk=pk)
    return render(
        request,
        "web/leave/send.html",
        {
            "title": f"Envoyer la demande de congé VAE n° {leave_request.pk}",
            "leave": leave_request,
            "form": form,
            "platform": platform,
            "check": presentation.check_blocks(leave_request, today),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@requires(LeaveRequestAction.SUPERSEDE_LEAVE_REQUEST, load=load_request)
def leave_supersede(request, leave_request, pk):
    try:
        copy = services.leave_request_supersede(leave_request=leave_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:leave_detail", pk=pk)
    messages.success(
        request,
        f"La demande n° {pk} est remplacée par ce nouveau brouillon : corrigez-le, puis envoyez-le.",
    )
    return redirect("web:leave_detail", pk=copy.pk)


@require_POST
@requires(LeaveRequestAction.UPLOAD_ATTENDANCE_PROOF, load=load_request)
def leave_attendance_upload(request, leave_request, pk):
    return post_form(
        request,
        leave_request,
        AttendanceUploadForm(request.POST, request.FILES),
        "proof_upload_form",
        lambda data: services.leave_attendance_proof_upload(
            leave_request=leave_request, actor=request.user, file=data["file"]
        ),
        "L'attestation de présence est déposée.",
    )
