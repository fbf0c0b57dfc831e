"""« Mon espace » (issue 15, point 6): after login, one section per role with what waits for the person — counts
from the worklists' selectors, what is late first, each count a link to the filtered list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from acquis.accounts.enums import Role
from acquis.leave import selectors as leave
from acquis.pathways import selectors as pathways
from acquis.web.space.sections import sections_of
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import LeaveRequestFactory
from tests.pathways.factories import CandidacyFactory

pytestmark = pytest.mark.django_db


def _counts(section) -> dict[str, int]:
    return {count.label: count.count for count in section.ordered}


def test_login_leads_to_my_space(client):
    person = UserFactory(candidate=True)
    person.set_password("mot-de-passe-solide-42")
    person.save()
    response = client.post(reverse("web:login"), {"email": person.email, "password": "mot-de-passe-solide-42"})
    assert response.status_code == 302 and response["Location"] == reverse("web:space")


def test_the_certifier_sees_late_files_first_with_counts_from_its_worklist(client):
    member = UserFactory(certifier=True)
    organisation = member.memberships.get().organisation
    # Juries held on 29/09/2024 without a result: late. One file filed, its receipt to confirm. One registration
    # only (not addressed to the certifier yet) and another certifier's late file: not counted.
    late = [CandidacyFactory(certifier=organisation, jury=True) for _ in range(2)]
    CandidacyFactory(certifier=organisation, filed=True)
    CandidacyFactory(certifier=organisation)
    CandidacyFactory(jury=True)
    (section,) = [s for s in sections_of(member) if s.role == "certifier"]
    counts = _counts(section)
    assert counts["Échéances dépassées"] == 2
    assert counts["Dossier de faisabilité déposé, réception à confirmer"] == 1
    assert counts["Jury programmé"] == 2
    assert section.ordered[0].overdue and section.ordered[0].label == "Échéances dépassées"
    assert f"siret={organisation.siret}" in section.ordered[0].url and "echeances=1" in section.ordered[0].url
    # The same late files the worklist marks « en retard » when every row is computed.
    worklist = pathways.worklist(scope="certifier", organisation=organisation, due_within=dt.timedelta(days=14))
    assert sorted(row.pk for row in worklist.rows if row.overdue) == sorted(c.pk for c in late)
    client.force_login(member)
    page = client.get(reverse("web:space")).content.decode()
    assert page.index("En retard") < page.index("Jury programmé")
    assert section.ordered[0].url.replace("&", "&amp;") in page


def test_overdue_rows_equal_the_worklist_rows_marked_late():
    organisation = OrganisationFactory(certifier=True)
    for step in ("registered", "filed", "pieces", "complete", "admissible", "validation", "jury", "result_full"):
        CandidacyFactory(certifier=organisation, step=step)
    CandidacyFactory(certifier=organisation, jury=True, dropped_out=True)
    every = pathways.worklist_rows(pathways.Candidacy.objects.all(), timezone.localdate())
    assert sorted(r.pk for r in pathways.overdue_rows(condition=Q())) == sorted(r.pk for r in every if r.overdue)
    assert len(pathways.overdue_rows(condition=Q())) >= 2  # the jury without result, the late validation file


def test_the_employer_sees_requests_past_their_answer_delay_first_then_those_to_answer():
    hr = UserFactory(employer=True)
    organisation = hr.memberships.get().organisation
    old = LeaveRequestFactory(era_2023=True, sent=True, employer=organisation)
    fresh = LeaveRequestFactory(sent=True, employer=organisation, received=timezone.localdate())
    assert leave.leave_request_status(old).value == "deemed_accepted"
    assert leave.leave_request_status(fresh).value == "pending"
    LeaveRequestFactory(employer=organisation)  # a draft: the employer never sees it
    LeaveRequestFactory(era_2023=True, sent=True)  # another company's
    (section,) = [s for s in sections_of(hr) if s.role == "employer"]
    first, *rest = section.ordered
    assert first.overdue and first.count == 1 and "status=deemed_accepted" in first.url
    due = dt.date.fromisoformat(leave.leave_answer_due(fresh).value)
    soon = 1 if due <= timezone.localdate() + dt.timedelta(days=14) else 0
    assert _counts(section)["À répondre"] == 1
    assert _counts(section).get("À répondre dans les 14 jours", 0) == soon
    assert not [s for s in sections_of(hr) if s.role in ("certifier", "accompanier", "candidate")]


def test_the_candidate_and_employee_sections_count_their_own_files_only():
    person = UserFactory(candidate=True)
    CandidacyFactory(candidate=person, filed=True)
    CandidacyFactory(candidate=person)
    CandidacyFactory(filed=True)  # someone else's
    LeaveRequestFactory(employee=person)  # a draft to send
    sections = {s.role: s for s in sections_of(person)}
    assert _counts(sections["candidate"]) == {
        "Inscrite, dossier de faisabilité non déposé": 1,
        "Dossier de faisabilité déposé, réception à confirmer": 1,
    }
    assert _counts(sections["employee"]) == {"Brouillon à envoyer": 1}
    assert sections["employee"].ordered[0].url == reverse("web:leave_list")


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_role_gets_its_section_and_the_page_answers(client, role):
    person = UserFactory(role=role)
    client.force_login(person)
    response = client.get(reverse("web:space"))
    assert response.status_code == 200
    section_role = {"gip_staff": "gip_staff"}.get(role, role)
    assert f'data-role="{section_role}"' in response.content.decode()
