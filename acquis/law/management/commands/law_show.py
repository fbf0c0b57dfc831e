from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from acquis.law import selectors
from acquis.law.presentation import french_date, interval_label, iso_date_argument, state_label


class Command(BaseCommand):
    help = "Affiche la version d'un article du Code du travail en vigueur à une date."

    def add_arguments(self, parser):
        parser.add_argument("number", help="numéro de l'article, par exemple R6422-4")
        parser.add_argument(
            "--at", type=iso_date_argument, default=None, help="date AAAA-MM-JJ (par défaut : ce jour)"
        )

    def handle(self, *args, **options):
        number, day = options["number"].strip(), options["at"] or timezone.localdate()
        if not selectors.article_exists(number):
            raise CommandError(f"L'article {number} n'est pas dans le corpus importé (voir « acquis law import »).")
        version = selectors.article_at(number, day)
        if version is None:
            raise CommandError(f"Aucune version de l'article {number} n'est en vigueur le {french_date(day)}.")
        self.stdout.write(f"Article {number}, version en vigueur le {french_date(day)}")
        self.stdout.write(f"Identifiant : {version.legiarti_id or 'sans identifiant LEGIARTI (texte reconstitué)'}")
        self.stdout.write(f"En vigueur : {interval_label(version)} — état : {state_label(version.state)}")
        self.stdout.write("")
        self.stdout.write(
            version.text or "Texte absent du corpus : seules les métadonnées de cette version sont connues."
        )
