import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()


def _warm_up() -> None:
    """Pay the one-off costs when the worker starts, not on its first request (measured 0.4–1.3 s by
    bench/leave_list.py): import every URLconf and view module, and load the rules with their dated parameters."""
    from django.urls import get_resolver

    from acquis.api.api import api
    from acquis.rules.catalogue import default_registry

    get_resolver().url_patterns  # noqa: B018 — evaluating it imports the URLconf and every view module
    api.get_openapi_schema()  # builds django-ninja's routes and schemas once
    default_registry()


_warm_up()
