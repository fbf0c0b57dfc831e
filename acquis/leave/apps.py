from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "acquis.leave"
    label = "leave"
    verbose_name = "Congé VAE"

    def ready(self) -> None:
        # The domain's actions join acquis.accounts.permissions' table when the app loads.
        from acquis.leave import permissions  # noqa: F401
