from django.core.management.base import BaseCommand, CommandError

from acquis.accounts.selectors import api_tokens_beyond_their_creator


class Command(BaseCommand):
    help = "Jetons d'API actifs dont le rôle n'est pas détenu par leur créateur dans l'organisation (à révoquer)."

    def handle(self, *args, **options):
        found = api_tokens_beyond_their_creator()
        for token, reason in found:
            self.stdout.write(
                f"jeton {token.pk} « {token.name} » ({token.prefix}…) — {token.organisation.name} "
                f"({token.organisation.siret}), rôle {token.get_role_display().lower()} : {reason}"
            )
        if found:
            # A check: a non-zero status lets a scheduled run alert someone.
            raise CommandError(
                f"{len(found)} jeton(s) hors de la règle : révoquez-les depuis la page de l'organisation.",
                returncode=1,
            )
        self.stdout.write("Aucun jeton hors de la règle : chaque jeton a le rôle que son créateur détient.")
