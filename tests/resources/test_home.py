import datetime

from resources.models import portal_today
from tests.factories import (
    CaseIndexPageFactory,
    CasePageFactory,
    EquipmentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)


def test_home_shows_latest_cases_news_and_bookable_featured_instruments(client, home):
    cases = CaseIndexPageFactory(parent=home)
    for day in range(1, 5):
        CasePageFactory(parent=cases, title=f"案例{day}", case_date=datetime.date(2026, 5, day))
    library = ResourceIndexPageFactory(parent=home)
    for day in range(1, 6):
        ResourcePageFactory(parent=library, title=f"资讯{day}", date=datetime.date(2026, 6, day))
    ResourcePageFactory(parent=library, title="某项政策", category="policy")
    EquipmentFactory(name="推荐的暗室", is_featured=True)
    EquipmentFactory(
        name="校准过期的推荐设备",
        is_featured=True,
        calibration_valid_until=portal_today() - datetime.timedelta(days=1),
    )
    EquipmentFactory(name="普通设备")

    html = client.get(home.url).content.decode()
    assert all(f"案例{day}" in html for day in (2, 3, 4)) and "案例1" not in html
    assert all(f"资讯{day}" in html for day in (2, 3, 4, 5)) and "资讯1<" not in html
    assert "某项政策" not in html
    assert "推荐的暗室" in html
    assert "校准过期的推荐设备" not in html
    assert "普通设备" not in html
