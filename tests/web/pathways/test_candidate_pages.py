"""The candidate's pathway pages: registration (R6412-2 refusal), filing (R6412-3 refusal), the candidacy page
(status, deadlines with their articles, timeline, earlier procedure), with nothing saved on a refusal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from acquis.certifications.models import Certification
from acquis.notifications.models import OutboundEmail
from acquis.pathways import services
from acquis.pathways.models import Candidacy, FeasibilityFile, RegistrationInvitation
from acquis.rules.catalogue import default_registry
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.pathways.factories import EXPERIENCE, CandidacyFactory, certification, department, listed_accompanier
from tests.web.pathways.support import text

TODAY = timezone.localdate


def _registration(cert: Certification, **extra) -> dict:
    return {
        "certification_code": cert.code,
        "block_codes": "",
        "department": "31",
        "qualification_level": "3",
        "started_on": TODAY().isoformat(),
        "accompaniment_mode": "autonomous",
        "experience-title": "Aide-soignante",
        "experience-started_on": "2015-01-01",
        "experience-ended_on": "",
        "experience-hours": "9000",
        "experience-employment_status": "employee",
        **extra,
    }


def test_candidate_registers_with_blocks_and_sees_the_candidacy(client):
    candidate = UserFactory(candidate=True)
    department()
    cert = certification()
    client.force_login(candidate)
    page = client.get(reverse("web:pathway_register"), {"recherche": cert.title})
    assert page.status_code == 200 and cert.code in text(page)
    assert f'value="{TODAY().isoformat()}"' in text(page)  # started_on defaults to today
    block = cert.blocks.order_by("code").first()
    response = client.post(reverse("web:pathway_register"), _registration(cert, block_codes=block.code))
    candidacy = Candidacy.objects.get(candidate=candidate)
    assert response.status_code == 302 and response["Location"] == reverse("web:pathway_detail", args=[candidacy.pk])
    assert list(candidacy.blocks.all()) == [block] and candidacy.experiences.count() == 1
    detail = text(client.get(response["Location"]))
    assert "inscrite, dossier de faisabilité non déposé" in detail and "Aide-soignante" in detail
    listing = text(client.get(reverse("web:pathway_list")))
    assert f"n° {candidacy.pk}" in listing


def test_initial_training_is_refused_quoting_r6412_2_and_nothing_is_saved(client):
    candidate = UserFactory(candidate=True)
    department()
    cert = certification()
    client.force_login(candidate)
    response = client.post(reverse("web:pathway_register"), _registration(cert, in_initial_training="on"))
    assert response.status_code == 400
    assert "R6412-2" in text(response) and "formation initiale" in text(response)
    assert not Candidacy.objects.exists()


def test_unknown_fiche_and_département_are_explained(client):
    client.force_login(UserFactory(candidate=True))
    response = client.post(reverse("web:pathway_register"), _registration(certification(), department="999"))
    assert response.status_code == 400 and "Ce numéro de département n'existe pas." in text(response)
    assert not Candidacy.objects.exists()


def test_accompanier_invites_a_candidate_who_accepts(client):
    department()
    organisation = listed_accompanier()
    adviser = UserFactory(accompanier=True, organisation=organisation)
    candidate = UserFactory(candidate=True)
    client.force_login(adviser)
    data = _registration(certification(), candidate_email=candidate.email, accompaniment_mode="accompanied")
    response = client.post(reverse("web:pathway_register"), data, follow=True)
    assert "Une invitation est envoyée à" in text(response)
    assert candidate.last_name not in text(response)
    assert not Candidacy.objects.exists()
    body = OutboundEmail.objects.get(to=candidate.email).body
    link = re.search(r"(/parcours/invitation/[^/\s]+/)", body).group(1)
    client.force_login(candidate)
    page = client.get(link)
    assert page.status_code == 200 and "accepte et je m" in text(page)
    assert client.post(link).status_code == 302
    candidacy = Candidacy.objects.get()
    assert candidacy.candidate == candidate and candidacy.accompanier == organisation
    assert candidacy.registered_by == adviser


def test_invitation_answers_the_same_for_an_address_without_an_account(client):
    department()
    client.force_login(UserFactory(accompanier=True))
    data = _registration(certification(), candidate_email="personne@example.org")
    response = client.post(reverse("web:pathway_register"), data, follow=True)
    assert "Une invitation est envoyée à personne@example.org" in text(response)
    assert OutboundEmail.objects.filter(to="personne@example.org").exists()


def test_second_file_for_the_same_certification_this_year_is_refused_quoting_r6412_3(client):
    first = CandidacyFactory(filed=True, started_on=TODAY() - dt.timedelta(days=30))  # filed today
    second = services.candidacy_register(
        actor=first.candidate,
        candidate=first.candidate,
        certification=first.certification,
        department=department(),
        qualification_level=3,
        started_on=TODAY(),
        accompaniment_mode="autonomous",
        in_initial_training=False,
        experiences=[EXPERIENCE],
    )
    client.force_login(first.candidate)
    response = client.post(
        reverse("web:pathway_feasibility_submit", args=[second.pk]), {"filed_on": TODAY().isoformat()}
    )
    assert response.status_code == 400 and "R6412-3" in text(response)
    assert not FeasibilityFile.objects.filter(candidacy=second).exists()
    second.refresh_from_db()
    assert second.stage == "registered"


def test_candidate_chooses_a_listed_accompanier(client):
    candidacy = CandidacyFactory(started_on=TODAY() - dt.timedelta(days=10))
    organisation = listed_accompanier()
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_accompanier_choose", args=[candidacy.pk])
    page = text(client.get(url))
    assert organisation.name in page
    listing = organisation.listings.get()
    assert client.post(url, {"listing": listing.pk}).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.accompanier == organisation and candidacy.accompaniment_mode == "accompanied"


def test_deemed_admissible_by_silence_shows_r6412_4_and_the_deadlines(client):
    candidacy = CandidacyFactory(complete=True, started_on=TODAY() - dt.timedelta(days=130))
    client.force_login(candidacy.candidate)
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "recevable (silence du certificateur au terme du délai)" in page
    assert "Recevabilité par silence" in page and "Article R6412-4" in page
    assert "Caducité de la recevabilité" in page
    decision = default_registry().decide(
        "admissibility.decision_due", {"file_complete_on": candidacy.file_complete_on}, candidacy.started_on
    )
    sentence = next(source.sentence for source in decision.sources if source.article == "R6412-4")
    assert sentence.replace("'", "'") in page or sentence in page
    assert "Historique" in page and "Dossier de faisabilité déposé" in page  # an audit event in the timeline


def test_earlier_procedure_shows_its_note(client):
    candidacy = CandidacyFactory(complete=True, era_2023=True)
    client.force_login(candidacy.candidate)
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "procédure antérieure : délai non calculé, texte non disponible" in page


def test_validation_file_and_result_deadlines_cite_their_articles(client):
    candidacy = CandidacyFactory(result_partial=True, started_on=TODAY() - dt.timedelta(days=130))
    client.force_login(candidacy.candidate)
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "validation partielle" in page and "blocs acquis" in page
    assert "Article R6412-5" in page and "Notification du résultat" in page
    # After a partial validation, a new validation file may be filed.
    assert reverse("web:pathway_validation_submit", args=[candidacy.pk]) in page


def test_a_recorded_step_keeps_the_admissibility_from_lapsing(client):
    candidacy = CandidacyFactory(admissible=True, started_on=TODAY() - dt.timedelta(days=130))
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_detail", args=[candidacy.pk])
    assert "Sans démarche enregistrée, la recevabilité devient caduque le" in text(client.get(url))
    step = reverse("web:pathway_step_record", args=[candidacy.pk])
    refused = client.post(step, {"description": "", "recorded_on": TODAY().isoformat()})
    assert refused.status_code == 400 and not candidacy.steps.exists()
    assert client.post(step, {"description": "Entretien", "recorded_on": TODAY().isoformat()}).status_code == 302
    assert "Une démarche ou un motif légitime est enregistré" in text(client.get(url))


def test_drop_out_with_its_reason(client):
    candidacy = CandidacyFactory(started_on=TODAY() - dt.timedelta(days=10))
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_drop_out", args=[candidacy.pk])
    refused = client.post(url, {"reason": "other", "note": ""})
    assert refused.status_code == 400 and "Précisez le motif de l'abandon." in text(refused)
    candidacy.refresh_from_db()
    assert candidacy.closure == ""
    assert client.post(url, {"reason": "personal"}).status_code == 302
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert "État : abandon" in page and "Abandon le" in page


def test_attestation_of_blocks_follows_a_partial_validation_only(client):
    full = CandidacyFactory(result_full=True, started_on=TODAY() - dt.timedelta(days=130))
    client.force_login(full.candidate)
    refused = client.post(reverse("web:pathway_attestation_request", args=[full.pk]), {"attestation_kind": "blocks"})
    assert refused.status_code == 400 and "suit une validation partielle" in text(refused)
    assert not full.attestations.exists()
    partial = CandidacyFactory(result_partial=True, started_on=TODAY() - dt.timedelta(days=130))
    client.force_login(partial.candidate)
    url = reverse("web:pathway_attestation_request", args=[partial.pk])
    assert client.post(url, {"attestation_kind": "blocks"}).status_code == 302
    page = text(client.get(reverse("web:pathway_detail", args=[partial.pk])))
    assert "Attestation des blocs de compétences acquis" in page and "à délivrer" in page


def test_the_certification_is_chosen_from_the_search_and_its_blocks_ticked(client):
    # Issue 15, point 9: a « Choisir » link per result; the chosen fiche fills the number, names its certifier
    # from the registry and offers its blocks as boxes, not codes to type.
    candidate = UserFactory(candidate=True)
    department()
    certifier = OrganisationFactory(kind="certifier", name="Ministère des Solidarités")
    cert = certification(certifier=certifier)
    client.force_login(candidate)
    found = text(client.get(reverse("web:pathway_register"), {"recherche": cert.title}))
    assert f"?certification={cert.code}" in found and "Choisir" in found
    page = text(client.get(reverse("web:pathway_register"), {"certification": cert.code}))
    assert "Certificateur (d'après le répertoire) : Ministère des Solidarités" in page
    blocks = list(cert.blocks.order_by("code"))
    assert page.count('type="checkbox" name="block_codes"') == len(blocks)
    data = _registration(cert)
    data["block_codes"] = [blocks[0].code, blocks[2].code]
    response = client.post(reverse("web:pathway_register"), data)
    assert response.status_code == 302
    assert sorted(b.code for b in Candidacy.objects.get(candidate=candidate).blocks.all()) == [
        blocks[0].code,
        blocks[2].code,
    ]


def test_every_error_shows_in_one_round(client):
    client.force_login(UserFactory(candidate=True))
    department()
    data = _registration(certification(), department="999")
    data["experience-title"] = ""
    page = text(client.post(reverse("web:pathway_register"), data))
    assert "Ce numéro de département n'existe pas." in page
    assert "Indiquez l'intitulé de l'expérience." in page
    assert page.count('id="resume-erreurs"') == 1


def _invited(client, candidate):
    department()
    organisation = listed_accompanier()
    client.force_login(UserFactory(accompanier=True, organisation=organisation))
    data = _registration(certification(), candidate_email=candidate.email, accompaniment_mode="accompanied")
    client.post(reverse("web:pathway_register"), data)
    body = OutboundEmail.objects.get(to=candidate.email).body
    assert f"pendant {settings.PATHWAY_INVITATION_VALID_DAYS} jours" in body  # the e-mail says how long
    return re.search(r"(/parcours/invitation/[^/\s]+/)", body).group(1)


def _age_invitations(days: int) -> None:
    RegistrationInvitation.objects.update(created_at=timezone.now() - dt.timedelta(days=days))


def test_an_expired_invitation_answers_a_clear_page_and_registers_nothing(client, settings):
    settings.PATHWAY_INVITATION_VALID_DAYS = 10
    candidate = UserFactory(candidate=True)
    link = _invited(client, candidate)
    _age_invitations(10)
    client.force_login(candidate)
    page = client.get(link)
    assert page.status_code == 410
    assert "Cette invitation a expiré" in text(page) and "pendant 10 jours" in text(page)
    assert "accepte et je m" not in text(page)
    assert client.post(link).status_code == 410
    assert not Candidacy.objects.exists()


def test_an_invitation_is_accepted_until_the_end_of_its_delay(client, settings):
    settings.PATHWAY_INVITATION_VALID_DAYS = 10
    candidate = UserFactory(candidate=True)
    link = _invited(client, candidate)
    _age_invitations(9)
    client.force_login(candidate)
    assert client.post(link).status_code == 302
    assert Candidacy.objects.get().candidate == candidate


def test_the_service_refuses_an_expired_invitation(client, settings):
    candidate = UserFactory(candidate=True)
    _invited(client, candidate)
    _age_invitations(settings.PATHWAY_INVITATION_VALID_DAYS + 1)
    with pytest.raises(ValidationError) as refused:
        services.registration_invitation_accept(actor=candidate, invitation=RegistrationInvitation.objects.get())
    assert refused.value.error_list[0].code == "invitation_expired"
    assert not Candidacy.objects.exists()
