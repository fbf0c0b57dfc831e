"""The funder's envelope creation and "mark as paid" pages: the write happens, a bad input is refused in
French with nothing saved."""

from __future__ import annotations

from acquis.accounts.enums import Role
from acquis.funding.enums import PaymentState
from acquis.funding.models import Envelope, PaymentRequest
from tests.accounts.factories import UserFactory
from tests.web import funding_matrix as matrix


def _world(state):
    candidate = UserFactory(role=Role.CANDIDATE)
    accompanier = UserFactory(role=Role.ACCOMPANIER)
    staff = UserFactory(role=Role.FUNDER)
    organisation = staff.memberships.get().organisation
    ids = matrix.funding_world(candidate, accompanier.memberships.get().organisation, organisation, state)
    return staff, organisation, ids


def test_the_funder_creates_an_envelope(client):
    staff, organisation, ids = _world(None)
    client.force_login(staff)
    url = f"/financements/financeur/enveloppes/nouvelle/?siret={organisation.siret}"
    data = {"name": "Enveloppe 2026", "amount": "150 000,50", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    response = client.post(url, data)
    assert response.status_code == 302
    envelope = Envelope.objects.get(funder_id=ids["funder_id"], name="Enveloppe 2026")
    assert str(envelope.amount) == "150000.50"
    backwards = client.post(url, {**data, "name": "À l'envers", "ends_on": "2025-12-31"})
    assert backwards.status_code == 422
    assert "La fin de la période précède son début." in backwards.content.decode()
    assert not Envelope.objects.filter(name="À l'envers").exists()


def test_the_funder_marks_a_payment_as_paid(client):
    staff, _organisation, ids = _world("decided")
    client.force_login(staff)
    url = f"/financements/demandes/{ids['request_id']}/paiements/{ids['payment_id']}/paye/"
    detail = client.get(f"/financements/demandes/{ids['request_id']}/")
    assert "Marquer comme payé" in detail.content.decode()
    assert client.post(url).status_code == 302
    assert PaymentRequest.objects.get(pk=ids["payment_id"]).state == PaymentState.PAID
    again = client.post(url, follow=True)
    assert "Ce paiement est déjà effectué." in again.content.decode()
    other = f"/financements/demandes/{ids['second_id']}/paiements/{ids['payment_id']}/paye/"
    assert client.post(other).status_code == 404


def test_a_refused_request_form_answers_422_with_nothing_saved(client):
    """The request form posts through the one service_post shape, like its siblings: a refusal is a 422."""
    from acquis.funding.models import FundingRequest
    from tests.pathways.factories import CandidacyFactory, listed_accompanier

    candidacy = CandidacyFactory(accompanier=listed_accompanier())
    client.force_login(candidacy.candidate)
    before = FundingRequest.objects.count()
    response = client.post(f"/financements/parcours/{candidacy.pk}/demande/", {})
    assert response.status_code == 422
    assert FundingRequest.objects.count() == before
