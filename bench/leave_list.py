"""An employer's list of 10,000 congé VAE requests with their computed statuses (issue 5: p95 ≤ 200 ms).

Run by scripts/bench.sh (`bash scripts/bench.sh leave_list`), which serves Acquis with granian (production
settings) on a PostgreSQL bench database and sets:
  ACQUIS_BENCH_BASE_URL       http://127.0.0.1:<port> (anything but a loopback address is refused)
  ACQUIS_BENCH_TOKEN          an employer API token of the demo company
  ACQUIS_BENCH_DATABASE_URL   the bench database (seeded here)
Optional: ACQUIS_BENCH_LEAVE_REQUESTS (default 10000), ACQUIS_BENCH_LEAVE_SAMPLES (HTTP requests, default 300).

1. Seeding. 10,000 sent requests for the token's company, received on random days since 2019-11-04 (both
   eras with deemed consent), about half answered (accept or postpone, some postponements beyond the
   limit), 500 employees. **Bulk insert through the ORM (bulk_create), not the services**: no audit events,
   no actions or attachments — the list reads none of them (actions_start is a column). A run on a
   database that already holds them reuses them.
2. HTTP. `GET /api/v1/leave-requests` with the token: the first page (50 rows) with `counts_by_status`, which
   needs the status of all 10,000 rows. One client, one keep-alive connection, closed loop.
   *Cold*: the first requests after seeding (the server's per-process memo of decisions is empty for these
   facts; it is also what the first list of each day costs, since the day is part of the facts). Each is
   sent on a new connection, so that both granian workers are likely reached; fewer samples than warm.
   *Warm*: after 5 discarded requests, ACQUIS_BENCH_LEAVE_SAMPLES requests.
3. In process, the same selector without HTTP: cold (memo caches emptied before each call) and warm, to
   separate the engine's share from the server's.
Writes bench/results/leave_list.json and prints a summary. Load averages are recorded: the 2 cores are
shared with other work, which inflates every figure.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.support.results import percentile, write_result  # noqa: E402 — needs ROOT on the path

LOOPBACK = ("127.0.0.1", "localhost", "::1")
PATH = "/api/v1/leave-requests"
GOAL_MS = 200


def summary(latencies: list[float]) -> dict:
    values = sorted(latencies)

    def ms(value: float) -> float:
        return round(value * 1000, 1)

    return {
        "samples": len(values),
        "p50_ms": ms(statistics.median(values)),
        "p95_ms": ms(percentile(values, 95)),
        "max_ms": ms(values[-1]),
        "min_ms": ms(values[0]),
        "mean_ms": ms(statistics.fmean(values)),
    }


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DJANGO_DEBUG"] = "false"  # no query log: the server runs without it too
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def seed(token: str, count: int) -> tuple[object, int]:
    from django.db import transaction
    from django.utils import timezone

    from acquis.accounts.models import User
    from acquis.accounts.selectors import api_token_by_key
    from acquis.leave.enums import AnswerKind, ReceiptMethod, RequestState
    from acquis.leave.models import LeaveAnswer, LeaveRequest

    company = api_token_by_key(raw=token).organisation
    existing = LeaveRequest.objects.filter(employer=company, certifier_name="bench").count()
    if existing >= count:
        return company, 0
    rng = random.Random(20261201)
    today = timezone.localdate()
    first = datetime.date(2019, 11, 4)
    span = (today - first).days
    with transaction.atomic():
        employees = User.objects.bulk_create(
            User(
                email=f"salarie{i}@bench.acquis.localhost",
                first_name=rng.choice(["Marie", "Karim", "Léa", "Hugo", "Aïcha", "Jean"]),
                last_name=f"Salarié {i}",
                password="!",  # unusable
            )
            for i in range(500)
        )
        requests = []
        for _ in range(count - existing):
            received = first + datetime.timedelta(days=rng.randrange(span + 1))
            requests.append(
                LeaveRequest(
                    employee=rng.choice(employees),
                    employer=company,
                    certification_title="Diplôme d'État d'aide-soignant",
                    certifier_name="bench",
                    pathway_started_on=received - datetime.timedelta(days=60),
                    actions_start=received + datetime.timedelta(days=rng.randrange(20, 90)),
                    state=RequestState.SENT,
                    receipt_method=ReceiptMethod.REGISTERED_LETTER,
                    request_received=received,
                    sent_at=timezone.now(),
                )
            )
        LeaveRequest.objects.bulk_create(requests, batch_size=2000)
        answers = []
        for request in requests:
            if rng.random() < 0.5:
                continue
            received = request.request_received
            answered_on = min(today, received + datetime.timedelta(days=rng.randrange(0, 40)))
            postpone = rng.random() < 0.4
            answers.append(
                LeaveAnswer(
                    request=request,
                    kind=AnswerKind.POSTPONE if postpone else AnswerKind.ACCEPT,
                    answered_on=answered_on,
                    postponed_to=received + datetime.timedelta(days=rng.randrange(10, 200)) if postpone else None,
                    reasons="Inventaire annuel" if postpone else "",
                )
            )
        LeaveAnswer.objects.bulk_create(answers, batch_size=2000)
        LeaveRequest.objects.filter(pk__in=[a.request_id for a in answers]).update(state=RequestState.ANSWERED)
    from django.db import connection

    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk load in production: without statistics the planner takes
        # the 10,000 fresh rows for one and joins the answers row by row.
        cursor.execute("ANALYZE leave_leaverequest, leave_leaveanswer")
    return company, count - existing


def _get(conn: http.client.HTTPConnection, token: str) -> tuple[int, bytes]:
    conn.request("GET", PATH, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def http_measure(host: str, port: int, token: str, samples: int) -> dict:
    cold = []
    for _ in range(4):
        conn = http.client.HTTPConnection(host, port, timeout=60)
        started = time.perf_counter()
        status, body = _get(conn, token)
        cold.append(time.perf_counter() - started)
        conn.close()
        if status != 200:
            raise SystemExit(f"{PATH} répond {status} : {body[:300]!r}")
    page = json.loads(body)
    conn = http.client.HTTPConnection(host, port, timeout=60)
    for _ in range(5):
        _get(conn, token)
    warm, errors = [], 0
    for _ in range(samples):
        started = time.perf_counter()
        status, _body = _get(conn, token)
        warm.append(time.perf_counter() - started)
        errors += status != 200
    conn.close()
    return {
        "cold_first_requests_ms": [round(x * 1000, 1) for x in cold],
        "warm": summary(warm),
        "errors": errors,
        "total": page["total"],
        "counts_by_status": page["counts_by_status"],
        "items_on_page": len(page["items"]),
        "mean_body_bytes": len(body),
    }


PAGE_PATH = "/conges-vae/entreprise/"


def employer_session_cookie(company) -> str:
    """A signed-in session of one of the company's employer accounts, made as a login would (bench DB only)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from acquis.accounts.enums import Role
    from acquis.accounts.models import User

    user = User.objects.filter(
        memberships__organisation=company, memberships__role=Role.EMPLOYER, memberships__revoked_at__isnull=True
    ).first()
    if user is None:
        raise SystemExit(f"aucun compte employeur pour {company.name} : la page ne peut pas être mesurée")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend a password login records: the first one listed (axes) only refuses logins, it loads no user.
    session[BACKEND_SESSION_KEY] = "acquis.accounts.backends.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def page_measure(host: str, port: int, cookie: str, siret: str, samples: int) -> dict:
    """The employer's HTML page (first page of 50 rows, counts by status over every row), as a browser gets it."""
    path = f"{PAGE_PATH}?siret={siret}"

    def get(conn):
        conn.request("GET", path, headers={"Cookie": cookie, "Accept": "text/html"})
        response = conn.getresponse()
        return response.status, response.read()

    conn = http.client.HTTPConnection(host, port, timeout=60)
    status, body = get(conn)
    if status != 200 or b"Demandes de cong" not in body:
        raise SystemExit(f"{path} répond {status} : {body[:300]!r}")
    for _ in range(4):
        get(conn)
    warm, errors = [], 0
    for _ in range(samples):
        started = time.perf_counter()
        status, body = get(conn)
        warm.append(time.perf_counter() - started)
        errors += status != 200
    conn.close()
    return {"path": path, "warm": summary(warm), "errors": errors, "mean_body_bytes": len(body)}


