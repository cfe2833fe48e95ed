"""Database queries per request of the resource list pages and API lists, at 10 and 50 per page.

Usage: .venv/bin/python bench/resource_queries.py [--instruments 1000]
Builds the demo site in a scratch SQLite file (or uses DATABASE_URL if set), adds bulk instruments
so the equipment list has well over 50 rows, and prints one line per URL: the counts should match.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = [
    ("/equipment/", "per_page"),
    ("/equipment/?bookable=yes&sharing_mode=time_share", "per_page"),
    ("/cases/", "per_page"),
    ("/resources/", "per_page"),
    ("/knowledge/", "per_page"),
    ("/experts/", "per_page"),
    ("/institutions/", "per_page"),
    ("/api/equipment/", "limit"),
    ("/api/cases/", "limit"),
    ("/api/resources/", "limit"),
    ("/api/services/", "limit"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instruments", type=int, default=1000)
    options = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from resources.models import Equipment

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", skip_index=True, verbosity=0)
    template = Equipment.objects.first()
    Equipment.objects.filter(name__startswith="批量仪器").delete()
    Equipment.objects.bulk_create(
        Equipment(
            **{
                field.attname: getattr(template, field.attname)
                for field in Equipment._meta.concrete_fields
                if not field.primary_key
            }
            | {"name": f"批量仪器{index:04d}"}
        )
        for index in range(options.instruments)
    )
    print(f"{Equipment.objects.count()} instruments")

    client = Client()
    for url, size_param in PAGES:
        client.get(url)  # warm per-process caches
        counts = []
        for size in (10, 50):
            joiner = "&" if "?" in url else "?"
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{url}{joiner}{size_param}={size}")
            assert response.status_code == 200, (url, response.status_code)
            counts.append(len(queries))
        flag = "same" if counts[0] == counts[1] else "DIFFERENT"
        print(f"{url:55} {size_param}=10: {counts[0]:3} queries   =50: {counts[1]:3}   {flag}")


if __name__ == "__main__":
    main()
