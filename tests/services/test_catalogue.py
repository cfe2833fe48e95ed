"""The public catalogue: every page type creatable in the admin, rendering, queries, apply link."""

import pytest

from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage, StandardPage
from services.models import ServiceGuidePage, ServiceIndexPage, ServicePage, ServiceSectionPage
from tests.factories import InstitutionFactory, build_catalogue


class CatalogueAdminTests(WagtailPageTestCase):
    """An editor can create each catalogue page type where it belongs, through the admin form."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index, cls.section, cls.services = build_catalogue()
        cls.institution = InstitutionFactory()

    def setUp(self):
        self.login()

    def test_page_tree_rules(self):
        self.assertCanCreateAt(HomePage, ServiceIndexPage)
        self.assertCanCreateAt(ServiceIndexPage, ServiceSectionPage)
        self.assertCanCreateAt(ServiceIndexPage, ServiceGuidePage)
        self.assertCanCreateAt(ServiceSectionPage, ServicePage)
        self.assertCanNotCreateAt(HomePage, ServicePage)
        self.assertCanNotCreateAt(ServiceIndexPage, ServicePage)

    def test_create_section(self):
        ServiceSectionPage.objects.filter(
            qi_element="standardization"
        ).delete()  # demo's, if loaded
        self.assertCanCreate(
            self.index,
            ServiceSectionPage,
            nested_form_data(
                {
                    "title": "标准化",
                    "slug": "standardization",
                    "qi_element": "standardization",
                    "intro": "标准制修订、标准化咨询服务。",
                    "body": streamfield([]),
                }
            ),
        )

    def test_create_service_page_takes_element_from_section(self):
        data = nested_form_data(
            {
                "title": "测量管理体系咨询",
                "slug": "mms-consulting",
                "summary": "帮助企业建立测量管理体系。",
                "audience": "有测量管理需求的制造企业",
                "process_steps": streamfield(
                    [("step", {"title": "需求受理", "description": "", "time_limit": "1个工作日"})]
                ),
                "materials": streamfield([]),
                "time_limit": "30个工作日",
                "time_limit_days": "30",
                "fees": "免费",
                "contact": "计量服务窗口",
                "source": "DB44 附录A",
                "body": streamfield([]),
            }
        )
        data["delivery_modes"] = ["on_site", "online"]
        data["institutions"] = [str(self.institution.pk)]
        self.assertCanCreate(self.section, ServicePage, data)
        page = ServicePage.objects.get(slug="mms-consulting")
        assert page.qi_element == "metrology"
        assert list(page.institutions.all()) == [self.institution]
        assert page.delivery_modes == ["on_site", "online"]

    def test_create_guide_and_standard_page(self):
        self.assertCanCreate(
            self.index,
            ServiceGuidePage,
            nested_form_data(
                {
                    "title": "办事指南",
                    "slug": "guide",
                    "intro": "",
                    "process_steps": streamfield([]),
                    "body": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {"title": "隐私政策", "slug": "privacy", "intro": "", "body": streamfield([])}
            ),
        )

    def test_service_page_needs_a_delivery_mode(self):
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("services", "servicepage", self.section.pk)),
            nested_form_data(
                {
                    "title": "无方式的服务",
                    "slug": "no-mode",
                    "summary": "摘要",
                    "audience": "企业",
                    "process_steps": streamfield([]),
                    "materials": streamfield([]),
                    "time_limit": "5个工作日",
                    "fees": "免费",
                    "contact": "窗口",
                    "body": streamfield([]),
                    "action-publish": "publish",
                }
            ),
        )
        assert response.status_code == 200
        assert "delivery_modes" in response.context["form"].errors
        assert not ServicePage.objects.filter(slug="no-mode").exists()


@pytest.mark.django_db
def test_service_page_shows_everything_an_enterprise_needs(client):
    _, _, section, (service,) = build_catalogue()
    service.institutions.add(InstitutionFactory(name="示例计量院", phone="0592-7654321"))
    service.save_revision().publish()

    response = client.get(service.url)

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "为企业在用计量器具提供检定、校准服务。",
        "使用计量器具的企业",
        "10个工作日",
        "按公示标准收费",
        "示例计量院",
        "0592-7654321",
        "提交申请",
        section.title,
    ):
        assert text in html
    assert f'href="/requests/new/?service={service.slug}"' in html


@pytest.mark.django_db
def test_catalogue_lists_services_by_section(client):
    _, index, section, services = build_catalogue(services_per_section=3)

    response = client.get(index.url)

    html = response.content.decode()
    assert section.title in html
    for service in services:
        assert service.title in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 12])
def test_section_page_query_count_does_not_grow_with_services(
    client, count, django_assert_max_num_queries
):
    _, _, section, _ = build_catalogue(services_per_section=count)
    client.get(section.url)  # warm caches (site root, navigation)
    with django_assert_max_num_queries(12):
        response = client.get(section.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == count
