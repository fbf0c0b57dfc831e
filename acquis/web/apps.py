from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "acquis.web"
    verbose_name = "Pages web"

    def ready(self) -> None:
        from acquis.web import signals  # noqa: F401 — connects the login audit
