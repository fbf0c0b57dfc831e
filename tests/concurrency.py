"""Run one callable from several threads at once (PostgreSQL race tests): each thread has its own database
connection, closed at the end; returns the results and the exceptions raised."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def run_concurrently(function: Callable[[], Any], count: int) -> tuple[list[Any], list[BaseException]]:
    from django.db import connection

    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 — the caller asserts there was none
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