def in_process_measure(company, rounds_cold: int = 10, rounds_warm: int = 30) -> dict:
    from django.utils import timezone

    from acquis.leave import selectors
    from acquis.rules.catalogue import default_registry

    def run():
        queryset = selectors.leave_requests_visible(organisation_ids=[company.pk], employee=None)
        started = time.perf_counter()
        page = selectors.leave_requests_page(queryset=queryset, on=timezone.localdate())
        return time.perf_counter() - started, page

    cold = []
    for _ in range(rounds_cold):
        selectors.status_value.cache_clear()
        selectors.answer_due_value.cache_clear()
        for rule in default_registry():
            rule._version_by_day.clear()
        cold.append(run()[0])
    warm = [run()[0] for _ in range(rounds_warm)]
    distinct = selectors.status_value.cache_info().currsize

    def every_row():
        # For comparison: the pages' selector, which builds a full row for each of the 10,000 requests.
        started = time.perf_counter()
        selectors.leave_requests_of_employer(organisation=company)
        return time.perf_counter() - started

    full_rows = [every_row() for _ in range(5)]
    return {
        "cold": summary(cold),
        "warm": summary(warm),
        "distinct_status_facts": distinct,
        "leave_requests_of_employer_warm_every_row": summary(full_rows),
    }


def main() -> int:
    base_url = os.environ.get("ACQUIS_BENCH_BASE_URL", "")
    token = os.environ.get("ACQUIS_BENCH_TOKEN", "")
    database_url = os.environ.get("ACQUIS_BENCH_DATABASE_URL", "")
    if not (base_url and token and database_url):
        print("ACQUIS_BENCH_BASE_URL, _TOKEN ou _DATABASE_URL manque : lancez « scripts/bench.sh leave_list ».")
        return 2
    url = urlsplit(base_url)
    if url.scheme != "http" or url.hostname not in LOOPBACK or not url.port:
        print(f"ACQUIS_BENCH_BASE_URL={base_url!r} : seule une adresse http://127.0.0.1:<port> est admise.")
        return 2
    count = int(os.environ.get("ACQUIS_BENCH_LEAVE_REQUESTS", "10000"))
    samples = int(os.environ.get("ACQUIS_BENCH_LEAVE_SAMPLES", "300"))

    django_setup(database_url)
    load_before = os.getloadavg()
    started = time.perf_counter()
    company, created = seed(token, count)
    seed_s = time.perf_counter() - started
    print(f"    {created} demandes créées en {seed_s:.1f} s (bulk_create) pour {company.name}")
    print(f"    GET {PATH} (1re page + compteurs) : 4 requêtes à froid, {samples} à chaud")
    http_result = http_measure(url.hostname, url.port, token, samples)
    print(f"    GET {PAGE_PATH} (page HTML de l'employeur, session) : {samples} requêtes à chaud")
    page_result = page_measure(url.hostname, url.port, employer_session_cookie(company), company.siret, samples)
    print("    sélecteur en processus : 10 appels à froid (caches vidés), 30 à chaud")
    process_result = in_process_measure(company)
    load_after = os.getloadavg()

    report = {
        "benchmark": "leave_list",
        "schema_version": 1,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "goal": f"an employer's list of {count} requests with computed statuses: p95 ≤ {GOAL_MS} ms (PG, loopback)",
        "route": f"GET {PATH} (first page of 50, counts_by_status over every row), employer API token",
        "data": {
            "requests_of_the_employer": http_result["total"],
            "seeded_now": created,
            "seeding": "bulk_create through the ORM (no services, no audit events); received 2019-11-04 → today; "
            "about half answered (accept / postpone)",
            "seed_seconds": round(seed_s, 1),
        },
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
        },
        "software": {"python": platform.python_version(), "postgresql": os.environ.get("ACQUIS_BENCH_PG_VERSION")},
        "server": {
            "http_server": os.environ.get("ACQUIS_BENCH_SERVER"),
            "network": "loopback 127.0.0.1, client on the same machine",
        },
        "method": {
            "client": "http.client, closed loop, 1 client; cold: a new connection per request",
            "percentiles": "nearest rank",
        },
        "http": http_result,
        "html_page": page_result,
        "in_process_selector": process_result,
        "goal_met_warm_p95": http_result["warm"]["p95_ms"] <= GOAL_MS and page_result["warm"]["p95_ms"] <= GOAL_MS,
    }
    target = write_result("leave_list", report)
    warm = http_result["warm"]
    cold_http, cold_process = http_result["cold_first_requests_ms"], process_result["cold"]["p95_ms"]
    print(
        f"    HTTP à chaud : médiane {warm['p50_ms']} ms, p95 {warm['p95_ms']} ms ; à froid (premières requêtes) : "
        f"{cold_http} ms ; en processus à froid p95 {cold_process} ms, "
        f"à chaud p95 {process_result['warm']['p95_ms']} ms ; charge {report['machine']['load_average_before']}"
    )
    page = page_result["warm"]
    print(f"    page HTML à chaud : médiane {page['p50_ms']} ms, p95 {page['p95_ms']} ms")
    print(f"    → {target.relative_to(ROOT)}")
    return 1 if http_result["errors"] or page_result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
