"""Throughput and latency of the public catalogue pages: wrk against gunicorn on 127.0.0.1.

Usage: .venv/bin/python bench/pages.py [--seconds 10] [--connections 8]
Builds the demo site in a scratch SQLite file (or uses DATABASE_URL if set), starts gunicorn with
production-like settings and prints one line per URL. Needs `wrk` (apt-get install wrk).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORT = 8765


def run(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url, timeout=30):
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
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    scratch = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    run("migrate", "--noinput", "-v0", env=env)
    run("load_demo_content", "--skip-index", "-v0", env=env)
    run("compile_translations", env=env)

    from_shell = "from services.models import ServicePage, ServiceSectionPage; " + (
        "print(ServiceSectionPage.objects.live().first().url_path); "
        "print(ServicePage.objects.live().first().url_path)"
    )
    paths = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", from_shell],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    urls = ["/", "/services/"] + [path.replace("/home", "", 1) for path in paths]

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
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG_TOOLBAR": "0"},
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}/")
        print(
            f"wrk {options.seconds}s, {options.connections} connections, "
            f"gunicorn {options.workers} workers, {env['DATABASE_URL'].split(':')[0]}"
        )
        for url in urls:
            out = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{options.connections}",
                    f"-d{options.seconds}s",
                    "--latency",
                    f"http://127.0.0.1:{PORT}{url}",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            p50 = re.search(r"50%\s+(\S+)", out).group(1)
            p99 = re.search(r"99%\s+(\S+)", out).group(1)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            print(
                f"{url:45s} {rps:>8s} req/s  p50 {p50:>8s}  p99 {p99:>8s}"
                f"  non-2xx {errors.group(1) if errors else 0}"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
