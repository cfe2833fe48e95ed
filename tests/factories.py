"""Factories for tests: factory-boy for models, wagtail-factories for pages."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.models import HomePage
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


class HomePageFactory(wagtail_factories.PageFactory):
    title = "首页"
    slug = "home"
    hero_title = "一站办理"

    class Meta:
        model = HomePage


class InstitutionFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试检测机构{n}")
    slug = factory.Sequence(lambda n: f"institution-{n}")
    kind = "testing_institute"
    qi_elements = factory.LazyFunction(lambda: ["testing"])
    qualifications = factory.LazyFunction(lambda: ["CMA"])
    district = "huli"

    class Meta:
        model = Institution


class ExpertFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"专家{n}")
    title = "高级工程师"
    institution = factory.SubFactory(InstitutionFactory)
    domains = factory.LazyFunction(lambda: ["testing"])
    specialties = "电气安全、电磁兼容"
    bio = "长期从事电子电器产品检测。"
    phone = factory.Sequence(lambda n: f"1390000{n:04d}")
    email = factory.Sequence(lambda n: f"private.expert{n}@example.cn")

    class Meta:
        model = Expert


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
