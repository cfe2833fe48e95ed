import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Equipment, portal_today
from tests.factories import EquipmentFactory, InstitutionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_records")]

LIST_URL = "/equipment/"


def titles(response):
    return [instrument.name for instrument in response.context["listing"].page]


def test_expired_calibration_cannot_be_booked(client):
    expired = EquipmentFactory(
        name="过期的万能试验机", calibration_valid_until=portal_today() - datetime.timedelta(days=1)
    )
    valid = EquipmentFactory(name="有效的万能试验机")

    assert expired.calibration_expired and not expired.is_bookable
    assert valid.is_bookable
    assert list(Equipment.objects.bookable()) == [valid]

    page = client.get(expired.get_absolute_url()).content.decode()
    assert "/requests/new/?type=booking" not in page
    assert "Calibration expired" in page or "校准已过期" in page

    page = client.get(valid.get_absolute_url()).content.decode()
    assert f"/requests/new/?type=booking&amp;equipment={valid.pk}" in page


def test_calibration_valid_today_is_still_bookable():
    instrument = EquipmentFactory(calibration_valid_until=portal_today())
    assert instrument.is_bookable
    assert Equipment.objects.bookable().filter(pk=instrument.pk).exists()


def test_instrument_under_maintenance_cannot_be_booked(client):
    instrument = EquipmentFactory(status="maintenance")
    assert not instrument.is_bookable
    page = client.get(instrument.get_absolute_url()).content.decode()
    assert "type=booking" not in page


def test_retired_instrument_is_not_public(client):
    instrument = EquipmentFactory(name="已报废硬度计", status="retired")
    assert client.get(instrument.get_absolute_url()).status_code == 404
    assert "已报废硬度计" not in client.get(LIST_URL).content.decode()


def test_list_filters(client):
    lab = InstitutionFactory(slug="emc-lab", name="电磁兼容实验室")
    EquipmentFactory(name="暗室", category="electrical", institution=lab, district="xiangan")
    EquipmentFactory(name="拉力机", category="mechanical", sharing_modes=["outsourced"])
    EquipmentFactory(name="维护中的光谱仪", category="chemical", status="maintenance")

    assert titles(client.get(LIST_URL, {"category": "electrical"})) == ["暗室"]
    assert titles(client.get(LIST_URL, {"institution": "emc-lab"})) == ["暗室"]
    assert titles(client.get(LIST_URL, {"district": "xiangan"})) == ["暗室"]
    assert titles(client.get(LIST_URL, {"sharing_mode": "outsourced"})) == ["拉力机"]
    assert "维护中的光谱仪" not in titles(client.get(LIST_URL, {"bookable": "yes"}))
    assert "维护中的光谱仪" in titles(client.get(LIST_URL))


def test_pagination_keeps_filters(client):
    EquipmentFactory.create_batch(25, category="optical")
    EquipmentFactory.create_batch(3, category="thermal")

    response = client.get(LIST_URL, {"category": "optical", "page": 2})
    assert response.status_code == 200
    assert len(titles(response)) == 10
    assert response.context["listing"].page.paginator.count == 25
    html = response.content.decode()
    assert "category=optical&amp;page=3" in html
    assert "category=optical&amp;page=1" in html


@pytest.mark.parametrize(
    "query",
    [
        {"category": "spaceship"},
        {"institution": "no-such-lab"},
        {"bookable": "maybe"},
        {"page": "999"},
        {"page": "abc"},
        {"page": "-1"},
        {"per_page": "100000"},
    ],
)
def test_bad_input_gives_the_normal_page_with_a_notice(client, query):
    EquipmentFactory(name="拉力机")
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert response.context["listing"].notices
    html = response.content.decode()
    assert 'class="message message--warning notice"' in html
    assert "拉力机" in html


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


def test_list_queries_do_not_grow_with_page_size(client):
    institutions = InstitutionFactory.create_batch(10)
    template = EquipmentFactory.build()
    Equipment.objects.bulk_create(
        Equipment(
            name=f"批量仪器{index:04d}",
            model_number=template.model_number,
            category=template.category,
            qi_element=template.qi_element,
            institution=institutions[index % 10],
            location=template.location,
            district=template.district,
            capabilities=template.capabilities,
            sharing_modes=["time_share", "outsourced"],
            fee_amount=template.fee_amount,
            fee_unit=template.fee_unit,
            open_hours=template.open_hours,
            calibration_valid_until=template.calibration_valid_until,
            contact=template.contact,
        )
        for index in range(1000)
    )
    client.get(LIST_URL)  # warm the per-process caches (navigation, site root paths)
    small, response = count_queries(client, LIST_URL, {"per_page": 10})
    assert len(titles(response)) == 10
    large, response = count_queries(client, LIST_URL, {"per_page": 50})
    assert len(titles(response)) == 50
    assert small == large
    filtered, _ = count_queries(client, LIST_URL, {"per_page": 50, "bookable": "yes"})
    assert filtered == large


def test_detail_links_to_institution(client):
    instrument = EquipmentFactory()
    html = client.get(instrument.get_absolute_url()).content.decode()
    assert instrument.institution.get_absolute_url() in html
    assert instrument.model_number in html
