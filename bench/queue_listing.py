"""The back-office queue listing with 100,000 requests: wrk against gunicorn on 127.0.0.1.

Usage: .venv/bin/python bench/queue_listing.py [--requests 100000] [--seconds 10] [--connections 4]
       [--database-url postgres://postgres@127.0.0.1:5432/portal_bench] [--keep]
Builds a scratch database (a SQLite file in a temp dir, or the PostgreSQL database named in
--database-url, created and dropped here), migrates it and bulk-loads requests without the
workflow (no events, plans or surveys: only the rows the listing reads). Then it prints, for each
listing URL, the queries a page issues and its slowest query (in-process, Django test client),
and p50 / p95 / p99 and req/s under wrk with a manager's session. Needs `wrk`.
"""

import argparse
import hashlib
import math
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8766
LISTING = "/admin/services/servicerequest/"
PASSWORD = "bench-manager-password"  # noqa: S105 - a scratch database on loopback
TARGET_P95_MS = 500

PLACES = [
    "鹭江",
    "海沧",
    "集美",
    "同安",
    "翔安",
    "湖里",
    "思明",
    "杏林",
    "灌口",
    "马巷",
    "新阳",
    "环东",
]
TRADES = ["精密机械", "电子科技", "卫浴洁具", "包装材料", "食品", "纺织服装", "新材料", "照明电器"]
TRADES += ["模具", "电线电缆", "汽车零部件", "生物医药", "茶业", "建材", "软件信息", "光电"]
TITLES = {
    "demand": [
        "计量器具检定校准",
        "企业标准编制",
        "质量管理体系建设辅导",
        "产品检测",
        "品牌培育诊断",
    ],
    "assistance": ["监督抽查不合格帮扶", "生产许可后监督检查问题整改", "风险监测异常原因分析"],
    "complaint": ["检测报告延期", "校准证书信息错误", "服务收费争议"],
    "booking": ["预约三坐标测量机", "预约盐雾试验箱", "预约电磁兼容暗室", "预约万能材料试验机"],
    "consultation": ["CCC 认证咨询", "有机产品认证咨询", "团体标准立项咨询", "商标注册咨询"],
}
TYPE_WEIGHTS = {"demand": 35, "assistance": 10, "complaint": 8, "booking": 17, "consultation": 30}
CHANNELS = ["web"] * 6 + ["api", "window", "phone", "phone", "email", "visit", "forum"]
PREFIXES = {
    "demand": "XQ",
    "assistance": "BF",
    "complaint": "TS",
    "booking": "YY",
    "consultation": "ZX",
}
# Days to resolve (services.workflow.DEFAULT_TIME_LIMITS); acknowledgement is 24 hours for all.
RESOLVE_DAYS = {"demand": 30, "assistance": 60, "complaint": 15, "booking": 7, "consultation": 5}


def status_weights(age_days):
    """Young requests are open, old ones mostly closed; some stay open past their deadline."""
    if age_days < 1:
        return {"submitted": 80, "accepted": 20}
    if age_days < 14:
        return {"submitted": 8, "accepted": 20, "in_progress": 57, "resolved": 10, "declined": 5}
    if age_days < 60:
        return {
            "submitted": 1,
            "accepted": 4,
            "in_progress": 30,
            "resolved": 20,
            "closed": 40,
            "declined": 3,
            "withdrawn": 2,
        }
    return {"in_progress": 2, "resolved": 3, "closed": 88, "declined": 4, "withdrawn": 3}


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# -- the database --------------------------------------------------------------------------


