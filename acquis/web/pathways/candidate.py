"""The candidate's pathway pages (an accompanier may register and act on their behalf): list, registration,
the candidacy page, experiences, the choice of an accompanier, the admissibility and validation files, and the
admissibility file as a generated PDF."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.accounts.enums import Role
from acquis.accounts.permissions import Action, has_role
from acquis.certifications.selectors import certification_by_code, certification_matching
from acquis.documents.http import pdf_response
from acquis.orientation.selectors import accompanier_cards
from acquis.pathways import selectors, services
from acquis.pathways.calendar import jury_calendar
from acquis.pathways.documents.attestation import attestation_file
from acquis.pathways.documents.feasibility import feasibility_file
from acquis.pathways.enums import AccompanimentMode
from acquis.pathways.models import Candidacy, FeasibilityAttachment, ValidationFile
from acquis.pathways.permissions import PathwayAction
from acquis.pathways.services.invitations import may_accept, registration_invitation_summary
from acquis.web.common.errors import add_service_errors
from acquis.web.common.files import stored_file_response
from acquis.web.decorators import requires
from acquis.web.pathways import forms
from acquis.web.pathways.common import act, current_validation, load_candidacy, render_candidacy

# Service field names → the registration form's (the experience's fields are on its own form).
REGISTER_ALIASES = {"certification": "certification_code", "blocks": "block_codes", "candidate": "candidate_email"}


@require_safe
@requires(PathwayAction.REGISTER_CANDIDACY)
def pathway_list(request):
    return render(
        request,
        "web/pathways/list.html",
        {"title": "Mes parcours VAE", "rows": selectors.candidacies_of_candidate(candidate=request.user)},
    )


def _registration_inputs(data: dict) -> dict:
    """The service's objects from the form's text: certification, blocks, département."""
    certification, blocks, errors = forms.certification_target(data["certification_code"], data["block_codes"])
    department = selectors.department_by_code(code=data["department"])
    if department is None:
        errors["department"] = "Ce numéro de département n'existe pas."
    if errors:
        raise ValidationError(errors)
    return {"certification": certification, "blocks": blocks, "department": department}


def _registration_initial(request) -> dict:
    """``?certification=RNCP…&departement=…``: the finder's result (issue 14) fills the form in."""
    initial = {"started_on": timezone.localdate()}
    if code := request.GET.get("certification", "").strip().upper()[:16]:
        initial["certification_code"] = code
    if department := request.GET.get("departement", "").strip().upper()[:3]:
        initial["department"] = department
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
@requires(PathwayAction.REGISTER_CANDIDACY)
def pathway_register(request):
    # Someone who is not the candidate (an accompanier, the GIP) proposes a registration to a person named by
    # e-mail: an invitation they accept, with the same answer whether the address has an account or not.
    on_behalf = not has_role(request.user, Role.CANDIDATE)
    form = forms.RegisterForm(request.POST or None, on_behalf=on_behalf, initial=_registration_initial(request))
    experience = forms.ExperienceForm(request.POST or None, prefix="experience")
    if request.method == "POST" and form.is_valid() & experience.is_valid():
        data = form.cleaned_data
        accompanier = None
        if on_behalf and data["accompaniment_mode"] == AccompanimentMode.ACCOMPANIED:
            # An accompanier registering a candidate accompanies them (its first accompanier organisation).
            accompanier = selectors.own_organisation(actor=request.user, role=Role.ACCOMPANIER)
        try:
            registration = {
                **_registration_inputs(data),
                "qualification_level": data["qualification_level"],
                "started_on": data["started_on"],
                "accompaniment_mode": data["accompaniment_mode"],
                "accompanier": accompanier,
                "in_initial_training": data["in_initial_training"],
                "experiences": [experience.cleaned_data],
            }
            if on_behalf:
                services.registration_invite(
                    actor=request.user, email=data["candidate_email"], registration=registration
                )
            else:
                candidacy = services.candidacy_register(actor=request.user, candidate=request.user, **registration)
        except ValidationError as error:
            add_service_errors(form, error, REGISTER_ALIASES)
        else:
            if on_behalf:
                messages.success(
                    request,
                    f"Une invitation est envoyée à {data['candidate_email']} : la candidature sera créée quand la "
                    "personne l'aura acceptée.",
                )
                return redirect("web:pathway_register")
            messages.success(request, "La candidature est enregistrée.")
            return redirect("web:pathway_detail", pk=candidacy.pk)
    search = request.GET.get("recherche", "").strip()
    return render(
        request,
        "web/pathways/register.html",
        {
            "title": "S'inscrire à un parcours de VAE",
            "form": form,
            "experience": experience,
            "on_behalf": on_behalf,
            "search": search,
            "found": certification_matching(text=search) if search else [],
            "chosen": None if form.is_bound else certification_by_code(code=form["certification_code"].value() or ""),
            "error_forms": [f for f in (form, experience) if f.errors],
        },
        status=400 if form.errors or experience.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(Action.VIEW_ACCOUNT)  # the person follows the link, logs in (or creates their account), comes back
def pathway_invitation(request, key: str):
    # For the account holding the invited address only: anyone else gets the 404 of a link that does not exist.
    invitation = selectors.registration_invitation_by_key(key=key)
    if invitation is None or not may_accept(request.user, invitation):
        raise Http404("Cette invitation n'existe pas ou ne vous est pas adressée.")
    if invitation.is_expired():
        # 410: the link was real but can no longer be used; nothing of the proposal is shown any more.
        return render(
            request,
            "web/pathways/invitation_expired.html",
            {
                "title": "Invitation expirée",
                "invitation": invitation,
                "valid_days": settings.PATHWAY_INVITATION_VALID_DAYS,
            },
            status=410,
        )
    if request.method == "POST" and invitation.accepted_at is None:
        try:
            candidacy = services.registration_invitation_accept(actor=request.user, invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Vous avez accepté l'invitation : votre candidature est enregistrée.")
            return redirect("web:pathway_detail", pk=candidacy.pk)
    return render(
        request,
        "web/pathways/invitation.html",
        {
            "title": "Invitation à vous inscrire à un parcours de VAE",
            "invitation": invitation,
            "proposal": registration_invitation_summary(invitation),
        },
    )


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY, load=load_candidacy)
def pathway_detail(request, candidacy: Candidacy, pk: int):
    return render_candidacy(request, candidacy)


@require_POST
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_experience_add(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.ExperienceForm(request.POST),
        "experience_form",
        lambda data: services.candidacy_experience_add(actor=request.user, candidacy=candidacy, **data),
        "L'expérience est ajoutée.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_accompanier_choose(request, candidacy: Candidacy, pk: int):
    listings = selectors.accompanier_listings()
    form = forms.AccompanierChoiceForm(request.POST or None, listings=listings)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidacy_accompanier_choose(
                actor=request.user, candidacy=candidacy, accompanier=form.cleaned_data["listing"].organisation
            )
        except ValidationError as error:
            add_service_errors(form, error, {"accompanier": "listing"})
        else:
            messages.success(request, "L'accompagnateur est choisi : il peut maintenant donner son avis.")
            return redirect("web:pathway_detail", pk=candidacy.pk)
    return render(
        request,
        "web/pathways/accompanier_choose.html",
        {
            "title": "Choisir un accompagnateur",
            "candidacy": candidacy,
            "form": form,
            # R6423-4: what each organisation tells a person before being chosen.
            "cards": accompanier_cards(listings),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_feasibility_submit(request, candidacy: Candidacy, pk: int):
    def submit(data):
        attachments = [(data["kind"] or "other", data["document"])] if data["document"] else []
        services.feasibility_file_submit(actor=request.user, candidacy=candidacy, attachments=attachments)

    return act(
        request,
        candidacy,
        forms.FeasibilityForm(request.POST, request.FILES),
        "feasibility_form",
        submit,
        "Le dossier de faisabilité est déposé auprès du certificateur.",
        {"attachments": "document", "experiences": None},
    )


@require_POST
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_validation_submit(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.ValidationForm(request.POST, request.FILES),
        "validation_form",
        lambda data: services.validation_file_submit(actor=request.user, candidacy=candidacy, **data),
        "Le dossier de validation est déposé auprès du certificateur.",
    )


@require_POST
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_step_record(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.StepForm(request.POST),
        "step_form",
        lambda data: services.candidacy_step_record(actor=request.user, candidacy=candidacy, **data),
        "La démarche est enregistrée : la recevabilité ne devient pas caduque.",
    )


@require_POST
@requires(PathwayAction.REQUEST_ATTESTATION, load=load_candidacy)
def pathway_attestation_request(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.AttestationForm(request.POST),
        "attestation_form",
        lambda data: services.attestation_request(
            actor=request.user, candidacy=candidacy, kind=data["attestation_kind"]
        ),
        "La demande d'attestation est enregistrée.",
        {"kind": "attestation_kind"},
    )


@require_POST
@requires(PathwayAction.CLOSE_CANDIDACY, load=load_candidacy)
def pathway_drop_out(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.DropOutForm(request.POST),
        "dropout_form",
        lambda data: services.candidacy_drop_out(actor=request.user, candidacy=candidacy, **data),
        "L'abandon du parcours est enregistré.",
    )


@require_POST
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_attachment_add(request, candidacy: Candidacy, pk: int):
    file = getattr(candidacy, "feasibility", None)
    if file is None:
        raise Http404("Cette candidature n'a pas de dossier de faisabilité.")
    return act(
        request,
        candidacy,
        forms.AttachmentForm(request.POST, request.FILES),
        "attachment_form",
        lambda data: services.feasibility_attachment_add(actor=request.user, file=file, **data),
        "La pièce est ajoutée au dossier de faisabilité.",
    )


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY, load=load_candidacy)
def pathway_attachment(request, candidacy: Candidacy, pk: int, attachment_id: int):
    attachment = get_object_or_404(FeasibilityAttachment, pk=attachment_id, file__candidacy=candidacy)
    stem = f"{attachment.kind}-{pk}"
    return stored_file_response(attachment.document, content_type=attachment.content_type, stem=stem)


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY, load=load_candidacy)
def pathway_validation_document(request, candidacy: Candidacy, pk: int, validation_id: int):
    """The dossier de validation as uploaded (404 for a file filed without a document)."""
    validation = get_object_or_404(ValidationFile, pk=validation_id, candidacy=candidacy)
    if not validation.document:
        raise Http404("Ce dossier de validation a été déposé sans document.")
    return stored_file_response(validation.document, content_type=validation.document_type, stem=f"validation-{pk}")


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY, load=load_candidacy)
def pathway_feasibility_pdf(request, candidacy: Candidacy, pk: int):
    """The dossier de faisabilité as a PDF, as it stands today (404 before it is filed)."""
    file = feasibility_file(candidacy)
    if file is None:
        raise Http404("Cette candidature n'a pas de dossier de faisabilité.")
    return pdf_response(file)


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY, load=load_candidacy)
def pathway_attestation_pdf(request, candidacy: Candidacy, pk: int, attestation_id: int):
    """An issued attestation as a PDF (404 while it is only requested)."""
    file = attestation_file(candidacy=candidacy, attestation_id=attestation_id)
    if file is None:
        raise Http404("Cette attestation n'est pas délivrée.")
    return pdf_response(file)


@require_safe
@requires(PathwayAction.VIEW_CANDIDACY, load=load_candidacy)
def pathway_jury_calendar(request, candidacy: Candidacy, pk: int):
    """The scheduled jury as an .ics event, with its hour when known (404 before a jury is scheduled)."""
    validation = current_validation(candidacy)
    session = getattr(validation, "jury", None) if validation else None
    if session is None:
        raise Http404("Aucun jury n'est programmé pour cette candidature.")
    response = HttpResponse(jury_calendar(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jury-{pk}.ics"'
    return response
