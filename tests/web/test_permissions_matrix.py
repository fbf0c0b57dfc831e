"""Every URL pattern and API route, for every role: allowed or refused.

The expectations are written by hand (not derived from acquis.accounts.permissions), and the tests
fail when a URL or route exists that this table does not list: a new page must say who may see it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from acquis.accounts.enums import Role
from acquis.api.api import api
from acquis.governance.services import branch_proposal_record, commission_member_add, meeting_schedule, programme_adopt
from acquis.leave.services import leave_attendance_proof_request, leave_request_send
from tests.accounts.factories import UserFactory, make_api_token
from tests.built_once import built_once, fresh_copy
from tests.governance.factories import CommissionFactory, member_data
from tests.leave.factories import LeaveRequestFactory, pdf
from tests.web import (
    accounts_matrix,
    funding_matrix,
    orientation_matrix,
    space_matrix,
    statistics_matrix,
    verification_matrix,
)

ROLES = [r.value for r in Role]
ACTORS = ["anonymous", *ROLES, "superuser"]
EVERYONE = set(ACTORS)
CRPA_SLUG = "code-des-relations-entre-le-public-et-l-administration"
SIGNED_IN = EVERYONE - {"anonymous"}
GIP = {"gip_staff", "superuser"}
# The organisation under test is the employer's: its members, the GIP and the administrator may see it.
ORG_READERS = GIP | {"employer"}
ORG_TOKEN_MANAGERS = GIP | {"employer"}
# The commission under test is the CPC secretariat's: its secretariat and the GIP manage it.
CPC_MANAGERS = GIP | {"cpc_secretariat"}
LEAVE_READERS = GIP | {"candidate", "employer"}
LEAVE_DRAFT_PAGES = {
    "web:leave_edit",
    "web:leave_action_add",
    "web:leave_action_remove",
    "web:leave_attachment_add",
    "web:leave_send",
}
LEAVE = "/api/v1/leave-requests/{leave_request_id}"
# --- Pathway API (issue 6, acquis/api/pathways.py) ---------------------------------------------------------
# The candidacy under test: the candidate's, addressed to the certifier's organisation, accompanied by the
# accompanier's, in a programme the funder's organisation sponsors (the funder reads a funding view only).
CANDIDACIES = "/api/v1/candidacies"
CANDIDACY = f"{CANDIDACIES}/{{candidacy_id}}"
CANDIDACY_READERS = GIP | {"candidate", "accompanier", "certifier", "funder"}
PATHWAY_REGISTRANTS_API = GIP | {"candidate", "accompanier"}
PATHWAY_API_EXPECTATIONS = {
    (
        "get",
        CANDIDACIES,
    ): SIGNED_IN,  # each caller lists its own scope (possibly empty): tests/api/test_pathways_api.py
    ("get", CANDIDACY): CANDIDACY_READERS,
    ("post", f"{CANDIDACY}/feasibility/pieces-request"): {"certifier"},
    ("post", f"{CANDIDACY}/feasibility/receipt"): {"certifier"},
    ("post", f"{CANDIDACY}/feasibility/decision"): {"certifier"},
    ("post", f"{CANDIDACY}/jury"): {"certifier"},
    ("post", f"{CANDIDACY}/jury/result"): {"certifier"},
    ("post", f"{CANDIDACY}/opinion"): {"accompanier"},
    # The candidate's side (acquis/api/pathways/registration.py, candidate.py): people, never a token.
    ("post", CANDIDACIES): PATHWAY_REGISTRANTS_API,
    ("post", f"{CANDIDACY}/experiences"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/accompanier"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/programme"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/feasibility"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/feasibility/attachments"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/validation-file"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/steps"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/legitimate-reason"): {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/attestations"): {"candidate"},
    ("post", f"{CANDIDACY}/jury/result/notification"): {"certifier"},
    ("post", f"{CANDIDACY}/jury/result/observations-request"): {"certifier"},
    ("post", f"{CANDIDACY}/jury/result/withdrawal"): {"certifier"},
    # The lifecycle (acquis/api/pathways/lifecycle.py).
    ("post", f"{CANDIDACY}/drop-out"): GIP | {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/archive"): GIP | {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/reorientation"): GIP | {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/reopening"): GIP | {"candidate", "accompanier"},
    ("post", f"{CANDIDACY}/litigation"): GIP,
    # Issuing a requested attestation (acquis/api/pathways/certifier.py): the certifier only.
    ("post", f"{CANDIDACY}/attestations/{{attestation_id}}/issue"): {"certifier"},
    # The generated PDFs (acquis/api/pathways/documents.py): the full view's readers; the funder's is 403.
    ("get", f"{CANDIDACY}/feasibility.pdf"): GIP | {"candidate", "accompanier", "certifier"},
    ("get", f"{CANDIDACY}/attestations/{{attestation_id}}.pdf"): GIP | {"candidate", "accompanier", "certifier"},
}
# The step each route's candidacy is at, and valid input, so that "allowed" means the write succeeds.
PATHWAY_API_STEPS = {
    CANDIDACY: "complete",
    f"{CANDIDACY}/feasibility/pieces-request": "filed",
    f"{CANDIDACY}/feasibility/receipt": "filed",
    f"{CANDIDACY}/feasibility/decision": ("complete", 50),  # decided today: within the delay
    f"{CANDIDACY}/jury": "validation",
    f"{CANDIDACY}/jury/result": "jury",
    f"{CANDIDACY}/opinion": "registered",
    f"{CANDIDACY}/experiences": "registered",
    f"{CANDIDACY}/accompanier": "registered",
    f"{CANDIDACY}/programme": "registered",
    f"{CANDIDACY}/feasibility": "registered",
    f"{CANDIDACY}/feasibility/attachments": "pieces",
    # Admissible 70 days ago (the factory decides at +60 d): not lapsed today.
    f"{CANDIDACY}/validation-file": ("admissible", 130),
    f"{CANDIDACY}/steps": ("admissible", 130),
    f"{CANDIDACY}/legitimate-reason": "registered",
    f"{CANDIDACY}/attestations": "result_partial",
    f"{CANDIDACY}/jury/result/notification": "result_full",
    f"{CANDIDACY}/jury/result/observations-request": "result_full",
    f"{CANDIDACY}/jury/result/withdrawal": "result_full",
    f"{CANDIDACY}/drop-out": "registered",
    f"{CANDIDACY}/archive": "registered",
    f"{CANDIDACY}/reorientation": "registered",
    f"{CANDIDACY}/reopening": "registered",
    f"{CANDIDACY}/litigation": "registered",
    f"{CANDIDACY}/attestations/{{attestation_id}}/issue": "result_partial",
    f"{CANDIDACY}/feasibility.pdf": "complete",
    f"{CANDIDACY}/attestations/{{attestation_id}}.pdf": "result_partial",
}
PATHWAY_API_BODIES = {
    f"{CANDIDACY}/feasibility/pieces-request": {"pieces": "Attestation de l'employeur"},
    f"{CANDIDACY}/feasibility/receipt": {},
    f"{CANDIDACY}/feasibility/decision": {"kind": "admissible"},
    f"{CANDIDACY}/jury": {
        "held_on": "2024-10-15",
        "members": [
            {"name": "Mme Présidente", "sex": "F", "qualified": True, "is_chair": True},
            {"name": "M. Assesseur", "sex": "M", "qualified": True},
        ],
    },
    f"{CANDIDACY}/jury/result": {"kind": "full"},
    f"{CANDIDACY}/opinion": {"opinion": "favourable", "text": "L'expérience correspond au référentiel."},
    f"{CANDIDACY}/experiences": {
        "title": "Cariste",
        "started_on": "2020-01-01",
        "hours": 1000,
        "employment_status": "employee",
    },
    f"{CANDIDACY}/accompanier": lambda candidacy: {"siret": candidacy.accompanier.siret},
    f"{CANDIDACY}/programme": {"enrolment_code": "COHORTE1"},
    f"{CANDIDACY}/feasibility": {},
    f"{CANDIDACY}/validation-file": {"summary": "Dossier de validation"},
    f"{CANDIDACY}/steps": {"description": "Entretien avec l'accompagnateur"},
    f"{CANDIDACY}/legitimate-reason": {"reason": "Hospitalisation"},
    f"{CANDIDACY}/attestations": {"kind": "blocks"},
    f"{CANDIDACY}/jury/result/notification": {},
    f"{CANDIDACY}/jury/result/observations-request": {"reason": "Attestation d'employeur falsifiée"},
    f"{CANDIDACY}/jury/result/withdrawal": {"observations": "Aucune"},
    f"{CANDIDACY}/drop-out": {"reason": "personal"},
    f"{CANDIDACY}/archive": {"reason": "inactivity"},
    # Another target: reorienting to the same certification and blocks is refused (candidacy_reorient).
    f"{CANDIDACY}/reorientation": lambda candidacy: {"certification": _other_certification().code},
    f"{CANDIDACY}/reopening": {},
    f"{CANDIDACY}/litigation": {"pending": True, "note": "TA Paris n° 2601234"},
    f"{CANDIDACY}/attestations/{{attestation_id}}/issue": {},
}


def _other_certification():
    from tests.pathways.factories import certification

    return certification()


# What a candidacy needs beyond its step for the route to succeed.
PATHWAY_API_SETUP = {
    f"{CANDIDACY}/jury/result/withdrawal": lambda candidacy: pathway_services_call(
        "jury_result_observations_request", result=_jury_result(candidacy), reason="Fraude"
    ),
    f"{CANDIDACY}/reopening": lambda candidacy: pathway_services_call(
        "candidacy_drop_out", candidacy=candidacy, reason="personal"
    ),
}
# A certifier's API token (its information system) on a file addressed to its organisation: it does what a
# certifier does; the candidate's, accompanier's and GIP's actions answer 403 (it reads the file), and it
# registers no one (403).
PATHWAY_TOKEN_EXPECTATIONS = {route: "certifier" in allowed for route, allowed in PATHWAY_API_EXPECTATIONS.items()}


def pathway_services_call(name, **kwargs):
    from acquis.pathways import services as pathway_services

    return getattr(pathway_services, name)(actor=None, **kwargs)


def _jury_result(candidacy):
    from acquis.pathways.models import JuryResult

    return JuryResult.objects.get(session__validation_file__candidacy=candidacy)


def _registration_body(world):
    from tests.pathways.factories import certification, department

    actors = world.get("actors")
    email = actors["candidate"].email if actors else "candidat@example.org"
    return {
        "candidate_email": email,
        "certification": certification().code,
        "department": department().code,
        "qualification_level": 3,
        "accompaniment_mode": "autonomous",
        "in_initial_training": False,
        "experiences": [PATHWAY_API_BODIES[f"{CANDIDACY}/experiences"]],
    }


def _pathway_candidacy(world, path):
    from acquis.accounts.enums import OrganisationKind
    from acquis.pathways import services as pathway_services
    from tests.accounts.factories import OrganisationFactory
    from tests.pathways.factories import CandidacyFactory, listed_accompanier

    actors = world.get("actors")

    def organisation(role, kind):
        if actors is None:  # the machine-client test: its token's organisation is the certifier
            return world["organisation"] if role == "certifier" else OrganisationFactory(kind=kind)
        return actors[role].memberships.get().organisation

    step = PATHWAY_API_STEPS[path]
    step, days_ago = step if isinstance(step, tuple) else (step, None)
    candidacy = CandidacyFactory(
        candidate=actors["candidate"] if actors else UserFactory(candidate=True),
        certifier=organisation("certifier", OrganisationKind.CERTIFIER),
        accompanier=listed_accompanier(organisation("accompanier", OrganisationKind.ACCOMPANIER)),
        step=step,
        **({"started_on": timezone.localdate() - dt.timedelta(days=days_ago)} if days_ago else {}),
    )
    pathway_services.programme_create(
        actor=None,
        name="Cohorte",
        kind="sponsored_cohort",
        enrolment_code="COHORTE1",
        starts_on=dt.date(2024, 1, 1),
        sponsor=organisation("funder", OrganisationKind.FUNDER),
    )
    if not path.endswith("/programme"):  # that route enrols it; a second enrolment is refused
        pathway_services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code="COHORTE1")
    if path in PATHWAY_API_SETUP:
        PATHWAY_API_SETUP[path](candidacy)
    world["candidacy"] = candidacy
    path = path.replace("{candidacy_id}", str(candidacy.pk))
    if "{attestation_id}" in path:  # the candidate asked for the attestation the route issues
        attestation = pathway_services.attestation_request(actor=None, candidacy=candidacy, kind="blocks")
        if path.endswith(".pdf"):  # a requested attestation has no PDF yet (404): the certifier issued it
            pathway_services.attestation_issue(actor=None, attestation=attestation)
        path = path.replace("{attestation_id}", str(attestation.pk))
    return path


# --- end of the pathway API block -----------------------------------------------------------------------------
# Pathway (issue 6): who registers a candidacy (for themselves, or on a candidate's behalf).
PATHWAY_REGISTRANTS = GIP | {"candidate", "accompanier"}

# url name → (method, who is allowed)
WEB_EXPECTATIONS = {
    "web:home": ("get", EVERYONE),
    "web:login": ("get", EVERYONE),
    "web:logout": ("post", SIGNED_IN),
    "web:account": ("get", SIGNED_IN),
    **{
        name: (method, {"everyone": EVERYONE, "signed_in": SIGNED_IN, "gip": GIP}[who])
        for name, (method, who) in accounts_matrix.ACCOUNT_WEB.items()
    },
    **{
        name: (method, {"signed_in": SIGNED_IN, "recipient": {"candidate"}}[who])
        for name, (method, who) in space_matrix.SPACE_WEB.items()
    },
    "web:staff_dashboard": ("get", GIP),
    "web:timeline": ("get", GIP),
    "web:organisation": ("get", ORG_READERS),
    "web:token_create": ("post", ORG_TOKEN_MANAGERS),
    "web:token_revoke": ("post", ORG_TOKEN_MANAGERS),
    # Rule pages are public; their "Essayer la règle" POST is checked for everyone in tests/web/test_rule_pages.py.
    "web:rules": ("get", EVERYONE),
    "web:rule": ("get", EVERYONE),
    # The law pages are public (issue 3).
    "web:law_index": ("get", EVERYONE),
    "web:law_article": ("get", EVERYONE),
    "web:law_timeline": ("get", EVERYONE),
    "web:law_diff": ("get", EVERYONE),
    "web:law_code_article": ("get", EVERYONE),
    "web:law_code_timeline": ("get", EVERYONE),
    # Certification governance (issue 4): compositions and GIP members are public; the secretariat manages its
    # own commissions (another secretariat is refused: tests/governance/test_permissions.py).
    "web:commissions": ("get", EVERYONE),
    "web:commission": ("get", EVERYONE),
    "web:commission_create": ("get", CPC_MANAGERS),
    "web:member_add": ("get", CPC_MANAGERS),
    "web:member_replace": ("get", CPC_MANAGERS),
    "web:commission_secretariat": ("get", CPC_MANAGERS),
    "web:commission_internal_rules": ("post", CPC_MANAGERS),
    "web:meeting_create": ("post", CPC_MANAGERS),
    "web:meeting_minutes": ("post", CPC_MANAGERS),
    "web:programme_create": ("post", CPC_MANAGERS),
    "web:proposal_create": ("post", CPC_MANAGERS),
    "web:proposal_decide": ("post", CPC_MANAGERS),
    "web:opinion_create": ("post", CPC_MANAGERS),
    "web:gip_members": ("get", EVERYONE),
    "web:gip_member_create": ("post", GIP),
    # The certification finder is public (issue 4): France compétences' open data.
    "web:certifications": ("get", EVERYONE),
    "web:finder": ("get", EVERYONE),
    "web:certification": ("get", EVERYONE),
    # Congé VAE (issue 5). The request under test belongs to the candidate and is sent to the employer's
    # organisation; draft-only pages use a draft of the candidate (the employer never sees drafts).
    "web:leave_list": ("get", SIGNED_IN),
    "web:leave_create": ("get", SIGNED_IN),
    "web:leave_detail": ("get", LEAVE_READERS),
    "web:leave_letter": ("get", LEAVE_READERS),
    "web:leave_calendar": ("get", LEAVE_READERS),
    "web:leave_attachment": ("get", LEAVE_READERS),
    "web:leave_edit": ("post", {"candidate"}),
    "web:leave_action_add": ("post", {"candidate"}),
    "web:leave_action_remove": ("post", {"candidate"}),
    "web:leave_attachment_add": ("post", {"candidate"}),
    "web:leave_send": ("get", {"candidate"}),
    "web:leave_supersede": ("post", {"candidate"}),
    "web:leave_attendance_upload": ("post", {"candidate"}),
    "web:leave_acknowledge": ("post", {"employer"}),
    "web:leave_answer": ("post", {"employer"}),
    # R6422-5: the employer asks for the proof of attendance on its request's page; a funder (L6316-1 body)
    # does it on web:leave_funder, by the request's number and the employer's SIRET, never by number alone.
    "web:leave_attendance_request": ("post", {"employer"}),
    "web:leave_employer_list": ("get", ORG_READERS),
    "web:leave_employer_calendar": ("get", ORG_READERS),
    # A funder reaches one request by its number and the employer's SIRET: no list, no detail.
    "web:leave_funder": ("get", {"funder"}),
    # VAE pathway pages (issue 6). The candidacy under test is the candidate's, accompanied by the accompanier's
    # organisation and addressed to the certifier's; built at the step each page needs (_pathway_url).
    "web:pathway_list": ("get", PATHWAY_REGISTRANTS),
    "web:pathway_register": ("get", PATHWAY_REGISTRANTS),
    # An invitation to register (security review M4): only the account holding the invited address opens it.
    "web:pathway_invitation": ("get", {"candidate"}),
    "web:pathway_detail": ("get", GIP | {"candidate", "accompanier", "certifier"}),
    "web:pathway_experience_add": ("post", {"candidate", "accompanier"}),
    "web:pathway_accompanier_choose": ("get", {"candidate", "accompanier"}),
    "web:pathway_feasibility_submit": ("post", {"candidate", "accompanier"}),
    "web:pathway_validation_submit": ("post", {"candidate", "accompanier"}),
    "web:pathway_step_record": ("post", {"candidate", "accompanier"}),
    "web:pathway_attestation_request": ("post", {"candidate"}),
    "web:pathway_attachment_add": ("post", {"candidate", "accompanier"}),
    "web:pathway_attachment": ("get", GIP | {"candidate", "accompanier", "certifier"}),
    "web:pathway_validation_document": ("get", GIP | {"candidate", "accompanier", "certifier"}),
    "web:pathway_drop_out": ("post", GIP | {"candidate", "accompanier"}),
    "web:pathway_opinion": ("post", {"accompanier"}),
    "web:pathway_pieces_request": ("post", {"certifier"}),
    "web:pathway_receipt": ("post", {"certifier"}),
    "web:pathway_decide": ("post", {"certifier"}),
    "web:pathway_jury_schedule": ("get", {"certifier"}),
    "web:pathway_jury_result": ("post", {"certifier"}),
    "web:pathway_result_notify": ("post", {"certifier"}),
    "web:pathway_attestation_issue": ("post", {"certifier"}),
    "web:pathway_attestation_pdf": ("get", GIP | {"candidate", "accompanier", "certifier"}),
    "web:pathway_accompanier_worklist": ("get", GIP | {"accompanier"}),
    "web:pathway_certifier_worklist": ("get", GIP | {"certifier"}),
    "web:pathway_accompaniers": ("get", GIP),
    "web:pathway_accompanier_remove": ("post", GIP),
    # Lifecycle pages (acquis/web/pathways/lifecycle.py): reorientation is tried with GET (its valid input
    # names a certification built per test); the retention report is the GIP's, read only.
    "web:pathway_legitimate_reason": ("post", {"candidate", "accompanier"}),
    "web:pathway_archive": ("post", GIP | {"candidate", "accompanier"}),
    "web:pathway_reorient": ("get", GIP | {"candidate", "accompanier"}),
    "web:pathway_reopen": ("post", GIP | {"candidate", "accompanier"}),
    "web:pathway_litigation": ("post", GIP),
    "web:pathway_date_correct": ("post", GIP),
    "web:pathway_result_observations": ("post", {"certifier"}),
    "web:pathway_result_withdraw": ("post", {"certifier"}),
    "web:pathway_retention": ("get", GIP),
    # Collective programmes: the GIP keeps them; the candidate (or accompanier) enrols the candidacy; the sponsor's
    # funder members read its programmes' candidacies (funding view only), the GIP any sponsor's (?siret=).
    "web:pathway_programmes": ("get", GIP),
    "web:pathway_programme_enrol": ("post", {"candidate", "accompanier"}),
    "web:pathway_funder_worklist": ("get", GIP | {"funder"}),
    "web:pathway_funding": ("get", GIP | {"funder"}),
    # The generated dossier de faisabilité (PDF): every reader of the candidacy.
    "web:pathway_feasibility_pdf": ("get", GIP | {"candidate", "accompanier", "certifier"}),
    "web:pathway_jury_calendar": ("get", GIP | {"candidate", "accompanier", "certifier"}),
    # Information and orientation (issue 14, acquis/web/orientation/): public pages; the R6423-4 information of
    # the accompanier's organisation is edited by its members and the GIP (anyone else: 404).
    "web:vae": ("get", EVERYONE),
    "web:vae_steps": ("get", EVERYONE),
    "web:vae_rights": ("get", EVERYONE),
    "web:vae_funding": ("get", EVERYONE),
    "web:vae_faq": ("get", EVERYONE),
    "web:self_check": ("get", EVERYONE),
    "web:advice_directory": ("get", EVERYONE),
    "web:accompanier_profile": ("get", EVERYONE),
    "web:accompanier_profile_edit": ("post", GIP | {"accompanier"}),
    **statistics_matrix.statistics_web(gip=GIP, everyone=EVERYONE),
    **{name: (method, EVERYONE) for name, method in verification_matrix.VERIFY_WEB.items()},
}
# Pages that answer a refused reader 404, as for an object that does not exist.
PAGES_NOT_FOUND_WHEN_REFUSED = {"web:pathway_invitation", "web:accompanier_profile_edit"}
PAGE_NOT_FOUND = statistics_matrix.PAGE_NOT_FOUND | space_matrix.not_found(ACTORS)
# Valid data for the POST pages, so that "allowed" means the write succeeds (302).
POST_DATA = {
    "web:token_create": {"name": "SIRH", "role": "employer"},
    "web:commission_internal_rules": {"text": "Article 1er. La commission se réunit deux fois par an."},
    "web:meeting_create": {"held_on": "10/03/2026", "convened_on": "10/02/2026", "agenda": "Avis sur le BTS"},
    "web:meeting_minutes": {"m{meeting}-minutes": "Avis favorable."},
    "web:programme_create": {"year": "2027", "adopted_on": "15/12/2026", "content": "Révision du BTS"},
    "web:proposal_create": {
        "g{programme}-branch_commission": "CPNE",
        "g{programme}-title": "CQP",
        "g{programme}-submitted_on": "01/03/2026",
    },
    "web:proposal_decide": {"p{proposal}-decision": "refused", "p{proposal}-reasons": "Déjà couvert par le BTS."},
    "web:opinion_create": {
        "subject": "creation",
        "certification_title": "BTS",
        "outcome": "favourable",
        "given_on": "01/03/2026",
    },
    "web:gip_member_create": {"name": "Région Bretagne", "kind": "region", "joined_on": "01/02/2024"},
    "web:accompanier_profile_edit": {
        "reception_conditions": "Sur rendez-vous, locaux accessibles.",
        "methods": "Entretiens individuels et ateliers.",
        "staff_qualification": "Conseillères formées à l'accompagnement VAE.",
    },
}
# OIDC routes are reachable by anyone (they start or finish a login); tested in tests/accounts/test_oidc.py.
PUBLIC_PROTOCOL_URLS = {"oidc:authenticate", "oidc:proconnect_callback", "oidc:franceconnect_callback"}

API_EXPECTATIONS = {
    ("get", "/api/v1/health"): EVERYONE,
    ("get", "/api/v1/me"): SIGNED_IN,
    ("get", "/api/v1/organisations/{siret}"): ORG_READERS,
    ("get", "/api/v1/audit-events"): GIP,
    # Public by design: deciding a rule reads no personal data and keeps nothing (acquis/api/rules.py).
    ("get", "/api/v1/rules"): EVERYONE,
    ("post", "/api/v1/rules/{rule_id}/decide"): EVERYONE,
    # Public by design: the registry is open data (acquis/api/certifications.py).
    ("get", "/api/v1/certifications"): EVERYONE,
    ("get", "/api/v1/certifications/find"): EVERYONE,
    ("get", "/api/v1/certifications/{code}"): EVERYONE,
    **dict.fromkeys(orientation_matrix.PUBLIC_ROUTES, EVERYONE),
    # Each caller lists what it may read (possibly nothing): tests/api/test_leave_api.py checks the contents.
    ("get", "/api/v1/leave-requests"): SIGNED_IN,
    ("get", LEAVE): LEAVE_READERS,
    ("get", f"{LEAVE}/letter.pdf"): LEAVE_READERS,
    ("post", f"{LEAVE}/answer"): {"employer"},
    # R6422-5: the employer, or a funding body (which does not read the request).
    ("post", f"{LEAVE}/attendance-proof-requests"): {"employer", "funder"},
    ("post", f"{LEAVE}/attendance-proof"): {"candidate"},
    # Public by design: the open data, statistical secrecy applied (acquis/api/statistics/).
    ("get", "/api/v1/open-data"): EVERYONE,
    ("get", "/api/v1/open-data/{table}"): EVERYONE,
    **PATHWAY_API_EXPECTATIONS,
}


def _names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in ("admin", "api") or str(pattern.pattern).startswith("api/"):
                continue
            yield from _names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_page_is_listed_in_the_matrix():
    # The funding pages are tried for every role in tests/web/test_funding_permissions.py (their own world).
    listed = set(WEB_EXPECTATIONS) | PUBLIC_PROTOCOL_URLS | set(funding_matrix.FUNDING_WEB)
    assert set(_names(get_resolver())) == listed


def test_every_api_route_is_listed_in_the_matrix():
    schema = api.get_openapi_schema()
    routes = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert routes == set(API_EXPECTATIONS) | set(funding_matrix.FUNDING_API)


def _build_world():
    actors = {role: UserFactory(role=role) for role in ROLES}
    actors["superuser"] = UserFactory(superuser=True)
    employer_org = actors["employer"].memberships.get().organisation
    token, _raw = make_api_token(organisation=employer_org)
    cpc_org = actors["cpc_secretariat"].memberships.get().organisation
    commission = CommissionFactory(organisation=cpc_org)
    commission_member_add(commission=commission, data=member_data("union", 0, appointed_on=commission.term_start))
    meeting = meeting_schedule(
        commission=commission, held_on=dt.date(2026, 3, 10), convened_on=dt.date(2026, 2, 10), agenda="Avis"
    )
    programme = programme_adopt(
        commission=commission,
        year=2026,
        adopted_on=dt.date(2025, 12, 15),
        published_on=dt.date(2025, 12, 20),
        content="P",
    )
    proposal = branch_proposal_record(
        programme=programme, branch_commission="CPNE", title="CQP", notified_on=None, submitted_on=dt.date(2026, 2, 1)
    )
    leave_request = LeaveRequestFactory(employee=actors["candidate"], employer=employer_org, sent=True)
    return {
        "actors": actors,
        "leave_request": leave_request,
        "organisation": employer_org,
        "token": token,
        "commission": commission,
        "meeting": meeting,
        "programme": programme,
        "proposal": proposal,
    }


world_once = built_once(_build_world)


@pytest.fixture
def world(world_once, db):
    return fresh_copy(world_once)


def _web_url(name, world):
    from django.urls import reverse

    org = world["organisation"]
    kwargs = {
        "web:timeline": {"object_type": "accounts.organisation", "object_id": org.pk},
        "web:organisation": {"siret": org.siret},
        "web:token_create": {"siret": org.siret},
        "web:token_revoke": {"siret": org.siret, "token_id": world["token"].pk},
        "web:law_article": {"number": "R6422-4"},
        "web:law_timeline": {"number": "R6422-4"},
        "web:law_code_article": {"code": CRPA_SLUG, "number": "R133-4"},
        "web:law_code_timeline": {"code": CRPA_SLUG, "number": "R133-4"},
        "web:rule": {"rule_id": "leave.status"},
        "web:commission_create": {"siret": world["commission"].organisation.siret},
        "web:member_replace": {"pk": world["commission"].pk, "member_id": world["commission"].members.get().pk},
        "web:meeting_minutes": {"pk": world["commission"].pk, "meeting_id": world["meeting"].pk},
        "web:proposal_create": {"pk": world["commission"].pk, "programme_id": world["programme"].pk},
        "web:proposal_decide": {"pk": world["commission"].pk, "proposal_id": world["proposal"].pk},
        "web:certification": {"code": "RNCP35506"},
    }.get(name, {})
    if not kwargs and name in COMMISSION_PAGES:
        kwargs = {"pk": world["commission"].pk}
    if name == "web:certification":
        from tests.certifications.db import import_fixture

        import_fixture()  # the fiche page answers 404 for a code the registry lacks
    if name.startswith("web:law_"):
        from tests.law.db import import_small_corpus

        import_small_corpus(crpa=name.startswith("web:law_code_"))  # 404 for an article the corpus lacks
    if name.startswith("web:pathway_"):
        return _pathway_url(name, world)
    if name in accounts_matrix.ACCOUNT_WEB:
        return accounts_matrix.account_url(name, world)
    if space_matrix.owns(name):
        return space_matrix.web_url(name, world)
    if name in verification_matrix.VERIFY_WEB:
        return verification_matrix.verify_url(name)
    if name in ("web:accompanier_profile", "web:accompanier_profile_edit"):
        return reverse(name, kwargs={"siret": _listed_accompanier(world).siret})
    if statistics_matrix.owns(name):
        return statistics_matrix.web_url(name, world)
    if name in ("web:leave_employer_list", "web:leave_employer_calendar"):
        return reverse(name) + f"?siret={org.siret}"
    if name.startswith("web:leave_") and name not in ("web:leave_list", "web:leave_create", "web:leave_funder"):
        kwargs = _leave_kwargs(name, world)
    return reverse(name, kwargs=kwargs)


def _listed_accompanier(world):
    from acquis.pathways.services import accompanier_listing_add

    organisation = world["actors"]["accompanier"].memberships.get().organisation
    accompanier_listing_add(
        actor=None,
        organisation=organisation,
        qualiopi_number="QUALIOPI-MATRICE",
        qualiopi_expires_on=timezone.localdate() + dt.timedelta(days=365),
    )
    return organisation


COMMISSION_PAGES = {
    "web:commission",
    "web:member_add",
    "web:commission_secretariat",
    "web:commission_internal_rules",
    "web:meeting_create",
    "web:programme_create",
    "web:opinion_create",
}


def _post_data(name, world):
    keys = {"meeting": world["meeting"].pk, "programme": world["programme"].pk, "proposal": world["proposal"].pk}
    return {key.format(**keys): value for key, value in POST_DATA.get(name, {}).items()}


def _leave_kwargs(name, world):
    request = LeaveRequestFactory(employee=world["actors"]["candidate"], employer=world["organisation"])
    if name not in LEAVE_DRAFT_PAGES:
        request = leave_request_send(leave_request=request, actor=request.employee, receipt_method="platform")
    kwargs = {"pk": request.pk}
    if name == "web:leave_action_remove":
        kwargs["action_id"] = request.actions.get().pk
    if name == "web:leave_attachment":
        kwargs["attachment_id"] = request.attachments.first().pk
    if name == "web:leave_attendance_upload":
        hr = world["actors"]["employer"]
        leave_attendance_proof_request(leave_request=request, actor=hr, organisation=world["organisation"])
    return kwargs


# --- VAE pathway (issue 6) -----------------------------------------------------------------------------------
# The step each candidacy page needs, and how long ago its pathway began (factory dates follow the start:
# filed +30 d, complete +40 d, decision +60 d, validation +90 d, jury +120 d), so that the write succeeds today.
PATHWAY_STEPS = {
    "web:pathway_detail": ("filed", 50),
    "web:pathway_experience_add": ("registered", 50),
    "web:pathway_accompanier_choose": ("registered", 50),
    "web:pathway_feasibility_submit": ("registered", 50),
    "web:pathway_opinion": ("registered", 50),
    "web:pathway_pieces_request": ("filed", 50),
    "web:pathway_receipt": ("filed", 50),
    "web:pathway_decide": ("complete", 50),
    "web:pathway_validation_submit": ("admissible", 130),
    "web:pathway_step_record": ("admissible", 130),
    "web:pathway_attestation_request": ("result_partial", 130),
    "web:pathway_attachment_add": ("pieces", 50),
    "web:pathway_attachment": ("filed", 50),
    "web:pathway_validation_document": ("validation", 100),
    "web:pathway_drop_out": ("registered", 50),
    "web:pathway_jury_schedule": ("validation", 130),
    "web:pathway_jury_result": ("jury", 130),
    "web:pathway_result_notify": ("result_full", 130),
    "web:pathway_legitimate_reason": ("admissible", 130),
    "web:pathway_archive": ("registered", 50),
    "web:pathway_reorient": ("registered", 50),
    "web:pathway_reopen": ("registered", 50),
    "web:pathway_litigation": ("filed", 50),
    "web:pathway_date_correct": ("filed", 50),
    "web:pathway_result_observations": ("result_full", 130),
    "web:pathway_result_withdraw": ("result_full", 130),
    "web:pathway_programme_enrol": ("registered", 50),
    "web:pathway_funding": ("filed", 50),
    "web:pathway_feasibility_pdf": ("complete", 50),
    "web:pathway_jury_calendar": ("jury", 130),
    "web:pathway_attestation_issue": ("result_partial", 130),
    "web:pathway_attestation_pdf": ("result_partial", 130),
}
# Pages about a closed candidacy: the closure its candidacy is built with.
PATHWAY_CLOSURES = {"web:pathway_reopen": "archived"}
# The cohort the funder's organisation sponsors (pathway_programme_enrol enrols in it; pathway_funding reads it).
PATHWAY_COHORT = "COHORTE-WEB"


def _pathway_url(name, world):
    from django.urls import reverse

    from acquis.pathways import services as pathway_services
    from acquis.pathways.models import AccompanierListing
    from tests.pathways.factories import CandidacyFactory, listed_accompanier

    actors = world["actors"]
    accompanier = listed_accompanier(actors["accompanier"].memberships.get().organisation)
    certifier = actors["certifier"].memberships.get().organisation
    if name == "web:pathway_accompanier_worklist":
        return reverse(name) + f"?siret={accompanier.siret}"
    if name == "web:pathway_invitation":
        from tests.pathways.factories import invitation_link

        return invitation_link(accompanier=actors["accompanier"], email=actors["candidate"].email)
    if name == "web:pathway_certifier_worklist":
        return reverse(name) + f"?siret={certifier.siret}"
    if name == "web:pathway_funder_worklist":
        return reverse(name) + f"?siret={actors['funder'].memberships.get().organisation.siret}"
    if name == "web:pathway_accompanier_remove":
        return reverse(name, kwargs={"listing_id": AccompanierListing.objects.get(organisation=accompanier).pk})
    if name not in PATHWAY_STEPS:
        return reverse(name)
    step, days_ago = PATHWAY_STEPS[name]
    candidacy = CandidacyFactory(
        candidate=actors["candidate"],
        accompanier=accompanier,
        certifier=certifier,
        step=step,
        started_on=timezone.localdate() - dt.timedelta(days=days_ago),
        closure=PATHWAY_CLOSURES.get(name, ""),
    )
    if name == "web:pathway_result_withdraw":
        from acquis.pathways.models import JuryResult
        from acquis.pathways.services import jury_result_observations_request

        result = JuryResult.objects.get(session__validation_file__candidacy=candidacy)
        jury_result_observations_request(actor=None, result=result, reason="Attestation d'expérience falsifiée.")
    if name in ("web:pathway_programme_enrol", "web:pathway_funding"):
        _pathway_cohort(actors["funder"].memberships.get().organisation)
    if name == "web:pathway_funding":
        pathway_services.candidacy_programme_enrol(actor=None, candidacy=candidacy, enrolment_code=PATHWAY_COHORT)
    if name in ("web:pathway_attestation_issue", "web:pathway_attestation_pdf"):
        attestation = pathway_services.attestation_request(actor=None, candidacy=candidacy, kind="blocks")
        if name == "web:pathway_attestation_pdf":  # a requested attestation has no PDF yet (404)
            pathway_services.attestation_issue(actor=None, attestation=attestation)
        return reverse(name, kwargs={"pk": candidacy.pk, "attestation_id": attestation.pk})
    if name == "web:pathway_validation_document":
        validation = candidacy.validation_files.get()
        validation.document_type, validation.document_checksum = "application/pdf", "0" * 64
        validation.document.save("dossier.pdf", pdf("dossier.pdf"))
        return reverse(name, kwargs={"pk": candidacy.pk, "validation_id": validation.pk})
    if name == "web:pathway_attachment":
        attachment = candidacy.feasibility.attachments.get()
        return reverse(name, kwargs={"pk": candidacy.pk, "attachment_id": attachment.pk})
    return reverse(name, kwargs={"pk": candidacy.pk})


def _pathway_cohort(sponsor):
    from acquis.pathways import services as pathway_services

    pathway_services.programme_create(
        actor=None,
        name="Cohorte du financeur",
        kind="sponsored_cohort",
        enrolment_code=PATHWAY_COHORT,
        starts_on=dt.date(2024, 1, 1),
        sponsor=sponsor,
    )


def _pathway_data(name):
    today = timezone.localdate().isoformat()
    return {
        "web:pathway_experience_add": {
            "title": "Cariste",
            "started_on": "2020-01-01",
            "hours": "1000",
            "employment_status": "employee",
        },
        "web:pathway_feasibility_submit": {"filed_on": today},
        "web:pathway_validation_submit": {"filed_on": today},
        "web:pathway_step_record": {"description": "Entretien avec l'accompagnateur", "recorded_on": today},
        "web:pathway_attestation_request": {"attestation_kind": "blocks"},
        "web:pathway_attachment_add": {"kind": "experience_proof", "document": pdf("attestation.pdf")},
        "web:pathway_drop_out": {"reason": "personal"},
        "web:pathway_opinion": {"opinion": "favourable", "text": "Expérience en adéquation avec le référentiel."},
        "web:pathway_pieces_request": {"pieces": "Attestation de l'employeur", "requested_on": today},
        "web:pathway_receipt": {"complete_on": today},
        "web:pathway_decide": {"kind": "admissible", "decided_on": today},
        "web:pathway_jury_result": {"kind": "full"},
        "web:pathway_result_notify": {"notified_on": today},
        "web:pathway_attestation_issue": {"issued_on": today},
        "web:pathway_accompanier_remove": {"reason": "Certificat Qualiopi retiré."},
        "web:pathway_legitimate_reason": {"reason": "Hospitalisation", "recorded_on": today},
        "web:pathway_archive": {"reason": "inactivity"},
        "web:pathway_litigation": {"pending": "true", "note": "Tribunal administratif, requête n° 2401234"},
        "web:pathway_date_correct": {
            "field": "filed_on",
            "on": (timezone.localdate() - dt.timedelta(days=25)).isoformat(),
            "reason": "Dossier reçu par courrier, enregistré ensuite.",
        },
        "web:pathway_result_observations": {"reason": "Attestation d'expérience falsifiée.", "requested_on": today},
        "web:pathway_result_withdraw": {"withdrawn_on": today},
        "web:pathway_programme_enrol": {"enrolment_code": PATHWAY_COHORT, "on": today},
    }.get(name, {})


def _web_data(name, world):
    """Valid input, so that "allowed" means the page did its work (200 or a redirect), not a form error."""
    if name.startswith("web:pathway_"):
        return _pathway_data(name)
    if statistics_matrix.owns(name):
        return statistics_matrix.web_data(name)
    if name in accounts_matrix.ACCOUNT_WEB:
        return accounts_matrix.account_data(name, world)
    start = timezone.localdate() + dt.timedelta(days=90)
    return {
        "web:token_create": {"name": "SIRH", "role": "employer"},
        "web:leave_edit": {"employer_siret": world["organisation"].siret, "certification_title": "CAP"},
        "web:leave_action_add": {"start": start, "end": start, "nature": "evaluation", "hours": 7},
        "web:leave_attachment_add": {"kind": "qualification_proof", "file": pdf()},
        "web:leave_attendance_upload": {"file": pdf("attestation.pdf")},
        "web:leave_answer": {"kind": "accept"},
    }.get(name, {})


def _login(client, world, actor):
    if actor != "anonymous":
        client.force_login(world["actors"][actor])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(WEB_EXPECTATIONS))
def test_page_permission(client, world, name, actor):
    method, allowed = WEB_EXPECTATIONS[name]
    _login(client, world, actor)
    url = _web_url(name, world)
    data = _post_data(name, world) if name in POST_DATA else _web_data(name, world)
    response = getattr(client, method)(url, data)
    if actor in allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/connexion/" not in response["Location"]
    elif actor == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=")
    elif name in PAGES_NOT_FOUND_WHEN_REFUSED or (name, actor) in PAGE_NOT_FOUND or actor not in _object_readers(name):
        # One visibility policy with the API: an object the caller may not read answers 404, like a missing one.
        assert response.status_code == 404, response.status_code
    else:
        assert response.status_code == 403
        assert "Accès refusé" in response.content.decode()


def _object_readers(name):
    """Who reads the object a page is about (everyone for a page about no object or a public one)."""
    if name in ("web:organisation", "web:token_create", "web:token_revoke") or name in LEAVE_EMPLOYER_PAGES:
        return ORG_READERS
    if name == "web:commission_create":
        return CPC_MANAGERS  # the secretariat's organisation, read by its members and the GIP
    if name in LEAVE_DRAFT_PAGES:
        return GIP | {"candidate"}  # the employer never sees drafts
    if name.startswith("web:leave_") and name not in ("web:leave_list", "web:leave_create", "web:leave_funder"):
        return LEAVE_READERS
    worklists = {
        "web:pathway_accompanier_worklist": "accompanier",
        "web:pathway_certifier_worklist": "certifier",
        "web:pathway_funder_worklist": "funder",
    }
    if name in worklists:
        return GIP | {worklists[name]}
    if name in PATHWAY_STEPS:
        # The funder reads the funding view of a candidacy in its programme (enrolled for web:pathway_funding).
        return (
            GIP | {"candidate", "accompanier", "certifier"} | ({"funder"} if name == "web:pathway_funding" else set())
        )
    return EVERYONE


LEAVE_EMPLOYER_PAGES = {"web:leave_employer_list", "web:leave_employer_calendar"}


def _api_path(path, world):
    if "{candidacy_id}" in path:
        return _pathway_candidacy(world, path)
    if "{leave_request_id}" in path:
        return path.replace("{leave_request_id}", str(world["leave_request"].pk))
    if "{rule_id}" in path:
        return path.replace("{rule_id}", "leave.employer_answer_due")
    if "{table}" in path:
        from acquis.statistics.services import statistics_snapshot_create

        statistics_snapshot_create()  # 404 until a snapshot is published
        return path.replace("{table}", "etapes_region")
    if "{code}" in path:
        from tests.certifications.db import import_fixture

        import_fixture()
        return path.replace("{code}", "RNCP35506")
    if "{siret}" in path:
        return orientation_matrix.api_path(path) or path.replace("{siret}", world["organisation"].siret)
    if path.endswith("/audit-events"):
        return f"{path}?object_type=accounts.organisation&object_id={world['organisation'].pk}"
    return path


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", sorted(API_EXPECTATIONS))
def test_api_permission_for_people(client, world, route, actor):
    method, path = route
    _login(client, world, actor)
    response = getattr(client, method)(_api_path(path, world), **_api_body(method, path, world))
    if actor in API_EXPECTATIONS[route]:
        # 202: an accompanier's or the GIP's registration on someone's behalf is an invitation.
        assert response.status_code in (200, 201, 202), response.content
    else:
        assert response.status_code == _refused_status(path, actor), response.content
        assert response["Content-Type"] == "application/problem+json"


def _refused_status(path, actor):
    if actor == "anonymous":
        return 401
    # A congé VAE request the caller cannot read answers 404, like one that does not exist (acquis/api/leave/).
    if "{leave_request_id}" in path and actor not in LEAVE_READERS:
        return 404
    if "{candidacy_id}" in path and actor not in CANDIDACY_READERS:
        return 404
    if path.endswith("/programme") and actor == "funder":
        return 404  # a funder reads only candidacies of its programmes, and this one is in none yet
    return 403


def _api_body(method, path, world):
    # Valid input for each POST route, so that "allowed" means 200 or 201.
    if method != "post":
        return {}
    if path == CANDIDACIES:
        return {"data": _registration_body(world), "content_type": "application/json"}
    if path == f"{CANDIDACY}/feasibility/attachments":
        return {"data": {"kind": "experience_proof", "document": pdf("attestation.pdf")}}
    if path in PATHWAY_API_BODIES:
        body = PATHWAY_API_BODIES[path]
        return {"data": body(world["candidacy"]) if callable(body) else body, "content_type": "application/json"}
    if path.endswith("/attendance-proof"):
        return {"data": {"file": pdf("attestation.pdf")}}
    if path.endswith("/answer"):
        return {"data": {"kind": "accept"}, "content_type": "application/json"}
    if path.endswith("/attendance-proof-requests"):
        # A funder reaches the request by its number and the employer's SIRET (the letter's); the employer's
        # own request needs no SIRET, and ignores it.
        siret = world["leave_request"].employer.siret
        return {"data": {"message": "Merci", "employer_siret": siret}, "content_type": "application/json"}
    return {"data": {"at": None, "facts": {"request_received": "2024-03-01"}}, "content_type": "application/json"}


TOKEN_EXPECTATIONS = {
    ("get", "/api/v1/health"): True,
    ("get", "/api/v1/me"): True,
    ("get", "/api/v1/organisations/{siret}"): True,  # its own organisation
    ("get", "/api/v1/audit-events"): False,
    ("get", "/api/v1/rules"): True,
    ("post", "/api/v1/rules/{rule_id}/decide"): True,
    ("get", "/api/v1/certifications"): True,
    ("get", "/api/v1/certifications/find"): True,
    ("get", "/api/v1/certifications/{code}"): True,
    **dict.fromkeys(orientation_matrix.PUBLIC_ROUTES, True),
    # A request sent to the token's company: the HR system lists, reads, answers, asks for the proof…
    ("get", "/api/v1/leave-requests"): True,
    ("get", LEAVE): True,
    ("get", f"{LEAVE}/letter.pdf"): True,  # the letter the company received
    ("post", f"{LEAVE}/answer"): True,
    ("post", f"{LEAVE}/attendance-proof-requests"): True,
    # …but only the employee uploads it (the token reads the request: 403, not 404).
    ("post", f"{LEAVE}/attendance-proof"): False,
    ("get", "/api/v1/open-data"): True,
    ("get", "/api/v1/open-data/{table}"): True,
    **PATHWAY_TOKEN_EXPECTATIONS,
}


def test_token_matrix_lists_every_route():
    assert set(TOKEN_EXPECTATIONS) == set(API_EXPECTATIONS)


@pytest.mark.parametrize("route", sorted(TOKEN_EXPECTATIONS))
def test_api_permission_for_machine_clients(client, route):
    method, path = route
    # Pathway routes are tried with a certifier's token (the files it instructs); the others with an employer's.
    token, raw = make_api_token(role="certifier") if path.startswith(CANDIDACIES) else make_api_token()
    world = {
        "organisation": token.organisation,
        "leave_request": LeaveRequestFactory(employer=token.organisation, sent=True),
    }
    response = getattr(client, method)(
        _api_path(path, world), headers={"Authorization": f"Bearer {raw}"}, **_api_body(method, path, world)
    )
    assert response.status_code in ((200, 201) if TOKEN_EXPECTATIONS[route] else (403,)), response.content
