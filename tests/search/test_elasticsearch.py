"""The Elasticsearch engine: mapping and query dicts always; a live cluster when ELASTICSEARCH_URL is set."""

import os

import pytest

from search.documents import SearchEntryDocument, build_index, index_name
from search.elasticsearch import build_autocomplete, build_search
from search.models import SearchEntry
from search.query import parse_query

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


def test_index_name_carries_the_prefix(settings):
    settings.SEARCH_INDEX_PREFIX = "qi_test_"

    assert index_name() == "qi_test_search_entries"
    assert build_index().to_dict()["settings"]["number_of_shards"] == 1


def test_mapping_keeps_segmented_text_and_uses_the_chinese_analyzer():
    mapping = build_index("smartcn").to_dict()["mappings"]["properties"]

    assert mapping["tokens"] == {"type": "text", "analyzer": "whitespace"}
    assert mapping["title_tokens"] == {"type": "text", "analyzer": "whitespace"}
    assert mapping["pinyin"] == {"type": "text", "analyzer": "whitespace"}
    assert mapping["title_raw"] == {"type": "text", "analyzer": "smartcn"}
    assert mapping["body_raw"] == {"type": "text", "analyzer": "smartcn"}
    assert mapping["kind"] == {"type": "keyword"}
    assert mapping["qi"] == {"type": "keyword"}
    assert build_index("cjk").to_dict()["mappings"]["properties"]["title_raw"]["analyzer"] == "cjk"


def test_document_is_prepared_from_an_entry():
    entry = SearchEntry(
        pk=7,
        kind="service",
        title="计量器具检定校准",
        url="/services/metrology/calibration/",
        body_text="提供计量器具检定校准服务",
        facet_keys="qi:metrology district:huli industry:C",
        title_tokens="计量 器具 计量器具 检定 校准",
        tokens="提供 计量 器具 计量器具 检定 校准 服务",
        pinyin="jiliang jl",
        boost=1.2,
    )

    document = SearchEntryDocument.from_entry(entry).to_dict(include_meta=True)

    assert document["_id"] == 7
    source = document["_source"]
    assert source["qi"] == ["metrology"]
    assert source["district"] == ["huli"]
    assert source["industry"] == ["C"]
    assert source["title_raw"] == "计量器具检定校准"
    assert source["tokens"].startswith("提供 计量")


@pytest.mark.django_db
def test_query_dict_has_groups_alternatives_and_facets():
    body = build_search(parse_query("计量器具 CNAS"), {"qi": "metrology"}, 10, 10).to_dict()

    query = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]
    assert query["minimum_should_match"] == 1
    first_group = query["should"][0]["bool"]["should"]
    assert first_group[0]["multi_match"]["query"] == "计量器具"
    assert first_group[0]["multi_match"]["operator"] == "and"
    assert {"计量", "器具"} <= set(first_group[1]["multi_match"]["query"].split())
    assert query["should"][1]["bool"]["should"][0]["multi_match"]["query"] == "cnas"
    assert body["post_filter"] == {"bool": {"filter": [{"term": {"qi": "metrology"}}]}}
    assert body["aggs"]["facet_kind"]["filter"] == {
        "bool": {"filter": [{"term": {"qi": "metrology"}}]}
    }
    assert body["aggs"]["facet_qi"] == {"terms": {"field": "qi", "size": 50}}
    assert body["from"] == 10 and body["size"] == 10


@pytest.mark.django_db
def test_query_dict_expands_synonyms():
    from search.models import SearchSynonym

    SearchSynonym.objects.create(terms="实验室认可, CNAS")

    body = build_search(parse_query("实验室认可"), {}).to_dict()

    group = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"][0]
    queries = [clause["multi_match"]["query"] for clause in group["bool"]["should"]]
    assert "cnas" in queries


def test_autocomplete_dict():
    body = build_autocomplete("JiL").to_dict()

    clauses = body["query"]["bool"]["should"]
    assert {"prefix": {"pinyin": {"value": "jil"}}} in clauses
    assert body["size"] == 8


@pytest.mark.skipif(not ES_URL, reason="ELASTICSEARCH_URL not set: no Elasticsearch cluster here")
@pytest.mark.django_db
def test_live_cluster_indexes_and_finds_chinese(settings):
    from search.engine import get_engine
    from search.indexing import rebuild
    from search.service import run_search
    from tests.factories import ServicePageFactory, build_catalogue

    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = "portal_test_"
    engine = get_engine()
    engine.recreate()
    _home, _index, section, _services = build_catalogue(services_per_section=0)
    ServicePageFactory(parent=section, title="计量器具检定校准", summary="提供计量器具检定校准服务")
    rebuild()

    assert [item.title for item in run_search("校准", log=False).items][0] == "计量器具检定校准"
    assert run_search("jiliang", log=False).count >= 1
    assert engine.ping() == "elasticsearch"
    engine.client.indices.delete(index=index_name())
