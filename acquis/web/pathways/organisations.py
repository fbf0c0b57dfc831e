"""The pages of the organisations on a pathway: the accompanier's and the certifier's worklists, the
accompanier's opinion, and the certifier's instruction of the files (missing pieces, receipt, decision,
jury, result, notification). The GIP reads any organisation's worklist with ``?siret=``."""

from __future__ import annotations

import csv
from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.accounts.enums import Role
from acquis.documents.text import french_date
from acquis.pathways import selectors, services
from acquis.pathways.enums import STATUS_LABELS, Stage
from acquis.pathways.models import Candidacy
from acquis.pathways.permissions import PathwayAction
from acquis.web.common.errors import add_service_errors
from acquis.web.decorators import requires
from acquis.web.paging import page_number
from acquis.web.pathways import forms
from acquis.web.pathways.common import act, current_validation, load_candidacy, worklist_organisation

PAGE_SIZE = 50
CSV_MAX_ROWS = 10_000  # an organisation's whole list, well above the largest one of the demo (~300)
WINDOW = selectors.DEFAULT_DUE_WITHIN
SCOPE_TITLES = {"accompanier": "Candidats accompagnés", "certifier": "Dossiers adressés au certificateur"}


def _worklist(request, organisation, scope: str):
    if organisation is None:
        # The GIP reaches a worklist through an organisation's SIRET.
        return render(request, "web/pathways/worklist.html", {"title": SCOPE_TITLES[scope], "organisation": None})
    status = request.GET.get("statut", "")
    due = request.GET.get("echeances") == "1"
    awaiting = scope == "certifier" and request.GET.get("attestations") == "1"
    search = request.GET.get("q", "").strip()[:100]
    export = request.GET.get("format") == "csv"
    page = 1 if export else page_number(request)
    result = selectors.worklist(
        scope=scope,
        organisation=organisation,
        statuses=[status] if status in STATUS_LABELS else None,
        due_within=WINDOW if due else None,
        page=page,
        page_size=CSV_MAX_ROWS if export else PAGE_SIZE,
        awaiting_attestation=awaiting,
        search=search,
    )
    if export:
        return _csv(result, f"candidatures-{scope}-{organisation.siret}.csv")
    base = {"siret": organisation.siret, **({"statut": status} if status in STATUS_LABELS else {})}
    if due:
        base["echeances"] = "1"
    if awaiting:
        base["attestations"] = "1"
    if search:
        base["q"] = search
    pages = max((result.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render(
        request,
        "web/pathways/worklist.html",
        {
            "title": f"{SCOPE_TITLES[scope]} — {organisation.name}",
            "organisation": organisation,
            "worklist": result,
            "counts": [(code, STATUS_LABELS[code], n) for code, n in result.counts.items() if n],
            "status": STATUS_LABELS.get(status, ""),
            "due": due,
            "awaiting": awaiting,
            "search": search,
            "is_certifier": scope == "certifier",
            "window_days": WINDOW.days,
            "pages": pages,
            "previous_url": "?" + urlencode({**base, "page": page - 1}) if page > 1 else "",
            "next_url": "?" + urlencode({**base, "page": page + 1}) if page < pages else "",
            "url_name": f"web:pathway_{scope}_worklist",
            "csv_url": "?" + urlencode({**base, "format": "csv"}),
        },
    )


def _csv(result, filename: str) -> HttpResponse:
    """The rows of the list as filtered, for a spreadsheet (semicolons and a BOM: what French Excel opens)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        ["Candidature", "Candidat", "Certification", "Fiche", "Département", "État", "Échéance", "En retard"]
    )
    for row in result.rows:
        deadline = f"{row.deadline_label} {french_date(row.deadline)}" if row.deadline else row.note
        writer.writerow(
            [
                row.pk,
                row.candidate_name,
                row.certification_title,
                row.certification_code,
                row.department_code,
                row.status_label,
                deadline,
                "oui" if row.overdue else "non",
            ]
        )
    return response


@require_safe
@requires(PathwayAction.VIEW_ACCOMPANIER_WORKLIST, load=partial(worklist_organisation, role=Role.ACCOMPANIER))
def pathway_accompanier_worklist(request, organisation):
    return _worklist(request, organisation, "accompanier")


@require_safe
@requires(PathwayAction.VIEW_CERTIFIER_WORKLIST, load=partial(worklist_organisation, role=Role.CERTIFIER))
def pathway_certifier_worklist(request, organisation):
    return _worklist(request, organisation, "certifier")


def _file(candidacy: Candidacy):
    file = getattr(candidacy, "feasibility", None)
    if file is None:
        raise Http404("Cette candidature n'a pas de dossier de faisabilité.")
    return file


@require_POST
@requires(PathwayAction.GIVE_ACCOMPANIER_OPINION, load=load_candidacy)
def pathway_opinion(request, candidacy: Candidacy, pk: int):
    return act(
        request,
        candidacy,
        forms.OpinionForm(request.POST),
        "opinion_form",
        lambda data: services.candidacy_opinion_give(actor=request.user, candidacy=candidacy, **data),
        "L'avis de l'accompagnateur est enregistré.",
    )


@require_POST
@requires(PathwayAction.INSTRUCT_FEASIBILITY, load=load_candidacy)
def pathway_pieces_request(request, candidacy: Candidacy, pk: int):
    file = _file(candidacy)
    return act(
        request,
        candidacy,
        forms.PiecesForm(request.POST),
        "pieces_form",
        lambda data: services.feasibility_pieces_request(actor=request.user, file=file, **data),
        "La demande de pièces manquantes est enregistrée.",
    )


@require_POST
@requires(PathwayAction.INSTRUCT_FEASIBILITY, load=load_candidacy)
def pathway_receipt(request, candidacy: Candidacy, pk: int):
    file = _file(candidacy)
    return act(
        request,
        candidacy,
        forms.ReceiptForm(request.POST),
        "receipt_form",
        lambda data: services.feasibility_receipt_acknowledge(actor=request.user, file=file, **data),
        "La réception du dossier complet est confirmée : le délai de décision court.",
    )


@require_POST
@requires(PathwayAction.INSTRUCT_FEASIBILITY, load=load_candidacy)
def pathway_decide(request, candidacy: Candidacy, pk: int):
    file = _file(candidacy)
    return act(
        request,
        candidacy,
        forms.DecisionForm(request.POST),
        "decision_form",
        lambda data: services.feasibility_decide(actor=request.user, file=file, **data),
        "La décision sur la recevabilité est enregistrée.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(PathwayAction.MANAGE_JURY, load=load_candidacy)
def pathway_jury_schedule(request, candidacy: Candidacy, pk: int):
    validation = current_validation(candidacy)
    if candidacy.stage != Stage.VALIDATION_FILED or validation is None:
        messages.info(request, "Cette candidature n'attend pas de jury.")
        return redirect("web:pathway_detail", pk=candidacy.pk)
    form = forms.JuryForm(request.POST or None)
    members = forms.MemberFormSet(request.POST or None, prefix="membre")
    if request.method == "POST" and form.is_valid() & members.is_valid():
        rows = [data for data in members.cleaned_data if data.get("name")]
        try:
            services.jury_schedule(actor=request.user, validation_file=validation, members=rows, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Le jury est programmé.")
            return redirect("web:pathway_detail", pk=candidacy.pk)
    latest = candidacy.latest_jury_on
    return render(
        request,
        "web/pathways/jury.html",
        {
            "title": "Programmer le jury",
            "candidacy": candidacy,
            "validation": validation,
            "latest": latest,
            "form": form,
            "members": members,
        },
        status=400 if form.errors or any(members.errors) else 200,
    )


def _session(candidacy: Candidacy):
    validation = current_validation(candidacy)
    session = getattr(validation, "jury", None) if validation else None
    if session is None:
        raise Http404("Aucun jury n'est programmé pour cette candidature.")
    return session


@require_POST
@requires(PathwayAction.MANAGE_JURY, load=load_candidacy)
def pathway_jury_result(request, candidacy: Candidacy, pk: int):
    session = _session(candidacy)
    blocks = list(candidacy.certification.blocks.order_by("code"))
    by_pk = {str(block.pk): block for block in blocks}
    return act(
        request,
        candidacy,
        forms.ResultForm(request.POST, blocks=blocks),
        "result_form",
        lambda data: services.jury_result_record(
            actor=request.user,
            session=session,
            kind=data["kind"],
            blocks_acquired=[by_pk[pk] for pk in data["blocks"]],
            comment=data["comment"],
        ),
        "Le résultat du jury est enregistré : notifiez-le au candidat.",
        {"blocks_acquired": "blocks"},
    )


@require_POST
@requires(PathwayAction.MANAGE_JURY, load=load_candidacy)
def pathway_result_notify(request, candidacy: Candidacy, pk: int):
    result = getattr(_session(candidacy), "result", None)
    if result is None:
        raise Http404("Le résultat du jury n'est pas encore enregistré.")
    return act(
        request,
        candidacy,
        forms.NotifyForm(request.POST),
        "notify_form",
        lambda data: services.jury_result_notify(actor=request.user, result=result, **data),
        "La notification du résultat est enregistrée.",
    )


@require_POST
@requires(PathwayAction.ISSUE_ATTESTATION, load=load_candidacy)
def pathway_attestation_issue(request, candidacy: Candidacy, pk: int, attestation_id: int):
    attestation = selectors.attestation_of(candidacy=candidacy, attestation_id=attestation_id)
    if attestation is None:
        raise Http404("Cette attestation n'existe pas.")
    return act(
        request,
        candidacy,
        forms.AttestationIssueForm(request.POST, attestation_id=attestation.pk),
        "attestation_issue_form",
        lambda data: services.attestation_issue(actor=request.user, attestation=attestation, **data),
        "L'attestation est délivrée : le candidat en est informé par courriel.",
    )
