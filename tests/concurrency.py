"""The one race harness of the PostgreSQL tests: calls run in threads released together, each thread on its own
database connection, closed at the end."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any


def race(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run each call in its own thread, all released at once; each call's result, or the exception it raised,
    in the order of ``calls``."""
    from django.db import connection

    start = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 — the outcome is what the test asserts on
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def run_concurrently(function: Callable[[], Any], count: int) -> tuple[list[Any], list[BaseException]]:
    """``function`` run ``count`` times at once: the results, and the exceptions raised."""
    outcomes = race([function] * count)
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    return [outcome for outcome in outcomes if not isinstance(outcome, BaseException)], errors


def json_posts_race(url: str, posts: Sequence[tuple[Any, dict, dict]]) -> list[Any]:
    """``(client, body, headers)`` POSTed as JSON to ``url`` at once: each response, in order."""
    return race(
        [
            lambda client=client, body=body, headers=headers: client.post(
                url, body, content_type="application/json", headers=headers
            )
            for client, body, headers in posts
        ]
    )
