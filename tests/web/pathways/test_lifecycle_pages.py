"""The lifecycle pages (acquis/web/pathways/lifecycle.py): each one renders, writes through its service with an
audit event, shows the service's French refusal with nothing saved, and refuses the actors it is not for; the
candidacy page links to them only for the actors allowed; the GIP's retention report changes nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from acquis.audit.enums import EventType
from acquis.audit.models import AuditEvent
from acquis.pathways import services
from acquis.pathways.models import Candidacy, JuryResult
from tests.accounts.factories import UserFactory
from tests.pathways.factories import CandidacyFactory, certification
from tests.web.pathways.support import text

TODAY = timezone.localdate
D = dt.date


def _ago(days: int) -> dt.date:
    return TODAY() - dt.timedelta(days=days)


def _events(candidacy: Candidacy, action: EventType) -> int:
    return AuditEvent.objects.filter(
        object_type="pathways.candidacy", object_id=str(candidacy.pk), action=action
    ).count()


def _certifier_of(candidacy: Candidacy):
    return UserFactory(certifier=True, organisation=candidacy.certifier)


def _adviser_of(candidacy: Candidacy):
    return UserFactory(accompanier=True, organisation=candidacy.accompanier)


def _detail(client, candidacy: Candidacy) -> str:
    return text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))


def _refused(client, url: str, *users, data=None) -> None:
    for user in users:
        client.force_login(user)
        # 404 for whoever may not read the candidacy (one visibility policy), 403 for a reader lacking the right.
        assert client.get(url).status_code in (403, 404), user
        assert client.post(url, data or {}).status_code in (403, 404), user


def test_legitimate_reason_keeps_the_admissibility_from_lapsing(client):
    candidacy = CandidacyFactory(accompanied=True, admissible=True, started_on=_ago(130))
    url = reverse("web:pathway_legitimate_reason", args=[candidacy.pk])
    client.force_login(_adviser_of(candidacy))
    assert url in _detail(client, candidacy)
    page = client.get(url)
    assert page.status_code == 200
    assert "R6412-4" in text(page) and "la recevabilité deviendrait caduque le" in text(page)
    empty = client.post(url, {"reason": "", "recorded_on": TODAY().isoformat()})
    assert empty.status_code == 400 and "Indiquez le motif légitime." in text(empty)
    # The error is tied to its field for screen readers, and listed in the summary with a link to it.
    assert 'aria-describedby="id_reason-erreur"' in text(empty) and 'href="#id_reason"' in text(empty)
    assert "<title>Enregistrer un motif légitime — Acquis</title>" in text(empty)
    future = client.post(url, {"reason": "Hospitalisation", "recorded_on": (TODAY() + dt.timedelta(days=3))})
    assert future.status_code == 400 and "ne peut pas être postérieure à aujourd'hui" in text(future)
    candidacy.refresh_from_db()
    assert candidacy.legitimate_reason_on is None
    assert _events(candidacy, EventType.CANDIDACY_LEGITIMATE_REASON_RECORDED) == 0
    done = client.post(url, {"reason": "Hospitalisation", "recorded_on": _ago(2).isoformat()})
    assert done.status_code == 302 and done["Location"] == reverse("web:pathway_detail", args=[candidacy.pk])
    candidacy.refresh_from_db()
    assert candidacy.legitimate_reason == "Hospitalisation" and candidacy.legitimate_reason_on == _ago(2)
    assert _events(candidacy, EventType.CANDIDACY_LEGITIMATE_REASON_RECORDED) == 1
    assert "Une démarche ou un motif légitime est enregistré" in _detail(client, candidacy)
    client.force_login(_certifier_of(candidacy))
    assert url not in _detail(client, candidacy)
    _refused(client, url, _certifier_of(candidacy), UserFactory(gip_staff=True), UserFactory(candidate=True))


def test_archive_with_its_reason_and_not_while_the_decision_is_awaited(client):
    candidacy = CandidacyFactory(started_on=_ago(50))
    url = reverse("web:pathway_archive", args=[candidacy.pk])
    client.force_login(candidacy.candidate)
    assert url in _detail(client, candidacy)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400 and "Choisissez le motif de l'archivage." in text(refused)
    candidacy.refresh_from_db()
    assert candidacy.closure == "" and _events(candidacy, EventType.CANDIDACY_ARCHIVED) == 0
    assert client.post(url, {"reason": "duplicate", "note": "Inscrite deux fois"}).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.closure == "archived" and candidacy.closure_reason == "duplicate"
    assert _events(candidacy, EventType.CANDIDACY_ARCHIVED) == 1
    assert "État : archivée" in _detail(client, candidacy)
    # While the certifier instructs the admissibility, the service refuses: no link, and the page says why.
    pending = CandidacyFactory(complete=True, started_on=_ago(50))
    pending_url = reverse("web:pathway_archive", args=[pending.pk])
    client.force_login(pending.candidate)
    assert pending_url not in _detail(client, pending)
    awaited = client.post(pending_url, {"reason": "inactivity"})
    assert awaited.status_code == 400 and "La décision du certificateur sur la recevabilité est attendue" in text(
        awaited
    )
    pending.refresh_from_db()
    assert pending.closure == "" and _events(pending, EventType.CANDIDACY_ARCHIVED) == 0
    _refused(client, pending_url, _certifier_of(pending), UserFactory(funder=True), data={"reason": "inactivity"})


def test_reorientation_towards_another_certification_found_in_the_registry(client):
    candidacy = CandidacyFactory(started_on=_ago(50))
    target = certification()
    block = target.blocks.order_by("code").first()
    url = reverse("web:pathway_reorient", args=[candidacy.pk])
    client.force_login(candidacy.candidate)
    assert url in _detail(client, candidacy)
    page = client.get(url, {"recherche": target.title})
    assert page.status_code == 200 and target.code in text(page) and block.code in text(page)
    unknown = client.post(url, {"certification_code": "RNCP0", "block_codes": ""})
    assert unknown.status_code == 400 and "La fiche RNCP0 n'est pas dans le répertoire" in text(unknown)
    foreign = client.post(url, {"certification_code": target.code, "block_codes": "RNCP0BC01"})
    assert foreign.status_code == 400 and "Ces blocs n'appartiennent pas à la certification : RNCP0BC01." in text(
        foreign
    )
    same = client.post(url, {"certification_code": candidacy.certification.code})
    assert same.status_code == 400 and "La candidature vise déjà cette certification et ces blocs" in text(same)
    assert Candidacy.objects.count() == 1 and Candidacy.objects.get().closure == ""
    assert _events(candidacy, EventType.CANDIDACY_REORIENTED) == 0
    done = client.post(url, {"certification_code": target.code.lower(), "block_codes": block.code, "note": "Projet"})
    new = Candidacy.objects.exclude(pk=candidacy.pk).get()
    assert done.status_code == 302 and done["Location"] == reverse("web:pathway_detail", args=[new.pk])
    candidacy.refresh_from_db()
    assert candidacy.closure == "reoriented" and candidacy.reoriented_to == new
    assert new.certification == target and list(new.blocks.all()) == [block] and new.started_on == TODAY()
    assert _events(candidacy, EventType.CANDIDACY_REORIENTED) == 1
    assert reverse("web:pathway_detail", args=[new.pk]) in _detail(client, candidacy)
    _refused(client, url, _certifier_of(candidacy), UserFactory(candidate=True))


def test_reopening_an_archived_candidacy_but_not_a_reoriented_one(client):
    candidacy = CandidacyFactory(archived=True, started_on=_ago(50))
    url = reverse("web:pathway_reopen", args=[candidacy.pk])
    client.force_login(UserFactory(gip_staff=True))
    assert url in _detail(client, candidacy)
    page = client.get(url)
    assert page.status_code == 200 and "Archivée le" in text(page)
    assert client.post(url).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.closure == "" and candidacy.closed_on is None
    assert _events(candidacy, EventType.CANDIDACY_REOPENED) == 1
    assert url not in _detail(client, candidacy)  # open again: no reopening to offer
    again = client.post(url)
    assert again.status_code == 400 and "Cette candidature n'est pas clôturée." in text(again)
    reoriented = CandidacyFactory(started_on=_ago(50))
    services.candidacy_reorient(actor=None, candidacy=reoriented, certification=certification())
    reoriented_url = reverse("web:pathway_reopen", args=[reoriented.pk])
    refused = client.post(reoriented_url)
    assert refused.status_code == 400 and "Une candidature réorientée ne se rouvre pas" in text(refused)
    reoriented.refresh_from_db()
    assert reoriented.closure == "reoriented" and _events(reoriented, EventType.CANDIDACY_REOPENED) == 0
    _refused(client, reoriented_url, _certifier_of(reoriented), UserFactory(statistician=True))


def test_gip_records_then_lifts_a_litigation(client):
    candidacy = CandidacyFactory(result_refused=True, started_on=_ago(130))
    url = reverse("web:pathway_litigation", args=[candidacy.pk])
    client.force_login(candidacy.candidate)
    assert url not in _detail(client, candidacy)
    client.force_login(UserFactory(gip_staff=True))
    assert "Enregistrer un contentieux" in _detail(client, candidacy)
    page = client.get(url)
    assert page.status_code == 200 and "Aucun contentieux n'est enregistré." in text(page) and "R6411-6" in text(page)
    unchosen = client.post(url, {"note": "Requête n° 1"})
    assert unchosen.status_code == 400 and "Indiquez si un contentieux est en cours." in text(unchosen)
    assert 'aria-labelledby="id_pending-legende id_pending-erreur"' in text(unchosen)
    unnamed = client.post(url, {"pending": "true", "note": " "})
    assert unnamed.status_code == 400 and "Indiquez la référence du contentieux." in text(unnamed)
    candidacy.refresh_from_db()
    assert not candidacy.litigation_pending and _events(candidacy, EventType.CANDIDACY_LITIGATION_SET) == 0
    assert client.post(url, {"pending": "true", "note": "TA Toulouse n° 2401234"}).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.litigation_pending
    event = AuditEvent.objects.get(action=EventType.CANDIDACY_LITIGATION_SET, object_id=str(candidacy.pk))
    # The reference is personal: kept beside the append-only event, where retention can erase it.
    assert event.payload == {"pending": True}
    assert event.detail.data == {"note": "TA Toulouse n° 2401234"}
    assert "Lever le contentieux" in _detail(client, candidacy)
    assert client.post(url, {"pending": "false"}).status_code == 302
    candidacy.refresh_from_db()
    assert not candidacy.litigation_pending and _events(candidacy, EventType.CANDIDACY_LITIGATION_SET) == 2
    _refused(client, url, candidacy.candidate, _certifier_of(candidacy), data={"pending": "true", "note": "X"})


def test_certifier_withdraws_a_result_for_fraud_after_inviting_observations(client):
    candidacy = CandidacyFactory(result_full=True, started_on=_ago(130))
    result = JuryResult.objects.get(session__validation_file__candidacy=candidacy)
    observations = reverse("web:pathway_result_observations", args=[candidacy.pk])
    withdraw = reverse("web:pathway_result_withdraw", args=[candidacy.pk])
    certifier = _certifier_of(candidacy)
    client.force_login(certifier)
    detail = _detail(client, candidacy)
    assert observations in detail and withdraw not in detail
    # Withdrawing before the candidate was invited to present observations is refused.
    early = client.post(withdraw, {"withdrawn_on": TODAY().isoformat()})
    assert early.status_code == 400 and "Invitez d'abord le candidat à présenter ses observations." in text(early)
    page = client.get(observations)
    assert page.status_code == 200 and "validation totale" in text(page)
    empty = client.post(observations, {"reason": "", "requested_on": TODAY().isoformat()})
    assert empty.status_code == 400 and "Indiquez les faits reprochés au candidat." in text(empty)
    result.refresh_from_db()
    assert result.observations_requested_on is None
    assert _events(candidacy, EventType.JURY_RESULT_OBSERVATIONS_REQUESTED) == 0
    facts = {"reason": "Attestation d'employeur falsifiée", "requested_on": _ago(2).isoformat()}
    assert client.post(observations, facts).status_code == 302
    result.refresh_from_db()
    assert result.observations_requested_on == _ago(2) and result.withdrawal_reason == facts["reason"]
    assert _events(candidacy, EventType.JURY_RESULT_OBSERVATIONS_REQUESTED) == 1
    assert withdraw in _detail(client, candidacy)
    assert "Observations demandées au candidat le" in text(client.get(withdraw))
    before = client.post(withdraw, {"withdrawn_on": _ago(3).isoformat()})
    assert before.status_code == 400 and "Le retrait ne peut pas précéder la demande d'observations." in text(before)
    result.refresh_from_db()
    assert result.withdrawn_on is None and _events(candidacy, EventType.JURY_RESULT_WITHDRAWN) == 0
    done = client.post(withdraw, {"withdrawn_on": TODAY().isoformat(), "observations": "Conteste les faits."})
    assert done.status_code == 302
    result.refresh_from_db()
    candidacy.refresh_from_db()
    assert result.withdrawn_on == TODAY() and result.candidate_observations == "Conteste les faits."
    assert candidacy.result_withdrawn_on == TODAY() and _events(candidacy, EventType.JURY_RESULT_WITHDRAWN) == 1
    page = _detail(client, candidacy)
    assert "résultat retiré pour fraude" in page and withdraw not in page and observations not in page
    _refused(client, observations, candidacy.candidate, UserFactory(gip_staff=True))
    _refused(client, withdraw, candidacy.candidate, UserFactory(gip_staff=True))


def test_fraud_pages_need_a_recorded_result(client):
    candidacy = CandidacyFactory(jury=True, started_on=_ago(130))
    client.force_login(_certifier_of(candidacy))
    for name in ("web:pathway_result_observations", "web:pathway_result_withdraw"):
        assert client.get(reverse(name, args=[candidacy.pk])).status_code == 404


def test_missing_candidacy_is_404(client):
    client.force_login(UserFactory(gip_staff=True))
    for name in ("web:pathway_archive", "web:pathway_reopen", "web:pathway_litigation", "web:pathway_reorient"):
        assert client.get(reverse(name, args=[999_999])).status_code == 404


def test_retention_report_shows_what_a_run_would_do_and_changes_nothing(client):
    due = CandidacyFactory(result_refused=True, started_on=D(2024, 6, 1))  # ended 2024-09-29
    held = CandidacyFactory(result_refused=True, started_on=D(2024, 6, 1))
    services.candidacy_litigation_set(actor=None, candidacy=held, pending=True, note="Requête n° 7")
    kept = CandidacyFactory(dropped_out=True, started_on=_ago(50))  # ended today
    url = reverse("web:pathway_retention")
    client.force_login(UserFactory(gip_staff=True))
    assert url in text(client.get(reverse("web:staff_dashboard")))
    response = client.get(url)
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.counts == {"anonymise": 1, "litigation": 1, "no_rule": 0, "kept": 1}
    assert [row.candidacy.pk for row in overview.due] == [due.pk]
    assert [row.candidacy.pk for row in overview.held] == [held.pk]
    page = text(response)
    assert "rien n'est modifié" in page and "À anonymiser (durée de conservation écoulée)" in page
    assert reverse("web:pathway_detail", args=[due.pk]) in page
    assert reverse("web:pathway_litigation", args=[held.pk]) in page
    assert reverse("web:pathway_detail", args=[kept.pk]) not in page
    assert not Candidacy.objects.filter(anonymised_on__isnull=False).exists()
    assert not AuditEvent.objects.filter(action=EventType.CANDIDACY_ANONYMISED).exists()
    for user in (due.candidate, _certifier_of(due), UserFactory(statistician=True)):
        client.force_login(user)
        assert client.get(url).status_code == 403, user
    client.logout()
    assert client.get(url)["Location"].startswith("/connexion/?next=")
