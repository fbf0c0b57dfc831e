"""HTTP throughput and latency of a served Acquis: the home page and two API routes, at 1 and 20 clients.

Run by scripts/bench.sh, which serves Acquis with granian on PostgreSQL and sets:
  ACQUIS_BENCH_BASE_URL    http://127.0.0.1:<port> (anything but a loopback address is refused)
  ACQUIS_BENCH_TOKEN       a clear API token for /api/v1/me
  ACQUIS_BENCH_PG_VERSION  and ACQUIS_BENCH_SERVER, recorded as they are in the result
Optional: ACQUIS_BENCH_WARMUP (seconds, default 1), ACQUIS_BENCH_DURATION (seconds, default 5).

The load generator is the standard library only (threads, http.client with keep-alive), so the bench adds no
dependency. Each client thread sends its next request as soon as the previous answer is read (closed loop).
Writes bench/results/http_endpoints.json and prints a table.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import platform
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.support.results import percentile, write_result  # noqa: E402 — needs ROOT on the path

CONCURRENCIES = (1, 20)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    authenticated: bool = False


ENDPOINTS = (
    Endpoint("home", "/"),
    Endpoint("api_health", "/api/v1/health"),
    Endpoint("api_me", "/api/v1/me", authenticated=True),
)


@dataclass
class ClientTally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    last_end: float = 0.0
    body_bytes: int = 0
    connections: int = 0


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    return float(raw) if raw else default


def _client(
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    barrier: threading.Barrier,
    clock: dict,
    tally: ClientTally,
) -> None:
    conn: http.client.HTTPConnection | None = None
    barrier.wait()
    measure_from, stop_at = clock["measure_from"], clock["stop_at"]
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            break
        body = b""
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=30)
                tally.connections += 1
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            status = response.status
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            # 0 stands for "no HTTP answer" (reset, timeout): an error like a 5xx, counted apart.
            status = 0
            if conn is not None:
                conn.close()
            conn = None
        ended = time.perf_counter()
        # Requests started during the warm-up are discarded: they pay for connections and cold caches.
        if started >= measure_from:
            tally.latencies.append(ended - started)
            tally.statuses[status] += 1
            tally.body_bytes += len(body)
            tally.last_end = ended
    if conn is not None:
        conn.close()


def run(
    host: str, port: int, endpoint: Endpoint, concurrency: int, token: str, warmup: float, duration: float
) -> dict:
    headers = {"Accept": "application/json" if endpoint.path.startswith("/api/") else "text/html"}
    if endpoint.authenticated:
        headers["Authorization"] = f"Bearer {token}"
    clock: dict[str, float] = {}

    def set_clock() -> None:
        # Run once, when every client is ready: all of them measure the same window.
        now = time.perf_counter()
        clock["measure_from"] = now + warmup
        clock["stop_at"] = now + warmup + duration

    barrier = threading.Barrier(concurrency, action=set_clock)
    tallies = [ClientTally() for _ in range(concurrency)]
    threads = [
        threading.Thread(target=_client, args=(host, port, endpoint.path, headers, barrier, clock, t), daemon=True)
        for t in tallies
    ]
    cpu_before = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_used = time.process_time() - cpu_before

    latencies = sorted(x for t in tallies for x in t.latencies)
    statuses: Counter = sum((t.statuses for t in tallies), Counter())
    requests = len(latencies)
    errors = sum(n for status, n in statuses.items() if not 200 <= status < 300)
    # The window closes when the last request started inside it has been answered.
    elapsed = max((t.last_end for t in tallies), default=clock["stop_at"]) - clock["measure_from"]

    def ms(value: float) -> float:
        return round(value * 1000, 2)

    return {
        "endpoint": endpoint.name,
        "path": endpoint.path,
        "authenticated": endpoint.authenticated,
        "concurrency": concurrency,
        "requests": requests,
        "errors": errors,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "duration_s": round(elapsed, 3),
        "requests_per_s": round(requests / elapsed, 1) if elapsed > 0 else 0.0,
        "latency_ms": {
            "p50": ms(percentile(latencies, 50)),
            "p95": ms(percentile(latencies, 95)),
            "p99": ms(percentile(latencies, 99)),
            "mean": ms(sum(latencies) / requests) if requests else None,
            "min": ms(latencies[0]) if latencies else None,
            "max": ms(latencies[-1]) if latencies else None,
        },
        "mean_body_bytes": round(sum(t.body_bytes for t in tallies) / requests) if requests else None,
        "connections_opened": sum(t.connections for t in tallies),
        # The client shares the cores with granian and PostgreSQL: its own CPU share says how much it took.
        "client_cpu_percent_of_one_core": round(100 * cpu_used / (warmup + duration), 1),
    }


def check(host: str, port: int, endpoint: Endpoint, token: str) -> None:
    """Fail before measuring if a route does not answer as expected: a fast 401 or 404 measures nothing."""
    conn = http.client.HTTPConnection(host, port, timeout=10)
    headers = {"Authorization": f"Bearer {token}"} if endpoint.authenticated else {}
    conn.request("GET", endpoint.path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{endpoint.path} répond {response.status} : {body[:300]!r}")
    if endpoint.authenticated and json.loads(body).get("kind") != "api_token":
        raise SystemExit(f"{endpoint.path} n'a pas reconnu le jeton d'API : {body[:300]!r}")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main() -> int:
    base_url = os.environ.get("ACQUIS_BENCH_BASE_URL", "")
    token = os.environ.get("ACQUIS_BENCH_TOKEN", "")
    if not base_url or not token:
        print("ACQUIS_BENCH_BASE_URL et ACQUIS_BENCH_TOKEN manquent : lancez « make bench ».", file=sys.stderr)
        return 2
    url = urlsplit(base_url)
    # The bench sends thousands of requests a second: it must never be pointed at a shared server.
    if url.scheme != "http" or url.hostname not in LOOPBACK or not url.port:
        print(f"ACQUIS_BENCH_BASE_URL={base_url!r} : seule une adresse http://127.0.0.1:<port> est admise.")
        return 2
    host, port = url.hostname, url.port
    warmup = _env_float("ACQUIS_BENCH_WARMUP", 1.0)
    duration = _env_float("ACQUIS_BENCH_DURATION", 5.0)

    for endpoint in ENDPOINTS:
        check(host, port, endpoint, token)
    # Client, server and PostgreSQL share the machine: anything else running skews every figure.
    load_before = os.getloadavg()
    if load_before[0] > 0.5 * (os.cpu_count() or 1):
        print(f"    attention : charge de la machine {load_before[0]:.1f} avant la mesure, résultats bruités")

    results = []
    for endpoint in ENDPOINTS:
        for concurrency in CONCURRENCIES:
            print(f"    {endpoint.path} × {concurrency} client(s) : {warmup:g} s de chauffe, {duration:g} s mesurées")
            results.append(run(host, port, endpoint, concurrency, token, warmup, duration))

    report = {
        "benchmark": "http_endpoints",
        "schema_version": 1,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": {
            "cpu_count": os.cpu_count(),
            "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "cpu_model": _cpu_model(),
            "memory_gib": _memory_gib(),
            "platform": platform.platform(),
            # 1, 5 and 15-minute load averages: a loaded machine explains slow or scattered figures.
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "software": {
            "python": platform.python_version(),
            "django": _version("django"),
            "granian": _version("granian"),
            "psycopg": _version("psycopg"),
            "postgresql": os.environ.get("ACQUIS_BENCH_PG_VERSION"),
        },
        "server": {
            "http_server": os.environ.get("ACQUIS_BENCH_SERVER"),
            "settings": "ACQUIS_ENV=production, DJANGO_DEBUG=false",
            "network": "loopback 127.0.0.1, client on the same machine",
        },
        "method": {
            "client": "Python threads + http.client, one keep-alive connection per client, closed loop",
            "warmup_s": warmup,
            "duration_s": duration,
            "percentiles": "nearest rank over every request started in the measured window",
            "error": "any answer outside 2xx, or no answer (status 0)",
        },
        "results": results,
    }
    target = write_result("http_endpoints", report)

    row = "    {:<16} {:>7} {:>9} {:>7} {:>8} {:>8} {:>8} {:>8}"
    print()
    print(row.format("route", "clients", "requêtes", "erreurs", "req/s", "p50 ms", "p95 ms", "p99 ms"))
    for r in results:
        lat = r["latency_ms"]
        cells = (r["requests"], r["errors"], r["requests_per_s"], lat["p50"], lat["p95"], lat["p99"])
        print(row.format(r["path"], r["concurrency"], *cells))
    print(f"    → {target.relative_to(ROOT)}")
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
