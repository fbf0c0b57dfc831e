from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "acquis.backups"
    verbose_name = "Sauvegardes"
