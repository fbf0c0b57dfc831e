"""Test data built once per module and worker, then shared by the module's tests without leaking their writes.

The permission matrices run thousands of requests against the same small world (a user per role, an
organisation, a commission, a congé VAE request): building it for each test cost about half of their time.
``built_once(build)`` returns a module-scoped fixture that builds it inside a transaction rolled back when the
module ends. Each test still runs in its own atomic block (pytest-django's, nested here as a savepoint), so its
writes are undone before the next test; and ``fresh_copy`` gives each test its own copy of the model instances,
so that an object changed in memory by one test never reaches the next — Django's ``setUpTestData`` pattern.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction


def built_once(build: Callable[[], Any]):
    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build()
            transaction.set_rollback(True)

    return fixture


def fresh_copy(value: Any) -> Any:
    return copy.deepcopy(value)
