"""Shared by the pathway views: loading a candidacy for a permission check, and the candidacy page, which
serves every reader (candidate, accompanier, certifier, GIP) with the forms this reader may use now."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from acquis.accounts.models import Organisation
from acquis.accounts.permissions import can
from acquis.documents.text import french_date
from acquis.pathways import selectors, transitions
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction
from acquis.web.common.actions import service_post
from acquis.web.common.loading import loader
from acquis.web.pathways import forms, journey, presentation

load_candidacy = loader(selectors.candidacy_detail, Candidacy.DoesNotExist, "Cette candidature n'existe pas.")


def worklist_organisation(request, role: str, **kwargs) -> Organisation | None:
    """The organisation whose worklist is read: ``?siret=`` (the GIP, or a member of several), else the
    reader's own; Http404 for an unknown SIRET. None (then refused) for a reader without one."""
    siret = request.GET.get("siret", "").strip()
    if siret:
        organisation = Organisation.objects.filter(siret=siret).first()
        if organisation is None:
            raise Http404("Aucune organisation n'a ce SIRET.")
        return organisation
    return selectors.own_organisation(actor=request.user, role=role)


def current_validation(candidacy: Candidacy):
    files = list(candidacy.validation_files.all())
    return files[-1] if files else None


# The page's form for each action of the workflow table (acquis/pathways/transitions.py) that has one, in the
# template's names; the table alone decides whether it is offered.
FORMS = {
    "candidacy_programme_enrol": ("enrol_form", lambda s: forms.EnrolmentForm(initial={"on": s.today})),
    "candidacy_experience_add": ("experience_form", lambda s: forms.ExperienceForm()),
    "feasibility_file_submit": ("feasibility_form", lambda s: forms.FeasibilityForm()),
    "validation_file_submit": ("validation_form", lambda s: forms.ValidationForm()),
    "feasibility_attachment_add": ("attachment_form", lambda s: forms.AttachmentForm()),
    "candidacy_step_record": ("step_form", lambda s: forms.StepForm(initial={"recorded_on": s.today})),
    "attestation_request": ("attestation_form", lambda s: forms.AttestationForm()),
    "candidacy_drop_out": ("dropout_form", lambda s: forms.DropOutForm()),
    "candidacy_opinion_give": ("opinion_form", lambda s: forms.OpinionForm()),
    "feasibility_pieces_request": ("pieces_form", lambda s: forms.PiecesForm()),
    "feasibility_receipt_acknowledge": ("receipt_form", lambda s: forms.ReceiptForm()),
    "feasibility_decide": ("decision_form", lambda s: forms.DecisionForm()),
    "jury_result_record": (
        "result_form",
        lambda s: forms.ResultForm(blocks=s.candidacy.certification.blocks.order_by("code")),
    ),
    "jury_result_notify": ("notify_form", lambda s: forms.NotifyForm()),
}
# The lifecycle pages (acquis/web/pathways/lifecycle.py), in the order the page lists them.
LINKS = {
    "candidacy_legitimate_reason_record": ("Enregistrer un motif légitime", "web:pathway_legitimate_reason"),
    "candidacy_archive": ("Archiver la candidature", "web:pathway_archive"),
    "candidacy_reorient": ("Réorienter vers une autre certification", "web:pathway_reorient"),
    "candidacy_reopen": ("Rouvrir la candidature", "web:pathway_reopen"),
    "jury_result_observations_request": (
        "Engager le retrait du résultat pour fraude",
        "web:pathway_result_observations",
    ),
    "jury_result_withdraw": ("Retirer le résultat pour fraude", "web:pathway_result_withdraw"),
    "feasibility_date_correct": ("Corriger une date du dossier de faisabilité", "web:pathway_date_correct"),
    "candidacy_litigation_set": ("Enregistrer un contentieux", "web:pathway_litigation"),
}


def situation_of(candidacy: Candidacy, status, today) -> transitions.Situation:
    validation = current_validation(candidacy)
    session = getattr(validation, "jury", None) if validation else None
    result = getattr(session, "result", None) if session else None
    return transitions.Situation(candidacy, status.code, today, validation, session, result)


def _default_forms(situation: transitions.Situation, user) -> dict:
    """The unbound forms the reader may use now (keys are the template's names)."""
    return {
        name: build(situation)
        for action, (name, build) in FORMS.items()
        if transitions.available(action, user, situation)
    }


