import pytest

from django.core.management import call_command

from home.models import HomePage
from resources.models import Expert, Institution
from services.models import ServicePage, ServiceSectionPage


def _counts():
    from wagtail.models import Page

    return {
        "pages": Page.objects.count(),
        "services": ServicePage.objects.count(),
        "sections": ServiceSectionPage.objects.count(),
        "institutions": Institution.objects.count(),
        "experts": Expert.objects.count(),
        "live": Page.objects.live().count(),
    }


@pytest.mark.django_db
def test_demo_loader_twice_gives_the_same_site(demo_site):
    first = _counts()
    call_command("load_demo_content", skip_index=True, verbosity=0)
    assert _counts() == first
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_demo_has_every_qi_element_with_at_least_three_services(demo_site):
    sections = {s.qi_element: s for s in ServiceSectionPage.objects.live()}
    assert set(sections) == {
        "metrology",
        "standardization",
        "certification",
        "testing",
        "quality",
        "ip",
        "brand",
        "equipment",
    }
    for section in sections.values():
        live_services = ServicePage.objects.live().child_of(section).count()
        assert live_services >= 3, f"{section.title} has {live_services} services"


@pytest.mark.django_db
def test_demo_services_each_name_a_providing_institution_and_steps(demo_site):
    for service in ServicePage.objects.live():
        assert service.process_steps, service.title
        assert len(service.summary) <= 300, service.title
        assert service.delivery_modes, service.title


@pytest.mark.django_db
def test_home_page_in_chinese_with_navigation(client, demo_site):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert "跳到主要内容" in html  # skip link
    for title in (
        "计量",
        "标准化",
        "认证认可",
        "检验检测",
        "质量管理",
        "知识产权",
        "品牌培育",
        "设备共享",
    ):
        assert title in html
    assert "0592-12345" in html  # footer hotline


@pytest.mark.django_db
def test_home_page_query_budget(client, demo_site, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(16):
        response = client.get("/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_service_page_query_budget(client, demo_site, django_assert_max_num_queries):
    service = ServicePage.objects.live().first()
    client.get(service.url)
    with django_assert_max_num_queries(16):
        response = client.get(service.url)
    assert response.status_code == 200
    assert service.title in response.content.decode()


@pytest.mark.django_db
def test_every_demo_page_renders(client, demo_site):
    from wagtail.models import Page

    for page in Page.objects.live().filter(depth__gte=2):
        response = client.get(page.url)
        assert response.status_code == 200, page.url


@pytest.mark.django_db
def test_not_found_page_is_chinese_with_navigation(client, demo_site):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html
    assert 'href="/services/"' in html


def test_server_error_page_is_static_and_chinese():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "服务暂时不可用" in html
    assert "{%" not in html
