from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "acquis.law"
    verbose_name = "Droit"
