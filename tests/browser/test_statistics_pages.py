"""The national dashboard and its map, then the open data, in a real browser under axe-core: the statistician
opens « Statistiques » from the menu and reads the funnel, the map of the départements (real outlines) and their
tables."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from acquis.statistics.services import statistics_snapshot_create
from tests.accounts.factories import UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login, _logout, _menu
from tests.pathways.factories import CandidacyFactory


def test_statistician_reads_the_national_dashboard_and_the_open_data(page, transactional_db):
    for step in ("result_full", "admissible", "filed"):
        CandidacyFactory(step=step, started_on=dt.date(2024, 6, 1))
    statistics_snapshot_create()

    _login(page, UserFactory(statistician=True))
    _menu(page, "Statistiques")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord national")
    funnel = page.get_by_role("table", name="Entonnoir par cohorte d'inscription")
    expect(funnel).to_contain_text("2024")
    expect(page.get_by_role("img", name=re.compile("Carte de France des départements"))).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("données de la carte"))).to_contain_text("31")
    assert_accessible(page)
    page.get_by_label("De l'année").fill("2030")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.get_by_role("table", name="Entonnoir par cohorte d'inscription")).to_contain_text(
        "Aucune donnée pour ces critères."
    )
    assert_accessible(page)
    _logout(page)

    _menu(page, "Données ouvertes")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Données ouvertes")
    expect(page.get_by_role("table", name="Étapes franchies par région (toutes années)")).to_contain_text("s")
    assert_accessible(page)
