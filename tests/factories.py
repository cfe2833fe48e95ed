"""Factories for the portal's models (factory-boy, wagtail-factories for pages)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.models import HomePage, StandardPage
from resources.models import Expert, Institution
from services.models import ServiceGuidePage, ServiceIndexPage, ServicePage, ServiceSectionPage


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"测试检测中心{n}")
    slug = factory.Sequence(lambda n: f"institution-{n}")
    kind = "testing_institute"
    qi_elements = factory.LazyFunction(lambda: ["testing"])
    qualifications = factory.LazyFunction(lambda: ["CMA"])
    district = "huli"
    phone = "0592-0000000"


class ExpertFactory(DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"专家{n}")
    title = "高级工程师"
    institution = factory.SubFactory(InstitutionFactory)
    domains = factory.LazyFunction(lambda: ["testing"])
    specialties = "检验检测、质量分析"
    phone = "13900000000"
    email = factory.Sequence(lambda n: f"expert{n}@example.cn")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "首页"
    hero_title = "计量、标准、认证认可、检验检测，一站办理"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "关于平台"
    intro = "平台简介"


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceIndexPage

    title = "服务目录"
    slug = "services"


class ServiceSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceSectionPage

    title = "计量"
    qi_element = "metrology"
    intro = "提供计量器具检定校准等服务。"


class ServiceGuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceGuidePage

    title = "服务流程"
    slug = "process"


class ServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"计量服务{n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "为企业在用计量器具提供检定、校准服务。"
    audience = "使用计量器具的企业"
    delivery_modes = factory.LazyFunction(lambda: ["at_lab"])
    process_steps = factory.LazyFunction(
        lambda: [("step", {"title": "提交申请", "description": "在线提交", "time_limit": "随时"})]
    )
    time_limit = "10个工作日"
    time_limit_days = 10
    fees = "按公示标准收费"
    contact = "服务窗口 0592-12345"


def build_catalogue(services_per_section=1):
    """A small site: home, catalogue, one section with `services_per_section` services."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    index = ServiceIndexPageFactory(parent=home)
    # One section per QI element: make room if the session's demo content holds this one.
    for existing in ServiceSectionPage.objects.filter(qi_element="metrology"):
        existing.delete()
    section = ServiceSectionPageFactory(parent=index)
    services = [ServicePageFactory(parent=section) for _ in range(services_per_section)]
    return home, index, section, services
