"""Mixed load: candidates, employees, employers, certifiers and funders browsing their pages at once.

Run by scripts/bench.sh against granian + PostgreSQL on loopback (ACQUIS_BENCH_BASE_URL). Every virtual user
logs in through the real login form (so the session, made by one granian worker process, is read by the
others: sessions work across processes), finds its objects' links on its list pages, then loops over its
role's pages with a think time, until the deadline: the run is bounded and stops by itself.

Proportions (of ACQUIS_BENCH_LOAD_USERS, default 50): candidates 40 %, employees 20 %, employers 16 %,
certifiers 12 %, funders 12 % — candidates and employees are the many, the professionals the few.
Optional: ACQUIS_BENCH_LOAD_DURATION (seconds measured, default 60), ACQUIS_BENCH_LOAD_THINK (mean think time
in seconds between two pages of one user, default 1; 0 for a closed loop), ACQUIS_BENCH_LOAD_RESULT (result
name, default load_mixed).

The load generator is the standard library (threads, http.client with keep-alive), like bench/http_endpoints.py:
no dependency, and 50 users are well within what threads do on two cores. Writes bench/results/<name>.json
with p50/p95/p99 and errors, overall, per role and per route.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.support.results import percentile, run_header, write_result  # noqa: E402 — needs ROOT on the path

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEMO_DOMAIN = "demo.acquis.localhost"
DEMO_PASSWORD = "Acquis-demo-2026!"
GOAL_P95_MS = 150


@dataclass(frozen=True)
class Persona:
    role: str
    share: float
    account: str
    # (route name, path or path template with {id} from the discovered links, weight)
    routes: tuple[tuple[str, str, int], ...]
    # (list page, link pattern) scanned after login for the ids of the templates
    discover: tuple[str, str] = ("", "")


PERSONAS = (
    Persona(
        "candidate",
        0.40,
        "candidat",
        (
            ("pathway_list", "/parcours/", 3),
            ("pathway_detail", "/parcours/{id}/", 4),
            ("certification_search", "/certifications/?" + urlencode({"q": "commerce"}), 1),
            ("home", "/", 1),
        ),
        ("/parcours/", r'href="/parcours/(\d+)/"'),
    ),
    Persona(
        "employee",
        0.20,
        "candidat",
        (("leave_list", "/conges-vae/", 3), ("leave_detail", "/conges-vae/{id}/", 3), ("rules", "/regles/", 1)),
        ("/conges-vae/", r'href="/conges-vae/(\d+)/"'),
    ),
    Persona(
        "employer",
        0.16,
        "employeur",
        (("leave_employer_list", "/conges-vae/entreprise/", 4), ("leave_detail_employer", "/conges-vae/{id}/", 2)),
        ("/conges-vae/entreprise/", r'href="/conges-vae/(\d+)/"'),
    ),
    Persona(
        "certifier",
        0.12,
        "certificateur",
        (("certifier_worklist", "/parcours/certificateur/", 4), ("pathway_detail_certifier", "/parcours/{id}/", 3)),
        ("/parcours/certificateur/", r'href="/parcours/(\d+)/"'),
    ),
    Persona(
        "funder",
        0.12,
        "financeur",
        (
            ("funder_worklist", "/parcours/financeur/", 3),
            ("leave_funder", "/conges-vae/financeur/", 2),
            ("pathway_funding", "/parcours/{id}/financement/", 2),
        ),
        ("/parcours/financeur/", r'href="/parcours/(\d+)/(?:financement/)?"'),
    ),
)


@dataclass
class Sample:
    role: str
    route: str
    latency: float
    status: int


@dataclass
class User:
    persona: Persona
    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None
    ids: list[str] = field(default_factory=list)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        all_headers = {"Accept": "text/html", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            return 0, b""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.will_close:
            self.conn.close()
            self.conn = None
        return response.status, content

    def login(self) -> bool:
        status, page = self.request("GET", "/connexion/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            return False
        form = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "email": f"{self.persona.account}@{DEMO_DOMAIN}",
                "password": DEMO_PASSWORD,
            }
        ).encode()
        status, _ = self.request("POST", "/connexion/", form, {"Content-Type": "application/x-www-form-urlencoded"})
        return status == 302

    def discover(self) -> None:
        page, pattern = self.persona.discover
        if page:
            _status, content = self.request("GET", page)
            self.ids = sorted(set(re.findall(pattern, content.decode("utf-8", "replace"))))


def _routes(user: User) -> tuple[list[tuple[str, str]], list[int]]:
    routes = [(name, path) for name, path, _w in user.persona.routes if "{id}" not in path or user.ids]
    weights = [w for _name, path, w in user.persona.routes if "{id}" not in path or user.ids]
    return routes, weights


def _virtual_user(user: User, ready: threading.Barrier, clock: dict, think: float, samples: list, seed: int) -> None:
    rng = random.Random(seed)
    logged_in = user.login()
    if logged_in:
        user.discover()
    ready.wait()
    if not logged_in:
        samples.append(Sample(user.persona.role, "login", 0.0, 0))
        return
    routes, weights = _routes(user)
    # Users start spread over one think time, not all at the same instant.
    time.sleep(rng.uniform(0, think))
    while time.perf_counter() < clock["stop_at"]:
        name, path = rng.choices(routes, weights)[0]
        if "{id}" in path:
            path = path.format(id=rng.choice(user.ids))
        started = time.perf_counter()
        status, _content = user.request("GET", path)
        samples.append(Sample(user.persona.role, name, time.perf_counter() - started, status))
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
    if user.conn is not None:
        user.conn.close()


def _stats(samples: list[Sample], seconds: float) -> dict:
    latencies = sorted(s.latency * 1000 for s in samples)
    statuses = Counter(s.status for s in samples)
    errors = sum(n for status, n in statuses.items() if status == 0 or status >= 400)
    return {
        "requests": len(samples),
        "throughput_rps": round(len(samples) / seconds, 1) if seconds else None,
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "errors": errors,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def _apportion(users: int, *, reserved: int) -> dict[Persona, int]:
    """Users per role in the PERSONAS proportions (largest remainders), after ``reserved`` users of each role."""
    rest = users - reserved * len(PERSONAS)
    quotas = {persona: rest * persona.share for persona in PERSONAS}
    counts = {persona: reserved + int(quota) for persona, quota in quotas.items()}
    by_remainder = sorted(PERSONAS, key=lambda p: quotas[p] - int(quotas[p]), reverse=True)
    for persona in by_remainder[: users - sum(counts.values())]:
        counts[persona] += 1
    return counts


def run(base_url: str, users: int, duration: float, think: float) -> dict:
    url = urlsplit(base_url)
    if url.hostname not in LOOPBACK:
        raise SystemExit(f"Refus : {base_url} n'est pas une adresse locale (127.0.0.1).")
    counts = _apportion(users, reserved=0)
    if users >= len(PERSONAS) and 0 in counts.values():
        # A small run still has every role: one of each first, the rest in proportion.
        counts = _apportion(users, reserved=1)
    population = [persona for persona in PERSONAS for _ in range(counts[persona])]
    clock: dict[str, float] = {}

    def start_clock():
        clock["stop_at"] = time.perf_counter() + duration
        clock["started"] = time.perf_counter()

    ready = threading.Barrier(len(population), action=start_clock)
    samples: list[Sample] = []
    threads = [
        threading.Thread(
            target=_virtual_user,
            args=(User(persona, url.hostname, url.port), ready, clock, think, samples, index),
            daemon=True,
        )
        for index, persona in enumerate(population)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        # Bounded: a request times out after 30 s, so every user ends by the deadline plus 30 s.
        thread.join(timeout=duration + 120)
    elapsed = time.perf_counter() - clock.get("started", time.perf_counter())
    by_role, by_route = defaultdict(list), defaultdict(list)
    for sample in samples:
        by_role[sample.role].append(sample)
        by_route[sample.route].append(sample)
    return {
        "users": len(population),
        "users_by_role": dict(Counter(p.role for p in population)),
        "duration_s": duration,
        "think_time_s": think,
        "overall": _stats(samples, elapsed),
        "by_role": {role: _stats(s, elapsed) for role, s in sorted(by_role.items())},
        "by_route": {route: _stats(s, elapsed) for route, s in sorted(by_route.items())},
    }


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main() -> int:
    base_url = os.environ["ACQUIS_BENCH_BASE_URL"]
    users = int(os.environ.get("ACQUIS_BENCH_LOAD_USERS", "50"))
    duration = float(os.environ.get("ACQUIS_BENCH_LOAD_DURATION", "60"))
    think = float(os.environ.get("ACQUIS_BENCH_LOAD_THINK", "1"))
    name = os.environ.get("ACQUIS_BENCH_LOAD_RESULT", "load_mixed")
    load_before = _load_average()
    report = run(base_url, users, duration, think)
    overall = report["overall"]
    result = {
        **run_header(name),
        "server": os.environ.get("ACQUIS_BENCH_SERVER"),
        "postgresql": os.environ.get("ACQUIS_BENCH_PG_VERSION"),
        "load_average_before": load_before,
        "load_average_after": _load_average(),
        "goal": {"p95_ms": GOAL_P95_MS, "met": overall["p95_ms"] <= GOAL_P95_MS},
        **report,
    }
    path = write_result(name, result)
    print(f"{'rôle / route':<28} {'req':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'err':>5}")
    for label, stats in [("TOTAL", overall), *report["by_role"].items(), *report["by_route"].items()]:
        print(
            f"{label:<28} {stats['requests']:>6} {stats['p50_ms']:>8} {stats['p95_ms']:>8} {stats['p99_ms']:>8}"
            f" {stats['errors']:>5}"
        )
    print(f"Résultat : {path} ; charge moyenne de la machine avant/après : {load_before} / {_load_average()}")
    # Errors fail the benchmark; a missed latency goal is reported, not failed (shared machines vary).
    return 1 if overall["errors"] or not overall["requests"] else 0


if __name__ == "__main__":
    sys.exit(main())
