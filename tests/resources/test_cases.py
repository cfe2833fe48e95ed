import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import CasePage
from tests.factories import CaseIndexPageFactory, CasePageFactory


@pytest.fixture
def case_index(home):
    return CaseIndexPageFactory(parent=home)


@pytest.fixture
def service(home):
    """A catalogue service page, built the way the catalogue builds it."""
    from services.models import ServiceIndexPage, ServicePage, ServiceSectionPage

    catalogue = ServiceIndexPage(title="服务目录", slug="services")
    home.add_child(instance=catalogue)
    section = ServiceSectionPage(
        title="检验检测", slug="testing", qi_element="testing", intro="检测"
    )
    catalogue.add_child(instance=section)
    page = ServicePage(
        title="产品质量检验",
        slug="product-testing",
        summary="委托检验。",
        audience="生产企业",
        delivery_modes=["at_lab"],
        process_steps=[("step", {"title": "受理", "description": "", "time_limit": ""})],
        time_limit="5个工作日",
        fees="按项目收费",
        contact="0592-0000000",
    )
    section.add_child(instance=page)
    return page


def test_profile_longer_than_300_characters_is_rejected(case_index):
    case = CasePageFactory.build(enterprise_profile="企" * 301)
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "enterprise_profile" in error.value.message_dict

    case.enterprise_profile = "企" * 300
    case.full_clean(exclude=["path", "depth"])


def test_case_page_shows_annex_f_sections(client, case_index, service):
    case = CasePageFactory(
        parent=case_index,
        enterprise_name="示例线缆有限公司（示例）",
        diagnosis="拉丝模具超寿命使用。",
        economic_benefit="减少损失18万元。",
    )
    case.services.add(service)
    case.save_revision().publish()

    html = client.get(case.url).content.decode()
    for text in [
        "示例线缆有限公司（示例）",
        "拉丝模具超寿命使用。",
        "减少损失18万元。",
        service.title,
    ]:
        assert text in html
    assert service.url in html


def test_service_page_lists_its_cases(client, case_index, service):
    linked = CasePageFactory(parent=case_index, title="用了这项服务的案例")
    linked.services.add(service)
    linked.save_revision().publish()
    CasePageFactory(parent=case_index, title="与服务无关的案例")

    html = client.get(service.url).content.decode()
    assert "用了这项服务的案例" in html
    assert "与服务无关的案例" not in html
    assert list(service.cases.all()) == [CasePage.objects.get(pk=linked.pk)]


def listed(response):
    return [case.title for case in response.context["listing"].page]


def test_filters(client, case_index, service):
    CasePageFactory(parent=case_index, title="制造业案例", industry="C", district="jimei")
    CasePageFactory(
        parent=case_index,
        title="维修业案例",
        industry="O",
        district="siming",
        qi_elements=["quality", "brand"],
    )
    with_service = CasePageFactory(parent=case_index, title="检测服务案例")
    with_service.services.add(service)
    with_service.save_revision().publish()

    url = case_index.url
    assert listed(client.get(url, {"industry": "O"})) == ["维修业案例"]
    assert listed(client.get(url, {"district": "siming"})) == ["维修业案例"]
    assert listed(client.get(url, {"qi_element": "brand"})) == ["维修业案例"]
    assert listed(client.get(url, {"service": "product-testing"})) == ["检测服务案例"]


def test_newest_first_and_paginated(client, case_index):
    CasePageFactory.create_batch(12, parent=case_index)
    first = client.get(case_index.url)
    second = client.get(case_index.url, {"page": 2})
    dates = [case.case_date for case in first.context["listing"].page]
    assert dates == sorted(dates, reverse=True)
    assert len(listed(first)) == 10
    assert len(listed(second)) == 2


@pytest.mark.parametrize("query", [{"industry": "ZZ"}, {"page": "1000"}, {"service": "nope"}])
def test_bad_filter_or_page_gives_notice(client, case_index, query):
    CasePageFactory(parent=case_index, title="唯一的案例")
    response = client.get(case_index.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "唯一的案例" in html
    assert "message--warning" in html


def test_case_list_queries_do_not_grow_with_page_size(client, case_index, service):
    for case in CasePageFactory.create_batch(55, parent=case_index):
        case.services.add(service)
        case.save()
    client.get(case_index.url)
    counts = []
    for size in (10, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(case_index.url, {"per_page": size})
        assert len(listed(response)) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_editor_cannot_publish_a_profile_over_300_characters(client, case_index, django_user_model):
    from wagtail.test.utils.form_data import nested_form_data

    editor = django_user_model.objects.create_superuser("editor", "editor@example.cn", "pw")
    client.force_login(editor)
    url = f"/admin/pages/add/resources/casepage/{case_index.pk}/"
    data = nested_form_data(
        {
            "title": "超长简介的案例",
            "slug": "too-long",
            "enterprise_name": "示例企业（示例）",
            "enterprise_profile": "企" * 301,
            "case_date": "2026-05-01",
            "industry": "C",
            "district": "jimei",
            "diagnosis": "问诊。",
            "assistance": "帮扶。",
            "follow_up": "回访。",
            "expert_advice": "建议。",
            "enterprise_actions": "行动。",
            "industry_problems": "问题。",
            "action-publish": "publish",
        }
    )
    data["qi_elements"] = ["testing"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert not CasePage.objects.filter(slug="too-long").exists()
    assert response.context["form"].errors["enterprise_profile"]

    data["enterprise_profile"] = "企" * 300
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert CasePage.objects.get(slug="too-long").live
