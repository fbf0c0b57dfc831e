"""Latency of one `leave.status` decision through the HTTP API (goal: median ≤ 1 ms on loopback).

Run by scripts/bench.sh, which serves Acquis with granian (production settings) and sets:
  ACQUIS_BENCH_BASE_URL    http://127.0.0.1:<port> (anything but a loopback address is refused)
  ACQUIS_BENCH_SERVER     recorded as it is in the result
Optional: ACQUIS_BENCH_WARMUP (seconds, default 1), ACQUIS_BENCH_DURATION (seconds, default 5).

One client, one keep-alive connection, closed loop: `POST /api/v1/rules/leave.status/decide` with the same
facts as bench/rules_decide.py (in process), so the two figures can be compared; the difference is HTTP,
Django, django-ninja and JSON. The route is public and touches no database, so no token is sent.

Two clients, one after the other: a lean HTTP/1.1 client on a raw socket (the request bytes built once,
the response read by its Content-Length — what wrk does), whose figure is the goal's; and Python's
http.client, kept for comparison: its own header parsing (email.parser) costs about 0.5 ms per response
on the bench machine, time spent in the client, not in the API.
Writes bench/results/rules_api.json (median and p95 in ms, and more) and prints a summary.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import platform
import socket
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.support.results import percentile, write_result  # noqa: E402 — needs ROOT on the path

LOOPBACK = ("127.0.0.1", "localhost", "::1")
PATH = "/api/v1/rules/leave.status/decide"
FACTS = {
    "request_received": "2024-03-01",
    "answer": {"date": "2024-03-05", "kind": "postpone", "postponed_to": "2024-03-25", "reasons": ["inventaire"]},
    "on": "2024-03-06",
}
BODY = json.dumps({"at": None, "facts": FACTS}).encode()
HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    return float(raw) if raw else default


def _post(conn: http.client.HTTPConnection) -> tuple[int, bytes]:
    conn.request("POST", PATH, body=BODY, headers=HEADERS)
    response = conn.getresponse()
    return response.status, response.read()


def check(host: str, port: int) -> None:
    """Fail before measuring if the route does not decide: a fast 404 or 422 measures nothing."""
    conn = http.client.HTTPConnection(host, port, timeout=10)
    status, body = _post(conn)
    conn.close()
    if status != 200:
        raise SystemExit(f"{PATH} répond {status} : {body[:300]!r}")
    decision = json.loads(body)
    if decision.get("value") != "postponed" or not decision.get("sources") or not decision.get("trace"):
        raise SystemExit(f"{PATH} ne rend pas la décision attendue : {body[:300]!r}")


class LeanConnection:
    """HTTP/1.1 keep-alive over one socket: sends the prepared request, reads one response by Content-Length."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head = f"POST {PATH} HTTP/1.1\r\nHost: {host}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
        self.request = f"{head}Content-Length: {len(BODY)}\r\n\r\n".encode() + BODY
        self.buffer = b""

    def post(self) -> tuple[int, bytes]:
        self.sock.sendall(self.request)
        while b"\r\n\r\n" not in self.buffer:
            self._receive()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        length = next(int(line.split(b":", 1)[1]) for line in lines if line.lower().startswith(b"content-length:"))
        while len(rest) < length:
            self.buffer = rest
            self._receive()
            rest = self.buffer
        self.buffer = rest[length:]
        return int(lines[0].split()[1]), rest[:length]

    def _receive(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("connexion fermée par le serveur")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


class StdlibConnection:
    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def post(self) -> tuple[int, bytes]:
        return _post(self.conn)

    def close(self) -> None:
        self.conn.close()


CLIENTS = {"lean": LeanConnection, "http.client": StdlibConnection}


def measure(host: str, port: int, warmup: float, duration: float, client: str = "lean") -> dict:
    make = CLIENTS[client]
    conn = make(host, port)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    connections = 1
    start = time.perf_counter()
    measure_from, stop_at = start + warmup, start + warmup + duration
    while (started := time.perf_counter()) < stop_at:
        try:
            status, _body = conn.post()
        except (OSError, http.client.HTTPException, ValueError, StopIteration):
            status = 0  # no HTTP answer (reset, timeout, malformed)
            conn.close()
            conn = make(host, port)
            connections += 1
        ended = time.perf_counter()
        if started >= measure_from:  # the warm-up pays for the connection and cold caches
            latencies.append(ended - started)
            statuses[str(status)] = statuses.get(str(status), 0) + 1
    conn.close()
    latencies.sort()

    def ms(value: float) -> float:
        return round(value * 1000, 3)

    return {
        "requests": len(latencies),
        "errors": sum(n for status, n in statuses.items() if not status.startswith("2")),
        "statuses": statuses,
        "requests_per_s": round(len(latencies) / duration, 1),
        "median_ms": ms(statistics.median(latencies)) if latencies else None,
        "p95_ms": ms(percentile(latencies, 95)),
        "p99_ms": ms(percentile(latencies, 99)),
        "mean_ms": ms(statistics.fmean(latencies)) if latencies else None,
        "min_ms": ms(latencies[0]) if latencies else None,
        "max_ms": ms(latencies[-1]) if latencies else None,
        "connections_opened": connections,
    }


def main() -> int:
    base_url = os.environ.get("ACQUIS_BENCH_BASE_URL", "")
    if not base_url:
        print("ACQUIS_BENCH_BASE_URL manque : lancez « make bench ».", file=sys.stderr)
        return 2
    url = urlsplit(base_url)
    if url.scheme != "http" or url.hostname not in LOOPBACK or not url.port:
        print(f"ACQUIS_BENCH_BASE_URL={base_url!r} : seule une adresse http://127.0.0.1:<port> est admise.")
        return 2
    warmup = _env_float("ACQUIS_BENCH_WARMUP", 1.0)
    duration = _env_float("ACQUIS_BENCH_DURATION", 5.0)

    check(url.hostname, url.port)
    load_before = os.getloadavg()
    print(f"    POST {PATH} × 1 client : {warmup:g} s de chauffe, {duration:g} s mesurées")
    result = measure(url.hostname, url.port, warmup, duration, "lean")
    stdlib = measure(url.hostname, url.port, warmup, duration, "http.client")

    report = {
        "benchmark": "rules_api",
        "schema_version": 1,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "goal": "median ≤ 1 ms for one leave.status decision through the HTTP API on loopback",
        "route": f"POST {PATH}",
        "body": json.loads(BODY),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load_before],
        },
        "software": {"python": platform.python_version()},
        "server": {
            "http_server": os.environ.get("ACQUIS_BENCH_SERVER"),
            "network": "loopback 127.0.0.1, client on the same machine",
        },
        "method": {
            "client": "lean HTTP/1.1 client on a raw socket (prepared request, response read by Content-Length), "
            "one keep-alive connection, closed loop, 1 client; `result_http_client` is the same with http.client",
            "warmup_s": warmup,
            "duration_s": duration,
            "percentiles": "nearest rank over every request started in the measured window",
        },
        "result": result,
        "result_http_client": stdlib,
    }
    target = write_result("rules_api", report)
    print(
        f"    {result['requests']} requêtes, {result['errors']} erreurs, {result['requests_per_s']} req/s ; "
        f"médiane {result['median_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms"
        f" (avec http.client : médiane {stdlib['median_ms']} ms)"
    )
    print(f"    → {target.relative_to(ROOT)}")
    return 1 if result["errors"] or stdlib["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
