"""Server time of the candidacy page for a candidacy with a full history (issue 12); writes
bench/results/candidacy_page.json.

    ACQUIS_BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/candidacy_page.py

One candidacy goes through every step of the pathway by the real services (registration, experiences, filing
with pieces, a request for missing pieces and the piece added, receipt, admissibility, steps, the validation
file, the jury, its result and its notification, two attestations asked for and one issued, a litigation set
and lifted), each with its audit event and its CandidacyTransition. The page is then read by the certifier
(``GET /parcours/<pk>/`` through Django's test client: middleware, permission, selectors, rules, template) and
by the candidate (the plain-French stepper). Server time only: no network, no browser. Goal: p95 ≤ 150 ms.

Database: its own database ``acquis_bench_candidacy_page`` (``make bench`` exports ACQUIS_BENCH_PG_URL),
dropped and recreated on each run; without it, a SQLite file under bench/results/tmp/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import bench_database_url  # noqa: E402 — needs ROOT on the path
from bench.support.results import percentile, run_header, write_result  # noqa: E402

RUNS = int(os.environ.get("ACQUIS_BENCH_RUNS", "40"))
PG_DATABASE = os.environ.get("ACQUIS_BENCH_PG_DATABASE", "acquis_bench_candidacy_page")
TARGET_MS = 150
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _figures(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(sorted(values), 95), 1),
        "max_ms": round(max(values), 1),
    }


def _full_history(today: dt.date):
    """A candidacy through every step, by the services (the dates of a pathway begun 200 days ago)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from acquis.accounts.enums import OrganisationKind
    from acquis.accounts.services import membership_grant, organisation_create, user_create
    from acquis.certifications.models import Certification, CertificationCertifier, SkillBlock
    from acquis.pathways import services
    from acquis.territories.models import Department

    def pdf(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, PDF, content_type="application/pdf")

    certifier = organisation_create(
        siret="11004301500012", name="Certificateur (mesure)", kind=OrganisationKind.CERTIFIER
    )
    accompanier = organisation_create(
        siret="44306184100047", name="Accompagnateur (mesure)", kind=OrganisationKind.ACCOMPANIER
    )
    services.accompanier_listing_add(
        actor=None,
        organisation=accompanier,
        qualiopi_number="Q-2023-0001",
        qualiopi_expires_on=today + dt.timedelta(days=3650),
        listed_on=today - dt.timedelta(days=3650),
    )
    reader = user_create(email="certificateur@mesure.example", password="mesure-mesure-42", send_welcome=False)
    membership_grant(user=reader, role="certifier", organisation=certifier)
    candidate = user_create(
        email="candidate@mesure.example",
        password="mesure-mesure-42",
        first_name="Camille",
        last_name="Mesure",
        send_welcome=False,
    )
    certification = Certification.objects.create(
        code="RNCP90001", title="Diplôme mesuré", level=4, vae_accessible=True
    )
    for index in range(1, 4):
        SkillBlock.objects.create(certification=certification, code=f"RNCP90001BC0{index}", title=f"Bloc {index}")
    CertificationCertifier.objects.create(
        certification=certification, position=1, siret=certifier.siret, name=certifier.name
    )
    started = today - dt.timedelta(days=200)
    experience = {
        "title": "Aide-soignante en EHPAD",
        "started_on": dt.date(2015, 1, 1),
        "ended_on": dt.date(2023, 6, 30),
        "hours": 9000,
        "employment_status": "employee",
    }
    candidacy = services.candidacy_register(
        actor=candidate,
        candidate=candidate,
        certification=certification,
        department=Department.objects.order_by("code").first(),
        qualification_level=3,
        started_on=started,
        registered_on=started,
        accompaniment_mode="accompanied",
        accompanier=accompanier,
        in_initial_training=False,
        experiences=[experience] * 4,
    )
    services.candidacy_experience_add(actor=candidate, candidacy=candidacy, **{**experience, "title": "Auxiliaire"})
    services.candidacy_opinion_give(
        actor=None, candidacy=candidacy, opinion="favourable", text="Expérience en lien direct.", on=started
    )
    file = services.feasibility_file_submit(
        actor=candidate,
        candidacy=candidacy,
        filed_on=started + dt.timedelta(days=10),
        attachments=[("identity", pdf("identite.pdf")), ("experience_proof", pdf("bulletins.pdf"))],
    )
    services.feasibility_pieces_request(
        actor=None, file=file, pieces="Attestation employeur", requested_on=started + dt.timedelta(days=15)
    )
    services.feasibility_attachment_add(actor=candidate, file=file, kind="experience_proof", document=pdf("att.pdf"))
    services.feasibility_receipt_acknowledge(actor=None, file=file, complete_on=started + dt.timedelta(days=20))
    services.feasibility_decide(actor=None, file=file, kind="admissible", decided_on=started + dt.timedelta(days=40))
    for n in range(3):
        services.candidacy_step_record(
            actor=candidate,
            candidacy=candidacy,
            description=f"Séance d'accompagnement {n + 1}",
            recorded_on=started + dt.timedelta(days=50 + 10 * n),
        )
    validation = services.validation_file_submit(
        actor=candidate, candidacy=candidacy, filed_on=started + dt.timedelta(days=100), document=pdf("dossier.pdf")
    )
    session = services.jury_schedule(
        actor=None,
        validation_file=validation,
        held_on=started + dt.timedelta(days=150),
        members=[
            {"name": "Mme Présidente", "sex": "F", "qualified": True, "is_chair": True},
            {"name": "M. Assesseur", "sex": "M", "qualified": True},
            {"name": "Mme Professionnelle", "sex": "F", "qualified": True},
        ],
    )
    result = services.jury_result_record(actor=None, session=session, kind="full")
    services.jury_result_notify(actor=None, result=result, notified_on=started + dt.timedelta(days=155))
    attestation = services.attestation_request(actor=candidate, candidacy=candidacy, kind="result")
    services.attestation_issue(actor=None, attestation=attestation)
    services.attestation_request(actor=candidate, candidacy=candidacy, kind="result")
    services.candidacy_litigation_set(actor=None, candidacy=candidacy, pending=True, note="TA Toulouse 2026-1")
    services.candidacy_litigation_set(actor=None, candidacy=candidacy, pending=False)
    return candidacy, reader, candidate


