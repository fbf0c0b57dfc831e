"""« The candidacy and congé pages for a candidate and an employer fit in two screens before the legal basis »
(issue 15, « Done when »), measured in Chromium at a desktop (1280×800) and a phone (390×844) viewport.

For each page the test measures, from the top of the document, (1) where the first « Base légale » block
(the folded ``details.acquis-legal``, or a professional's ``.acquis-sources``) begins — or, if the page has
none, where the main content ends — and (2) where the person's first thing to read or do ends (the next step,
the answer form). Both must be at most two viewport heights. The figures are printed (``-s``) for the record.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from acquis.pathways.models import Experience
from tests.accounts.factories import UserFactory
from tests.browser.accessibility import assert_accessible
from tests.browser.test_leave_journeys import _login
from tests.leave.factories import LeaveRequestFactory
from tests.pathways.factories import CandidacyFactory, listed_accompanier

VIEWPORTS = {"ordinateur": (1280, 800), "mobile": (390, 844)}

MEASURE = """(essential) => {
  const top = (el) => el.getBoundingClientRect().top + window.scrollY;
  const bottom = (el) => el.getBoundingClientRect().bottom + window.scrollY;
  const main = document.querySelector('#contenu');
  const legal = main.querySelector('.acquis-legal, .acquis-sources');
  const first = main.querySelector(essential);
  return {
    legal: legal ? Math.round(top(legal)) : null,
    end: Math.round(bottom(main)),
    essential: first ? Math.round(bottom(first)) : null,
  };
}"""


def _measure(page, url: str, essential: str, width: int, height: int) -> dict:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    expect(page.locator(essential).first).to_be_visible()
    figures = page.evaluate(MEASURE, essential)
    figures["limit"] = 2 * height
    figures["offset"] = figures["legal"] if figures["legal"] is not None else figures["end"]
    return figures


def _check(page, label: str, url: str, essential: str) -> None:
    for device, (width, height) in VIEWPORTS.items():
        figures = _measure(page, url, essential, width, height)
        print(
            f"\n{label} ({device} {width}×{height}) : base légale à {figures['offset']} px "
            f"({'bloc' if figures['legal'] is not None else 'fin du contenu'}), "
            f"essentiel fini à {figures['essential']} px, limite {figures['limit']} px"
        )
        assert figures["essential"] is not None, f"{label} : {essential} absent"
        assert figures["offset"] <= figures["limit"], f"{label} ({device}) : {figures}"
        assert figures["essential"] <= figures["limit"], f"{label} ({device}) : {figures}"
    assert_accessible(page)


@pytest.fixture
def candidacy():
    """A candidate's admissible file with an accompanier, three experiences and the pathway's usual history."""
    today = timezone.localdate()
    candidate = UserFactory(candidate=True, first_name="Camille", last_name="Martin")
    candidacy = CandidacyFactory(
        candidate=candidate,
        accompanier=listed_accompanier(),
        admissible=True,
        started_on=today - dt.timedelta(days=75),
    )
    # Two more experiences, as a real file has (the factory's one is filed; these rows stand for the others).
    for index, title in enumerate(("Agent de service hospitalier", "Auxiliaire de vie à domicile")):
        Experience.objects.create(
            candidacy=candidacy,
            title=title,
            started_on=dt.date(2008 + 3 * index, 1, 1),
            ended_on=dt.date(2010 + 3 * index, 12, 31),
            hours=1600,
            employment_status="employee",
        )
    return candidacy


def test_the_candidate_s_candidacy_fits_in_two_screens(page, candidacy):
    _login(page, candidacy.candidate)
    _check(page, "Candidature (candidat)", f"/parcours/{candidacy.pk}/", "#prochaine-etape")


def test_the_employee_s_and_the_employer_s_leave_pages_fit_in_two_screens(page, transactional_db):
    leave = LeaveRequestFactory(sent=True, certification_title="Diplôme d'État d'aide-soignant")
    _login(page, leave.employee)
    _check(page, "Congé VAE (salarié)", f"/conges-vae/{leave.pk}/", "#etat-demande")
    page.context.clear_cookies()
    hr = UserFactory(employer=True, organisation=leave.employer)
    _login(page, hr)
    _check(page, "Congé VAE (employeur)", f"/conges-vae/{leave.pk}/", "#repondre ~ form button[type=submit]")
