"""Meta-tests: the house rules that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import acquis
from acquis.audit.enums import EventType

ROOT = Path(__file__).resolve().parents[1]


def _walk(resolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin",) or str(pattern.pattern).startswith("api/"):
                continue
            yield from _walk(pattern)
        elif isinstance(pattern, URLPattern):
            yield pattern


def test_every_acquis_page_declares_its_permission():
    for pattern in _walk(get_resolver()):
        callback = pattern.callback
        module = getattr(callback, "__module__", "")
        if module.startswith("acquis.web"):
            assert hasattr(callback, "acquis_action"), f"{pattern.name} n'utilise pas @requires"


def test_every_public_function_of_a_services_module_is_a_service():
    for module_info in pkgutil.walk_packages(acquis.__path__, "acquis."):
        if not module_info.name.endswith(".services") or module_info.name.startswith("acquis.rules"):
            continue
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            # Building blocks and orchestration, not writes of their own.
            if name in ("demo_load", "audit_event_record", "object_reference", "service"):
                continue
            assert getattr(function, "is_service", False), f"{module.__name__}.{name} n'est pas décoré par @service"


def test_every_event_type_is_emitted_somewhere():
    source = "\n".join(p.read_text() for p in (ROOT / "acquis").rglob("*.py"))
    for member in EventType:
        assert f"EventType.{member.name}" in source, f"EventType.{member.name} n'est jamais enregistré"


def test_no_utils_module_and_no_oversized_module():
    for path in (ROOT / "acquis").rglob("*.py"):
        assert path.name != "utils.py", path
        if "migrations" not in path.parts:
            assert len(path.read_text().splitlines()) <= 600, f"{path} dépasse 600 lignes"
    for path in (ROOT / "tests").rglob("test_*.py"):
        assert len(path.read_text().splitlines()) <= 1000, f"{path} dépasse 1 000 lignes"


def test_rules_layer_imports_no_django():
    for path in (ROOT / "acquis" / "rules").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "django" or n.startswith("django.") for n in names), path


def test_nothing_reads_the_shared_folder():
    shared = "/".join(("..", "shared"))  # spelled so that this file does not match itself
    for path in [*(ROOT / "acquis").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), ROOT / "Makefile"]:
        assert shared not in path.read_text(), path
