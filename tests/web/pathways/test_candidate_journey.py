"""The candidate's own pathway page: a plain-French stepper (where they are, the one next thing and by when),
every legal basis one click away; professionals keep the full legal detail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory
from tests.web.pathways.support import text

TODAY = timezone.localdate


def _page(client, candidacy, user=None):
    client.force_login(user or candidacy.candidate)
    return text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))


@pytest.mark.parametrize(
    ("traits", "step", "next_thing"),
    [
        ({}, "Étape 1 sur 5", "Déposez votre dossier de faisabilité"),
        ({"filed": True}, "Étape 2 sur 5", "Le certificateur vérifie que votre dossier est complet"),
        ({"pieces": True}, "Étape 2 sur 5", "ajoutez-les à votre dossier"),
        ({"validation": True}, "Étape 4 sur 5", "Le certificateur vous convoquera devant le jury"),
        ({"result_partial": True}, "Étape 5 sur 5", "Demandez l'attestation des blocs acquis"),
    ],
)
def test_the_candidate_sees_where_they_are_and_the_one_next_thing(client, traits, step, next_thing):
    candidacy = CandidacyFactory(started_on=TODAY() - dt.timedelta(days=130), **traits)
    page = _page(client, candidacy)
    assert 'class="fr-stepper ' in page and step in page
    assert "Votre prochaine étape" in page and next_thing in page
    assert "Votre VAE :" in page


def test_a_pending_admissibility_says_by_when_the_certifier_decides_with_its_article_one_click_away(client):
    candidacy = CandidacyFactory(complete=True, started_on=TODAY() - dt.timedelta(days=45))
    page = _page(client, candidacy)
    assert "Le certificateur examine votre dossier" in page
    assert "Décision du certificateur attendue au plus tard le" in page
    assert "<summary" in page and "Base légale" in page
    assert "Lire l'article R6412-4" in page  # the sentence and the link stay on the page, folded
    assert "Calculé par la règle" not in page  # the engine's vocabulary is for professionals


def test_an_admissible_candidate_is_told_to_record_a_step_before_the_lapse(client):
    candidacy = CandidacyFactory(admissible=True, started_on=TODAY() - dt.timedelta(days=130))
    page = _page(client, candidacy)
    assert "Étape 3 sur 5" in page and "Enregistrez une démarche" in page
    assert "Dernier jour pour enregistrer une démarche" in page and 'href="#demarche"' in page


def test_giving_up_is_folded_on_the_candidate_s_page(client):
    page = _page(client, CandidacyFactory(started_on=TODAY() - dt.timedelta(days=10)))
    assert "<summary>Abandonner le parcours</summary>" in page


def test_professionals_keep_the_full_legal_detail(client):
    candidacy = CandidacyFactory(complete=True, accompanied=True, started_on=TODAY() - dt.timedelta(days=45))
    page = _page(client, candidacy, UserFactory(gip_staff=True))
    assert "fr-stepper" not in page and "Votre prochaine étape" not in page
    assert f"Candidature n° {candidacy.pk} —" in page
    assert "Calculé par la règle" in page and "Base légale" not in page


def test_the_history_names_who_acted_in_plain_words_never_a_channel_or_a_professional_s_address(client):
    from acquis.audit import context
    from acquis.pathways.services import feasibility_receipt_acknowledge

    candidacy = CandidacyFactory(filed=True, started_on=TODAY() - dt.timedelta(days=45))
    with context.bind(channel="cli", role="system"):
        feasibility_receipt_acknowledge(actor=None, file=candidacy.feasibility)
    history = _page(client, candidacy).split('id="historique"')[1]
    assert "(Acquis)" in history and "(cli)" not in history
    professional = UserFactory(role="certifier", organisation=candidacy.certifier)
    assert professional.email not in history
    # The certifier's page keeps the account that acted.
    client.force_login(professional)
    assert "(cli)" in text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
