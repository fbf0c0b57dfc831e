"""The catalogue: every rule of the domain modules, their parameters, and the ruleset hash.

The ruleset hash identifies the exact law-as-code a decision was made with: it covers the source of the
modules that compute values and the parameter files, so any change to a number, a sentence or a line of
reasoning yields a new hash (cli.py and check.py are excluded: they do not change decisions).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from acquis.rules import admissibility, cpc, data_protection, funding, gip, jury, leave, leave_rights, support
from acquis.rules.engine import Registry
from acquis.rules.interpretations import INTERPRETATIONS_FILE, load_interpretations
from acquis.rules.parameters import PARAMETERS_DIR, load_parameters

PACKAGE_DIR = Path(__file__).parent
NOT_HASHED = frozenset({"cli.py", "check.py", "__init__.py"})
DOMAIN_MODULES = (leave, leave_rights, funding, support, gip, cpc, admissibility, jury, data_protection)


def compute_ruleset_hash(package_dir: Path = PACKAGE_DIR, parameters_dir: Path = PARAMETERS_DIR) -> str:
    digest = hashlib.sha256()
    files = [path for path in sorted(package_dir.glob("*.py")) if path.name not in NOT_HASHED]
    files += sorted(parameters_dir.glob("*.yaml"))
    # The interpretations are in every Decision's notes: changing a reading changes the law-as-code.
    files += sorted(package_dir.glob(INTERPRETATIONS_FILE.name))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
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