def attestation_rows(candidacy: Candidacy, user, today, bound=None) -> list[dict]:
    """Every reader sees the attestations (requested, issued, the PDF); the certifier gets an issue form on
    each one still requested (``bound``: the form that failed, kept on its attestation)."""
    issuer = can(user, PathwayAction.ISSUE_ATTESTATION, candidacy)
    rows = []
    for attestation in selectors.candidacy_attestations(candidacy):
        form = None
        if bound is not None and bound.attestation_id == attestation.pk:
            form = bound  # with its errors, even if the attestation was issued meanwhile
        elif issuer and attestation.issued_on is None:
            form = forms.AttestationIssueForm(attestation_id=attestation.pk)
        rows.append(
            {
                "attestation": attestation,
                "form": form,
                "heading": f"Délivrer : {attestation.get_kind_display().lower()} demandée le "
                f"{french_date(attestation.requested_on)}",
                "anchor": f"delivrer-attestation-{attestation.pk}",
            }
        )
    return rows


def lifecycle_links(situation: transitions.Situation, user) -> list[tuple[str, str]]:
    """(label, URL name) of the lifecycle pages the reader may use now."""
    links = []
    for action, (label, url) in LINKS.items():
        if transitions.available(action, user, situation):
            if action == "candidacy_litigation_set" and situation.candidacy.litigation_pending:
                label = "Lever le contentieux"
            links.append((label, url))
    return links


FORM_NAMES = (
    "enrol_form",
    "experience_form",
    "feasibility_form",
    "validation_form",
    "step_form",
    "attachment_form",
    "opinion_form",
    "pieces_form",
    "receipt_form",
    "decision_form",
    "result_form",
    "notify_form",
    "attestation_form",
    "dropout_form",
)


def render_candidacy(request, candidacy: Candidacy, *, status: int = 200, **bound):
    """The candidacy page for any reader; ``bound`` replaces a default form by the one that failed."""
    today = timezone.localdate()
    # After a refused action, read again what the service may have changed before it refused; a plain GET shows
    # the candidacy load_candidacy has just read with its relations (reading it twice cost 13 queries).
    candidacy = (
        selectors.candidacy_detail(pk=candidacy.pk) if status != 200 else selectors.candidacy_detailed(candidacy)
    )
    user = request.user
    computed = selectors.candidacy_status(candidacy, on=today)
    # The rules are decided once for the request: the deadlines and the timeline show the same Decisions.
    decisions = selectors.candidacy_decisions(candidacy, on=today)
    situation = situation_of(candidacy, computed, today)
    shown = {name: None for name in FORM_NAMES}
    shown.update(_default_forms(situation, user))
    issue_form = bound.pop("attestation_issue_form", None)
    shown.update(bound)
    validation, session, result = situation.validation, situation.session, situation.result
    # The candidate's own page is a plain-French stepper; professionals keep the full legal detail.
    own = candidacy.candidate_id is not None and candidacy.candidate_id == user.pk
    return render(
        request,
        "web/pathways/detail.html",
        {
            "journey": journey.candidate_journey(candidacy, computed) if own else None,
            "plain_language": own,
            "title": f"Candidature n° {candidacy.pk}",
            "candidacy": candidacy,
            "file": getattr(candidacy, "feasibility", None),
            "status": computed,
            "deadlines": presentation.deadline_blocks(candidacy, today, decisions),
            "assistance": presentation.filing_assistance_block(candidacy),
            "timeline": presentation.timeline_view(candidacy, today, decisions),
            "validation": validation,
            "session": session,
            "result": result,
            "lifecycle_links": lifecycle_links(situation, user),
            "attestations": attestation_rows(candidacy, user, today, issue_form),
            "can_choose_accompanier": transitions.available("candidacy_accompanier_choose", user, situation),
            "can_schedule_jury": transitions.available("jury_schedule", user, situation),
            **shown,
        },
        status=status,
    )


def act(request, candidacy: Candidacy, form, form_name: str, run, success: str, aliases=None):
    """A form posted from the candidacy page: back to the page on success, else the page with it, 400."""
    return service_post(
        request,
        form,
        run,
        success=success,
        redirect_to=reverse("web:pathway_detail", kwargs={"pk": candidacy.pk}),
        render=lambda form, status: render_candidacy(request, candidacy, status=status, **{form_name: form}),
        aliases=aliases,
    )
