import json

import pytest

from tests.factories import EquipmentFactory, ExpertFactory, InstitutionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_records")]


def test_expert_private_contact_never_public(client):
    expert = ExpertFactory(phone="13912345678", email="secret.person@example.cn")
    urls = [
        "/experts/",
        expert.get_absolute_url(),
        expert.institution.get_absolute_url(),
        "/api/experts/",
        f"/api/institutions/{expert.institution.slug}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        assert expert.name in body or url.startswith("/api/institutions/"), url
        assert "13912345678" not in body, url
        assert "secret.person@example.cn" not in body, url


def test_inactive_expert_is_not_listed(client):
    expert = ExpertFactory(name="已退出专家", is_active=False)
    assert "已退出专家" not in client.get("/experts/").content.decode()
    assert client.get(expert.get_absolute_url()).status_code == 404


def test_expert_filters(client):
    ExpertFactory(name="计量专家", domains=["metrology"])
    ExpertFactory(name="检测专家", domains=["testing"])
    response = client.get("/experts/", {"domain": "metrology"})
    assert [expert.name for expert in response.context["listing"].page] == ["计量专家"]


def test_institution_detail_shows_qualifications_instruments_and_experts(client):
    institution = InstitutionFactory(name="示例检测院", qualifications=["CMA", "CNAS-L"])
    EquipmentFactory(name="盐雾试验箱", institution=institution)
    ExpertFactory(name="检测专家", institution=institution)
    html = client.get(institution.get_absolute_url()).content.decode()
    for text in ["示例检测院", "盐雾试验箱", "检测专家", "CMA"]:
        assert text in html


def test_institution_filters_by_qualification(client):
    InstitutionFactory(name="有CNAS的机构", qualifications=["CNAS-L"])
    InstitutionFactory(name="只有CMA的机构", qualifications=["CMA"])
    response = client.get("/institutions/", {"qualification": "CNAS-L"})
    assert [i.name for i in response.context["listing"].page] == ["有CNAS的机构"]
    response = client.get("/institutions/", {"qualification": "ISO-9999"})
    assert response.status_code == 200
    assert response.context["listing"].notices
    assert client.get("/institutions/no-such-slug/").status_code == 404
