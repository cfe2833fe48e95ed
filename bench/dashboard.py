"""The effectiveness dashboard over 100,000 requests and 20,000 answered surveys.

Usage: .venv/bin/python bench/dashboard.py [--requests 100000] [--surveys 20000] [--runs 10]
       [--database-url postgres://postgres@127.0.0.1:5432/portal_bench_dash] [--wrk-seconds 10]
Builds a scratch database (a SQLite file in a temp dir, or the PostgreSQL database named in
--database-url, created and dropped here), bulk-loads requests spread over the past year with
their benefit figures, experts, institutions and surveys, then renders the dashboard in process
(Django test client: median / p95 ms and queries) for the default selection (this quarter) and
for the whole year, and under wrk against gunicorn if `wrk` is installed.
"""

import argparse
import hashlib
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORT = 8767
URL = "/admin/queue/dashboard/"
TARGET_MS = 1000
TYPES = {"demand": 35, "assistance": 10, "complaint": 8, "booking": 17, "consultation": 30}
RESOLVE_DAYS = {"demand": 30, "assistance": 60, "complaint": 15, "booking": 7, "consultation": 5}
OVERALL = {"satisfied": 60, "fairly_satisfied": 28, "neutral": 9, "dissatisfied": 3}


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def admin_url(url):
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def create_postgres(url):
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as connection:
        name = urlsplit(url).path.lstrip("/")
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url):
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as connection:
        name = urlsplit(url).path.lstrip("/")
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def status_for(rng, age):
    if age < 2:
        return pick(rng, {"submitted": 70, "accepted": 30})
    if age < 30:
        return pick(rng, {"submitted": 5, "accepted": 15, "in_progress": 50, "resolved": 20,
                          "closed": 5, "declined": 5})  # fmt: skip
    return pick(rng, {"in_progress": 3, "resolved": 5, "closed": 84, "declined": 4,
                      "withdrawn": 4})  # fmt: skip


