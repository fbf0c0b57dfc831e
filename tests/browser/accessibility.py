"""Accessibility check for browser tests: axe-core run inside the page, serious or critical violations fail.

Usage, in any browser test, once the page shows the state to check::

    assert_accessible(page)
    assert_accessible(page, context="#contenu")  # part of the page only

axe-core's JS comes bundled with axe-playwright-python (no download). Minor and moderate findings do not
fail: the bar is the one agreed for the RGAA work, 0 serious and 0 critical.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = ("critical", "serious")
_AXE_SCRIPT = Axe().axe_script
# axe.run's results hold passes and incomplete checks too; asking for violations only keeps it fast.
_AXE_OPTIONS = {"resultTypes": ["violations"]}


def axe_violations(page, *, context=None) -> list[dict]:
    """Run axe-core in the page and return its violations (all impacts)."""
    # Axe.run() from axe-playwright-python pastes repr(context) into the script, which breaks on
    # anything but strings; passing the arguments to evaluate() serialises them properly. The script
    # is injected once per document.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SCRIPT)
    results = page.evaluate(
        "([context, options]) => window.axe.run(context ?? document, options)",
        [context, _AXE_OPTIONS],
    )
    return results["violations"]


def _format_target(target) -> str:
    # A target is a list of selectors; nested lists go through shadow roots or iframes.
    return " >> ".join(_format_target(part) if isinstance(part, list) else str(part) for part in target)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}) : {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    · {_format_target(node['target'])}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"        {line}" for line in summary.splitlines())
    return "\n".join(lines)


def assert_accessible(page, *, context=None) -> None:
    """Fail the test if axe-core finds a serious or critical violation in the page (or in ``context``)."""
    blocking = [v for v in axe_violations(page, context=context) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(
            f"{len(blocking)} violation(s) d'accessibilité graves ou critiques sur {page.url} :\n"
            + format_violations(blocking),
            pytrace=False,
        )
