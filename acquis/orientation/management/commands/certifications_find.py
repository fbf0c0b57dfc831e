import argparse
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from acquis.orientation.finder import FinderError, find


class _Parser(CommandParser):
    """A bad option answers ``{"error": …}`` on stdout and exits 2, like a bad value (the contract of --json)."""

    def error(self, message):
        message = message.replace("unrecognized arguments:", "option(s) inconnue(s) :").replace("argument ", "option ")
        if "--json" in self._argv:
            print(json.dumps({"error": message}, ensure_ascii=False))
            raise SystemExit(2)
        super().error(message)


def _whole_number(what: str):
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} est un nombre entier (reçu « {text[:20]} »).") from None

    return parse


class Command(BaseCommand):
    help = "Cherche les certifications ouvertes à la VAE qui correspondent à une expérience décrite en mots."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = _Parser
        parser._argv = getattr(self, "_argv", [])
        return parser

    def run_from_argv(self, argv):
        self._argv = argv
        super().run_from_argv(argv)

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="*", help="ce que vous avez fait, en vos mots")
        parser.add_argument("--level", type=_whole_number("Le niveau"), default=None, help="niveau visé (1 à 8)")
        parser.add_argument("--departement", default=None, help="département de résidence (31, 2A, 974…)")
        parser.add_argument(
            "--limit", type=_whole_number("Le nombre de résultats"), default=10, help="nombre de résultats (1 à 50)"
        )
        parser.add_argument(
            "--metier",
            type=_whole_number("Le code OGR du métier"),
            action="append",
            default=[],
            help="code OGR d'un métier du ROME",
        )
        parser.add_argument("--json", action="store_true", help="réponse JSON")

    def handle(self, *args, **options):
        try:
            answer = find(
                " ".join(options["text"]),
                level=options["level"],
                department=options["departement"],
                limit=options["limit"],
                job_titles=options["metier"],
            )
        except FinderError as exc:
            if options["json"]:
                self.stdout.write(json.dumps({"error": str(exc)}, ensure_ascii=False))
                raise SystemExit(2) from exc
            raise CommandError(str(exc), returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False))
            return
        if answer.message:
            self.stdout.write(answer.message)
        for rank, result in enumerate(answer.results, start=1):
            level = f"niveau {result.level}" if result.level else "sans niveau"
            self.stdout.write(f"{rank}. {result.code} — {result.title} ({level}) — score {result.score:.2f}")
            for reason in result.why:
                self.stdout.write(f"     · {reason}")
