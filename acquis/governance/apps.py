from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "acquis.governance"
    verbose_name = "Gouvernance des certifications (CPC, GIP)"

    def ready(self) -> None:
        # The domain's actions join acquis.accounts.permissions' table when the app loads.
        from acquis.governance import permissions  # noqa: F401
