import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from acquis.audit import context
from acquis.notifications.services import notification_tasks_recover


class Command(BaseCommand):
    help = "relance les tâches interrompues et les courriels en attente ; liste les envois incertains"

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after",
            type=int,
            default=15,
            help="minutes après lesquelles une tâche « en cours » est tenue pour interrompue (défaut 15)",
        )
        parser.add_argument(
            "--resend-uncertain",
            action="store_true",
            help="renvoie aussi les courriels dont un envoi a peut-être abouti (reçus deux fois, peut-être)",
        )

    def handle(self, *args, stale_after, resend_uncertain=False, **options):
        if stale_after < 1:
            raise CommandError("--stale-after doit valoir au moins 1 minute.", returncode=2)
        with context.bind(channel="cli", role="system"):
            recovery = notification_tasks_recover(
                stale_after=dt.timedelta(minutes=stale_after), resend_uncertain=resend_uncertain
            )
        self.stdout.write(f"Tâches interrompues remises en file : {len(recovery.requeued_tasks)}")
        self.stdout.write(f"Courriels non envoyés remis en file : {len(recovery.enqueued_emails)}")
        if recovery.uncertain_emails:
            ids = ", ".join(str(pk) for pk in recovery.uncertain_emails)
            action = "renvoyés" if resend_uncertain else "non renvoyés (--resend-uncertain pour les renvoyer)"
            self.stdout.write(f"Courriels à l'envoi incertain (travailleur arrêté pendant l'envoi), {action} : {ids}")
