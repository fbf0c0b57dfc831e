from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "acquis.funding"
    label = "funding"
    verbose_name = "Financement de la VAE"

    def ready(self) -> None:
        # The domain's actions join acquis.accounts.permissions' table when the app loads.
        from acquis.funding import permissions  # noqa: F401