def main() -> None:
    url, database = bench_database_url(PG_DATABASE, "candidacy_page.sqlite3")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("DJANGO_DEBUG", "0")  # DEBUG keeps every query in memory: not what is served
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from acquis.audit import context
    from acquis.audit.models import AuditEvent
    from acquis.pathways.models import CandidacyTransition
    from acquis.territories.services import territories_load

    call_command("migrate", verbosity=0)
    with context.bind(channel="cli", role="system"):
        territories_load()
        candidacy, reader, candidate = _full_history(timezone.localdate())
    url = reverse("web:pathway_detail", kwargs={"pk": candidacy.pk})
    figures = {}
    for name, user in (("certifier", reader), ("candidate", candidate)):
        client = Client()
        client.force_login(user)

        def read(client: Client = client) -> float:
            begin = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - begin) * 1000
            assert response.status_code == 200, response.status_code
            return elapsed

        for _ in range(3):
            read()
        figures[name] = _figures([read() for _ in range(RUNS)])
    worst = max(figure["p95_ms"] for figure in figures.values())
    results = {
        **run_header("candidacy_page"),
        "database": database,
        "audit_events_of_the_candidacy": AuditEvent.objects.filter(
            object_type="pathways.candidacy", object_id=str(candidacy.pk)
        ).count(),
        "transitions_of_the_candidacy": CandidacyTransition.objects.filter(candidacy=candidacy).count(),
        "runs": RUNS,
        "server_time": figures,
        "target_p95_ms": TARGET_MS,
        "within_target": worst <= TARGET_MS,
    }
    write_result("candidacy_page", results)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if not results["within_target"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
