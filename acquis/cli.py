"""The ``acquis`` console command.

``acquis <group> <action> [options]`` runs the Django management command ``<group>_<action>`` of an
Acquis app (``acquis demo load`` → ``demo_load``); ``acquis manage …`` reaches any Django command.
Later issues add groups (``acquis law …``, ``acquis rules …``) by adding commands, nothing here.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict


def _acquis_commands() -> dict[str, dict[str, str]]:
    from django.core.management import get_commands, load_command_class

    groups: dict[str, dict[str, str]] = defaultdict(dict)
    for name, app in sorted(get_commands().items()):
        if not str(app).startswith("acquis.") or "_" not in name:
            continue
        group, action = name.split("_", 1)
        groups[group][action] = load_command_class(app, name).help
    return groups


def _print_help(groups: dict[str, dict[str, str]]) -> None:
    print("usage : acquis <groupe> <action> [options]   |   acquis manage <commande Django> [options]\n")
    print("Acquis — plateforme du service public de la VAE.\n")
    for group, actions in sorted(groups.items()):
        for action, help_text in sorted(actions.items()):
            print(f"  acquis {group} {action:<12} {help_text}")
    print("  acquis rules list|decide|check   règles de droit datées et sourcées (voir docs/rules.md)")
    print("\n  acquis manage …        toute commande Django (migrate, createsuperuser, db_worker…)")
    print("Aide d'une commande : acquis <groupe> <action> --help")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["rules"]:
        # The rules layer is pure Python: its CLI needs no Django set-up.
        from acquis.rules.cli import main as rules_main

        return rules_main(argv[1:])
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django
    from django.core.management import execute_from_command_line

    if argv[:1] == ["manage"]:
        execute_from_command_line(["acquis", *argv[1:]])
        return 0
    django.setup()
    groups = _acquis_commands()
    if not argv or argv[0] in ("-h", "--help", "help"):
        _print_help(groups)
        return 0
    group = argv[0]
    if group not in groups:
        print(f"acquis : groupe de commandes inconnu « {group} ». Voir « acquis --help ».", file=sys.stderr)
        return 2
    if len(argv) < 2 or argv[1] not in groups[group]:
        known = ", ".join(sorted(groups[group]))
        print(f"acquis {group} : précisez une action parmi : {known}.", file=sys.stderr)
        return 2
    execute_from_command_line(["acquis", f"{group}_{argv[1]}", *argv[2:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
