"""The search in the JSON API: /api/search?q= and /api/search/autocomplete?q=."""

import pytest

from search.indexing import rebuild
from tests.factories import ServicePageFactory, build_catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.search.api_urls")]


@pytest.fixture
def indexed(db):
    _home, _index, section, _services = build_catalogue(services_per_section=0)
    for number in range(12):
        ServicePageFactory(parent=section, title=f"校准服务{number}", summary="<b>校准</b>服务")
    rebuild()


def test_search_returns_items_and_count(client, indexed):
    body = client.get("/api/search", {"q": "校准"}).json()

    assert body["count"] == 13  # twelve services and the section
    assert len(body["items"]) == 10
    item = body["items"][0]
    assert set(item) == {"title", "url", "type", "snippet"}
    assert item["url"].startswith("/")
    assert "<mark>校准</mark>" in "".join(i["snippet"] for i in body["items"])
    assert "<b>" not in "".join(i["snippet"] for i in body["items"])


def test_search_second_page_and_filters(client, indexed):
    second = client.get("/api/search", {"q": "校准", "page": 2}).json()
    sections = client.get("/api/search", {"q": "校准", "kind": "section"}).json()

    assert len(second["items"]) == 3
    assert sections["count"] == 1


@pytest.mark.parametrize("query", ["", '"', "AND", "*", "(((", "。。", "计" * 500, "\x00计量"])
def test_bad_queries_answer_200(client, indexed, query):
    response = client.get("/api/search", {"q": query, "page": "x"})

    assert response.status_code == 200
    assert set(response.json()) == {"items", "count"}


def test_autocomplete(client, indexed):
    body = client.get("/api/search/autocomplete", {"q": "jiaoz"}).json()

    assert body["count"] >= 1
    assert body["items"][0]["title"].startswith("校准服务")


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()

    assert "/api/search" in schema["paths"]
    assert "/api/search/autocomplete" in schema["paths"]
