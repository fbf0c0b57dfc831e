"""Scale-out (issue 11.11, docs/deploy.md « Running N of each »): two app processes (granian, the production
server) and two task workers (django-tasks' database backend), separate processes against one PostgreSQL.

- A session opened on one app process works on the other, and a logout on the other ends it on the first:
  nothing of a session lives in a process.
- People sign up through both app processes while both workers run; every task the apps queue (the sign-up's
  confirmation e-mail) runs exactly once, on one worker, and every e-mail is sent once.

The processes are started by this test and stopped by their PID (SIGTERM, then SIGKILL after a grace delay).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from acquis.notifications.models import OutboundEmail
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SIGNUPS_PER_APP = 6
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env() -> dict[str, str]:
    settings = connection.settings_dict
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ACQUIS_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "ACQUIS_ENV": "development",
        "ACQUIS_TASKS_BACKEND": "database",
        "DATABASE_URL": f"postgres://{settings['USER']}@{host}/{settings['NAME']}",
        "EMAIL_URL": "locmem://",
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
        # One secret for every process, as docs/deploy.md requires: each must read the others' sessions.
        "DJANGO_SECRET_KEY": "scale-out-test-only-secret-key-shared-by-every-process-0123456789",
    }


def _stop(process: subprocess.Popen) -> None:
    """Stop one process we started, by its PID: SIGTERM, then SIGKILL if it is still there after 10 s. Each is
    started in its own session, whose group id is its PID, so granian's worker child goes with it (a SIGKILL to
    the parent alone left the child running)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # a child left behind by a parent that exited


class Browser:
    """One person's cookies, sent to whichever app process is asked (as a load balancer would)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", content

    def post_form(self, port: int, path: str, fields: dict, *, from_page: str = "") -> tuple[int, str, str]:
        """Post a form with the CSRF token of the page that shows it (``path`` itself by default)."""
        _status, _location, page = self.request(port, "GET", from_page or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(port, "POST", path, {"csrfmiddlewaretoken": token, **fields})


def _wait_until_up(process: subprocess.Popen, port: int) -> None:
    # Generous: on a loaded 2-core machine, importing Django and the project takes granian tens of seconds.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, f"granian s'est arrêté (code {process.returncode})"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"granian ne répond pas sur le port {port}")


@pytest.fixture
def cluster():
    """Two granian processes (one worker each) and two db_worker processes; stopped by PID at the end."""
    env = _env()
    started: list[subprocess.Popen] = []
    ports = [_free_port(), _free_port()]
    try:
        for port in ports:
            command = [
                str(BIN / "granian"), "--interface", "wsgi", "config.wsgi:application", "--host", "127.0.0.1",
                "--port", str(port), "--workers", "1", "--blocking-threads", "2", "--no-ws", "--log-level", "warning",
            ]  # fmt: skip
            started.append(
                subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True)
            )
        worker = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-startup-delay", "--no-reload"]
        workers = [
            subprocess.Popen(
                [*worker, "--worker-id", f"w{n}", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
            for n in (1, 2)
        ]
        started += workers
        for process, port in zip(started, ports, strict=False):
            _wait_until_up(process, port)
        yield ports, workers
    finally:
        for process in started:
            _stop(process)


def test_a_session_opened_on_one_app_process_works_on_the_other(cluster):
    (port_a, port_b), _workers = cluster
    person = UserFactory(candidate=True)
    # The app processes run the production hashers, not the tests' fast one.
    person.password = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, PBKDF2PasswordHasher().salt())
    person.save(update_fields=["password"])
    browser = Browser()
    status, location, _page = browser.post_form(
        port_a, "/connexion/", {"email": person.email, "password": DEFAULT_PASSWORD}
    )
    assert status == 302 and "/connexion/" not in location
    status, _location, page = browser.request(port_b, "GET", "/compte/")
    assert status == 200 and person.email in page
    # Logged out by B: A no longer knows the session either.
    status, _location, _page = browser.post_form(port_b, "/deconnexion/", {}, from_page="/compte/")
    assert status == 302
    status, location, _page = browser.request(port_a, "GET", "/compte/")
    assert status == 302 and "/connexion/" in location


def test_tasks_queued_by_both_app_processes_run_once_on_two_workers(cluster):
    ports, workers = cluster
    for index in range(SIGNUPS_PER_APP * 2):
        port = ports[index % 2]
        status, _location, _page = Browser().post_form(
            port,
            "/inscription/",
            {
                "profile": "candidate",
                "first_name": "Personne",
                "last_name": f"Numéro {index}",
                "email": f"inscrite{index}@exemple.fr",
                "password1": "Un-mot-de-passe-solide-2026",
                "password2": "Un-mot-de-passe-solide-2026",
            },
        )
        assert status < 400  # the sign-up answers its « check your mailbox » page; the tasks below prove it
    expected = SIGNUPS_PER_APP * 2
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() >= expected:
            break
        assert all(worker.poll() is None for worker in workers), "un worker s'est arrêté"
        time.sleep(0.3)
    results = list(DBTaskResult.objects.all())
    assert len(results) == expected
    assert all(r.status == TaskResultStatus.SUCCESSFUL and len(r.worker_ids) == 1 for r in results)
    emails = OutboundEmail.objects.filter(template="signup_verification")
    assert emails.count() == expected
    assert set(emails.values_list("attempts", flat=True)) == {1}
    assert not emails.filter(sent_at=None).exists()