def create_postgres(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url):
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def load(count, enterprise_count, seed=20260101):
    """Bulk-insert enterprises, staff and `count` requests; returns what the URLs need."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from portal.choices import District, Industry, QIElement
    from services.demo.requests import demo_uscc
    from services.models import Enterprise, ServiceRequest

    rng = random.Random(seed)
    now = timezone.now()
    user_model = get_user_model()
    with transaction.atomic():
        manager = user_model.objects.create_user(
            "bench_manager", "bench_manager@example.cn", PASSWORD, last_name="吴", first_name="经理"
        )
        manager.groups.add(Group.objects.get(name="平台管理员"))
        owners = [manager]
        for index, name in enumerate(["陈", "林", "黄", "郑"]):
            user = user_model.objects.create_user(
                f"bench_specialist{index}", f"s{index}@example.cn", None, last_name=name
            )
            user.groups.add(Group.objects.get(name="服务专员"))
            owners.append(user)

        districts = District.values
        divisions = ["350203", "350206", "350211", "350205", "350212", "350213"]
        enterprises = []
        for index in range(enterprise_count):
            place = PLACES[index % len(PLACES)]
            trade = TRADES[(index // len(PLACES)) % len(TRADES)]
            district = index % len(districts)
            enterprises.append(
                Enterprise(
                    name=f"厦门{place}{trade}{index:04d}有限公司",
                    credit_code=demo_uscc(divisions[district], 10_000 + index),
                    district=districts[district],
                    industry=rng.choice(["C"] * 6 + [value for value in Industry.values[:8]]),
                    size=rng.choice(["large", "medium", "small", "small", "micro"]),
                    contact_name="张先生",
                    contact_phone=f"139{index:08d}",
                )
            )
        enterprises = Enterprise.objects.bulk_create(enterprises, batch_size=2000)

        ages = sorted((rng.random() * 365 for _ in range(count)), reverse=True)
        sequence = {}
        batch = []
        overdue = 0
        for age in ages:
            created = now - timedelta(days=age)
            request_type = pick(rng, TYPE_WEIGHTS)
            status = pick(rng, status_weights(age))
            key = (PREFIXES[request_type], timezone.localdate(created))
            sequence[key] = sequence.get(key, 0) + 1
            number = f"{key[0]}-{key[1]:%Y%m%d}-{sequence[key]:05d}"
            acknowledge_due = created + timedelta(hours=24)
            resolve_due = created + timedelta(days=RESOLVE_DAYS[request_type])
            acknowledged = created + timedelta(hours=rng.uniform(1, 30))
            if (status == "submitted" and acknowledge_due < now) or (
                status in ("accepted", "in_progress") and resolve_due < now
            ):
                overdue += 1
            resolved = (
                min(now, created + timedelta(days=rng.uniform(1, RESOLVE_DAYS[request_type] * 1.2)))
                if status in ("resolved", "closed")
                else None
            )
            enterprise = enterprises[int(rng.paretovariate(1.2) * 7) % enterprise_count]
            batch.append(
                ServiceRequest(
                    number=number,
                    request_type=request_type,
                    channel=rng.choice(CHANNELS),
                    status=status,
                    enterprise=enterprise,
                    contact_name=enterprise.contact_name,
                    contact_phone=enterprise.contact_phone,
                    title=rng.choice(TITLES[request_type]),
                    description="批量生成的基准测试数据。",
                    qi_element=rng.choice(QIElement.values),
                    tracking_token_hash=hashlib.sha256(number.encode()).hexdigest(),
                    created_at=created,
                    owner=None if status in ("submitted", "withdrawn") else rng.choice(owners),
                    acknowledge_due_at=acknowledge_due,
                    resolve_due_at=resolve_due,
                    acknowledged_at=None if status in ("submitted", "withdrawn") else acknowledged,
                    resolved_at=resolved,
                    closed_at=resolved + timedelta(days=3) if status == "closed" else None,
                    confirmation_sent_at=created,
                )
            )
            if len(batch) == 2000:
                ServiceRequest.objects.bulk_create(batch)
                batch = []
        ServiceRequest.objects.bulk_create(batch)
    # Fresh planner statistics (and, on PostgreSQL, the visibility map), as autovacuum would.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    middle = ServiceRequest.objects.order_by("created_at")[count // 2]
    return {
        "manager": manager,
        "overdue": overdue,
        "enterprise_name": enterprises[1234 % enterprise_count].name,
        "number": middle.number,
    }


# -- measuring -----------------------------------------------------------------------------


def explain(sql):
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    return "\n".join("      " + " ".join(str(part) for part in row) for row in rows)


def measure_in_process(client, urls, show_plans):
    """Queries per page and the slowest one, through the test client on the same database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, url in urls:
        client.get(url)  # warm caches and the OwnerFilter lookup
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
        counts[label] = len(queries)
        sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(
            f"  {label:26s} {len(queries):3d} queries  {elapsed:7.1f} ms in process, "
            f"{sql_ms:6.1f} ms in SQL, slowest query {float(slowest['time']) * 1000:6.1f} ms"
        )
        if show_plans and float(slowest["time"]) * 1000 > 50:
            print(f"    slowest: {slowest['sql'][:300]}…")
            print(explain(slowest["sql"]))
    return counts


