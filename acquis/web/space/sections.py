"""« Mon espace »: one section per role the person holds, with what waits for them — counts read from the
selectors the worklists use (statuses and deadlines computed by the rules there, never re-derived here), what is
late first, each count a link to the list filtered on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from acquis.accounts.enums import Role
from acquis.accounts.models import Organisation, User
from acquis.accounts.permissions import Action, can, grants_of, has_role
from acquis.funding import selectors as funding
from acquis.funding.enums import RequestState as FundingState
from acquis.governance import selectors as governance
from acquis.governance.enums import MinisterDecision
from acquis.governance.models import BranchProposal
from acquis.leave import selectors as leave
from acquis.leave.enums import STATUS_LABELS as LEAVE_LABELS
from acquis.leave.enums import RequestState as LeaveState
from acquis.leave.models import LeaveRequest
from acquis.pathways import selectors as pathways
from acquis.pathways.enums import STATUS_LABELS as PATHWAY_LABELS

WINDOW = pathways.DEFAULT_DUE_WITHIN
# The pathway statuses that wait for somebody's action, in the order of the procedure; closed ones and results
# are history, not work (they stay on the lists).
PATHWAY_WAITING = (
    "registered",
    "feasibility_submitted",
    "feasibility_incomplete",
    "pending",
    "admissible",
    "deemed_admissible",
    "validation_filed",
    "jury_scheduled",
)
LEAVE_WAITING = ("draft", "pending", "deemed_accepted", "postponed", "invalid_postponement")


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    url: str
    overdue: bool = False


@dataclass
class Section:
    role: str
    title: str
    counts: list[Count] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    empty: str = "Rien ne vous attend pour l'instant."

    def add(self, label: str, count: int, url: str, *, overdue: bool = False) -> None:
        """Keep a count that says something (a zero is not waiting); late ones go first."""
        if count:
            self.counts.append(Count(label, count, url, overdue))

    @property
    def ordered(self) -> list[Count]:
        return [c for c in self.counts if c.overdue] + [c for c in self.counts if not c.overdue]


def _url(name: str, **query: str) -> str:
    return reverse(name) + ("?" + urlencode(query) if query else "")


def _organisations(user: User, role: str) -> list[Organisation]:
    ids = {grant.organisation_id for grant in grants_of(user) if grant.role == role and grant.organisation_id}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def _pathway_counts(section: Section, result, overdue: int, name: str, **query: str) -> None:
    section.add("Échéances dépassées", overdue, _url(name, echeances="1", **query), overdue=True)
    section.add(f"Échéances dans les {WINDOW.days} jours", result.due_soon, _url(name, echeances="1", **query))
    for code in PATHWAY_WAITING:
        section.add(PATHWAY_LABELS[code].capitalize(), result.counts.get(code, 0), _url(name, statut=code, **query))


def candidate_section(user: User, on: dt.date) -> Section:
    section = Section("candidate", "Mes parcours VAE", links=[("Voir mes parcours VAE", reverse("web:pathway_list"))])
    condition = Q(candidate=user)
    result = pathways.candidacies_page(condition=condition, on=on, page_size=1)
    overdue = len(pathways.overdue_rows(condition=condition, on=on))
    listing = reverse("web:pathway_list")
    section.add("Échéances dépassées", overdue, listing, overdue=True)
    section.add(f"Échéances dans les {WINDOW.days} jours", result.due_soon, listing)
    for code in PATHWAY_WAITING:
        section.add(PATHWAY_LABELS[code].capitalize(), result.counts.get(code, 0), listing)
    section.empty = "Aucun parcours en cours. Trouvez une certification pour commencer."
    section.links.append(("Quelle certification pour mon expérience ?", reverse("web:finder")))
    return section


def employee_section(user: User, on: dt.date) -> Section:
    section = Section(
        "employee",
        "Mes demandes de congé VAE",
        links=[("Voir mes demandes", reverse("web:leave_list")), ("Faire une demande", reverse("web:leave_create"))],
        empty="Aucune demande de congé VAE en cours.",
    )
    own = LeaveRequest.objects.filter(employee=user).exclude(state=LeaveState.SUPERSEDED)
    counts = leave.leave_requests_page(queryset=own, on=on, limit=0).counts
    labels = {"draft": "brouillon à envoyer", **LEAVE_LABELS}
    for code in LEAVE_WAITING:
        section.add(labels[code].capitalize(), counts.get(code, 0), reverse("web:leave_list"))
    return section


def employer_sections(user: User, on: dt.date) -> list[Section]:
    sections = []
    for organisation in _organisations(user, Role.EMPLOYER):
        section = Section("employer", f"Congés VAE demandés — {organisation.name}")
        listing = "web:leave_employer_list"
        siret = organisation.siret
        counts = leave.leave_requests_page_of_employer(organisation=organisation, on=on, limit=0).counts
        soon = leave.leave_requests_page_of_employer(
            organisation=organisation, on=on, statuses=["pending"], due_until=on + WINDOW, limit=0
        ).total
        # The delay ran out without an answer: the absence is deemed granted (or, before 2019-11-04, silence meant
        # nothing) — the employer's missed deadline, shown first.
        section.add(
            "Délai de réponse dépassé : " + LEAVE_LABELS["deemed_accepted"],
            counts.get("deemed_accepted", 0),
            _url(listing, siret=siret, status="deemed_accepted"),
            overdue=True,
        )
        section.add(
            f"À répondre dans les {WINDOW.days} jours",
            soon,
            _url(listing, siret=siret, status="pending", due_until=(on + WINDOW).isoformat()),
        )
        section.add("À répondre", counts.get("pending", 0), _url(listing, siret=siret, status="pending"))
        section.links.append(("Toutes les demandes", _url(listing, siret=siret)))
        sections.append(section)
    return sections


def worklist_sections(user: User, on: dt.date, role: str) -> list[Section]:
    """The accompanier's and the certifier's worklists, one section per organisation."""
    name = {"accompanier": "web:pathway_accompanier_worklist", "certifier": "web:pathway_certifier_worklist"}[role]
    title = {"accompanier": "Candidats accompagnés", "certifier": "Dossiers VAE reçus"}[role]
    sections = []
    for organisation in _organisations(user, role):
        section = Section(role, f"{title} — {organisation.name}")
        result = pathways.worklist(scope=role, organisation=organisation, on=on, page_size=1)
        condition = pathways.scope_filter(scope=role, organisation=organisation)
        overdue = len(pathways.overdue_rows(condition=condition, on=on))
        _pathway_counts(section, result, overdue, name, siret=organisation.siret)
        if role == "certifier":
            section.add(
                "Attestations à délivrer",
                result.attestations_to_issue,
                _url(name, siret=organisation.siret, attestations="1"),
            )
        section.links.append(("Toute la liste", _url(name, siret=organisation.siret)))
        sections.append(section)
    return sections


def funder_sections(user: User, on: dt.date) -> list[Section]:
    sections = []
    funders = {funder.organisation_id: funder for funder in funding.funders_of(user)}
    for organisation in _organisations(user, Role.FUNDER):
        section = Section("funder", f"Financements — {organisation.name}")
        siret = organisation.siret
        funder = funders.get(organisation.pk)
        if funder is not None:
            total, _rows = funding.funder_requests(funder, state=FundingState.SUBMITTED)
            section.add(
                "Demandes de prise en charge à décider", total, _url("web:funding_desk", siret=siret, etat="submitted")
            )
        counts = pathways.funder_worklist(organisation=organisation, on=on, page_size=1).counts
        for code in PATHWAY_WAITING:
            section.add(
                "Candidatures financées : " + PATHWAY_LABELS[code],
                counts.get(code, 0),
                _url("web:pathway_funder_worklist", siret=siret, statut=code),
            )
        section.links.append(("Candidatures financées", _url("web:pathway_funder_worklist", siret=siret)))
        sections.append(section)
    return sections


def cpc_sections(user: User) -> list[Section]:
    sections = []
    for organisation in _organisations(user, Role.CPC_SECRETARIAT):
        section = Section("cpc_secretariat", f"Secrétariat de CPC — {organisation.name}")
        for commission in governance.commissions(organisation=organisation):
            waiting = BranchProposal.objects.filter(
                programme__commission=commission, minister_decision=MinisterDecision.PENDING
            ).count()
            url = reverse("web:commission_secretariat", kwargs={"pk": commission.pk})
            section.add(f"{commission.name} : propositions de branche sans décision du ministre", waiting, url)
            section.links.append((f"Secrétariat : {commission.name}", url))
        sections.append(section)
    return sections


def gip_section(user: User, on: dt.date) -> Section:
    section = Section(
        "gip_staff",
        "Équipe du GIP",
        links=[
            ("Tableau de bord du GIP", reverse("web:staff_dashboard")),
            ("Comptes et rôles", reverse("web:staff_accounts")),
            ("Accompagnateurs", reverse("web:pathway_accompaniers")),
            ("Conservation des données", reverse("web:pathway_retention")),
        ],
    )
    overdue = len(pathways.overdue_rows(condition=Q(), on=on))
    result = pathways.candidacies_page(condition=Q(), on=on, page_size=1)
    dashboard = reverse("web:staff_dashboard")
    section.add("Candidatures : échéances dépassées", overdue, dashboard, overdue=True)
    section.add(f"Candidatures : échéances dans les {WINDOW.days} jours", result.due_soon, dashboard)
    sent = LeaveRequest.objects.filter(state__in=leave.SENT_STATES)
    pending = leave.leave_requests_page(queryset=sent, on=on, statuses=["pending"], limit=0).total
    section.add("Congés VAE en attente d'une réponse de l'employeur", pending, dashboard)
    return section


def statistician_section() -> Section:
    return Section(
        "statistician",
        "Statistiques",
        links=[("Tableaux de bord", reverse("web:stats_index")), ("Données ouvertes", reverse("web:opendata"))],
        empty="Les tableaux de bord se mettent à jour chaque jour avec l'instantané statistique.",
    )


def sections_of(user: User, *, on: dt.date | None = None) -> list[Section]:
    """The person's sections, in the order of their roles; a person with no role is a candidate or an employee
    (anyone may ask for a congé VAE or start a pathway)."""
    on = on or timezone.localdate()
    professional = any(has_role(user, role) for role in Role if role != Role.CANDIDATE)
    sections: list[Section] = []
    if has_role(user, Role.CANDIDATE) or not professional or user.candidacies.exists():
        sections.append(candidate_section(user, on))
    if not professional or LeaveRequest.objects.filter(employee=user).exists() or has_role(user, Role.CANDIDATE):
        sections.append(employee_section(user, on))
    sections += employer_sections(user, on)
    sections += worklist_sections(user, on, "accompanier")
    sections += worklist_sections(user, on, "certifier")
    sections += funder_sections(user, on)
    sections += cpc_sections(user)
    if can(user, Action.VIEW_STAFF_DASHBOARD):
        sections.append(gip_section(user, on))
    if has_role(user, Role.STATISTICIAN):
        sections.append(statistician_section())
    return sections
