import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Equipment, portal_today
from tests.factories import (
    CaseIndexPageFactory,
    CasePageFactory,
    EquipmentFactory,
    InstitutionFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_records")]


def test_openapi_schema_lists_the_endpoints(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == "1"
    for path in [
        "/api/services/",
        "/api/cases/",
        "/api/equipment/",
        "/api/equipment/{equipment_id}",
        "/api/resources/",
    ]:
        assert path in schema["paths"], path


def test_equipment_list_shape_filters_and_bookable(client):
    lab = InstitutionFactory(slug="emc-lab")
    EquipmentFactory(name="暗室", category="electrical", institution=lab)
    EquipmentFactory(
        name="过期设备", calibration_valid_until=portal_today() - datetime.timedelta(days=3)
    )
    EquipmentFactory(name="维护设备", status="maintenance")

    data = client.get("/api/equipment/").json()
    assert set(data) == {"items", "count"}
    assert data["count"] == 3

    data = client.get("/api/equipment/", {"bookable": "yes"}).json()
    assert [item["name"] for item in data["items"]] == ["暗室"]
    assert data["items"][0]["booking_url"].endswith(f"equipment={data['items'][0]['id']}")

    expired = client.get("/api/equipment/", {"category": "mechanical"}).json()["items"]
    by_name = {item["name"]: item for item in expired}
    assert by_name["过期设备"]["calibration_expired"] is True
    assert by_name["过期设备"]["is_bookable"] is False
    assert by_name["过期设备"]["booking_url"] is None

    assert client.get("/api/equipment/", {"institution": "emc-lab"}).json()["count"] == 1


@pytest.mark.parametrize(
    "params",
    [{"category": "spaceship"}, {"institution": "nowhere"}, {"bookable": "perhaps"}],
)
def test_unknown_filter_values_give_an_empty_list(client, params):
    EquipmentFactory()
    response = client.get("/api/equipment/", params)
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_limit_and_offset_are_clamped(client):
    EquipmentFactory.create_batch(120)
    assert len(client.get("/api/equipment/", {"limit": 1000}).json()["items"]) == 100
    assert len(client.get("/api/equipment/", {"limit": 0}).json()["items"]) == 1
    data = client.get("/api/equipment/", {"offset": -5, "limit": 5}).json()
    assert len(data["items"]) == 5 and data["count"] == 120
    assert client.get("/api/equipment/", {"offset": 500}).json()["items"] == []
    assert client.get("/api/equipment/", {"limit": "many"}).status_code == 422


def test_detail_endpoints(client):
    instrument = EquipmentFactory(name="扫描电镜")
    assert client.get(f"/api/equipment/{instrument.pk}").json()["name"] == "扫描电镜"
    assert client.get("/api/equipment/999999").status_code == 404


def test_cases_and_resources(client, home):
    cases = CaseIndexPageFactory(parent=home)
    CasePageFactory(parent=cases, title="线缆案例", district="jimei")
    CasePageFactory(parent=cases, title="卫浴案例", district="tongan")
    library = ResourceIndexPageFactory(parent=home)
    ResourcePageFactory(parent=library, title="资讯")
    ResourcePageFactory(
        parent=library,
        title="标准",
        category="standard",
        standard_number="GB/T 19014-2019",
        standard_status="current",
    )

    data = client.get("/api/cases/", {"district": "tongan"}).json()
    assert [item["title"] for item in data["items"]] == ["卫浴案例"]
    case_id = data["items"][0]["id"]
    assert client.get(f"/api/cases/{case_id}").json()["diagnosis"]

    data = client.get("/api/resources/", {"category": "standard"}).json()
    assert data["count"] == 1
    assert data["items"][0]["standard_number"] == "GB/T 19014-2019"
    assert client.get("/api/resources/", {"category": "rumours"}).json()["count"] == 0


def test_api_list_queries_do_not_grow_with_limit(client):
    institutions = InstitutionFactory.create_batch(10)
    Equipment.objects.bulk_create(
        Equipment(
            name=f"批量仪器{index:04d}",
            model_number="X-1",
            category="mechanical",
            institution=institutions[index % 10],
            location="实验楼",
            district="jimei",
            capabilities="试验",
            sharing_modes=["time_share"],
            fee_amount=100,
            fee_unit="hour",
            open_hours="工作日",
            calibration_valid_until=portal_today(),
            contact="0592",
        )
        for index in range(1000)
    )
    counts = []
    for limit in (10, 50):
        with CaptureQueriesContext(connection) as queries:
            data = client.get("/api/equipment/", {"limit": limit}).json()
        assert len(data["items"]) == limit and data["count"] == 1000
        counts.append(len(queries))
    assert counts[0] == counts[1]
