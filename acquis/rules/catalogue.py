"""The catalogue: every rule of the domain modules, their parameters, and the ruleset hash.

Each rule family is a folder (``acquis/rules/<family>/``: the logic, ``parameters.yaml``, ``cases/``,
``wording.fr.yaml``). The ruleset hash identifies the exact law-as-code a decision was made with: it covers
the source of the modules that compute values, the parameter and version files and the interpretations, so
any change to a number, a sentence or a line of reasoning yields a new hash. Excluded, because they do not
change a decision: the CLI, the checks, the generated rule ids, the worked examples (cases/) and the French
wording (wording.fr.yaml), so that rewording a page never looks like a change of law.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from acquis.rules import admissibility, cpc, data, funding, gip, jury, leave, support
from acquis.rules.engine import Registry
from acquis.rules.interpretations import load_interpretations
from acquis.rules.parameters import load_parameters

PACKAGE_DIR = Path(__file__).parent
# Paths relative to the package; a family's __init__.py only re-exports its modules.
NOT_HASHED = frozenset({"cli.py", "check.py", "find.py", "ids.py", "wording.py", "answer.py", "__init__.py"})
NOT_HASHED_NAMES = frozenset({"__init__.py", "wording.fr.yaml"})
DOMAIN_MODULES = (leave, funding, support, gip, cpc, admissibility, jury, data)


def _hashed(path: Path, package_dir: Path) -> bool:
    relative = path.relative_to(package_dir)
    if relative.as_posix() in NOT_HASHED or path.name in NOT_HASHED_NAMES or "cases" in relative.parts[:-1]:
        return False
    return "__pycache__" not in relative.parts


def compute_ruleset_hash(package_dir: Path = PACKAGE_DIR, parameters_dir: Path | None = None) -> str:
    """The hash of the law-as-code under ``package_dir`` (Python, parameters, versions, interpretations).

    ``parameters_dir``, when given, adds a flat folder of parameter files (tests build toy catalogues so).
    """
    digest = hashlib.sha256()
    files = sorted(
        (path for pattern in ("*.py", "*.yaml") for path in package_dir.rglob(pattern) if _hashed(path, package_dir)),
        key=lambda path: path.relative_to(package_dir).as_posix(),
    )
    named = [(path.relative_to(package_dir).as_posix(), path) for path in files]
    if parameters_dir is not None:
        named += [(f"parameters/{path.name}", path) for path in sorted(parameters_dir.glob("*.yaml"))]
    for name, path in named:
        digest.update(name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return "sha256:" + digest.hexdigest()


def build_registry() -> Registry:
    rules = [rule for module in DOMAIN_MODULES for rule in module.RULES]
    return Registry(
        load_parameters(), rules, ruleset_hash=compute_ruleset_hash(), interpretations=load_interpretations()
    )


@functools.cache
def default_registry() -> Registry:
    """The catalogue, loaded once per process (parameters parsed and checked at first use)."""
    return build_registry()


def catalogue_listing(registry: Registry | None = None) -> list[dict]:
    """The public description of every rule (CLI ``acquis rules list`` and ``GET /api/v1/rules``)."""
    return [
        {
            "id": rule.id,
            "title": rule.title,
            "articles": list(rule.articles),
            "governing_date": rule.anchor,
            "facts": {spec.name: spec.kind for spec in rule.facts},
            "value": rule.value,
            "versions": [
                {
                    "version": version.version,
                    "valid_from": version.valid_from.isoformat(),
                    "valid_until": version.valid_until.isoformat() if version.valid_until else None,
                }
                for version in rule.versions
            ],
        }
        for rule in (registry or default_registry())
    ]
