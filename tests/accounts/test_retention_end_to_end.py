"""Retention end to end (R6411-3 to R6411-6, security review M2): one person in every role and every store of
Acquis, a retention run long after the limit, then nothing of them anywhere — every column of every table is
scanned for their names, e-mails and identifiers, the files are gone from storage, and the run logged nothing
of them."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from acquis.accounts.enums import Role
from acquis.accounts.models import User
from acquis.accounts.retention import personal_data_retention_run
from acquis.accounts.services import membership_revoke
from acquis.leave.models import LeaveAttachment, LeaveRequestTransition
from acquis.pathways import services as pathway_services
from acquis.pathways.models import FeasibilityAttachment
from tests.accounts.factories import UserFactory
from tests.leave.factories import LeaveRequestFactory
from tests.pathways.factories import CandidacyFactory, invitation_link

ROLES = ("candidate", "employee", "employer", "accompanier", "certifier", "funder", "cpc_secretariat", "gip_staff")
NOTE = "Recours Zéphyrine-candidate devant le tribunal administratif"


def _person(role: str) -> User:
    traits = {} if role == "employee" else {role: True}
    return UserFactory(
        email=f"zephyrine.{role}@exemple.fr",
        first_name="Zéphyrine",
        last_name=f"Quasimodo-{role}",
        **traits,
    )


def _texts(instance: models.Model) -> str:
    """Every stored value of a row, as text (JSON included)."""
    return " ".join(str(getattr(instance, field.attname)) for field in instance._meta.concrete_fields)


def _rows_mentioning(needles: list[str]) -> list[str]:
    found = []
    for model in apps.get_models():
        for instance in model._base_manager.all().iterator():
            text = _texts(instance).lower()
            found += [f"{model._meta.label} n° {instance.pk} : {n}" for n in needles if n.lower() in text]
    return found


@pytest.fixture
def everyone(client, django_capture_on_commit_callbacks):
    """One person per role, each leaving data in the stores their role reaches."""
    people = {role: _person(role) for role in ROLES}
    with django_capture_on_commit_callbacks(execute=True):
        candidacy = CandidacyFactory(candidate=people["candidate"], result_full=True)
        pathway_services.candidacy_litigation_set(
            actor=people["gip_staff"], candidacy=candidacy, pending=True, note=NOTE
        )
        pathway_services.candidacy_litigation_set(actor=people["gip_staff"], candidacy=candidacy, pending=False)
        leave = LeaveRequestFactory(employee=people["employee"], answered_accept=True)
        invitation_link(accompanier=people["accompanier"], email="zephyrine.invitee@exemple.fr")
    # A failed login and a successful one (django-axes' record and the audit log's).
    client.post("/connexion/", {"email": people["employee"].email, "password": "faux"})
    # Professionals leave their organisation: their accounts are then the person's alone.
    for role, user in people.items():
        for membership in user.memberships.filter(revoked_at=None).exclude(role=Role.CANDIDATE):
            membership_revoke(membership=membership, actor=people["gip_staff"] if role != "gip_staff" else None)
    User.objects.filter(pk=people["candidate"].pk).update(identity_provider="franceconnect", oidc_subject="fc-zephyr")
    files = [a.document.name for a in FeasibilityAttachment.objects.filter(file__candidacy=candidacy)]
    files += [a.file.name for a in LeaveAttachment.objects.filter(request=leave)]
    return people, files


def test_nothing_of_anyone_is_left_anywhere_after_retention(everyone, caplog, django_capture_on_commit_callbacks):
    people, files = everyone
    needles = ["Zéphyrine", "Quasimodo", "zephyrine.", "fc-zephyr", NOTE]
    assert len(_rows_mentioning(needles)) > 20  # the scan finds them before the run: it can fail
    assert files and all(default_storage.exists(name) for name in files)
    assert LeaveRequestTransition.objects.count() == 2  # sent, answered

    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        report = personal_data_retention_run(on=timezone.localdate() + dt.timedelta(days=3 * 366))

    assert report.counts["candidacies"] == 1
    assert report.counts["leave_requests"] == 1
    assert not LeaveRequestTransition.objects.exists()  # erased with its request (on_delete=CASCADE)
    assert report.counts["invitations"] == 1
    assert report.counts["accounts"] == len(ROLES)
    assert _rows_mentioning(needles) == []
    assert [name for name in files if default_storage.exists(name)] == []
    assert not [n for n in needles if n.lower() in caplog.text.lower()]
    for user in User.objects.filter(pk__in=[p.pk for p in people.values()]):
        assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
        assert not user.has_usable_password()


def test_nothing_is_erased_before_the_limit(everyone, django_capture_on_commit_callbacks):
    people, files = everyone

    with django_capture_on_commit_callbacks(execute=True):
        report = personal_data_retention_run(on=timezone.localdate() + dt.timedelta(days=30))

    assert report.counts["leave_requests"] == report.counts["accounts"] == report.counts["emails"] == 0
    assert User.objects.filter(email=people["employee"].email, is_active=True).exists()
    assert all(default_storage.exists(name) for name in files[1:])  # the leave request's file


def test_a_professional_still_in_an_organisation_keeps_the_account(django_capture_on_commit_callbacks):
    worker = UserFactory(certifier=True, email="zephyrine.active@exemple.fr")

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_retention_run(on=timezone.localdate() + dt.timedelta(days=3 * 366))

    worker.refresh_from_db()
    assert worker.is_active and worker.email == "zephyrine.active@exemple.fr"


def test_a_rolled_back_anonymisation_leaves_the_files(django_capture_on_commit_callbacks):
    """The files go after the commit (security review L7): a failure inside the transaction keeps them."""
    candidacy = CandidacyFactory(filed=True, dropped_out=True)
    names = [a.document.name for a in FeasibilityAttachment.objects.filter(file__candidacy=candidacy)]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pathway_services.candidacy_anonymise(actor=None, candidacy=candidacy, on=dt.date(2030, 1, 1))

    assert names and all(default_storage.exists(name) for name in names)  # nothing deleted before the commit
    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in names)
