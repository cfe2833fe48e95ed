import pytest

from tests.factories import (
    KnowledgeEntryPageFactory,
    KnowledgeIndexPageFactory,
    KnowledgeStagePageFactory,
)


@pytest.fixture
def knowledge(home):
    index = KnowledgeIndexPageFactory(parent=home)
    design = KnowledgeStagePageFactory(
        parent=index,
        title="设计开发过程",
        stage="design",
        control_requirements="建立设计更改控制程序。",
    )
    production = KnowledgeStagePageFactory(parent=index, title="生产过程", stage="production")
    KnowledgeEntryPageFactory(parent=design, title="设计更改管理", factors=["method"])
    KnowledgeEntryPageFactory(parent=production, title="人员因素", factors=["man"])
    KnowledgeEntryPageFactory(parent=production, title="测量因素", factors=["measurement"])
    return index


def listed(response):
    return [entry.title for entry in response.context["listing"].page]


def test_entries_take_their_stage_from_the_parent(knowledge):
    from resources.models import KnowledgeEntryPage

    assert KnowledgeEntryPage.objects.get(title="设计更改管理").stage == "design"
    assert KnowledgeEntryPage.objects.get(title="人员因素").stage == "production"


def test_browse_by_stage_and_by_factor(client, knowledge):
    assert listed(client.get(knowledge.url, {"stage": "design"})) == ["设计更改管理"]
    assert listed(client.get(knowledge.url, {"factor": "measurement"})) == ["测量因素"]
    assert listed(client.get(knowledge.url, {"stage": "production", "factor": "man"})) == [
        "人员因素"
    ]
    html = client.get(knowledge.url).content.decode()
    assert "设计开发过程" in html and "生产过程" in html


def test_stage_page_shows_problems_and_control_requirements(client, knowledge):
    design = knowledge.get_children().get(title="设计开发过程")
    html = client.get(design.url).content.decode()
    assert "设计更改管理" in html
    assert "建立设计更改控制程序。" in html


def test_unknown_factor_gives_notice(client, knowledge):
    response = client.get(knowledge.url, {"factor": "luck"})
    assert response.status_code == 200
    assert response.context["listing"].notices
    assert len(listed(response)) == 3


def test_api_lists_entries_by_stage_and_factor(client, knowledge):
    data = client.get("/api/knowledge/", {"stage": "production"}).json()
    assert sorted(item["title"] for item in data["items"]) == ["人员因素", "测量因素"]
    data = client.get("/api/knowledge/", {"factor": "method"}).json()
    assert [item["title"] for item in data["items"]] == ["设计更改管理"]
    assert data["items"][0]["control_requirement"]
    assert client.get("/api/knowledge/", {"factor": "luck"}).json() == {"items": [], "count": 0}
