"""No page is wider than a desktop window (WCAG 1.4.10): the main menu of a signed-in person grows with their
roles (a GIP agent's holds a dozen entries) and once pushed the page past 1,280 px, hiding « API » off-screen."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.browser.test_leave_journeys import _login

WIDTH = 1280
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("role", ["candidate", "gip_staff"])
def test_the_menu_wraps_instead_of_widening_the_page(page, role):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto("/")
    assert page.evaluate(OVERFLOW) == 0
    user = UserFactory(candidate=True) if role == "candidate" else UserFactory(role=role)
    _login(page, user)
    overflow = page.evaluate(OVERFLOW)
    assert overflow == 0, f"{role} : la page dépasse la fenêtre de {overflow} px"
    last = page.locator("#navigation-principale .fr-nav__item").last.bounding_box()
    assert last["x"] + last["width"] <= WIDTH