def check_urls(urls, cookie):
    """Each URL answers 200 with the listing for the session (not a redirect to the login)."""
    for _label, url in urls:
        request = urllib.request.Request(  # noqa: S310 - loopback only
            f"http://127.0.0.1:{PORT}{url}", headers={"Cookie": cookie}
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            body = response.read().decode()
            if response.status != 200 or "/admin/login/" in response.url:
                raise SystemExit(f"{url}: {response.status} {response.url}")
            if "queue-tabs" not in body:
                raise SystemExit(f"{url}: the answer is not the queue listing")


def run_wrk(url, cookie, seconds, connections, scratch):
    script = scratch / "queue.lua"
    script.write_text(
        f'wrk.headers["Cookie"] = "{cookie}"\n'
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n",\n'
        "    latency:percentile(50), latency:percentile(95), latency:percentile(99),\n"
        "    summary.requests, summary.duration, summary.errors.status,\n"
        "    summary.errors.connect + summary.errors.read + summary.errors.write\n"
        "      + summary.errors.timeout))\n"
        "end\n"
    )
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}{url}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    p50, p95, p99, requests, duration, non2xx, errors = map(
        int, re.search(r"RESULT ([\d ]+)", out).group(1).split()
    )
    return p50 / 1000, p95 / 1000, p99 / 1000, requests / (duration / 1e6), non2xx, errors


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=2_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-plans", action="store_true", help="Do not EXPLAIN slow queries.")
    parser.add_argument("--keep", action="store_true", help="Keep the scratch database.")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    scratch = Path(tempfile.mkdtemp(prefix="portal-bench-queue-"))
    database_url = options.database_url or f"sqlite:///{scratch / 'queue.sqlite3'}"
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
        subprocess.run([PYTHON, "manage.py", "compile_translations"], cwd=ROOT, check=True)

        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.test import Client

        started = time.perf_counter()
        data = load(options.requests, options.enterprises)
        seconds = time.perf_counter() - started
        print(
            f"{database_url.split(':')[0]}: loaded {options.requests:,} requests of "
            f"{options.enterprises:,} enterprises in {seconds:.1f} s with bulk_create "
            f"(no workflow: no events, plans or surveys), then ANALYZE; "
            f"{data['overdue']:,} overdue "
            f"({data['overdue'] / options.requests:.1%})"
        )

        client = Client()
        client.force_login(data["manager"])
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        last_page = math.ceil(options.requests / 25)
        urls = [
            ("all, page 1", f"{LISTING}?queue=all"),
            ("all, page 2", f"{LISTING}?queue=all&p=2"),
            ("all, page 2000", f"{LISTING}?queue=all&p=2000"),
            (f"all, last page {last_page}", f"{LISTING}?queue=all&p={last_page}"),
            ("overdue", f"{LISTING}?queue=overdue"),
            (
                "filter in_progress+testing",
                f"{LISTING}?queue=all&status__exact=in_progress&qi_element__exact=testing",
            ),
            ("search enterprise name", f"{LISTING}?queue=all&q={quote(data['enterprise_name'])}"),
            ("search number", f"{LISTING}?queue=all&q={data['number']}"),
        ]
        print(f"queries per page (search: {data['enterprise_name']}, {data['number']}):")
        counts = measure_in_process(client, urls, show_plans=not options.no_plans)
        pages = [counts["all, page 1"], counts["all, page 2"], counts[urls[3][0]]]
        verdict = "equal" if len(set(pages)) == 1 else "NOT equal"
        print(f"  page 1 / page 2 / last page: {pages[0]} / {pages[1]} / {pages[2]} ({verdict})")

        from django.db import connections

        connections.close_all()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(options.workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for(f"http://127.0.0.1:{PORT}/admin/login/")
        check_urls(urls, cookie)
        print(
            f"wrk {options.seconds}s, {options.connections} connections, gunicorn "
            f"{options.workers} workers, production settings, logged in as manager"
        )
        print(f"  {'listing':30s} {'p50':>9s} {'p95':>9s} {'p99':>9s} {'req/s':>8s}")
        for label, url in urls:
            p50, p95, p99, rps, non2xx, errors = run_wrk(
                url, cookie, options.seconds, options.connections, scratch
            )
            flag = "" if p95 < TARGET_P95_MS else f"  p95 over {TARGET_P95_MS} ms"
            problems = f"  non-2xx {non2xx} errors {errors}" if non2xx or errors else ""
            print(
                f"  {label:30s} {p50:7.1f}ms {p95:7.1f}ms {p99:7.1f}ms {rps:8.1f}{flag}{problems}"
            )
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        if postgres and not options.keep:
            from django.db import connections

            connections.close_all()
            drop_postgres(database_url)
        if options.keep:
            print(f"kept: {database_url}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
