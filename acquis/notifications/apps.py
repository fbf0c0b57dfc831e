from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "acquis.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The domain's action joins acquis.accounts.permissions.can() once the app registry is ready.
        from acquis.notifications import permissions

        permissions.register()
