from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from acquis.accounts.permissions import Action, can, may_read


def requires(action: Action, *, load: Callable[..., Any] | None = None):
    """Guard a page with acquis.accounts.permissions; ``load`` fetches the object the permission is about
    (raising Http404), and the view then receives it as ``obj``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = load(request, **kwargs) if load else None
            if not can(request.user, action, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if load and obj is not None and not may_read(request.user, obj):
                    # One visibility policy with the API: what the caller may not read does not exist for them.
                    raise Http404("Cette page n'existe pas.")
                raise PermissionDenied("Vous n'avez pas accès à cette page.")
            if load:
                return view(request, obj, *args, **kwargs)
            return view(request, *args, **kwargs)

        wrapper.acquis_action = action
        return wrapper

    return decorator
