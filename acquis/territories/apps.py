from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "acquis.territories"
    verbose_name = "Territoires"
