"""The accessibility helper itself: it must fail on serious and critical violations and say where they are."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import assert_accessible

INACCESSIBLE = """<!DOCTYPE html><html lang="fr"><head><title>Test</title></head><body><main>
<h1>Formulaire</h1>
<input type="text" id="sans-etiquette">
<button id="bouton-vide"></button>
</main></body></html>"""


def test_serious_and_critical_violations_fail_with_their_targets(page):
    page.set_content(INACCESSIBLE)

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)

    message = str(failure.value)
    assert "label (critical)" in message
    assert "#sans-etiquette" in message
    assert "button-name (critical)" in message
    assert "#bouton-vide" in message


def test_context_limits_the_check(page):
    page.set_content(INACCESSIBLE.replace("<main>", '<main><div id="propre"><p>Rien à signaler.</p></div>'))

    assert_accessible(page, context="#propre")
    with pytest.raises(pytest.fail.Exception):
        assert_accessible(page, context={"include": [["#sans-etiquette"]]})
