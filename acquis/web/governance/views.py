"""Pages of certification governance: CPC composition (public), the secretariat's work, the GIP's members."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acquis.accounts.enums import OrganisationKind
from acquis.accounts.models import Organisation
from acquis.accounts.permissions import Action, can
from acquis.governance import selectors
from acquis.governance.enums import College
from acquis.governance.models import BranchProposal, Commission, Meeting, Member, Programme
from acquis.governance.permissions import CommissionAction
from acquis.governance.services import (
    branch_proposal_decide,
    branch_proposal_record,
    commission_create,
    commission_internal_rules_update,
    commission_member_add,
    commission_member_replace,
    gip_member_add,
    meeting_minutes_record,
    meeting_schedule,
    opinion_record,
    programme_adopt,
)
from acquis.rules.decision import Decision
from acquis.rules.gip import institution_of
from acquis.web.common.actions import service_post
from acquis.web.decorators import requires
from acquis.web.governance.forms import (
    CommissionForm,
    GipMemberForm,
    InternalRulesForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    OpinionForm,
    ProgrammeForm,
    ProposalDecisionForm,
    ProposalForm,
)
from acquis.web.governance.presentation import composition_check_view, decision_sources


def _commission(request, pk: int, **kwargs) -> Commission:
    return get_object_or_404(Commission.objects.select_related("organisation"), pk=pk)


def _organisation(request, siret: str, **kwargs) -> Organisation:
    # A commission's secretariat is a CPC organisation; any other SIRET has no commission page.
    return get_object_or_404(Organisation, siret=siret, kind=OrganisationKind.CPC)


@require_safe
@requires(CommissionAction.VIEW_COMMISSIONS)
def commission_list(request):
    managed = [
        organisation
        for organisation in Organisation.objects.filter(kind=OrganisationKind.CPC).order_by("name")
        if can(request.user, CommissionAction.MANAGE_COMMISSION, organisation)
    ]
    return render(
        request,
        "web/governance/list.html",
        {
            "title": "Commissions professionnelles consultatives",
            "commissions": selectors.commissions(),
            "managed_organisations": managed,
        },
    )


def _members_by_college(commission: Commission):
    in_office = list(selectors.members_in_office(commission=commission))
    return [
        {"college": label, "members": [m for m in in_office if m.college == value]}
        for value, label in College.choices
        if any(m.college == value for m in in_office)
    ]


@require_safe
@requires(CommissionAction.VIEW_COMMISSIONS, load=_commission)
def commission_detail(request, commission, pk):
    today = timezone.localdate()
    return render(
        request,
        "web/governance/detail.html",
        {
            "title": commission.name,
            "commission": commission,
            "colleges": _members_by_college(commission),
            "check": composition_check_view(selectors.latest_composition_change(commission=commission)),
            "presidency": selectors.presidency_periods(commission=commission, today=today),
            "opinions": selectors.opinions(commission=commission),
            "programmes": selectors.programmes(commission=commission),
            "may_manage": can(request.user, CommissionAction.MANAGE_COMMISSION, commission),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(CommissionAction.MANAGE_COMMISSION, load=_organisation)
def commission_create_view(request, organisation, siret):
    return service_post(
        request,
        CommissionForm(request.POST or None),
        lambda data: commission_create(organisation=organisation, actor=request.user, **data),
        success="La commission est créée. Nommez maintenant ses membres.",
        redirect_to=lambda commission: reverse("web:commission", kwargs={"pk": commission.pk}),
        render=lambda form, status: render(
            request,
            "web/governance/commission_form.html",
            {"title": "Créer une commission", "organisation": organisation, "form": form},
            status=status,
        ),
    )


def _member_form_page(request, commission, form, *, replaced: Member | None, status: int):
    title = f"Remplacer {replaced.name}" if replaced else "Nommer un membre"
    return render(
        request,
        "web/governance/member_form.html",
        {"title": title, "commission": commission, "form": form, "replaced": replaced},
        status=status,
    )


def _after_change(request, commission, change):
    check = composition_check_view(change)
    if check and check["decided"] and check["valid"]:
        messages.success(request, "Composition enregistrée : elle respecte l'article R6113-22.")
    elif check and check["decided"]:
        messages.warning(
            request, "Composition enregistrée, mais elle ne respecte pas l'article R6113-22 : voir ci-dessous."
        )
    else:
        messages.warning(request, "Composition enregistrée ; la règle n'a pas pu la vérifier à cette date.")
    return redirect(reverse("web:commission", kwargs={"pk": commission.pk}) + "#composition")


@require_http_methods(["GET", "POST"])
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def member_add(request, commission, pk):
    initial = {"appointed_on": commission.term_start, "term_years": commission.term_years}
    return service_post(
        request,
        MemberForm(request.POST or None, initial=initial),
        lambda data: commission_member_add(commission=commission, data=data, actor=request.user),
        respond=lambda change: _after_change(request, commission, change),
        render=lambda form, status: _member_form_page(request, commission, form, replaced=None, status=status),
    )


@require_http_methods(["GET", "POST"])
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def member_replace(request, commission, pk, member_id: int):
    member = get_object_or_404(Member, pk=member_id, commission=commission, ended_on__isnull=True)
    initial = {
        "college": member.college,
        "organisation": member.organisation,
        "ministry": member.ministry,
        "term_years": member.term_years,
    }
    return service_post(
        request,
        MemberForm(request.POST or None, initial=initial),
        lambda data: commission_member_replace(member=member, data=data, actor=request.user),
        respond=lambda change: _after_change(request, commission, change),
        render=lambda form, status: _member_form_page(request, commission, form, replaced=member, status=status),
    )


def _secretariat_page(request, commission, forms=None, status=200):
    today = timezone.localdate()
    programmes = []
    for programme in selectors.programmes(commission=commission):
        windows = selectors.proposal_windows(programme=programme)
        # Governed by the programme's first year, whatever the day the page is read (audit D7).
        deadline = selectors.programme_deadline(programme=programme)
        programmes.append(
            {
                "programme": programme,
                "deadline": deadline,
                "deadline_sources": decision_sources(deadline.decision),
                "late": bool(deadline.value and programme.adopted_on > deadline.value),
                "windows": windows,
                "window_sources": decision_sources(windows.decision),
                "proposals": [
                    {
                        "proposal": proposal,
                        "late": selectors.proposal_lateness(proposal=proposal, windows=windows),
                        "decision_form": (forms or {}).get(f"decision-{proposal.pk}")
                        or ProposalDecisionForm(prefix=f"p{proposal.pk}"),
                    }
                    for proposal in programme.proposals.all()
                ],
                "proposal_form": (forms or {}).get(f"proposal-{programme.pk}")
                or ProposalForm(prefix=f"g{programme.pk}"),
            }
        )
    forms = forms or {}
    return render(
        request,
        "web/governance/secretariat.html",
        {
            "title": f"Secrétariat — {commission.name}",
            "commission": commission,
            "today": today,
            "rules_form": forms.get("rules") or InternalRulesForm(initial={"text": commission.internal_rules}),
            "meeting_form": forms.get("meeting") or MeetingForm(),
            "meetings": [
                {
                    "meeting": meeting,
                    "form": forms.get(f"minutes-{meeting.pk}") or MinutesForm(prefix=f"m{meeting.pk}"),
                }
                for meeting in selectors.meetings(commission=commission)
            ],
            "programme_form": forms.get("programme") or ProgrammeForm(),
            "programmes": programmes,
            "opinion_form": forms.get("opinion") or OpinionForm(),
            "opinions": selectors.opinions(commission=commission),
            "changes": selectors.composition_changes(commission=commission)[:20],
        },
        status=status,
    )


@require_safe
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def secretariat(request, commission, pk):
    return _secretariat_page(request, commission)


def _post(request, commission, key, form, call, success: str, anchor: str):
    return service_post(
        request,
        form,
        call,
        success=success,
        redirect_to=reverse("web:commission_secretariat", kwargs={"pk": commission.pk}) + f"#{anchor}",
        render=lambda form, status: _secretariat_page(request, commission, {key: form}, status=status),
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def internal_rules_update(request, commission, pk):
    return _post(
        request,
        commission,
        "rules",
        InternalRulesForm(request.POST),
        lambda data: commission_internal_rules_update(commission=commission, text=data["text"], actor=request.user),
        "Règlement intérieur enregistré.",
        "reglement",
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def meeting_create(request, commission, pk):
    return _post(
        request,
        commission,
        "meeting",
        MeetingForm(request.POST),
        lambda data: meeting_schedule(commission=commission, actor=request.user, **data),
        "Séance enregistrée.",
        "seances",
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def meeting_minutes(request, commission, pk, meeting_id: int):
    meeting = get_object_or_404(Meeting, pk=meeting_id, commission=commission)
    return _post(
        request,
        commission,
        f"minutes-{meeting.pk}",
        MinutesForm(request.POST, prefix=f"m{meeting.pk}"),
        lambda data: meeting_minutes_record(meeting=meeting, minutes=data["minutes"], actor=request.user),
        "Procès-verbal enregistré.",
        "seances",
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def programme_create(request, commission, pk):
    return _post(
        request,
        commission,
        "programme",
        ProgrammeForm(request.POST),
        lambda data: programme_adopt(commission=commission, actor=request.user, **data),
        "Programme biennal enregistré.",
        "programme",
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def proposal_create(request, commission, pk, programme_id: int):
    programme = get_object_or_404(Programme, pk=programme_id, commission=commission)
    return _post(
        request,
        commission,
        f"proposal-{programme.pk}",
        ProposalForm(request.POST, prefix=f"g{programme.pk}"),
        lambda data: branch_proposal_record(programme=programme, actor=request.user, **data),
        "Proposition de branche enregistrée.",
        "programme",
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def proposal_decide(request, commission, pk, proposal_id: int):
    proposal = get_object_or_404(BranchProposal, pk=proposal_id, programme__commission=commission)
    return _post(
        request,
        commission,
        f"decision-{proposal.pk}",
        ProposalDecisionForm(request.POST, prefix=f"p{proposal.pk}"),
        lambda data: branch_proposal_decide(
            proposal=proposal, decision=data["decision"], reasons=data["reasons"], actor=request.user
        ),
        "Décision du ministre enregistrée.",
        "programme",
    )


@require_POST
@requires(CommissionAction.MANAGE_COMMISSION, load=_commission)
def opinion_create(request, commission, pk):
    return _post(
        request,
        commission,
        "opinion",
        OpinionForm(request.POST),
        lambda data: opinion_record(commission=commission, actor=request.user, **data),
        "Avis enregistré.",
        "avis",
    )


def _gip_page(request, form, status=200):
    today = timezone.localdate()
    members = []
    for member in selectors.gip_members():
        decision = Decision.from_dict(member.decision)
        now = selectors.gip_member_by_right_on(member=member, on=today)
        institution = institution_of(member.kind)
        named = institution.name_on(today) if institution else None
        members.append(
            {
                "member": member,
                # A member recorded under an institution's former name (Pôle emploi) keeps its place.
                "named_today": named.name if named and named.code != member.kind else "",
                "decision": decision,
                "sources": decision_sources(decision),
                "by_right_today": now.value,
                "today_sources": decision_sources(now.decision),
            }
        )
    return render(
        request,
        "web/governance/gip_members.html",
        {
            "title": "Membres du GIP du service public de la VAE",
            "members": members,
            "today": today,
            "form": form,
            "may_manage": can(request.user, Action.MANAGE_GIP_MEMBERS),
        },
        status=status,
    )


@require_safe
@requires(Action.VIEW_GIP_MEMBERS)
def gip_members(request):
    return _gip_page(request, GipMemberForm())


@require_POST
@requires(Action.MANAGE_GIP_MEMBERS)
def gip_member_create(request):
    return service_post(
        request,
        GipMemberForm(request.POST),
        lambda data: gip_member_add(actor=request.user, **data),
        success="Membre du GIP enregistré.",
        redirect_to=reverse("web:gip_members"),
        render=lambda form, status: _gip_page(request, form, status=status),
    )
