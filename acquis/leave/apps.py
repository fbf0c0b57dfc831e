from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "acquis.leave"
    label = "leave"
    verbose_name = "Congé VAE"
