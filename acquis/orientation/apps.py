from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "acquis.orientation"
    verbose_name = "Orientation (ROME, recherche de certifications)"
