"""The lifecycle pages of a candidacy, beside the drop-out form of the candidacy page: a legitimate reason
that keeps the admissibility from lapsing, archive, reorientation, reopening (candidate, accompanier or GIP),
the litigation hold (GIP), the withdrawal of a jury result for fraud after the candidate was invited to
present observations (certifier), and the GIP's read-only report of the retention run (R6411-6)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from acquis.certifications.selectors import certification_matching
from acquis.documents.text import french_date
from acquis.pathways import selectors, services
from acquis.pathways.models import Candidacy, JuryResult
from acquis.pathways.permissions import PathwayAction
from acquis.pathways.retention import OUTCOME_LABELS, retention_overview
from acquis.web.common.actions import service_post
from acquis.web.decorators import requires
from acquis.web.pathways import lifecycle_forms as forms
from acquis.web.pathways.common import current_validation, load_candidacy

GET_POST = ["GET", "HEAD", "POST"]


def _page(request, candidacy: Candidacy, form, *, title: str, run, success, aliases=None, **context):
    """GET: the page and its form. POST: ``run(data)`` (one service call) then the candidacy page with
    ``success`` (text, or a function of what the service returned); any refusal on the form, status 400."""
    template = context.pop("template", "web/pathways/lifecycle.html")

    def target(outcome) -> str:
        return reverse(
            "web:pathway_detail", kwargs={"pk": (outcome if isinstance(outcome, Candidacy) else candidacy).pk}
        )

    return service_post(
        request,
        form,
        run,
        success=success,
        redirect_to=target,
        render=lambda form, status: render(
            request, template, {"title": title, "candidacy": candidacy, "form": form, **context}, status=status
        ),
        aliases=aliases,
    )


def _posted(request):
    # Not ``request.POST or None``: the reopening form has no field, and its empty POST must bind.
    return request.POST if request.method == "POST" else None


def _today_initial(field: str) -> dict:
    return {field: timezone.localdate()}


@require_http_methods(GET_POST)
@requires(PathwayAction.EDIT_CANDIDACY, load=load_candidacy)
def pathway_legitimate_reason(request, candidacy: Candidacy, pk: int):
    form = forms.LegitimateReasonForm(_posted(request), initial=_today_initial("recorded_on"))
    return _page(
        request,
        candidacy,
        form,
        title="Enregistrer un motif légitime",
        run=lambda data: services.candidacy_legitimate_reason_record(actor=request.user, candidacy=candidacy, **data),
        success="Le motif légitime est enregistré : la recevabilité ne devient pas caduque.",
        intro=(
            "Sans démarche enregistrée, la recevabilité du dossier de faisabilité devient caduque au terme du "
            "délai fixé par l'article R6412-4 du code du travail, sauf motif légitime. Le motif enregistré ici "
            "suspend cette caducité."
        ),
        lapse_day=selectors.lapse_day(candidacy),
        button="Enregistrer le motif légitime",
    )


@require_http_methods(GET_POST)
@requires(PathwayAction.CLOSE_CANDIDACY, load=load_candidacy)
def pathway_archive(request, candidacy: Candidacy, pk: int):
    return _page(
        request,
        candidacy,
        forms.ArchiveForm(_posted(request)),
        title="Archiver la candidature",
        run=lambda data: services.candidacy_archive(actor=request.user, candidacy=candidacy, **data),
        success="La candidature est archivée.",
        intro=(
            "Une candidature archivée ne progresse plus ; elle peut être rouverte là où elle en était. "
            "Elle ne peut pas l'être pendant que le certificateur instruit la recevabilité."
        ),
        button="Archiver la candidature",
    )


@require_http_methods(GET_POST)
@requires(PathwayAction.CLOSE_CANDIDACY, load=load_candidacy)
def pathway_reorient(request, candidacy: Candidacy, pk: int):
    search = request.GET.get("recherche", "").strip()
    return _page(
        request,
        candidacy,
        forms.ReorientForm(_posted(request)),
        title="Réorienter la candidature",
        run=lambda data: services.candidacy_reorient(
            actor=request.user,
            candidacy=candidacy,
            certification=data["certification"],
            blocks=data["blocks"],
            note=data["note"],
        ),
        success=lambda new: f"La candidature est réorientée : voici la nouvelle candidature n° {new.pk}.",
        aliases={"certification": "certification_code", "blocks": "block_codes"},
        template="web/pathways/reorient.html",
        search=search,
        found=certification_matching(text=search) if search else [],
        button="Réorienter vers cette certification",
    )


@require_http_methods(GET_POST)
@requires(PathwayAction.CLOSE_CANDIDACY, load=load_candidacy)
def pathway_reopen(request, candidacy: Candidacy, pk: int):
    return _page(
        request,
        candidacy,
        forms.ReopenForm(_posted(request)),
        title="Rouvrir la candidature",
        run=lambda data: services.candidacy_reopen(actor=request.user, candidacy=candidacy),
        success="La candidature est rouverte là où elle en était.",
        intro=(
            "La candidature reprend à l'étape où elle a été clôturée ; les délais sont recalculés à partir des "
            "dates enregistrées. Une candidature réorientée ne se rouvre pas : la nouvelle candidature poursuit "
            "le parcours."
        ),
        button="Rouvrir la candidature",
    )


@require_http_methods(GET_POST)
@requires(PathwayAction.MANAGE_LITIGATION, load=load_candidacy)
def pathway_litigation(request, candidacy: Candidacy, pk: int):
    return _page(
        request,
        candidacy,
        forms.LitigationForm(_posted(request)),
        title="Contentieux et conservation des données",
        run=lambda data: services.candidacy_litigation_set(actor=request.user, candidacy=candidacy, **data),
        success=lambda saved: (
            "Le contentieux est enregistré : les données de la candidature sont conservées jusqu'à sa fin."
            if saved.litigation_pending
            else "La fin du contentieux est enregistrée : la durée de conservation reprend son cours."
        ),
        intro=(
            "Pendant un contentieux, les données personnelles de la candidature ne sont ni effacées ni "
            "anonymisées (article R6411-6 du code du travail)."
        ),
        state=(
            "Un contentieux est en cours." if candidacy.litigation_pending else "Aucun contentieux n'est enregistré."
        ),
        button="Enregistrer",
    )


@require_http_methods(GET_POST)
@requires(PathwayAction.CORRECT_LEGAL_DATE, load=load_candidacy)
def pathway_date_correct(request, candidacy: Candidacy, pk: int):
    file = getattr(candidacy, "feasibility", None)
    if file is None:
        raise Http404("Le dossier de faisabilité de cette candidature n'est pas déposé.")
    dates = [("de dépôt", file.filed_on), ("de réception du dossier complet", file.complete_on)]
    return _page(
        request,
        candidacy,
        forms.DateCorrectionForm(_posted(request)),
        title="Corriger une date du dossier de faisabilité",
        run=lambda data: services.feasibility_date_correct(actor=request.user, file=file, **data),
        success="La date est corrigée ; les délais qui en découlent sont recalculés et la correction est au journal.",
        intro=(
            "Sur le portail, les dates de dépôt et de réception sont celles de son horloge (date certaine, article "
            "R6412-4 du code du travail). Seul le GIP corrige une date erronée, motif à l'appui."
        ),
        state="Dates enregistrées : "
        + " ; ".join(f"{label} : {french_date(day)}" if day else f"{label} : non enregistrée" for label, day in dates)
        + ".",
        button="Corriger la date",
    )


def _result(candidacy: Candidacy) -> JuryResult:
    """The result of the current validation file's jury (the one a withdrawal is about)."""
    validation = current_validation(candidacy)
    session = getattr(validation, "jury", None) if validation else None
    result = getattr(session, "result", None) if session else None
    if result is None:
        raise Http404("Le résultat du jury n'est pas encore enregistré.")
    return result


