"""acquis/rules/ids.py is generated from the catalogue, and code names rules through it, not through strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from acquis.rules import ids
from acquis.rules.catalogue import default_registry
from acquis.rules.cli import constant_of, render_ids

ROOT = Path(__file__).resolve().parents[2]


def test_ids_module_is_the_generated_one():
    expected = render_ids([rule.id for rule in default_registry()])
    assert (ROOT / "acquis" / "rules" / "ids.py").read_text() == expected, "acquis rules ids > acquis/rules/ids.py"


def test_every_rule_has_its_constant():
    assert {rule.id for rule in default_registry()} == set(ids.ALL)
    assert getattr(ids, constant_of("admissibility.status")) == "admissibility.status"


def rule_id_literals(root: Path, rule_ids: set[str]) -> list[str]:
    """Each string constant equal to a rule id, outside the families' own declarations and ids.py."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if "migrations" in relative.parts or relative.parts[:1] == ("rules",):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in rule_ids:
                found.append(f"{relative.as_posix()}:{node.lineno}: {node.value}")
    return found


def test_no_rule_id_written_as_a_string_outside_the_rules():
    assert rule_id_literals(ROOT / "acquis", set(ids.ALL)) == []


def test_the_literal_check_can_fail(tmp_path):
    (tmp_path / "selectors.py").write_text('from acquis.rules import decide\n\ndecide("leave.status", {})\n')
    assert rule_id_literals(tmp_path, set(ids.ALL)) == ["selectors.py:3: leave.status"]


def test_constants_are_upper_snake_case():
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", constant_of(rule_id)) for rule_id in ids.ALL)
