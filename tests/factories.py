"""Factories for the portal's models (factory-boy, wagtail-factories for pages)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.models import HomePage, StandardPage
from resources.models import (
    CaseIndexPage,
    CasePage,
    Equipment,
    Expert,
    Institution,
    KnowledgeEntryPage,
    KnowledgeIndexPage,
    KnowledgeStagePage,
    ResourceIndexPage,
    ResourcePage,
    portal_today,
)
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


class EquipmentFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试仪器{n:04d}")
    model_number = factory.Sequence(lambda n: f"M-{n}")
    category = "mechanical"
    qi_element = "testing"
    institution = factory.SubFactory(InstitutionFactory)
    location = "实验楼 1 层"
    district = "jimei"
    capabilities = "拉伸、压缩、弯曲试验。"
    sharing_modes = factory.LazyFunction(lambda: ["time_share"])
    fee_amount = Decimal("100.00")
    fee_unit = "hour"
    open_hours = "工作日 9:00—17:00"
    status = "available"
    calibration_valid_until = factory.LazyFunction(
        lambda: portal_today() + datetime.timedelta(days=100)
    )
    contact = "0592-0000000"

    class Meta:
        model = Equipment


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


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "典型案例"
    slug = "cases"

    class Meta:
        model = CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"测试案例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    enterprise_name = factory.Sequence(lambda n: f"测试企业{n}（示例）")
    enterprise_profile = "一家生产电线电缆的小型企业。"
    case_date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    industry = "C"
    qi_elements = factory.LazyFunction(lambda: ["testing"])
    district = "jimei"
    diagnosis = "问诊调研。"
    assistance = "帮扶改进。"
    follow_up = "跟踪回访。"
    expert_advice = "专家建议。"
    enterprise_actions = "企业行动。"
    industry_problems = "行业共性问题。"

    class Meta:
        model = CasePage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "开放资源"
    slug = "resources"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"资讯{n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    category = "news"
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    summary = "摘要。"

    class Meta:
        model = ResourcePage


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    title = "质量问题知识库"
    slug = "knowledge"

    class Meta:
        model = KnowledgeIndexPage


class KnowledgeStagePageFactory(wagtail_factories.PageFactory):
    title = "生产过程"
    slug = factory.Sequence(lambda n: f"stage-{n}")
    stage = "production"
    control_requirements = "从人、机、料、法、环、测等多个因素进行综合管理。"

    class Meta:
        model = KnowledgeStagePage


class KnowledgeEntryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"问题{n}")
    slug = factory.Sequence(lambda n: f"entry-{n}")
    factors = factory.LazyFunction(lambda: ["man"])
    problem = "未掌握必备的技术能力。"
    control_requirement = "培训和考核上岗。"

    class Meta:
        model = KnowledgeEntryPage
