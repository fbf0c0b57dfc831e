"""The law pages in a real browser: the 2019-11-04 diff and an article page pass the axe-core check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.law.db import PAGE_FILES, import_files


@pytest.fixture
def law_data(transactional_db):
    import_files(*PAGE_FILES)


def test_sixth_part_diff_page_is_accessible(page, law_data):
    page.goto("/droit/code-du-travail/diff?du=2019-11-01&au=2019-11-04")
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparer le Code du travail entre deux dates")
    expect(page.locator("#contenu")).to_contain_text("24 article(s) : 20 modifié(s), 2 créé(s), 2 abrogé(s)")
    expect(page.locator("#contenu section")).to_have_count(24)
    expect(page.locator("#contenu del").first).to_be_visible()
    assert_accessible(page)


def test_article_page_is_accessible(page, law_data):
    page.goto("/droit/code-du-travail/R6422-4?date=2019-11-10")
    expect(page.locator("#contenu")).to_contain_text("LEGIARTI000039330059")
    assert_accessible(page)
