"""Governance writes: composition checked under the version in force on the appointment date, errors that
save nothing, the minister's reasons, opinions and GIP members."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from acquis.certifications.models import Certification
from acquis.governance.models import CompositionChange, GipMember, Member
from acquis.governance.selectors import stored_decision
from acquis.governance.services import (
    branch_proposal_decide,
    branch_proposal_record,
    commission_member_add,
    commission_member_replace,
    gip_member_add,
    opinion_record,
    programme_adopt,
)
from acquis.rules.decision import Decision
from tests.governance.factories import CommissionFactory, composition, member_data, member_of

pytestmark = pytest.mark.django_db


def _compose(commission, rows):
    change = None
    for data in rows:
        change = commission_member_add(commission=commission, data=data)
    return change


def _same_sex(rows):
    return [row | {"substitute_sex": row["sex"]} for row in rows]


def test_a_full_composition_is_valid_and_its_decision_is_kept_unchanged():
    commission = CommissionFactory(full=True)
    change = commission.changes.latest()
    decision = stored_decision(change)
    assert decision.value == {"valid": True, "violations": []}
    assert decision.rule_version == "2019-11-04"
    assert Decision.from_dict(change.decision).to_dict() == change.decision
    assert change.facts["representative_unions"] == ["CGT", "CFDT", "CGT-FO", "CFE-CGC", "CFTC"]


def test_same_sex_substitutes_break_the_2019_09_01_wording_only():
    before = CommissionFactory(term_start=dt.date(2019, 10, 1))
    change = _compose(before, _same_sex(composition(dt.date(2019, 10, 1))))
    assert change.decision["value"] == {"valid": False, "violations": ["substitute_same_sex"]}
    assert {s["legiarti"] for s in change.decision["sources"]} == {"LEGIARTI000037876436"}

    after = CommissionFactory(term_start=dt.date(2019, 11, 4))
    change = _compose(after, _same_sex(composition(dt.date(2019, 11, 4))))
    assert change.decision["value"] == {"valid": True, "violations": []}


def test_replacing_a_member_fixes_a_missing_union_and_the_old_member_leaves():
    commission = CommissionFactory(full=True)
    cftc = member_of(commission, organisation="CFTC")
    change = commission_member_replace(
        member=cftc, data=member_data("union", 9, appointed_on=dt.date(2021, 1, 4), organisation="SUD")
    )
    assert change.decision["value"]["violations"] == ["union_missing", "union_not_representative"]
    cftc.refresh_from_db()
    assert cftc.ended_on == dt.date(2021, 1, 4) and cftc.replaced_by == change.member

    sud = change.member
    fixed = commission_member_replace(
        member=sud, data=member_data("union", 10, appointed_on=dt.date(2021, 2, 1), organisation="CFTC")
    )
    assert fixed.decision["value"] == {"valid": True, "violations": []}


def test_an_appointment_when_the_corpus_lacks_the_text_is_saved_but_not_checked():
    commission = CommissionFactory(full=True)
    change = commission_member_add(
        commission=commission, data=member_data("associate", 7, appointed_on=dt.date(2021, 5, 3), organisation="X")
    )
    assert change.decision is None and change.error_code == "no_version_in_force"


def test_a_state_member_without_ministry_or_a_half_substitute_saves_nothing():
    commission = CommissionFactory()
    members, changes = Member.objects.count(), CompositionChange.objects.count()
    with pytest.raises(ValidationError) as error:
        commission_member_add(commission=commission, data=member_data("state", 0, appointed_on=dt.date(2020, 3, 2)))
    assert "ministre" in str(error.value)
    with pytest.raises(ValidationError, match="suppléant"):
        commission_member_add(
            commission=commission,
            data=member_data("union", 0, appointed_on=dt.date(2020, 3, 2), organisation="CGT", substitute_sex=""),
        )
    assert (Member.objects.count(), CompositionChange.objects.count()) == (members, changes)


def test_a_minister_refusing_a_proposal_must_give_reasons():
    programme = programme_adopt(
        commission=CommissionFactory(),
        year=2025,
        adopted_on=dt.date(2025, 1, 15),
        published_on=dt.date(2025, 1, 20),
        content="P",
    )
    proposal = branch_proposal_record(
        programme=programme, branch_commission="CPNE", title="CQP", notified_on=None, submitted_on=dt.date(2025, 3, 1)
    )
    with pytest.raises(ValidationError, match="raisons"):
        branch_proposal_decide(proposal=proposal, decision="refused", reasons="  ")
    with pytest.raises(ValidationError, match="raisons"):
        branch_proposal_decide(proposal=proposal, decision="partially_accepted", reasons="")
    proposal.refresh_from_db()
    assert proposal.minister_decision == "pending"
    branch_proposal_decide(proposal=proposal, decision="accepted", reasons="")
    proposal.refresh_from_db()
    assert proposal.minister_decision == "accepted"


def test_an_opinion_is_simple_for_a_diploma_required_to_practise_and_links_the_registry_entry():
    certification = Certification.objects.create(code="RNCP4503", title="Diplôme d'État d'infirmier", level=6)
    commission = CommissionFactory()
    simple = opinion_record(
        commission=commission,
        subject="revision",
        required_for_profession=True,
        rncp_code="rncp4503",
        certification_title="",
        outcome="favourable",
        given_on=dt.date(2026, 3, 1),
    )
    assert (simple.kind, simple.certification, simple.certification_title) == (
        "simple",
        certification,
        certification.title,
    )
    conforme = opinion_record(
        commission=commission,
        subject="creation",
        required_for_profession=False,
        rncp_code="",
        certification_title="BTS Nouveau",
        outcome="unfavourable",
        given_on=dt.date(2026, 3, 1),
    )
    assert (conforme.kind, conforme.certification) == ("conforme", None)
    with pytest.raises(ValidationError, match="intitulé"):
        opinion_record(
            commission=commission,
            subject="creation",
            required_for_profession=False,
            rncp_code="RNCP0000",
            certification_title="",
            outcome="favourable",
            given_on=dt.date(2026, 3, 1),
        )


@pytest.mark.parametrize(
    ("kind", "joined_on", "by_right", "legiarti"),
    [
        ("pole_emploi", dt.date(2023, 12, 31), True, "LEGIARTI000046773662"),
        # One legal person renamed on 2024-01-01: Pôle emploi is France Travail (loi 2023-1196 art. 6).
        ("pole_emploi", dt.date(2024, 1, 1), True, "LEGIARTI000048600352"),
        ("france_travail", dt.date(2023, 12, 31), True, "LEGIARTI000046773662"),
        ("france_travail", dt.date(2024, 1, 1), True, "LEGIARTI000048600352"),
        ("other", dt.date(2024, 1, 1), False, "LEGIARTI000048600352"),
    ],
)
def test_gip_membership_is_decided_by_the_rule_at_the_joining_date(kind, joined_on, by_right, legiarti):
    member = gip_member_add(name="Organisme", kind=kind, joined_on=joined_on)
    assert member.by_right is by_right
    assert {s["legiarti"] for s in member.decision["sources"]} == {legiarti}


def test_gip_membership_before_the_gip_existed_is_refused():
    with pytest.raises(ValidationError, match="ne peut pas décider"):
        gip_member_add(name="Région", kind="region", joined_on=dt.date(2022, 1, 1))
    assert not GipMember.objects.exists()
