"""Candidacies built through the real services, at any step of the pathway and in any era of the rules.

Certifications and départements are reference data (imported, not user actions): they are created directly.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.certifications.models import Certification, CertificationCertifier, SkillBlock
from acquis.pathways import services
from acquis.pathways.models import Candidacy
from acquis.territories.models import Department, Region
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import pdf

D = dt.date
EXPERIENCE = {
    "title": "Aide-soignante en EHPAD",
    "started_on": D(2015, 1, 1),
    "ended_on": D(2023, 6, 30),
    "hours": 9000,
    "employment_status": "employee",
}
MEMBERS = [
    {"name": "Mme Président", "sex": "F", "qualified": True, "is_chair": True},
    {"name": "M. Assesseur", "sex": "M", "qualified": True},
]


def department(code: str = "31") -> Department:
    region, _ = Region.objects.get_or_create(code="76", defaults={"name": "Occitanie"})
    return Department.objects.get_or_create(code=code, defaults={"name": f"Département {code}", "region": region})[0]


_counter = iter(range(10_000, 99_999))


def certification(*, certifier=None, blocks: int = 3, vae_accessible: bool = True) -> Certification:
    n = next(_counter)
    cert = Certification.objects.create(
        code=f"RNCP{n}", title=f"Diplôme de test {n}", level=4, vae_accessible=vae_accessible
    )
    for index in range(1, blocks + 1):
        SkillBlock.objects.create(certification=cert, code=f"RNCP{n}BC0{index}", title=f"Bloc {index}")
    if certifier is not None:
        CertificationCertifier.objects.create(
            certification=cert, position=1, siret=certifier.siret, name=certifier.name
        )
    return cert


LISTED_ON = D(2023, 1, 1)
QUALIOPI_EXPIRES = D(2030, 1, 1)


def listed_accompanier(organisation=None, *, listed_on: D = LISTED_ON, expires: D = QUALIOPI_EXPIRES):
    organisation = organisation or OrganisationFactory(kind=OrganisationKind.ACCOMPANIER)
    services.accompanier_listing_add(
        actor=None,
        organisation=organisation,
        qualiopi_number="Q-2023-0001",
        qualiopi_expires_on=expires,
        listed_on=listed_on,
    )
    return organisation


STEPS = (
    "registered",
    "filed",
    "pieces",
    "complete",
    "admissible",
    "not_admissible",
    "validation",
    "jury",
    "result_full",
    "result_partial",
    "result_refused",
)


class CandidacyFactory(factory.django.DjangoModelFactory):
    """Registered by default. Step Traits: filed, pieces (missing pieces asked), complete (no decision: pending
    then deemed admissible by silence), admissible, not_admissible, validation, jury, result_full,
    result_partial, result_refused; lifecycle Traits: dropped_out, archived. Era Traits set the day the pathway
    began: era_2023 (2023-12-31, earlier procedure), era_2024 (2024-01-01), era_d6412 (2024-04-13).
    Dates follow ``started_on``: filed +30 d, complete +40 d, decision +60 d, validation +90 d, jury +120 d."""

    class Meta:
        model = Candidacy

    candidate = factory.SubFactory(UserFactory, candidate=True)
    certifier = factory.LazyFunction(lambda: OrganisationFactory(kind=OrganisationKind.CERTIFIER))
    accompanier = None
    started_on = D(2024, 6, 1)
    step = "registered"
    closure = ""
    blocks = 0
    qualification_level = 3

    class Params:
        accompanied = factory.Trait(accompanier=factory.LazyFunction(listed_accompanier))
        filed = factory.Trait(step="filed")
        pieces = factory.Trait(step="pieces")
        complete = factory.Trait(step="complete")
        admissible = factory.Trait(step="admissible")
        not_admissible = factory.Trait(step="not_admissible")
        validation = factory.Trait(step="validation")
        jury = factory.Trait(step="jury")
        result_full = factory.Trait(step="result_full")
        result_partial = factory.Trait(step="result_partial")
        result_refused = factory.Trait(step="result_refused")
        dropped_out = factory.Trait(closure="dropped_out")
        archived = factory.Trait(closure="archived")
        era_2023 = factory.Trait(started_on=D(2023, 12, 31))
        era_2024 = factory.Trait(started_on=D(2024, 1, 1))
        era_d6412 = factory.Trait(started_on=D(2024, 4, 13))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        started = kwargs["started_on"]
        cert = certification(certifier=kwargs["certifier"])
        accompanier = kwargs["accompanier"]
        candidacy = services.candidacy_register(
            actor=kwargs["candidate"],
            candidate=kwargs["candidate"],
            certification=cert,
            department=department(),
            qualification_level=kwargs["qualification_level"],
            started_on=started,
            registered_on=started,
            accompaniment_mode="accompanied" if accompanier else "autonomous",
            accompanier=accompanier,
            in_initial_training=False,
            experiences=[EXPERIENCE],
            blocks=list(cert.blocks.all()[: kwargs["blocks"]]),
        )
        step = kwargs["step"]
        reach = STEPS.index(step)
        actor = None
        if reach >= STEPS.index("filed"):
            file = services.feasibility_file_submit(
                actor=candidacy.candidate,
                candidacy=candidacy,
                filed_on=started + dt.timedelta(days=30),
                attachments=[("identity", pdf("identite.pdf"))],
            )
        if step == "pieces":
            services.feasibility_pieces_request(
                actor=actor, file=file, pieces="Attestation employeur", requested_on=started + dt.timedelta(days=35)
            )
        if reach >= STEPS.index("complete") and step != "pieces":
            services.feasibility_receipt_acknowledge(
                actor=actor, file=file, complete_on=started + dt.timedelta(days=40)
            )
        if step == "not_admissible":
            services.feasibility_decide(
                actor=actor,
                file=file,
                kind="not_admissible",
                decided_on=started + dt.timedelta(days=60),
                gaps="Expérience d'encadrement insuffisante",
            )
        elif reach >= STEPS.index("admissible"):
            services.feasibility_decide(
                actor=actor, file=file, kind="admissible", decided_on=started + dt.timedelta(days=60)
            )
        if reach >= STEPS.index("validation"):
            validation = services.validation_file_submit(
                actor=candidacy.candidate, candidacy=candidacy, filed_on=started + dt.timedelta(days=90)
            )
        if reach >= STEPS.index("jury"):
            session = services.jury_schedule(
                actor=actor, validation_file=validation, held_on=started + dt.timedelta(days=120), members=MEMBERS
            )
        if reach >= STEPS.index("result_full"):
            kind = step.removeprefix("result_")
            services.jury_result_record(
                actor=actor,
                session=session,
                kind=kind,
                blocks_acquired=list(cert.blocks.all()[:1]) if kind == "partial" else [],
            )
        candidacy.refresh_from_db()
        if kwargs["closure"] == "dropped_out":
            services.candidacy_drop_out(actor=candidacy.candidate, candidacy=candidacy, reason="personal")
        elif kwargs["closure"] == "archived":
            services.candidacy_archive(actor=None, candidacy=candidacy, reason="inactivity")
        return Candidacy.objects.get(pk=candidacy.pk)


def invitation_link(*, accompanier, email):
    """The path of the invitation an accompanier sends to register the person at ``email`` (R6412-2)."""
    import re

    from acquis.notifications.models import OutboundEmail
    from acquis.pathways import services as pathway_services

    registration = {
        "certification": certification(),
        "department": department(),
        "qualification_level": 3,
        "started_on": timezone.localdate(),
        "accompaniment_mode": "autonomous",
        "in_initial_training": False,
        "experiences": [EXPERIENCE],
    }
    pathway_services.registration_invite(actor=accompanier, email=email, registration=registration)
    # The invitation is one of the e-mails the registration sends the person (others tell them of later steps).
    invitation = OutboundEmail.objects.filter(to=email, body__contains="/parcours/invitation/").latest("id")
    return re.search(r"(/parcours/invitation/[^/\s]+/)", invitation.body).group(1)
