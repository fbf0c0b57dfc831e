"""The employer's and the funder's congé VAE pages: the company's list, acknowledgement, answer, proof requests.

A funder has no list: it reaches one request by its number and the employer's SIRET (both on the letter the
employee gives it), and may only ask for the proof of attendance (R6422-5); it sees nothing else.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import can, grants_of
from acquis.leave import selectors, services
from acquis.leave.enums import STATUS_LABELS, RequestState
from acquis.leave.permissions import LeaveRequestAction
from acquis.leave.services import LeaveConflict
from acquis.web.common.errors import add_service_errors
from acquis.web.decorators import requires
from acquis.web.leave.common import acts_for_employer, load_request
from acquis.web.leave.employee import post_form, render_request
from acquis.web.leave.forms import AnswerForm, AttendanceRequestForm, EmployerFilterForm, FunderFindForm
from acquis.web.paging import page_number

# A list page renders this many rows; the counts and filters cover every request of the company.
PAGE_SIZE = 50


def load_employer(request, **kwargs) -> Organisation | None:
    """The organisation named by ?siret=, or the reader's first employer organisation (None if neither)."""
    siret = request.GET.get("siret", "").replace(" ", "")
    if siret:
        organisation = Organisation.objects.filter(siret=siret).first()
        if organisation is None:
            raise Http404("Cette organisation n'existe pas.")
        return organisation
    ids = [g.organisation_id for g in grants_of(request.user) if g.role == Role.EMPLOYER and g.organisation_id]
    return Organisation.objects.filter(pk__in=ids).order_by("name").first()


def _organisation_of_role(user, role: str) -> Organisation | None:
    ids = [g.organisation_id for g in grants_of(user) if g.role == role and g.organisation_id]
    return Organisation.objects.filter(pk__in=ids).order_by("pk").first()


@require_safe
@requires(LeaveRequestAction.LIST_EMPLOYER_LEAVE_REQUESTS, load=load_employer)
def leave_employer_list(request, organisation):
    form = EmployerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}

    def read(number: int) -> selectors.LeaveRequestPage:
        # Two queries whatever the size: every row's status facts (counts, filters), then the rows shown.
        return selectors.leave_requests_page_of_employer(
            organisation=organisation,
            statuses=[filters["status"]] if filters.get("status") else None,
            due_from=filters.get("due_from"),
            due_until=filters.get("due_until"),
            offset=(number - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )

    asked = request.GET.get("page", "1")
    listing = read(page_number(request))
    # The paginator only numbers the pages (a range is never materialised); past the end, read the last one.
    page = Paginator(range(listing.total), PAGE_SIZE).get_page(asked)
    if (page.number - 1) * PAGE_SIZE != listing.offset:
        listing = read(page.number)
    counts = listing.counts
    query = request.GET.copy()
    query.pop("page", None)
    query["siret"] = organisation.siret
    return render(
        request,
        "web/leave/employer_list.html",
        {
            "title": f"Demandes de congé VAE — {organisation.name}",
            "organisation": organisation,
            "rows": listing.rows,
            "page": page,
            "shown": listing.total,
            "query": query.urlencode(),
            "total": sum(count for code, count in counts.items() if code != "draft"),
            "counts": [(code, label, counts.get(code, 0)) for code, label in STATUS_LABELS.items()],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@requires(LeaveRequestAction.ANSWER_LEAVE_REQUEST, load=load_request)
def leave_acknowledge(request, leave_request, pk):
    try:
        services.leave_request_acknowledge(leave_request=leave_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La réception de la demande est confirmée.")
    return redirect("web:leave_detail", pk=pk)


@require_POST
@requires(LeaveRequestAction.VIEW_LEAVE_REQUEST, load=load_request)
def leave_answer(request, leave_request, pk):
    # The employer whose colleague answered first must read the conflict, not a refusal: for an answered
    # request the service is called anyway and says so (409). Anyone else needs ANSWER_LEAVE_REQUEST.
    answered_by_a_colleague = leave_request.state == RequestState.ANSWERED and acts_for_employer(
        request.user, leave_request
    )
    if not (can(request.user, LeaveRequestAction.ANSWER_LEAVE_REQUEST, leave_request) or answered_by_a_colleague):
        raise PermissionDenied("Vous ne pouvez pas répondre à cette demande.")
    form = AnswerForm(request.POST, requested_start=leave_request.actions_start)
    if form.is_valid():
        try:
            services.leave_request_answer(
                leave_request=leave_request,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                postponed_to=form.cleaned_data["postponed_to"],
                reasons=form.cleaned_data["reasons"],
            )
        except LeaveConflict as error:
            # Somebody answered first: say so, and show the answer that was recorded.
            messages.error(request, " ".join(error.messages))
            return render_request(request, leave_request, status=409)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Votre réponse est enregistrée et transmise au salarié.")
            return redirect("web:leave_detail", pk=pk)
    return render_request(request, leave_request, status=400, answer_form=form)


# The employer's form on the request's page. A funder uses leave_funder (number and SIRET): reaching a request
# by its number alone would let any funder read (the invalid form renders the page) or act on any request.
@require_POST
@requires(LeaveRequestAction.REQUEST_ATTENDANCE_PROOF, load=load_request)
def leave_attendance_request(request, leave_request, pk):
    return post_form(
        request,
        leave_request,
        AttendanceRequestForm(request.POST),
        "proof_request_form",
        lambda data: services.leave_attendance_proof_request(
            leave_request=leave_request,
            actor=request.user,
            organisation=leave_request.employer,
            message=data["message"],
        ),
        "Le justificatif d'assiduité est demandé au salarié.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(LeaveRequestAction.FIND_LEAVE_REQUEST_AS_FUNDER)
def leave_funder(request):
    form = FunderFindForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = selectors.leave_request_for_funder(pk=data["reference"], employer_siret=data["employer_siret"])
        if found is None or not can(request.user, LeaveRequestAction.REQUEST_ATTENDANCE_PROOF_AS_FUNDER, found):
            form.add_error(
                None,
                "Aucune demande envoyée ne porte ce numéro pour cet employeur : vérifiez le numéro et le SIRET "
                "inscrits sur la lettre de demande.",
            )
        else:
            try:
                services.leave_attendance_proof_request(
                    leave_request=found,
                    actor=request.user,
                    organisation=_organisation_of_role(request.user, Role.FUNDER),
                    message=data["message"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                done = found
                form = FunderFindForm()
    return render(
        request,
        "web/leave/funder.html",
        {"title": "Demander un justificatif d'assiduité", "form": form, "done": done},
        status=400 if form.errors else 200,
    )
