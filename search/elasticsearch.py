"""The Elasticsearch engine: the same parsed query as the database engine, as a bool query.

`build_search` is a pure function of the parsed query and filters (tests compare its `to_dict()`);
the engine only sends it. Each query group is a `should` of its alternatives, each alternative a
`multi_match` with operator AND over the pre-segmented fields; at least half the groups must match,
as in the database engine. Facets are terms aggregations; facet filters go in `post_filter` so
each facet still counts the values the others would allow.
"""

import math

from elasticsearch_dsl import A, Q, Search

from django.conf import settings

from search.documents import SearchEntryDocument, build_index, detect_chinese_analyzer, index_name
from search.engine import FACET_NAMES, EngineResult, SearchEngine

SEGMENTED_FIELDS = ["title_tokens^3", "pinyin^2.5", "tokens"]
RAW_FIELDS = ["title_raw^2", "body_raw"]


def _alternative_query(alternative):
    return Q(
        "multi_match",
        query=" ".join(alternative.terms),
        fields=SEGMENTED_FIELDS,
        operator="and",
        type="best_fields",
        boost=alternative.credit,
    )


def build_query(parsed):
    groups = [
        Q("bool", should=[_alternative_query(alt) for alt in group.alternatives])
        for group in parsed.groups
    ]
    required = 1 if len(groups) <= 2 else math.ceil(len(groups) / 2)
    text_match = Q("bool", should=groups, minimum_should_match=required)
    # The raw text under the cluster's Chinese analyzer only adds to the score.
    raw = Q("multi_match", query=parsed.text, fields=RAW_FIELDS, type="best_fields", boost=0.5)
    return Q(
        "function_score",
        query=Q("bool", must=[text_match], should=[raw]),
        functions=[{"field_value_factor": {"field": "boost", "missing": 1}}],
        boost_mode="multiply",
    )


def _filter_clause(name, value):
    return Q("term", **{name: value})


def build_search(parsed, filters=None, offset=0, limit=10, exclude_ids=()):
    filters = {name: value for name, value in (filters or {}).items() if value}
    search = Search(index=index_name()).query(build_query(parsed))
    if exclude_ids:
        search = search.exclude("ids", values=[str(pk) for pk in exclude_ids])
    for name in FACET_NAMES:
        others = [_filter_clause(other, value) for other, value in filters.items() if other != name]
        aggregation = A("terms", field=name, size=50)
        if others:
            search.aggs.bucket(f"facet_{name}", "filter", Q("bool", filter=others)).bucket(
                "values", aggregation
            )
        else:
            search.aggs.bucket(f"facet_{name}", aggregation)
    if filters:
        search = search.post_filter(
            Q("bool", filter=[_filter_clause(name, value) for name, value in filters.items()])
        )
    search = search.extra(track_total_hits=True).source(False)
    return search.sort("_score", {"_doc": "asc"})[offset : offset + limit]


def build_autocomplete(text, limit=8):
    from search.text import normalise

    text = normalise(text)
    return (
        Search(index=index_name())
        .query(
            Q(
                "bool",
                should=[
                    Q("match_phrase_prefix", title_raw={"query": text}),
                    Q("prefix", pinyin={"value": text.replace(" ", "")}),
                    Q("prefix", title_tokens={"value": text.replace(" ", "")}),
                ],
                minimum_should_match=1,
            )
        )
        .source(False)[:limit]
    )


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(
            settings.ELASTICSEARCH_URL, request_timeout=getattr(settings, "SEARCH_TIMEOUT", 5)
        )

    def ensure_index(self, recreate=False):
        index = build_index(detect_chinese_analyzer(self.client))
        if recreate and index.exists(using=self.client):
            index.delete(using=self.client)
        if not index.exists(using=self.client):
            index.create(using=self.client)
        return index

    def index_entries(self, entries):
        from elasticsearch.helpers import bulk

        entries = list(entries)
        if not entries:
            return
        self.ensure_index()
        actions = (
            SearchEntryDocument.from_entry(entry).to_dict(include_meta=True, skip_empty=False)
            | {"_index": index_name()}
            for entry in entries
        )
        bulk(self.client, actions)

    def remove_entries(self, entry_ids):
        from elasticsearch.helpers import bulk

        actions = [
            {"_op_type": "delete", "_index": index_name(), "_id": str(pk)} for pk in entry_ids
        ]
        if actions:
            bulk(self.client, actions, raise_on_error=False)

    def refresh(self):
        self.client.indices.refresh(index=index_name())

    def recreate(self):
        self.ensure_index(recreate=True)

    def ping(self):
        if not self.client.ping():
            raise RuntimeError("Elasticsearch did not answer ping")
        return self.name

    def search(self, parsed, filters=None, offset=0, limit=10, exclude_ids=()):
        if not parsed:
            return EngineResult(ids=[], total=0, facets={})
        response = build_search(parsed, filters, offset, limit, exclude_ids).using(self.client)
        response = response.execute()
        facets = {}
        for name in FACET_NAMES:
            aggregation = response.aggregations[f"facet_{name}"]
            buckets = aggregation.values.buckets if "values" in aggregation else aggregation.buckets
            facets[name] = {bucket.key: bucket.doc_count for bucket in buckets}
        return EngineResult(
            ids=[int(hit.meta.id) for hit in response],
            total=response.hits.total.value,
            facets=facets,
        )

    def autocomplete(self, text, limit=8):
        response = build_autocomplete(text, limit).using(self.client).execute()
        return [int(hit.meta.id) for hit in response]
