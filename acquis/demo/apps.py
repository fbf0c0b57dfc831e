from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "acquis.demo"
    verbose_name = "Données de démonstration"
