"""Accompanier, certifier and GIP pathway pages: worklists scoped to the organisation, the certifier's refusals
(late decision R6412-4, jury composition D6412-6) with nothing saved, partial result, the accompaniers' list."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from acquis.accounts.enums import OrganisationKind
from acquis.pathways.models import AccompanierListing, Candidacy, JurySession
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.leave.factories import pdf
from tests.pathways.factories import CandidacyFactory, listed_accompanier
from tests.web.pathways.support import text

TODAY = timezone.localdate


def _ago(days: int) -> dt.date:
    return TODAY() - dt.timedelta(days=days)


def _certifier_of(candidacy):
    return UserFactory(certifier=True, organisation=candidacy.certifier)


def test_who_reads_a_candidacy(client):
    candidacy = CandidacyFactory(accompanied=True, filed=True, started_on=_ago(50))
    url = reverse("web:pathway_detail", args=[candidacy.pk])
    readers = [
        candidacy.candidate,
        UserFactory(accompanier=True, organisation=candidacy.accompanier),
        _certifier_of(candidacy),
        UserFactory(gip_staff=True),
    ]
    strangers = [
        UserFactory(candidate=True),
        UserFactory(accompanier=True, organisation=listed_accompanier()),
        UserFactory(certifier=True, organisation=OrganisationFactory(kind=OrganisationKind.CERTIFIER)),
        UserFactory(statistician=True),
        UserFactory(funder=True),
    ]
    for user in readers:
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in strangers:
        client.force_login(user)
        assert client.get(url).status_code == 404, user  # like a candidacy that does not exist


def test_certifier_worklist_lists_only_files_addressed_to_it(client):
    mine = CandidacyFactory(complete=True, started_on=_ago(50))
    CandidacyFactory(complete=True, started_on=_ago(50))  # another certifier's
    CandidacyFactory(certifier=mine.certifier, started_on=_ago(50))  # registered only: not yet addressed
    client.force_login(_certifier_of(mine))
    response = client.get(reverse("web:pathway_certifier_worklist"))
    page = text(response)
    assert response.status_code == 200
    assert f"n° {mine.pk}" in page and "Recevabilité en cours d'instruction" in page
    assert page.count("— ouvrir la candidature") == 1
    assert "décision du certificateur attendue au plus tard le" in page
    due = text(client.get(reverse("web:pathway_certifier_worklist"), {"echeances": "1"}))
    assert "échéances en retard puis dans les 14 jours" in due


def test_accompanier_worklist_and_opinion(client):
    candidacy = CandidacyFactory(accompanied=True, started_on=_ago(10))
    adviser = UserFactory(accompanier=True, organisation=candidacy.accompanier)
    client.force_login(adviser)
    page = text(client.get(reverse("web:pathway_accompanier_worklist")))
    assert f"n° {candidacy.pk}" in page and "Inscrite, dossier de faisabilité non déposé" in page
    url = reverse("web:pathway_opinion", args=[candidacy.pk])
    refused = client.post(url, {"opinion": "favourable", "text": ""})
    assert refused.status_code == 400 and "Motivez l'avis en quelques phrases." in text(refused)
    assert client.post(url, {"opinion": "favourable", "text": "Expérience solide."}).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.accompanier_opinion == "favourable"


def test_receipt_then_decision(client):
    candidacy = CandidacyFactory(filed=True, started_on=_ago(50))  # filed 20 days ago
    client.force_login(_certifier_of(candidacy))
    pieces = client.post(
        reverse("web:pathway_pieces_request", args=[candidacy.pk]),
        {"pieces": "Attestation employeur", "requested_on": _ago(15).isoformat()},
    )
    assert pieces.status_code == 302
    assert candidacy.feasibility.pieces_requests.get().requested_on == TODAY()  # the portal's clock
    # A typed receipt date (here, back-dated) is ignored: the « date certaine » is the day of the receipt.
    receipt = client.post(reverse("web:pathway_receipt", args=[candidacy.pk]), {"complete_on": _ago(16).isoformat()})
    assert receipt.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.file_complete_on == TODAY()
    refused = client.post(
        reverse("web:pathway_decide", args=[candidacy.pk]), {"kind": "not_admissible", "decided_on": TODAY()}
    )
    assert refused.status_code == 400 and "Indiquez les écarts" in text(refused)
    decided = client.post(
        reverse("web:pathway_decide", args=[candidacy.pk]),
        {"kind": "not_admissible", "decided_on": TODAY(), "gaps": "Encadrement", "recommendations": "Formation"},
    )
    assert decided.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.admissibility_kind == "not_admissible"


def test_decision_after_the_delay_is_refused_quoting_r6412_4_and_nothing_is_saved(client):
    candidacy = CandidacyFactory(complete=True, started_on=_ago(130))  # complete 90 days ago: delay over
    client.force_login(_certifier_of(candidacy))
    response = client.post(
        reverse("web:pathway_decide", args=[candidacy.pk]),
        {"kind": "not_admissible", "decided_on": TODAY(), "gaps": "x"},
    )
    assert response.status_code == 400
    page = text(response)
    assert "réputé recevable" in page and "R6412-4" in page
    candidacy.refresh_from_db()
    assert candidacy.admissibility_kind == ""


def _members(*rows):
    data = {"membre-TOTAL_FORMS": "4", "membre-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"membre-{index}-{key}": value for key, value in row.items()})
    return data


def test_jury_composition_violations_are_explained_with_d6412_6_and_nothing_is_saved(client):
    candidacy = CandidacyFactory(validation=True, started_on=_ago(130))
    client.force_login(_certifier_of(candidacy))
    url = reverse("web:pathway_jury_schedule", args=[candidacy.pk])
    assert client.get(url).status_code == 200
    data = {
        "held_on": TODAY().isoformat(),
        "held_at": "14:00",
        **_members({"name": "M. Seul", "sex": "M", "qualified": "on"}),
    }
    response = client.post(url, data)
    page = text(response)
    assert response.status_code == 400 and "D6412-6" in page
    assert "aucun président de jury n'est désigné" in page
    assert not JurySession.objects.exists()
    valid = {
        "held_on": TODAY().isoformat(),
        "held_at": "14:00",
        **_members(
            {"name": "Mme Présidente", "sex": "F", "qualified": "on", "is_chair": "on"},
            {"name": "M. Assesseur", "sex": "M", "qualified": "on"},
        ),
    }
    assert client.post(url, valid).status_code == 302
    assert JurySession.objects.get().members.count() == 2


def test_partial_result_with_blocks_then_notification(client):
    candidacy = CandidacyFactory(jury=True, started_on=_ago(130))
    client.force_login(_certifier_of(candidacy))
    url = reverse("web:pathway_jury_result", args=[candidacy.pk])
    refused = client.post(url, {"kind": "partial"})
    assert refused.status_code == 400 and "indique les blocs de compétences acquis" in text(refused)
    block = candidacy.certification.blocks.order_by("code").first()
    assert client.post(url, {"kind": "partial", "blocks": [block.pk]}).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.result_kind == "partial"
    notify = client.post(reverse("web:pathway_result_notify", args=[candidacy.pk]), {"notified_on": TODAY()})
    assert notify.status_code == 302
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert block.code in page and "notifié le" in page


def test_gip_keeps_the_accompaniers_list(client):
    organisation = OrganisationFactory(kind=OrganisationKind.ACCOMPANIER, name="Cap Avenir")
    client.force_login(UserFactory(gip_staff=True))
    url = reverse("web:pathway_accompaniers")
    expired = client.post(
        url, {"siret": organisation.siret, "qualiopi_number": "Q1", "qualiopi_expires_on": "2020-01-01"}
    )
    assert expired.status_code == 400 and "Le certificat Qualiopi est expiré" in text(expired)
    assert not AccompanierListing.objects.exists()
    added = client.post(
        url, {"siret": organisation.siret, "qualiopi_number": "Q1", "qualiopi_expires_on": "2031-01-01"}
    )
    assert added.status_code == 302
    listing = AccompanierListing.objects.get()
    remove = reverse("web:pathway_accompanier_remove", args=[listing.pk])
    assert client.post(remove, {"reason": ""}).status_code == 400
    listing.refresh_from_db()
    assert listing.removed_on is None
    assert client.post(remove, {"reason": "Qualiopi retiré"}).status_code == 302
    listing.refresh_from_db()
    assert listing.removal_reason == "Qualiopi retiré"
    assert "Retiré le" in text(client.get(url))


def test_gip_reads_a_worklist_by_siret_filtered_by_status(client):
    pending = CandidacyFactory(complete=True, started_on=_ago(50))
    CandidacyFactory(certifier=pending.certifier, filed=True, started_on=_ago(50))
    client.force_login(UserFactory(gip_staff=True))
    url = reverse("web:pathway_certifier_worklist")
    assert "SIRET de l'organisation" in text(client.get(url))
    page = text(client.get(url, {"siret": pending.certifier.siret, "statut": "pending"}))
    assert "recevabilité en cours d'instruction (1)" in page
    assert page.count("— ouvrir la candidature") == 1 and f"n° {pending.pk}" in page
    assert client.get(url, {"siret": "00000000000000"}).status_code == 404


def test_feasibility_file_with_an_attachment(client):
    candidacy = CandidacyFactory(started_on=_ago(10))
    client.force_login(candidacy.candidate)
    response = client.post(
        reverse("web:pathway_feasibility_submit", args=[candidacy.pk]),
        {"filed_on": TODAY().isoformat(), "kind": "identity", "document": pdf("identite.pdf")},
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.stage == "feasibility_filed" and candidacy.feasibility.attachments.count() == 1
    bad = CandidacyFactory(started_on=_ago(10))
    client.force_login(bad.candidate)
    fake = SimpleUploadedFile("faux.pdf", b"pas un pdf", content_type="application/pdf")
    refused = client.post(
        reverse("web:pathway_feasibility_submit", args=[bad.pk]),
        {"filed_on": TODAY().isoformat(), "kind": "identity", "document": fake},
    )
    assert refused.status_code == 400
    bad.refresh_from_db()
    assert bad.stage == "registered"


def test_a_worklist_is_its_organisation_s_own(client):
    candidacy = CandidacyFactory(accompanied=True, complete=True, started_on=_ago(50))
    other_certifier = UserFactory(certifier=True, organisation=OrganisationFactory(kind=OrganisationKind.CERTIFIER))
    client.force_login(other_certifier)
    url = reverse("web:pathway_certifier_worklist")
    assert client.get(url, {"siret": candidacy.certifier.siret}).status_code == 404
    assert f"n° {candidacy.pk}" not in text(client.get(url))
    client.force_login(UserFactory(accompanier=True, organisation=listed_accompanier()))
    url = reverse("web:pathway_accompanier_worklist")
    assert client.get(url, {"siret": candidacy.accompanier.siret}).status_code == 404
    client.force_login(UserFactory(statistician=True))
    assert client.get(url, {"siret": candidacy.accompanier.siret}).status_code == 404


def test_candidate_adds_the_piece_asked_for_and_the_certifier_downloads_it(client):
    candidacy = CandidacyFactory(pieces=True, started_on=_ago(50))
    client.force_login(candidacy.candidate)
    url = reverse("web:pathway_attachment_add", args=[candidacy.pk])
    missing = client.post(url, {"kind": "experience_proof"})
    assert missing.status_code == 400 and "Choisissez le fichier à joindre." in text(missing)
    assert client.post(url, {"kind": "experience_proof", "document": pdf("attestation.pdf")}).status_code == 302
    attachment = candidacy.feasibility.attachments.get(kind="experience_proof")
    client.force_login(_certifier_of(candidacy))
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    link = reverse("web:pathway_attachment", args=[candidacy.pk, attachment.pk])
    assert link in page and "Pièces demandées le" in page
    download = client.get(link)
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content).startswith(b"%PDF")
    download.close()
    client.force_login(UserFactory(candidate=True))
    assert client.get(link).status_code == 404


def test_certifier_worklist_pages_by_fifty(client):
    first = CandidacyFactory(filed=True, started_on=_ago(50))
    for _ in range(50):
        CandidacyFactory(filed=True, certifier=first.certifier, started_on=_ago(50))
    client.force_login(_certifier_of(first))
    url = reverse("web:pathway_certifier_worklist")
    page_one = text(client.get(url))
    assert page_one.count("— ouvrir la candidature") == 50
    assert "Page suivante" in page_one and "Page précédente" not in page_one
    page_two = text(client.get(url, {"page": "2"}))
    assert page_two.count("— ouvrir la candidature") == 1
    assert "Page précédente" in page_two and "Page suivante" not in page_two


def test_the_accompanier_can_still_give_the_opinion_after_the_filing_until_the_receipt(client):
    candidacy = CandidacyFactory(accompanied=True, filed=True, started_on=_ago(40))
    client.force_login(UserFactory(accompanier=True, organisation=candidacy.accompanier))
    detail = reverse("web:pathway_detail", args=[candidacy.pk])
    assert reverse("web:pathway_opinion", args=[candidacy.pk]) in text(client.get(detail))
    posted = client.post(
        reverse("web:pathway_opinion", args=[candidacy.pk]), {"opinion": "favourable", "text": "Oui."}
    )
    assert posted.status_code == 302
    assert candidacy.feasibility.__class__.objects.get(pk=candidacy.feasibility.pk).content["accompanier_opinion"]
    complete = CandidacyFactory(accompanied=True, complete=True, started_on=_ago(60))
    client.force_login(UserFactory(accompanier=True, organisation=complete.accompanier))
    page = text(client.get(reverse("web:pathway_detail", args=[complete.pk])))
    assert reverse("web:pathway_opinion", args=[complete.pk]) not in page


def test_the_deadlines_view_lists_what_is_late_first_with_a_red_badge(client):
    late = CandidacyFactory(jury=True, started_on=_ago(200))  # jury held 80 days ago, result not recorded
    certifier = late.certifier
    soon = CandidacyFactory(certifier=certifier, complete=True, started_on=_ago(95))  # decision due in a few days
    CandidacyFactory(certifier=certifier, result_full=True, started_on=_ago(200))  # nothing due
    client.force_login(_certifier_of(late))
    page = text(client.get(reverse("web:pathway_certifier_worklist"), {"echeances": "1"}))
    assert page.count("— ouvrir la candidature") == 2
    assert page.index(f"n° {late.pk}") < page.index(f"n° {soon.pk}")
    assert page.count('fr-badge--error fr-badge--sm fr-mb-1v">En retard') == 1
    assert "résultat à enregistrer pour le jury tenu le" in page


def test_the_worklist_searches_by_name_or_reference(client):
    amina = CandidacyFactory(complete=True, started_on=_ago(50), candidate__last_name="Benali")
    other = CandidacyFactory(certifier=amina.certifier, complete=True, started_on=_ago(50))
    client.force_login(_certifier_of(amina))
    url = reverse("web:pathway_certifier_worklist")
    by_name = text(client.get(url, {"q": "benali"}))
    assert f"n° {amina.pk}" in by_name and f"n° {other.pk}<" not in by_name and "recherche « benali »" in by_name
    by_reference = text(client.get(url, {"q": f"n° {other.pk}"}))
    assert by_reference.count("— ouvrir la candidature") == 1 and f"n° {other.pk}" in by_reference
    assert text(client.get(url, {"q": "personne"})).count("— ouvrir la candidature") == 0


def test_the_worklist_exports_as_csv_with_its_filters(client):
    late = CandidacyFactory(jury=True, started_on=_ago(200), candidate__last_name="Benali")
    CandidacyFactory(certifier=late.certifier, result_full=True, started_on=_ago(200))
    client.force_login(_certifier_of(late))
    url = reverse("web:pathway_certifier_worklist")
    assert "format=csv" in text(client.get(url))
    response = client.get(url, {"echeances": "1", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8" and "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Candidature;Candidat;Certification") and len(lines) == 2
    assert lines[1].startswith(f"{late.pk};") and "Benali" in lines[1] and lines[1].endswith(";oui")
    everything = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert len(everything) == 3


def test_no_jury_button_without_a_validation_file_to_judge(client):
    from acquis.pathways.enums import Stage

    candidacy = CandidacyFactory(admissible=True, started_on=_ago(100))
    Candidacy.objects.filter(pk=candidacy.pk).update(stage=Stage.VALIDATION_FILED)  # as a bulk demo row
    client.force_login(_certifier_of(candidacy))
    page = text(client.get(reverse("web:pathway_detail", args=[candidacy.pk])))
    assert reverse("web:pathway_jury_schedule", args=[candidacy.pk]) not in page
    with_file = CandidacyFactory(certifier=candidacy.certifier, validation=True, started_on=_ago(100))
    page = text(client.get(reverse("web:pathway_detail", args=[with_file.pk])))
    assert reverse("web:pathway_jury_schedule", args=[with_file.pk]) in page
