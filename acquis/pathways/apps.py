from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "acquis.pathways"
    label = "pathways"
    verbose_name = "Parcours VAE"
