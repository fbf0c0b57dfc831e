"""Shared by the pathway views: loading a candidacy for a permission check, and the candidacy page, which
serves every reader (candidate, accompanier, certifier, GIP) with the forms this reader may use now."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from acquis.accounts.models import Organisation
from acquis.accounts.permissions import Action, can
from acquis.pathways import selectors
from acquis.pathways.enums import Closure, ResultKind, Stage
from acquis.pathways.models import Candidacy
from acquis.web.common.actions import service_post
from acquis.web.pathways import forms, journey, presentation

ADMITTED = ("admissible", "deemed_admissible")


def load_candidacy(request, pk: int, **kwargs) -> Candidacy:
    try:
        return selectors.candidacy_detail(pk=pk)
    except Candidacy.DoesNotExist:
        raise Http404("Cette candidature n'existe pas.") from None


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


def _default_forms(candidacy: Candidacy, user, status, today) -> dict:
    """The unbound forms the reader may use at this stage (keys are the template's names)."""
    shown = {}
    open_ = candidacy.closure == "" and candidacy.anonymised_on is None
    if not open_:
        return shown
    stage = candidacy.stage
    if can(user, Action.EDIT_CANDIDACY, candidacy):
        if candidacy.programme_id is None:
            shown["enrol_form"] = forms.EnrolmentForm(initial={"on": today})
        if stage == Stage.REGISTERED:
            shown["experience_form"] = forms.ExperienceForm()
            shown["feasibility_form"] = forms.FeasibilityForm()
        refile = stage == Stage.JURY_DECIDED and candidacy.result_kind in (ResultKind.PARTIAL, ResultKind.REFUSED)
        if (stage == Stage.FEASIBILITY_FILED and status.code in ADMITTED) or refile:
            shown["validation_form"] = forms.ValidationForm()
        if stage == Stage.FEASIBILITY_FILED and candidacy.file_complete_on is None:
            shown["attachment_form"] = forms.AttachmentForm()
        if stage == Stage.FEASIBILITY_FILED and status.code in ADMITTED:
            shown["step_form"] = forms.StepForm(initial={"recorded_on": today})
    decided = stage == Stage.JURY_DECIDED and candidacy.result_withdrawn_on is None
    if decided and can(user, Action.REQUEST_ATTESTATION, candidacy):
        shown["attestation_form"] = forms.AttestationForm()
    if can(user, Action.CLOSE_CANDIDACY, candidacy):
        shown["dropout_form"] = forms.DropOutForm()
    # The opinion (R6412-2) may follow the filing until the certifier acknowledges the complete file.
    before_receipt = stage == Stage.REGISTERED or (
        stage == Stage.FEASIBILITY_FILED and candidacy.file_complete_on is None
    )
    if can(user, Action.GIVE_ACCOMPANIER_OPINION, candidacy) and before_receipt:
        shown["opinion_form"] = forms.OpinionForm()
    if can(user, Action.INSTRUCT_FEASIBILITY, candidacy) and stage == Stage.FEASIBILITY_FILED:
        if candidacy.file_complete_on is None:
            shown["pieces_form"] = forms.PiecesForm()
            shown["receipt_form"] = forms.ReceiptForm()
        elif not candidacy.admissibility_kind and status.code == "pending":
            shown["decision_form"] = forms.DecisionForm()
    if can(user, Action.MANAGE_JURY, candidacy):
        validation = current_validation(candidacy)
        session = getattr(validation, "jury", None) if validation else None
        if stage == Stage.JURY_SCHEDULED and session is not None and session.held_on <= today:
            shown["result_form"] = forms.ResultForm(blocks=candidacy.certification.blocks.order_by("code"))
        result = getattr(session, "result", None) if session else None
        if stage == Stage.JURY_DECIDED and result is not None and result.notified_on is None:
            shown["notify_form"] = forms.NotifyForm()
    return shown


def attestation_rows(candidacy: Candidacy, user, today, bound=None) -> list[dict]:
    """Every reader sees the attestations (requested, issued, the PDF); the certifier gets an issue form on
    each one still requested (``bound``: the form that failed, kept on its attestation)."""
    issuer = can(user, Action.ISSUE_ATTESTATION, candidacy)
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
                f"{attestation.requested_on:%d/%m/%Y}",
                "anchor": f"delivrer-attestation-{attestation.pk}",
            }
        )
    return rows


def lifecycle_links(candidacy: Candidacy, user, status, result) -> list[tuple[str, str]]:
    """(label, URL name) of the lifecycle pages (acquis/web/pathways/lifecycle.py) the reader may use now."""
    links = []
    if candidacy.anonymised_on is not None:
        return links
    admitted = candidacy.stage == Stage.FEASIBILITY_FILED and status.code in (*ADMITTED, "lapsed")
    if admitted and can(user, Action.EDIT_CANDIDACY, candidacy):
        links.append(("Enregistrer un motif légitime", "web:pathway_legitimate_reason"))
    if can(user, Action.CLOSE_CANDIDACY, candidacy):
        if candidacy.closure == Closure.OPEN:
            # candidacy_archive refuses while the certifier's admissibility decision is awaited.
            if status.code not in ("pending", "feasibility_submitted"):
                links.append(("Archiver la candidature", "web:pathway_archive"))
            links.append(("Réorienter vers une autre certification", "web:pathway_reorient"))
        elif candidacy.closure in (Closure.DROPPED_OUT, Closure.ARCHIVED):
            links.append(("Rouvrir la candidature", "web:pathway_reopen"))
    if result is not None and result.withdrawn_on is None and can(user, Action.MANAGE_JURY, candidacy):
        if result.observations_requested_on is None:
            links.append(("Engager le retrait du résultat pour fraude", "web:pathway_result_observations"))
        else:
            links.append(("Retirer le résultat pour fraude", "web:pathway_result_withdraw"))
    if candidacy.stage != Stage.REGISTERED and can(user, Action.CORRECT_LEGAL_DATE, candidacy):
        links.append(("Corriger une date du dossier de faisabilité", "web:pathway_date_correct"))
    if can(user, Action.MANAGE_LITIGATION, candidacy):
        pending = candidacy.litigation_pending
        links.append(("Lever le contentieux" if pending else "Enregistrer un contentieux", "web:pathway_litigation"))
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
    shown = {name: None for name in FORM_NAMES}
    shown.update(_default_forms(candidacy, user, computed, today))
    issue_form = bound.pop("attestation_issue_form", None)
    shown.update(bound)
    validation = current_validation(candidacy)
    session = getattr(validation, "jury", None) if validation else None
    result = getattr(session, "result", None) if session else None
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
            "lifecycle_links": lifecycle_links(candidacy, user, computed, result),
            "attestations": attestation_rows(candidacy, user, today, issue_form),
            "can_choose_accompanier": candidacy.stage == Stage.REGISTERED
            and can(user, Action.EDIT_CANDIDACY, candidacy),
            # Only with a validation file to judge: a bulk demo row at this stage has none (no dead-end button).
            "can_schedule_jury": candidacy.stage == Stage.VALIDATION_FILED
            and validation is not None
            and can(user, Action.MANAGE_JURY, candidacy),
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
