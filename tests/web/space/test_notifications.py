"""« Mes notifications » (issue 15, point 4): the e-mails sent to me about my files, newest first, each with its
date and a link to its page; another person's message answers 404; the copies are erased with the candidacy's
personal data (R6411-6)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from acquis.documents.text import french_date
from acquis.notifications.erasure import ERASED_SUBJECT
from acquis.notifications.models import OutboundEmail
from acquis.notifications.selectors import notifications_of
from acquis.notifications.services import notification_queue
from acquis.pathways import services
from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory, listed_accompanier

pytestmark = pytest.mark.django_db


def _message(person, key: str, path: str = "/parcours/") -> OutboundEmail:
    return notification_queue(
        to=person.email,
        template="welcome",
        context={"first_name": key},
        idempotency_key=f"test:{person.pk}:{key}",
        recipient=person,
        path=path,
    )


def test_the_list_shows_my_messages_only_newest_first_with_a_link(client):
    me, other = UserFactory(candidate=True), UserFactory(candidate=True)
    first, second = _message(me, "premier", "/conges-vae/1/"), _message(me, "second", "/parcours/2/")
    theirs = _message(other, "autre")
    # Account e-mails (sign-up, password) carry no recipient: never listed, they hold a secret link.
    notification_queue(to=me.email, template="welcome", context={"first_name": "x"}, idempotency_key="test:account")
    client.force_login(me)
    page = client.get(reverse("web:notifications")).content.decode()
    second_link = reverse("web:notification", kwargs={"pk": second.pk})
    first_link = reverse("web:notification", kwargs={"pk": first.pk})
    assert second_link in page and first_link in page
    assert page.index(second_link) < page.index(first_link)  # newest first
    assert reverse("web:notification", kwargs={"pk": theirs.pk}) not in page
    assert 'href="/parcours/2/"' in page and 'href="/conges-vae/1/"' in page
    assert "Messages reçus (2)" in page
    assert f"{french_date(timezone.localtime(second.queued_at))}" in page


def test_a_message_opens_for_its_recipient_and_is_not_found_for_anyone_else(client):
    me = UserFactory(candidate=True)
    email = _message(me, "Lucie")
    url = reverse("web:notification", kwargs={"pk": email.pk})
    client.force_login(me)
    response = client.get(url)
    assert response.status_code == 200 and "Bonjour Lucie" in response.content.decode()
    for someone in (UserFactory(candidate=True), UserFactory(gip_staff=True), UserFactory(superuser=True)):
        client.force_login(someone)
        assert client.get(url).status_code == 404
    assert client.get(reverse("web:notification", kwargs={"pk": email.pk + 1000})).status_code == 404


def test_anonymising_a_candidacy_erases_its_emails_and_takes_them_off_the_lists():
    organisation = listed_accompanier()
    adviser = UserFactory(accompanier=True, organisation=organisation)
    candidacy = CandidacyFactory(accompanier=organisation, complete=True)
    other = CandidacyFactory(accompanier=organisation, complete=True)
    emails = OutboundEmail.objects.filter(idempotency_key__startswith=f"pathway:{candidacy.pk}:")
    assert {email.recipient for email in emails} == {adviser, candidacy.candidate}
    services.candidacy_anonymise(actor=None, candidacy=candidacy, on=timezone.localdate())
    assert set(emails.values_list("subject", "body", "to", "recipient")) == {(ERASED_SUBJECT, "", "", None)}
    assert not notifications_of(user=adviser).filter(idempotency_key__startswith=f"pathway:{candidacy.pk}:").exists()
    # The other candidacy's e-mails are kept.
    kept = OutboundEmail.objects.filter(idempotency_key__startswith=f"pathway:{other.pk}:")
    assert kept.exists() and ERASED_SUBJECT not in set(kept.values_list("subject", flat=True))
