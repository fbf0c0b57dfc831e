"""Browser test harness: Playwright for Python driving Debian's Chromium (never a downloaded browser).

Every test under tests/browser is marked ``browser``, runs against pytest-django's ``live_server`` on a
transactional database, and gets a fresh browser context through the ``page`` fixture. The page fixture
fails the test when a static file does not load or a script raises, so a broken DSFR bundle cannot pass
unnoticed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

BROWSER_TESTS_DIR = Path(__file__).parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# The machine has no network: without these flags Chromium keeps trying to reach Google's services
# (component updates, sync, QUIC probes) and floods the logs with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Our pages are served from localhost: anything slower than this is a bug, not a slow network.
DEFAULT_TIMEOUT_MS = 5_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the mark must be there before `-m browser` / `-m "not browser"` deselects.
    for item in items:
        if BROWSER_TESTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _chromium_executable() -> str:
    configured = os.environ.get("ACQUIS_CHROMIUM", "")
    executable = configured or DEFAULT_CHROMIUM
    if not os.access(executable, os.X_OK):
        origin = f"ACQUIS_CHROMIUM={configured}" if configured else f"ACQUIS_CHROMIUM absent et {DEFAULT_CHROMIUM}"
        pytest.fail(
            f"Chromium introuvable ({origin} n'est pas un exécutable). "
            "Lancez les tests par `make test`, qui installe le paquet Debian chromium et exporte ACQUIS_CHROMIUM, "
            "ou installez-le : apt-get install chromium.",
            pytrace=False,
        )
    return executable


@pytest.fixture(scope="package", autouse=True)
def _orm_alongside_playwright():
    """Let the test thread use Django's ORM while Playwright's sync API is started.

    The sync API runs an asyncio event loop in the test thread (in a greenlet), so from the moment the
    browser is launched until it is closed, asyncio reports a running loop and Django's async-safety
    guard raises SynchronousOnlyOperation on every query made by the test, its fixtures (demo data) and
    pytest-django's database teardown (flush). Nothing here is actually concurrent: the test thread is
    blocked while the live server thread answers the browser. The variable is set for this package only
    (and the browser lives for this package only) so the guard stays on for every other test.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(_orm_alongside_playwright):
    """One headless Chromium for all the browser tests (launching it costs about a second).

    Package-scoped rather than session-scoped: the event loop Playwright leaves running in the thread
    would otherwise outlive tests/browser and break the ORM in every test collected after it.
    """
    executable = _chromium_executable()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A page in a fresh browser context (own cookies) whose relative URLs go to the live server.

    pytest-django's live_server serves static files through django.contrib.staticfiles' handler (the
    app is installed), so the DSFR CSS, fonts and JS load as in production.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"erreur JavaScript : {error.stack or error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} sur {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            # ERR_ABORTED is the browser dropping a request because the page navigated away (a form
            # submitted while fonts load): not a loading problem.
            problems.append(f"requête échouée : {request.url} ({request.failure})")
            if "ERR_ABORTED" not in (request.failure or "")
            else None
        ),
    )
    # The Content-Security-Policy (config/settings/base.py) refuses inline scripts and styles: a refusal is a page
    # that silently lost a script or a style, so every browser test fails on one (Chromium reports it on the
    # console as « Refused to … because it violates the following Content Security Policy directive »).
    page.on(
        "console",
        lambda message: (
            problems.append(f"violation de la CSP : {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not problems, "Problèmes de chargement dans le navigateur :\n" + "\n".join(problems)
