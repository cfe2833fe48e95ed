import datetime
import xml.etree.ElementTree as ET

import pytest

from django.core.exceptions import ValidationError

from tests.factories import ResourceIndexPageFactory, ResourcePageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def library(home):
    return ResourceIndexPageFactory(parent=home)


def listed(response):
    return [item.title for item in response.context["listing"].page]


def test_newest_first_with_categories(client, library):
    ResourcePageFactory(parent=library, title="旧资讯", date=datetime.date(2025, 1, 1))
    ResourcePageFactory(parent=library, title="新资讯", date=datetime.date(2026, 6, 1))
    ResourcePageFactory(
        parent=library,
        title="质量管理体系 要求",
        category="standard",
        standard_number="GB/T 19001-2016",
        standard_status="current",
        date=datetime.date(2016, 12, 30),
    )
    ResourcePageFactory(
        parent=library, title="产品质量法", category="policy", date=datetime.date(2018, 12, 29)
    )

    response = client.get(library.url)
    assert listed(response)[:2] == ["新资讯", "旧资讯"]
    assert listed(client.get(library.url, {"category": "standard"})) == ["质量管理体系 要求"]
    assert listed(client.get(library.url, {"category": "policy"})) == ["产品质量法"]
    html = client.get(library.url, {"category": "standard"}).content.decode()
    assert "GB/T 19001-2016" in html


def test_withdrawn_standards_filter(client, library):
    ResourcePageFactory(
        parent=library,
        title="旧版术语",
        category="standard",
        standard_number="GB/T 19000-2008",
        standard_status="withdrawn",
    )
    ResourcePageFactory(
        parent=library,
        title="现行标准",
        category="standard",
        standard_number="GB/T 19012-2019",
        standard_status="current",
    )
    assert listed(client.get(library.url, {"standard_status": "withdrawn"})) == ["旧版术语"]


def test_standard_needs_number_and_status(library):
    page = ResourcePageFactory.build(category="standard")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"standard_number", "standard_status"}


def test_unknown_category_gives_notice(client, library):
    ResourcePageFactory(parent=library, title="一条资讯")
    response = client.get(library.url, {"category": "gossip", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["listing"].notices) == 2
    assert "一条资讯" in response.content.decode()


def test_atom_feed_lists_only_news_newest_first(client, library):
    ResourcePageFactory(parent=library, title="较早的资讯", date=datetime.date(2026, 1, 5))
    ResourcePageFactory(parent=library, title="最新的资讯", date=datetime.date(2026, 3, 5))
    ResourcePageFactory(parent=library, title="一项政策", category="policy")

    response = client.get(library.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed in a test
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text
    assert feed.find(f"{ATOM}id").text
    assert feed.find(f"{ATOM}updated").text.startswith("2026-03-05")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["最新的资讯", "较早的资讯"]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/resources/")

    assert 'type="application/atom+xml"' in client.get(library.url).content.decode()
