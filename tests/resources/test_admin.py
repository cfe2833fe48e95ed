"""Editors can reach every resource screen in the Wagtail admin."""

import pytest

from tests.factories import (
    CaseIndexPageFactory,
    EquipmentFactory,
    KnowledgeIndexPageFactory,
    KnowledgeStagePageFactory,
    ResourceIndexPageFactory,
)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.cn", "pw")
    client.force_login(user)
    return client


def test_page_editors_open(editor_client, home):
    cases = CaseIndexPageFactory(parent=home)
    library = ResourceIndexPageFactory(parent=home)
    knowledge = KnowledgeIndexPageFactory(parent=home)
    stage = KnowledgeStagePageFactory(parent=knowledge)
    for model, parent in [
        ("casepage", cases),
        ("resourcepage", library),
        ("knowledgestagepage", knowledge),
        ("knowledgeentrypage", stage),
    ]:
        response = editor_client.get(f"/admin/pages/add/resources/{model}/{parent.pk}/")
        assert response.status_code == 200, model


def test_equipment_snippet_screens(editor_client, no_demo_records):
    instrument = EquipmentFactory(name="盐雾试验箱")
    listing = editor_client.get("/admin/snippets/resources/equipment/")
    assert listing.status_code == 200
    assert "盐雾试验箱" in listing.content.decode()
    edit = editor_client.get(f"/admin/snippets/resources/equipment/edit/{instrument.pk}/")
    assert edit.status_code == 200
    assert editor_client.get("/admin/snippets/resources/equipment/add/").status_code == 200
