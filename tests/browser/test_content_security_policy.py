"""The Content-Security-Policy in a real browser: pages work under it (the page fixture fails a test on any CSP
violation reported on the console), and it does refuse an injected inline script, so that check means something."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory


def test_an_injected_inline_script_is_refused_and_reported(browser, live_server, transactional_db):
    # Its own context, not the page fixture: that one fails the test on the violation expected here.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto("/")

    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
        document.body.appendChild(s);
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>'); }"""
    )

    assert page.evaluate("() => window.injected") is None
    assert sum("Content Security Policy" in text for text in violations) == 2, violations
    context.close()


def test_the_admin_works_under_the_policy(page):
    admin = UserFactory(superuser=True)
    page.goto("/admin/login/")
    page.locator("#id_username").fill(admin.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("heading", name="Site d’administration")).to_be_visible()
    page.goto("/admin/audit/auditevent/")  # the model the admin lists
    expect(page.locator("#changelist")).to_be_visible()
