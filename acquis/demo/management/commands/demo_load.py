from django.core.management.base import BaseCommand

from acquis.accounts.enums import Role
from acquis.audit import context
from acquis.demo.data import ACCOUNTS, ADMIN_EMAIL, DEMO_PASSWORD
from acquis.demo.services import demo_load
from acquis.orientation.services import finder_refresh


class Command(BaseCommand):
    help = "Charge le jeu de démonstration (un compte par rôle) et affiche les identifiants."

    def handle(self, *args, **options):
        with context.bind(channel="cli", role="system"):
            result = demo_load()
            # The demo adds fiches (RNCP999xx): the finder must offer them too.
            finder_refresh()
        self.stdout.write(
            f"Jeu de démonstration : {len(result.created)} compte(s) créé(s), {len(result.existing)} déjà présent(s)."
        )
        self.stdout.write("Comptes de démonstration (mot de passe commun : " + DEMO_PASSWORD + ")")
        for account in ACCOUNTS:
            # The demo employee holds no role: any signed-in person may ask for a congé VAE.
            role = Role(account.role).label if account.role else "Salarié"
            self.stdout.write(f"  {role:<20} {account.email}")
        self.stdout.write(f"  {'Administrateur':<20} {ADMIN_EMAIL}  (administration : /admin/)")