def load(count, survey_count, seed=20261123):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from portal.choices import District, Industry, QIElement
    from resources.models import Expert, Institution
    from services.models import Enterprise, SatisfactionSurvey, ServiceRequest
    from services.roles import ensure_queue_groups

    rng = random.Random(seed)
    now = timezone.now()
    users = get_user_model()
    with transaction.atomic():
        ensure_queue_groups()
        manager = users.objects.create_user("bench_manager", "m@example.cn", None, last_name="吴")
        manager.groups.add(Group.objects.get(name="平台管理员"))
        owners = []
        for index, name in enumerate(["陈", "林", "黄", "郑", "王", "李", "张", "刘"]):
            user = users.objects.create_user(f"bench_s{index}", None, None, last_name=name)
            user.groups.add(Group.objects.get(name="服务专员"))
            owners.append(user)
        institutions = Institution.objects.bulk_create(
            Institution(
                name=f"厦门基准检测机构{index:02d}",
                slug=f"bench-institution-{index}",
                kind="testing_institute",
                district=rng.choice(District.values),
            )
            for index in range(30)
        )
        experts = Expert.objects.bulk_create(
            Expert(
                name=f"专家{index:03d}", title="高级工程师", institution=rng.choice(institutions)
            )
            for index in range(120)
        )
        enterprises = Enterprise.objects.bulk_create(
            (
                Enterprise(
                    name=f"厦门基准企业{index:04d}有限公司",
                    credit_code=f"91350200BENCH{index:05d}",
                    district=District.values[index % len(District.values)],
                    industry=rng.choice(["C"] * 6 + Industry.values[:8]),
                    size=rng.choice(["large", "medium", "small", "micro"]),
                    contact_name="张先生",
                    contact_phone=f"139{index:08d}",
                )
                for index in range(3000)
            ),
            batch_size=1000,
        )
        batch, resolved_ids = [], []
        for index in range(count):
            age = rng.random() * 365
            created = now - timedelta(days=age)
            kind = pick(rng, TYPES)
            status = status_for(rng, age)
            acknowledged = status not in ("submitted", "withdrawn")
            resolved = status in ("resolved", "closed")
            resolved_at = (
                min(now, created + timedelta(days=rng.uniform(0.5, RESOLVE_DAYS[kind] * 1.3)))
                if resolved
                else None
            )
            number = f"BM-{index:07d}"
            batch.append(
                ServiceRequest(
                    number=number,
                    request_type=kind,
                    status=status,
                    enterprise=enterprises[int(rng.paretovariate(1.1) * 5) % len(enterprises)],
                    contact_name="张先生",
                    contact_phone="13900000000",
                    title="基准测试工单",
                    description="批量生成的基准测试数据。",
                    qi_element=rng.choice(QIElement.values),
                    tracking_token_hash=hashlib.sha256(number.encode()).hexdigest(),
                    created_at=created,
                    owner=rng.choice(owners) if acknowledged else None,
                    acknowledge_due_at=created + timedelta(hours=24),
                    resolve_due_at=created + timedelta(days=RESOLVE_DAYS[kind]),
                    acknowledged_at=created + timedelta(hours=rng.uniform(0.2, 36))
                    if acknowledged
                    else None,
                    resolved_at=resolved_at,
                    closed_at=resolved_at + timedelta(days=2) if status == "closed" else None,
                    person_days=Decimal(rng.randint(1, 40)) / 2 if resolved else None,
                    service_visits=rng.randint(1, 6) if resolved else None,
                    trainings=rng.randint(0, 3) if resolved else None,
                    trainees=rng.randint(0, 80) if resolved else None,
                    problems_solved=rng.randint(0, 5) if resolved else None,
                    benefit_wan=Decimal(rng.randint(0, 5000)) / 100 if resolved else None,
                )
            )
            if len(batch) == 5000:
                ServiceRequest.objects.bulk_create(batch)
                batch = []
        ServiceRequest.objects.bulk_create(batch)
        resolved_ids = list(
            ServiceRequest.objects.filter(resolved_at__isnull=False).values_list(
                "pk", "enterprise_id", "owner_id", "qi_element"
            )
        )
        expert_links = ServiceRequest.experts.through
        institution_links = ServiceRequest.institutions.through
        expert_rows, institution_rows = [], []
        for pk, *_rest in resolved_ids:
            for expert in rng.sample(experts, rng.randint(0, 2)):
                expert_rows.append(expert_links(servicerequest_id=pk, expert_id=expert.pk))
            if rng.random() < 0.6:
                institution = rng.choice(institutions)
                institution_rows.append(
                    institution_links(servicerequest_id=pk, institution_id=institution.pk)
                )
        expert_links.objects.bulk_create(expert_rows, batch_size=5000)
        institution_links.objects.bulk_create(institution_rows, batch_size=5000)
        surveys = []
        for pk, enterprise_id, owner_id, element in rng.sample(
            resolved_ids, min(survey_count, len(resolved_ids))
        ):
            surveys.append(
                SatisfactionSurvey(
                    kind="completion",
                    request_id=pk,
                    enterprise_id=enterprise_id,
                    owner_id=owner_id,
                    qi_element=element,
                    token_nonce=f"{pk:032x}",
                    token_hash=hashlib.sha256(f"bench{pk}".encode()).hexdigest(),
                    expires_at=now + timedelta(days=30),
                    answered_at=now - timedelta(days=rng.random() * 30),
                    overall=pick(rng, OVERALL),
                    improvement_effect=rng.choice(["very_obvious", "fairly_obvious"]),
                    improved_areas=rng.sample(["awareness", "systems", "cost", "testing"], 2),
                    satisfied_aspects=rng.sample(["attitude", "competence", "training"], 1),
                    attitude=rng.choice(["satisfied", "basically"]),
                    competence=rng.choice(["satisfied", "basically", "dissatisfied"]),
                    effect=rng.choice(["satisfied", "basically"]),
                )
            )
        SatisfactionSurvey.objects.bulk_create(surveys, batch_size=5000)
    return manager, len(expert_rows), len(institution_rows), len(surveys)


