"""Meta-tests: the house rules that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
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
            if name in ("demo_load", "audit_event_record", "audit_details_erase", "object_reference", "service"):
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


# A legal duration in prose (« deux mois », « 15 jours ») outside the rules' wording files drifts from the
# dated parameter the day the law changes. Words come from acquis/rules/<family>/wording.fr.yaml
# (``durations``), checked against the parameters by tests/rules/test_rules_wording.py.
NUMBER_WORDS = (
    r"\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|soixante"
)
PROSE_DURATION = re.compile(rf"\b(?:{NUMBER_WORDS})\s+(?:jours?|mois|ans|années?|semaines?|heures?)\b", re.IGNORECASE)
# Durations that are not law, each with its reason (path relative to acquis/, phrase as written).
NOT_LEGAL_DURATIONS = {
    ("accounts/signup.py", "trois jours"): "validity of a confirmation link (a setting)",
    ("templates/web/accounts/signup_sent.html", "trois jours"): "validity of a confirmation link (a setting)",
    ("templates/web/accounts/password_reset_done.html", "trois jours"): "validity of a reset link (a setting)",
    ("api/pathways/schemas.py", "14 jours"): "the worklist's default « due soon » window (a product choice)",
    ("demo/orientation.py", "12 heures"): "demo data: an organisation's offer",
    ("demo/orientation.py", "cinq ans"): "demo data: a jury member's experience",
    ("web/orientation/forms.py", "huit ans"): "an example of a person's experience",
    ("templates/web/public/home.html", "huit ans"): "an example of a person's experience",
    ("statistics/indicators.py", "une année"): "« une année donnée », not a duration",
    ("statistics/services.py", "un jour"): "« d'un jour futur », not a duration",
    ("web/pathways/forms.py", "une heure"): "the smallest meaningful length of an action (a form check)",
    # The rule's public title and its trace detail belong to the hashed Decision; they quote R6422-7-1.
    ("rules/leave/rights.py", "douze mois"): "R6422-7-1 quoted in the rule's title and trace",
}


def _prose_strings(path: Path, root: Path):
    """String constants of a module; docstrings only under acquis/api, where they are OpenAPI text."""
    tree = ast.parse(path.read_text())
    docstrings = set()
    if "api" not in path.relative_to(root).parts[:1]:
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            first = body[0] if isinstance(body, list) and body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def prose_durations(root: Path = ROOT / "acquis") -> list[tuple[str, str]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" not in path.parts:
            found += [
                (path.relative_to(root).as_posix(), m.group(0))
                for s in _prose_strings(path, root)
                for m in PROSE_DURATION.finditer(s)
            ]
    for path in sorted(root.rglob("*.html")):
        found += [(path.relative_to(root).as_posix(), m.group(0)) for m in PROSE_DURATION.finditer(path.read_text())]
    return found


def test_no_legal_duration_in_prose_outside_the_wording_files():
    found = [(path, phrase) for path, phrase in prose_durations() if (path, phrase.lower()) not in NOT_LEGAL_DURATIONS]
    assert not found, f"durée légale écrite en toutes lettres hors des wording.fr.yaml : {found}"


def test_the_prose_duration_check_can_fail(tmp_path):
    (tmp_path / "page.py").write_text('TEXT = "Le certificateur décide dans les deux mois."\n')
    (tmp_path / "page.html").write_text("<p>Répondre sous 15 jours.</p>\n")
    assert sorted(prose_durations(tmp_path)) == [("page.html", "15 jours"), ("page.py", "deux mois")]


# Import rules of the domain template (docs/architecture.md): reads below writes, domains below the web and the
# API, each web package on its own beside the shared kernel, and a module's private names its own.
DOMAIN_PACKAGES = {
    p.name
    for p in (ROOT / "acquis").iterdir()
    if p.is_dir() and (p / "__init__.py").exists() and p.name not in ("web", "api")
}
# Web modules every web package may import: the shared kernel and the site-wide plumbing.
WEB_SHARED = {"common", "decorators", "paging", "middleware", "context_processors", "signals"}


def _imports(path: Path):
    """(imported module, imported name or None) for every acquis import of ``path``, relative ones resolved."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts[:-1] if path.name != "__init__.py" else parts[:-1]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            for alias in node.names:
                yield module, alias.name


def _modules():
    for path in (ROOT / "acquis").rglob("*.py"):
        if "migrations" not in path.parts:
            yield path, ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_import_rules_of_the_domain_template():
    broken = []
    for path, module in _modules():
        layer = module.split(".")
        for target, name in _imports(path):
            if not target.startswith("acquis"):
                continue
            aimed = target.split(".")
            if "selectors" in layer and "services" in aimed and layer[1] == aimed[1]:
                broken.append(f"{module} (selectors) importe {target} (services)")
            if layer[1] in DOMAIN_PACKAGES and len(aimed) > 1 and aimed[1] in ("web", "api"):
                broken.append(f"{module} (domaine) importe {target}")
            if (
                layer[1] == "web"
                and len(layer) > 3
                and layer[2] not in WEB_SHARED | {"templatetags"}
                and aimed[:2] == ["acquis", "web"]
                and len(aimed) > 2
                and aimed[2] != layer[2]
                and aimed[2] not in WEB_SHARED
            ):
                broken.append(f"{module} importe le paquet web voisin {target}")
            private = (name or aimed[-1]).startswith("_") and not (name or aimed[-1]).startswith("__")
            if private and target != module:
                broken.append(f"{module} importe le nom privé {name or target} de {target}")
    broken = sorted(set(broken))
    assert not broken, "\n".join(broken)
