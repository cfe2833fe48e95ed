"""The demo site, as `make run` builds it, serves every resource page from its content."""

from django.core.management import call_command

from resources.models import (
    CasePage,
    Equipment,
    Institution,
    KnowledgeEntryPage,
    KnowledgeStagePage,
    ResourcePage,
)

ANNEX_C_CLAUSES = (
    [f"C.2.1.1.{n}" for n in range(1, 8)]
    + [f"C.2.2.1.{n}" for n in range(1, 6)]
    + [f"C.2.3.1.{n}" for n in range(1, 7)]
    + [f"C.2.4.1.{n}" for n in range(1, 6)]
    + [f"C.2.5.1.{n}" for n in range(1, 3)]
)


def counts():
    return {
        "cases": CasePage.objects.count(),
        "instruments": Equipment.objects.count(),
        "institutions": Institution.objects.count(),
        "resources": ResourcePage.objects.count(),
        "stages": KnowledgeStagePage.objects.count(),
        "entries": KnowledgeEntryPage.objects.count(),
    }


def test_demo_content_is_complete_and_reloads_without_duplicates(demo_site):
    before = counts()
    assert before["cases"] >= 8
    assert all(case.enterprise_name.endswith("（示例）") for case in CasePage.objects.all())
    assert all(case.is_sample for case in CasePage.objects.all())
    assert all(len(case.enterprise_profile) <= 300 for case in CasePage.objects.all())

    instruments = Equipment.objects.all()
    assert before["instruments"] >= 30
    assert instruments.values("institution").distinct().count() >= 5
    assert instruments.values("district").distinct().count() >= 4
    assert instruments.filter(status="maintenance").exists()
    assert any(instrument.calibration_expired for instrument in instruments)
    assert Equipment.objects.bookable().count() >= 15

    assert before["resources"] >= 20
    categories = set(ResourcePage.objects.values_list("category", flat=True))
    assert categories == {"news", "policy", "standard", "science"}
    standards = ResourcePage.objects.filter(category="standard")
    assert {"GB/T 19001-2016", "GB/T 19012-2019", "GB/T 19014-2019"} <= set(
        standards.values_list("standard_number", flat=True)
    )
    assert set(standards.values_list("standard_status", flat=True)) == {
        "current",
        "withdrawn",
        "upcoming",
    }

    # 001 Annex C, whole: five stages, every problem with its control requirement.
    assert before["stages"] == 5
    entries = KnowledgeEntryPage.objects.all()
    assert sorted(entries.values_list("clause", flat=True)) == sorted(ANNEX_C_CLAUSES)
    assert all(entry.control_requirement and entry.problem for entry in entries)

    call_command("load_demo_content", skip_index=True, verbosity=0)
    assert counts() == before


DEMO_PAGES = [
    ("/cases/", ["典型案例", "卫浴水嘴金属污染物析出量不合格的帮扶整改（示例）"]),
    (
        "/cases/cable-conductor-resistance/",
        ["示例集美线缆科技有限公司（示例）", "拉丝模具", "导体电阻"],
    ),
    ("/equipment/", ["三坐标测量机", "示例市计量检定测试院（示例）"]),
    ("/resources/", ["开放资源", "“提质强企”质量技术帮扶专项行动启动（示例）", "/resources/feed/"]),
    ("/resources/?category=standard", ["GB/T 19001-2016", "GB/T 19000-2008"]),
    ("/resources/standard-gb-t-19012/", ["GB/T 19012-2019", "2020-03-01"]),
    ("/resources/feed/", ["“提质强企”质量技术帮扶专项行动启动（示例）"]),
    ("/knowledge/", ["设计开发过程", "售后服务过程", "需求分析识别"]),
    ("/knowledge/production/", ["人员因素", "执行5S管理"]),
    ("/knowledge/after-sales/repair-quality/", ["维修服务质量不高", "C.2.5.1.2"]),
    ("/experts/?per_page=50", ["陈示例"]),
    ("/institutions/", ["示例市计量检定测试院（示例）"]),
    ("/institutions/demo-product-quality-institute/", ["万能材料试验机"]),
    ("/", ["三坐标测量机", "“提质强企”质量技术帮扶专项行动启动（示例）"]),
]


def test_each_url_serves_demo_content(client, demo_site):
    # One demo load for all pages: building the demo site is the slow part.
    for url, expected in DEMO_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for text in expected:
            assert text in html, (url, text)


def test_instrument_pages_from_the_demo(client, demo_site):
    bookable = Equipment.objects.bookable().first()
    html = client.get(bookable.get_absolute_url()).content.decode()
    assert f"/requests/new/?type=booking&amp;equipment={bookable.pk}" in html

    expired = next(i for i in Equipment.objects.public() if i.calibration_expired)
    html = client.get(expired.get_absolute_url()).content.decode()
    assert "type=booking" not in html


def test_api_serves_the_demo(client, demo_site):
    for endpoint in ["services/", "cases/", "equipment/", "resources/"]:
        data = client.get(f"/api/{endpoint}").json()
        assert data["count"] > 0, endpoint
        assert data["items"], endpoint