def measure(client, url, runs, cold=False):
    """Median and p95 in ms; `cold` empties the cache first, so every run computes the figures."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings = []
    for _run in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    slowest = max((float(query["time"]) for query in queries.captured_queries), default=0) * 1000
    return statistics.median(timings), p95, len(queries), slowest


def run_wrk(url, cookie, seconds, scratch):
    script = scratch / "dash.lua"
    script.write_text(
        f'wrk.headers["Cookie"] = "{cookie}"\n'
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("RESULT %d %d %d %d %d\\n", latency:percentile(50),\n'
        "    latency:percentile(95), summary.requests, summary.duration,\n"
        "    summary.errors.status + summary.errors.timeout))\n"
        "end\n"
    )
    out = subprocess.run(
        ["wrk", "-t1", "-c2", f"-d{seconds}s", "--timeout", "30s", "-s", str(script),
         f"http://127.0.0.1:{PORT}{url}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    p50, p95, requests, duration, errors = map(
        int, re.search(r"RESULT ([\d ]+)", out).group(1).split()
    )
    return p50 / 1000, p95 / 1000, requests / (duration / 1e6), errors


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--surveys", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="0 skips wrk")
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="portal-bench-dashboard-"))
    database_url = options.database_url or f"sqlite:///{scratch / 'dashboard.sqlite3'}"
    postgres = database_url.startswith("postgres")
    if postgres:
        create_postgres(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        # Production settings (DEBUG off, compiled templates, manifest static files), over HTTP.
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_DEBUG_TOOLBAR": "0",
    }
    os.environ.update(env)
    server = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
        )
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.test import Client
        from django.utils import timezone

        started = time.perf_counter()
        manager, expert_links, institution_links, surveys = load(options.requests, options.surveys)
        print(
            f"{database_url.split(':')[0]}: loaded {options.requests:,} requests over 365 days, "
            f"{surveys:,} answered surveys, {expert_links:,} expert and {institution_links:,} "
            f"institution links in {time.perf_counter() - started:.1f} s"
        )
        client = Client()
        client.force_login(manager)
        year_ago = (timezone.localdate() - timedelta(days=366)).isoformat()
        urls = [
            ("default (this quarter)", URL),
            ("whole year", f"{URL}?created_from={year_ago}"),
            ("whole year, testing, huli", f"{URL}?created_from={year_ago}&qi_element=testing"
             "&district=huli"),
            ("whole year, XLSX export", f"{URL}?created_from={year_ago}&export=xlsx"),
        ]  # fmt: skip
        from services.models import ServiceRequest
        from services.stats import DashboardFilter

        print(f"in process, Django test client, {options.runs} runs each:")
        print(f"  {'view':38s} {'requests':>9s} {'median':>9s} {'p95':>9s} {'queries':>8s} "
              f"{'slowest q':>10s}")  # fmt: skip
        for label, url in urls:
            query = dict(urllib.parse.parse_qsl(urlsplit(url).query))
            counted = DashboardFilter(query).filter(ServiceRequest.objects.all()).count()
            for state, cold in (("computed", True), ("cached", False)):
                median, p95, queries, slowest = measure(client, url, options.runs, cold=cold)
                flag = "" if p95 < TARGET_MS else f"  over {TARGET_MS} ms"
                print(
                    f"  {label + ', ' + state:38s} {counted:9,d} {median:7.1f}ms {p95:7.1f}ms "
                    f"{queries:8d} {slowest:8.1f}ms{flag}"
                )

        if options.wrk_seconds and shutil.which("wrk"):
            from django.db import connections

            connections.close_all()
            cookie = f"sessionid={client.cookies['sessionid'].value}"
            server = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "portal.wsgi:application", "--bind",
                 f"127.0.0.1:{PORT}", "--workers", "2", "--timeout", "120", "--log-level",
                 "warning"],
                cwd=ROOT, env=env,
            )  # fmt: skip
            wait_for(f"http://127.0.0.1:{PORT}/admin/login/")
            print(
                f"wrk {options.wrk_seconds}s, 2 connections, gunicorn 2 workers, "
                "production settings (figures cached per worker after the first request):"
            )
            for label, url in urls[:2]:
                p50, p95, rps, errors = run_wrk(url, cookie, options.wrk_seconds, scratch)
                problems = f"  errors {errors}" if errors else ""
                print(f"  {label:28s} p50 {p50:7.1f}ms p95 {p95:7.1f}ms {rps:6.1f} req/s{problems}")
        elif options.wrk_seconds:
            print("wrk is not installed (apt-get install -y wrk): skipped the HTTP run")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()  # a worker still busy with a slow dashboard
                server.wait()
        if postgres:
            from django.db import connections

            connections.close_all()
            drop_postgres(database_url)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
