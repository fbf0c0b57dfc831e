"""Demo VAE pathways: the demo candidate's two journeys through the real services, and a few hundred
synthetic candidacies (bulk, unaudited: background rows, see acquis.demo.synthetic_pathways) for the demo
certifier's and accompanier's worklists and for statistics. A second run creates nothing."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from acquis.accounts.models import Organisation, User
from acquis.certifications.export import fold
from acquis.certifications.models import Certification, CertificationCertifier, SkillBlock
from acquis.demo.synthetic_pathways import synthetic_candidacies_create
from acquis.pathways import services
from acquis.pathways.models import AccompanierListing, Candidacy, CollectiveProgramme
from acquis.territories.models import Department

DEMO_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SYNTHETIC_COUNT = 300
SYNTHETIC_PREFIX = "candidat-synthetique"
# Demo fiches (reference data, created directly like an import would): numbers far above the RNCP's.
CERTIFICATIONS = (
    ("RNCP99901", "Diplôme d'État d'aide-soignant (démo)", 4, ("Soins", "Relation", "Hygiène", "Transmissions")),
    ("RNCP99902", "Diplôme d'État d'auxiliaire de puériculture (démo)", 4, ("Accompagnement", "Soins", "Hygiène")),
    ("RNCP99903", "Titre professionnel assistant de vie aux familles (démo)", 3, ("Entretien", "Aide", "Enfants")),
)
JURY = [
    {"name": "Mme Durand (présidente)", "sex": "F", "qualified": True, "is_chair": True},
    {"name": "M. Lefèvre", "sex": "M", "qualified": True},
]


def _certifications(certifier: Organisation) -> list[Certification]:
    result = []
    for code, title, level, blocks in CERTIFICATIONS:
        # search_text as an import writes it (code and title, folded): the public finder searches only it.
        searched = fold(f"{code} {title}")
        certification, created = Certification.objects.get_or_create(
            code=code, defaults={"title": title, "level": level, "vae_accessible": True, "search_text": searched}
        )
        if certification.search_text != searched and not certification.fiche_id:
            # A demo database loaded before search_text was written: make its fiches findable too.
            Certification.objects.filter(pk=certification.pk).update(search_text=searched)
        if created:
            for index, block in enumerate(blocks, start=1):
                SkillBlock.objects.create(certification=certification, code=f"{code}BC0{index}", title=block)
            CertificationCertifier.objects.create(
                certification=certification, position=1, siret=certifier.siret, name=certifier.name
            )
        result.append(certification)
    return result


def _journeys(candidate, accompanier_user, certifications, department, accompanier, today):
    days = lambda n: today - dt.timedelta(days=n)  # noqa: E731 — a local shorthand for dates before today
    # 1. Accompanied, admissible, validation file, jury, partial validation.
    first = services.candidacy_register(
        actor=accompanier_user,
        candidate=candidate,
        certification=certifications[0],
        department=department,
        qualification_level=3,
        started_on=days(200),
        registered_on=days(200),
        accompaniment_mode="accompanied",
        accompanier=accompanier,
        in_initial_training=False,
        experiences=[
            {
                "title": "Agente de service hospitalier",
                "started_on": dt.date(2012, 9, 1),
                "ended_on": dt.date(2017, 8, 31),
                "hours": 7000,
                "employment_status": "employee",
            },
            {
                "title": "Aide à domicile",
                "started_on": dt.date(2017, 9, 1),
                "ended_on": None,
                "hours": 8000,
                "employment_status": "employee",
            },
        ],
        trainings=[{"title": "Formation gestes et postures", "completed_on": dt.date(2019, 3, 1), "hours": 14}],
    )
    services.candidacy_opinion_give(
        actor=accompanier_user, candidacy=first, opinion="favourable", text="Expérience en adéquation.", on=days(185)
    )
    file = services.feasibility_file_submit(
        actor=accompanier_user,
        candidacy=first,
        filed_on=days(170),
        attachments=[("identity", ContentFile(DEMO_PDF, name="identite.pdf"))],
    )
    services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=days(160))
    services.feasibility_decide(
        actor=None, file=file, kind="admissible", decided_on=days(130), recommendations="Module hygiène conseillé"
    )
    validation = services.validation_file_submit(actor=candidate, candidacy=first, filed_on=days(100))
    session = services.jury_schedule(
        actor=None, validation_file=validation, held_on=days(40), held_at=dt.time(14, 0), members=JURY
    )
    result = services.jury_result_record(
        actor=None, session=session, kind="partial", blocks_acquired=list(certifications[0].blocks.all()[:2])
    )
    services.jury_result_notify(actor=None, result=result, notified_on=days(35))
    # 2. Autonomous, complete file, no decision: deemed admissible by silence.
    second = services.candidacy_register(
        actor=candidate,
        candidate=candidate,
        certification=certifications[2],
        department=department,
        qualification_level=3,
        started_on=days(100),
        registered_on=days(100),
        accompaniment_mode="autonomous",
        in_initial_training=False,
        experiences=[
            {
                "title": "Garde d'enfants",
                "started_on": dt.date(2015, 1, 5),
                "ended_on": None,
                "hours": 5000,
                "employment_status": "self_employed",
            }
        ],
    )
    file = services.feasibility_file_submit(actor=candidate, candidacy=second, filed_on=days(90))
    services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=days(80))


def demo_pathways_load(
    *,
    candidate: User,
    accompanier_user: User,
    accompanier: Organisation,
    certifier: Organisation,
    funder: Organisation,
) -> int:
    """Create the demo pathways unless they exist; returns how many candidacies were created."""
    departments = list(Department.objects.order_by("code"))
    if not departments or Candidacy.objects.filter(candidate=candidate).exists():
        return 0
    today = timezone.localdate()
    certifications = _certifications(certifier)
    if not AccompanierListing.objects.filter(organisation=accompanier, removed_on=None).exists():
        services.accompanier_listing_add(
            actor=None,
            organisation=accompanier,
            qualiopi_number="03612-2023-DEMO",
            qualiopi_expires_on=today + dt.timedelta(days=365 * 2),
            listed_on=today - dt.timedelta(days=400),
        )
    if not CollectiveProgramme.objects.filter(enrolment_code="DEMO-AS").exists():
        services.programme_create(
            actor=None,
            name="VAE collective aides-soignants (démo)",
            kind="sponsored_cohort",
            sponsor=funder,
            enrolment_code="DEMO-AS",
            starts_on=today - dt.timedelta(days=365),
            certifications=certifications[:1],
        )
    department = next((d for d in departments if d.code == "31"), departments[0])
    _journeys(candidate, accompanier_user, certifications, department, accompanier, today)
    # Spread over every tenth département, so that statistics have a geography without a thousand rows.
    synthetic = synthetic_candidacies_create(
        count=SYNTHETIC_COUNT,
        certifier=certifier,
        certifications=certifications,
        departments=departments[::10],
        accompanier=accompanier,
        today=today,
        seed=2026,
        email_prefix=SYNTHETIC_PREFIX,
    )
    return synthetic + 2
