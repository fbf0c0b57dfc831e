from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "acquis.statistics"
    label = "statistics"
    verbose_name = "Statistiques"

    def ready(self) -> None:
        # The domain's actions and predicates join acquis.accounts.permissions (docs/architecture.md).
        from acquis.statistics import permissions  # noqa: F401
