"""The WSGI entry point warms the worker up: the rules and the URLconf are loaded before the first request."""

from __future__ import annotations

import importlib

from acquis.rules.catalogue import default_registry


def test_importing_the_wsgi_module_loads_the_rules_before_any_request():
    import config.wsgi

    default_registry.cache_clear()
    importlib.reload(config.wsgi)

    assert default_registry.cache_info().currsize == 1
    assert callable(config.wsgi.application)
