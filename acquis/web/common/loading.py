"""The one shape of a page's loader for @requires: the object by its key, or 404 (never 403: an id the reader
may not see does not exist for them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404


def loader(select: Callable[..., Any], missing: type[Exception], message: str) -> Callable[..., Any]:
    def load(request, pk: int, **kwargs):
        try:
            return select(pk=pk)
        except missing:
            raise Http404(message) from None

    return load