WITHDRAWAL_INTRO = (
    "Un résultat obtenu par fraude peut être retiré par le certificateur, après que le candidat a été invité "
    "à présenter ses observations."
)


@require_http_methods(GET_POST)
@requires(PathwayAction.MANAGE_JURY, load=load_candidacy)
def pathway_result_observations(request, candidacy: Candidacy, pk: int):
    result = _result(candidacy)
    form = forms.ObservationsRequestForm(_posted(request), initial=_today_initial("requested_on"))
    return _page(
        request,
        candidacy,
        form,
        title="Inviter le candidat à présenter ses observations",
        run=lambda data: services.jury_result_observations_request(actor=request.user, result=result, **data),
        success="La demande d'observations est enregistrée : le retrait pourra être décidé ensuite.",
        intro=WITHDRAWAL_INTRO,
        result=result,
        button="Enregistrer la demande d'observations",
    )


@require_http_methods(GET_POST)
@requires(PathwayAction.MANAGE_JURY, load=load_candidacy)
def pathway_result_withdraw(request, candidacy: Candidacy, pk: int):
    result = _result(candidacy)
    form = forms.WithdrawForm(_posted(request), initial=_today_initial("withdrawn_on"))
    return _page(
        request,
        candidacy,
        form,
        title="Retirer le résultat pour fraude",
        run=lambda data: services.jury_result_withdraw(actor=request.user, result=result, **data),
        success="Le résultat du jury est retiré pour fraude.",
        intro=WITHDRAWAL_INTRO,
        result=result,
        button="Retirer le résultat",
    )


# The report belongs to the GIP's duty on retention and litigation holds (R6411-6): MANAGE_LITIGATION.
@require_safe
@requires(PathwayAction.MANAGE_LITIGATION)
def pathway_retention(request):
    overview = retention_overview(on=timezone.localdate())
    return render(
        request,
        "web/pathways/retention.html",
        {
            "title": "Conservation des données des parcours",
            "overview": overview,
            "counts": [(OUTCOME_LABELS[outcome], n) for outcome, n in overview.counts.items()],
        },
    )
