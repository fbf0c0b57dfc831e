"""The documents cannot rot: every ``acquis/…`` path they name exists (and ``tests/``, ``bench/``, ``config/``
ones), the architecture page stays one page, and its table of the domain template says what the tree holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs/domains/*.md"), ROOT / "README.md"])
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MAX_ARCHITECTURE_LINES = 220

# A path as the documents write it: from ``acquis/`` (or tests/, bench/, config/) up to a space, a backquote
# or a closing bracket.
PATH = re.compile(r"(?<![\w/.-])(?:acquis|tests|bench|config)/[^\s`'\")\]|,;:]*")
# Placeholders name a family of paths, not one (``acquis/<domain>/``, ``pathway_<kind>.*``).
PLACEHOLDER = re.compile(r"[<>{}*…]")

TEMPLATE_PARTS = ("models", "enums", "facts", "permissions", "services", "selectors", "notices", "documents")
TEMPLATE_PARTS += ("transitions",)


def named_paths(text: str) -> list[str]:
    paths = []
    for match in PATH.finditer(text):
        path = match.group(0).rstrip(".")
        if not PLACEHOLDER.search(path):
            paths.append(path)
    return paths


def test_named_paths_are_found():
    text = "`acquis/rules/ids.py` and acquis/web/common/, not `acquis/<domain>/` nor acquis/web/*.py; end acquis/x.py."
    assert named_paths(text) == ["acquis/rules/ids.py", "acquis/web/common/", "acquis/x.py"]
    assert named_paths("(`tests/test_docs.py`, bench/README.md) but not web/tests/x.py") == [
        "tests/test_docs.py",
        "bench/README.md",
    ]


@pytest.mark.parametrize("document", DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_acquis_path_named_in_the_docs_exists(document):
    missing = sorted({path for path in named_paths(document.read_text()) if not (ROOT / path).exists()})
    assert not missing, f"{document.relative_to(ROOT)} names paths that do not exist: {missing}"


def test_a_missing_path_is_reported(tmp_path):
    assert not (ROOT / "acquis/pathways/nowhere.py").exists()
    assert named_paths("see `acquis/pathways/nowhere.py`") == ["acquis/pathways/nowhere.py"]


def test_architecture_is_one_page():
    lines = len(ARCHITECTURE.read_text().splitlines())
    assert lines <= MAX_ARCHITECTURE_LINES, f"docs/architecture.md has {lines} lines: move detail to docs/domains/"


def template_table() -> dict[str, dict[str, bool]]:
    """The architecture page's table of the domain template: domain → part → present."""
    rows = [line for line in ARCHITECTURE.read_text().splitlines() if line.startswith("| ")]
    header = next(row for row in rows if row.startswith("| domain | models"))
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    table = {}
    for row in rows[rows.index(header) + 1 :]:  # the "|---|" line does not start with "| "
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) != len(columns) or not set(cells[1:]) <= {"✓", "—"}:
            break
        table[cells[0]] = {column: cell == "✓" for column, cell in zip(columns[1:], cells[1:], strict=True)}
    return table


def present(domain: str, part: str) -> bool:
    if part == "api":
        return (ROOT / f"acquis/api/{domain}.py").exists() or (ROOT / f"acquis/api/{domain}").is_dir()
    if part == "web":
        return (ROOT / f"acquis/web/{domain}").is_dir()
    return (ROOT / f"acquis/{domain}/{part}.py").exists() or (ROOT / f"acquis/{domain}/{part}").is_dir()


def test_the_template_table_says_what_the_tree_holds():
    table = template_table()
    assert {"leave", "pathways", "governance", "funding"} <= set(table)
    assert set(next(iter(table.values()))) == {*TEMPLATE_PARTS, "api", "web"}
    wrong = [
        f"{domain}.{part}: table says {said}"
        for domain, parts in table.items()
        for part, said in parts.items()
        if said != present(domain, part)
    ]
    assert not wrong, wrong
