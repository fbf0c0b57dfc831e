from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "acquis.pathways"
    label = "pathways"
    verbose_name = "Parcours VAE"

    def ready(self) -> None:
        # The domain's actions join acquis.accounts.permissions' table when the app loads.
        from acquis.pathways import permissions  # noqa: F401
