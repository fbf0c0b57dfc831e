"""The accompanier is told when a candidate chooses it (issue 15, point 4): at registration or later, in the
choice's own transaction; the person who registered on the candidate's behalf is not told of their own act."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from acquis.documents.text import french_date
from acquis.notifications.models import OutboundEmail
from acquis.notifications.selectors import notifications_of
from acquis.pathways import services
from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory, listed_accompanier
from tests.pathways.test_registration import register

pytestmark = pytest.mark.django_db


def test_choosing_an_accompanier_emails_its_members_the_next_step(mailoutbox, django_capture_on_commit_callbacks):
    organisation = listed_accompanier()
    sacha = UserFactory(accompanier=True, organisation=organisation, first_name="Sacha")
    candidacy = CandidacyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.candidacy_accompanier_choose(actor=candidacy.candidate, candidacy=candidacy, accompanier=organisation)
    (mail,) = mailoutbox
    assert mail.to == [sacha.email]
    assert f"vous a choisi comme accompagnateur (candidature n° {candidacy.pk})" in mail.subject
    assert candidacy.candidate.get_full_name() in mail.subject
    assert f"le {french_date(timezone.localdate())}" in mail.body
    assert "Prochaine étape" in mail.body and "R6412-2" in mail.body
    assert reverse("web:pathway_detail", kwargs={"pk": candidacy.pk}) in mail.body
    assert [email.template for email in notifications_of(user=sacha)] == ["pathway_accompanier_chosen"]
    assert not notifications_of(user=candidacy.candidate).filter(template="pathway_accompanier_chosen").exists()


def test_choosing_at_registration_tells_the_accompanier_but_not_the_adviser_who_registered(
    django_capture_on_commit_callbacks,
):
    organisation = listed_accompanier()
    adviser = UserFactory(accompanier=True, organisation=organisation)
    colleague = UserFactory(accompanier=True, organisation=organisation)
    candidate = UserFactory(candidate=True)
    candidacy = register(
        actor=adviser,
        candidate=candidate,
        accompaniment_mode="accompanied",
        accompanier=organisation,
        registered_on=dt.date(2024, 6, 1),
    )
    emails = OutboundEmail.objects.filter(template="pathway_accompanier_chosen")
    assert [email.recipient for email in emails] == [colleague]
    assert f"candidature n° {candidacy.pk}" in emails.get().subject


def test_an_autonomous_registration_emails_no_accompanier():
    CandidacyFactory()
    assert not OutboundEmail.objects.filter(template="pathway_accompanier_chosen").exists()
