"""Governance pages: public composition with violations explained, the secretariat's forms and scope."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from acquis.governance.models import Member
from acquis.governance.selectors import latest_composition_change
from acquis.governance.services import branch_proposal_record, commission_member_add, gip_member_add, programme_adopt
from tests.accounts.factories import UserFactory
from tests.governance.factories import CommissionFactory, composition

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return UserFactory(cpc_secretariat=True)


@pytest.fixture
def commission(secretariat):
    return CommissionFactory(organisation=secretariat.memberships.get().organisation)


def _member_post(**overrides):
    data = {
        "college": "state",
        "name": "Claire Martin",
        "organisation": "",
        "ministry": "",
        "sex": "female",
        "substitute_name": "Paul Durand",
        "substitute_sex": "male",
        "appointed_on": "02/03/2020",
        "term_years": "5",
    }
    return data | overrides


def test_the_public_sees_the_composition_and_each_violation_with_its_sentence(client, commission):
    for data in composition(commission.term_start):
        if data["organisation"] != "CFTC":
            commission_member_add(commission=commission, data=data)
    page = html.unescape(client.get(reverse("web:commission", kwargs={"pk": commission.pk})).content.decode())
    assert "ne respecte pas l'article R6113-22 (1 manquement)" in page
    assert "Une organisation syndicale représentative n'a pas de représentant." in page
    assert "union_missing" not in page and "CFTC" in page  # the French label, never the rule's code
    assert "1° Un représentant de chaque organisation syndicale de salariés représentative" in page
    assert "/droit/code-du-travail/R6113-22?date=2019-11-04" in page
    assert "Nommer un membre" not in page  # the public reads, the secretariat writes
    assert "Du 2 mars 2020 au 1er septembre 2022 : Organisations syndicales de salariés (1°)" in page


def test_the_secretariat_adds_a_member_with_a_clear_error_first(client, secretariat, commission):
    client.force_login(secretariat)
    url = reverse("web:member_add", kwargs={"pk": commission.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _member_post())
    assert response.status_code == 400
    assert "Indiquez le ministre qui désigne ce représentant de l'État." in html.unescape(response.content.decode())
    assert not Member.objects.exists()
    response = client.post(url, _member_post(ministry="vocational_training"))
    assert response.status_code == 302
    assert Member.objects.get().ministry == "vocational_training"


def test_another_secretariat_is_refused_and_the_gip_is_allowed(client, commission):
    url = reverse("web:commission_secretariat", kwargs={"pk": commission.pk})
    client.force_login(UserFactory(cpc_secretariat=True))
    assert client.get(url).status_code == 403
    assert client.post(reverse("web:member_add", kwargs={"pk": commission.pk}), _member_post()).status_code == 403
    client.force_login(UserFactory(gip_staff=True))
    assert client.get(url).status_code == 200


def test_late_proposals_are_flagged_and_a_refusal_needs_reasons(client, secretariat, commission):
    programme = programme_adopt(
        commission=commission,
        year=2025,
        adopted_on=dt.date(2025, 1, 15),
        published_on=dt.date(2025, 1, 31),
        content="Révision du BTS",
    )
    proposal = branch_proposal_record(
        programme=programme, branch_commission="CPNE", title="CQP", notified_on=None, submitted_on=dt.date(2025, 8, 1)
    )
    client.force_login(secretariat)
    page = client.get(reverse("web:commission_secretariat", kwargs={"pk": commission.pk})).content.decode()
    assert "Hors délai" in page and "31 mars 2025" in page and "31 juillet 2025" in page
    url = reverse("web:proposal_decide", kwargs={"pk": commission.pk, "proposal_id": proposal.pk})
    response = client.post(url, {f"p{proposal.pk}-decision": "refused", f"p{proposal.pk}-reasons": ""})
    assert response.status_code == 400
    assert "doit en donner les raisons" in response.content.decode()


def test_gip_members_page_shows_the_decision_and_only_the_gip_adds(client):
    gip_member_add(name="France Travail", kind="france_travail", joined_on=dt.date(2024, 1, 1))
    gip_member_add(name="Pôle emploi", kind="pole_emploi", joined_on=dt.date(2023, 1, 1))
    page = client.get(reverse("web:gip_members")).content.decode()
    assert "Membre de droit" in page and "/droit/code-du-travail/L6411-2?date=2024-01-01" in page
    assert "/droit/code-du-travail/L6411-2?date=2022-12-23" in page  # Pôle emploi's decision when it joined
    # …and today still a member by right: the text names France Travail, which Pôle emploi became (audit D4).
    assert "Pas membre de droit" not in page
    assert "(nommé aujourd'hui « l'opérateur France Travail »)" in html.unescape(page)
    assert "Enregistrer un membre" not in page
    client.force_login(UserFactory(cpc_secretariat=True))
    assert client.post(reverse("web:gip_member_create"), {}).status_code == 403
    client.force_login(UserFactory(gip_staff=True))
    response = client.post(
        reverse("web:gip_member_create"), {"name": "Région", "kind": "region", "joined_on": "01/01/2022"}
    )
    assert response.status_code == 400
    assert "La règle ne peut pas décider à cette date" in response.content.decode()


def test_commissions_are_created_only_for_a_cpc_secretariat(client):
    client.force_login(UserFactory(gip_staff=True))
    employer = UserFactory(employer=True).memberships.get().organisation
    assert client.get(reverse("web:commission_create", kwargs={"siret": employer.siret})).status_code == 404


def test_a_backdated_entry_does_not_hide_the_check_of_the_latest_composition(client, commission):
    for data in composition(commission.term_start):
        commission_member_add(commission=commission, data=data)
    commission_member_add(
        commission=commission,
        data=composition(dt.date(2020, 1, 6))[0]
        | {"name": "Entrée tardive", "organisation": "Association 9", "college": "associate"},
    )
    latest = latest_composition_change(commission=commission)
    assert latest.appointed_on == commission.term_start
    assert latest.decision["value"]["valid"] is True


def test_violation_details_are_in_french():
    from acquis.web.governance.presentation import french_detail

    assert french_detail("disability_council_count", 1, "1 member(s), the text requires 0") == (
        "1 membre(s) ; le texte en prévoit 0"
    )
    assert french_detail("state_national_education_missing", 0, "at least 1 required") == "au moins 1 requis"
    assert (
        french_detail("term_length", [6], "at most 5 years")
        == "mandats de 6 ans ; le texte fixe un mandat de 5 ans au plus"
    )
    assert french_detail("substitute_missing", [0, 2], "members (by position) without a substitute") == (
        "membres (par rang dans la liste) sans suppléant : 1, 3"
    )
    assert french_detail("union_missing", ["CFTC"], "CFTC") == "CFTC"


def test_the_secretariat_s_history_names_violations_in_french(client, secretariat, commission):
    for data in composition(commission.term_start):
        if data["organisation"] != "CFTC":
            commission_member_add(commission=commission, data=data)
    client.force_login(secretariat)
    page = html.unescape(
        client.get(reverse("web:commission_secretariat", kwargs={"pk": commission.pk})).content.decode()
    )
    assert "Une organisation syndicale représentative n'a pas de représentant." in page
    assert "union_missing" not in page
