from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "acquis.notifications"
    verbose_name = "Notifications"
