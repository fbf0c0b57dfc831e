from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from acquis.law import selectors
from acquis.law.diff import ChangeKind
from acquis.law.presentation import KIND_LABELS, french_date, iso_date_argument, plain_diff, summary


class Command(BaseCommand):
    help = "Compare le Code du travail entre deux dates, mot à mot (un article, une section ou la 6e partie)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", type=iso_date_argument, required=True, help="AAAA-MM-JJ")
        parser.add_argument("--to", dest="date_to", type=iso_date_argument, required=True, help="AAAA-MM-JJ")
        target = parser.add_mutually_exclusive_group()
        target.add_argument("--article", help="numéro d'un article, par exemple R6422-4")
        target.add_argument(
            "--section",
            help="identifiant LEGISCTA ou chemin de titres, par exemple « Partie réglementaire > Sixième partie » "
            "(par défaut : la sixième partie, législative et réglementaire)",
        )

    def handle(self, *args, **options):
        date_from, date_to = options["date_from"], options["date_to"]
        if date_from >= date_to:
            raise CommandError("La date de départ (--from) doit précéder la date d'arrivée (--to).")
        if options["article"]:
            number = options["article"].strip()
            if not selectors.article_exists(number):
                raise CommandError(f"L'article {number} n'est pas dans le corpus importé.")
            change = selectors.article_diff(number, date_from, date_to)
            changes = [] if change.kind is ChangeKind.UNCHANGED else [change]
        else:
            try:
                changes = selectors.section_diff(options["section"], date_from, date_to)
            except selectors.UnknownSection as exc:
                raise CommandError(f"Section introuvable : {options['section']}.") from exc
        self.stdout.write(f"Du {french_date(date_from)} au {french_date(date_to)} : {summary(changes)}")
        for change in changes:
            self.stdout.write("")
            self.stdout.write(f"== {change.number} — {KIND_LABELS[change.kind]}")
            if change.segments and change.kind is not ChangeKind.UNCHANGED:
                self.stdout.write(plain_diff(change))
            elif change.kind in (ChangeKind.UNKNOWN_EARLIER_TEXT, ChangeKind.UNKNOWN_LATER_TEXT):
                self.stdout.write("Le corpus ne contient pas ce texte : pas de comparaison mot à mot.")
