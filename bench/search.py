"""Search latency on the database engine with 10,000 indexed entries.

Usage: .venv/bin/python bench/search.py [--entries 10000] [--queries 400]
Builds a scratch SQLite database (or uses DATABASE_URL if set), loads the demo site and indexes it,
then adds synthetic entries written from the demo text (each a mix of demo titles and sentences)
through the same indexing code the pages use, up to --entries. The queries are timed in-process
through `search.service.run_search` (parse, engine, facets, snippets; no HTTP, no logging) and the
script prints p50 / p95 / p99 in milliseconds.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "计量",
    "校准",
    "检定",
    "计量器具检定",
    "质量管家",
    "首席质量官",
    "CNAS",
    "实验室认可",
    "ISO 9001",
    "GB/T 19001",
    "5S",
    "jiliang",
    "jl",
    "zlgj",
    "标准查新",
    "团体标准",
    "特种设备检验",
    "压力容器",
    "专利检索",
    "商标评估",
    "质押融资",
    "品牌培育",
    "分时租赁",
    "仪器预约",
    "风险监测",
    "能力验证",
    "质量诊断",
    "应急预案",
    "电磁兼容",
    "六西格玛",
    "计量 培训",
    "检验检测 机构",
    "产品认证 咨询",
    "质量提升 攻关 帮扶",
    "火星探测",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="portal-search-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["SEARCH_ENGINE"] = "database"
    env = dict(os.environ)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log in memory while timing
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from search.engine import get_engine
    from search.indexing import entry_fields
    from search.models import SearchEntry
    from search.registry import SearchSource
    from search.service import run_search

    random.seed(6)
    demo = list(SearchEntry.objects.all())
    sentences = [
        s for entry in demo for s in entry.body_text.replace("。", "。\n").split("\n") if s
    ]
    facets = [entry.facet_keys for entry in demo]
    kinds = [entry.kind for entry in demo]
    content_type = ContentType.objects.get_for_model(SearchEntry)

    class Synthetic:
        def __init__(self, number):
            self.pk = number
            base = random.choice(demo).title
            self.title = f"{base}（示例{number}）"
            self.body = "\n".join(random.sample(sentences, k=min(12, len(sentences))))

    source = SearchSource(
        model=SearchEntry, kind="service", label="", title="title", body=("body",)
    )
    source.url = lambda obj: f"/bench/{obj.pk}/"
    missing = max(0, options.entries - len(demo))
    started = time.perf_counter()
    engine = get_engine()
    for start in range(0, missing, 500):
        with transaction.atomic():
            batch = []
            for number in range(start, min(start + 500, missing)):
                obj = Synthetic(number)
                fields = entry_fields(source, obj)
                fields["kind"] = random.choice(kinds)
                fields["facet_keys"] = random.choice(facets)
                batch.append(
                    SearchEntry(content_type=content_type, object_id=f"bench-{number}", **fields)
                )
            SearchEntry.objects.bulk_create(batch)
            engine.index_entries(
                SearchEntry.objects.filter(object_id__in=[e.object_id for e in batch])
            )
    total = SearchEntry.objects.count()
    print(
        f"indexed {total} entries in {time.perf_counter() - started:.0f} s "
        f"({os.environ['DATABASE_URL'].split(':')[0]}, database engine)"
    )

    for query in QUERIES:  # warm-up: jieba, caches, SQLite pages
        run_search(query, log=False)
    timings = []
    for number in range(options.queries):
        query = QUERIES[number % len(QUERIES)]
        filters = {"qi": "metrology"} if number % 7 == 0 else {}
        page = 2 if number % 5 == 0 else 1
        began = time.perf_counter()
        run_search(query, filters, page=page, log=False)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()

    def percentile(p):
        return timings[min(len(timings) - 1, int(round(p / 100 * len(timings))) - 1)]

    print(
        f"{len(timings)} searches in-process over {total} entries: "
        f"p50 {percentile(50):.1f} ms, p95 {percentile(95):.1f} ms, p99 {percentile(99):.1f} ms, "
        f"mean {statistics.mean(timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
