"""The public search: matching, facets, pagination, bad input, indexing, analytics, promotions."""

import pytest

from search.indexing import rebuild
from search.models import PromotedResult, SearchEntry, SearchQueryLog, SearchSynonym
from search.service import run_search
from tests.factories import (
    ExpertFactory,
    InstitutionFactory,
    ServicePageFactory,
    ServiceSectionPageFactory,
    build_catalogue,
)


def titles(query, **kwargs):
    return [item.title for item in run_search(query, log=False, **kwargs).items]


@pytest.fixture
def catalogue(db):
    home, index, section, services = build_catalogue(services_per_section=0)
    calibration = ServicePageFactory(
        parent=section,
        title="计量器具检定校准",
        slug="calibration",
        summary="提供计量器具检定校准服务，出具校准证书。",
    )
    testing = ServiceSectionPageFactory(
        parent=index, title="检验检测", slug="testing", qi_element="testing", intro="产品检测"
    )
    lab = ServicePageFactory(
        parent=testing,
        title="实验室管理体系建设辅导",
        slug="lab-coaching",
        summary="辅导检验检测机构通过CNAS认可，建立符合GB/T 19001-2016的体系，推行5S管理。",
    )
    institution = InstitutionFactory(
        name="示例电子检测中心", district="jimei", description="电磁兼容检测"
    )
    expert = ExpertFactory(
        name="王专家", institution=institution, specialties="电磁兼容、5S现场管理", industries=["C"]
    )
    rebuild()
    return {
        "section": section,
        "testing": testing,
        "calibration": calibration,
        "lab": lab,
        "institution": institution,
        "expert": expert,
    }


@pytest.mark.django_db
def test_a_chinese_word_inside_running_text_is_found(catalogue):
    assert "计量器具检定校准" in titles("校准")
    assert "计量器具检定校准" in titles("计量")
    assert titles("检定校准")[0] == "计量器具检定校准"


@pytest.mark.django_db
def test_pinyin_and_initials_find_the_chinese_title(catalogue):
    assert "计量器具检定校准" in titles("jiliang")
    assert "计量器具检定校准" in titles("jl")
    assert "计量器具检定校准" in titles("jiaozhun")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["GB/T 19001", "gb/t19001", "CNAS", "5S", "ISO 9001"])
def test_mixed_latin_and_numbers(catalogue, query):
    if query == "ISO 9001":
        SearchSynonym.objects.create(terms="质量管理体系, ISO 9001, GB/T 19001")
    assert "实验室管理体系建设辅导" in titles(query)


@pytest.mark.django_db
def test_editor_synonyms_widen_the_match(catalogue, django_capture_on_commit_callbacks):
    ServicePageFactory(parent=catalogue["testing"], title="强制性产品认证咨询", summary="认证")
    rebuild()
    assert titles("3C") == []

    SearchSynonym.objects.create(terms="强制性产品认证, 3C, CCC")

    assert titles("3C") == ["强制性产品认证咨询"]
    assert titles("ccc") == ["强制性产品认证咨询"]


@pytest.mark.django_db
def test_experts_and_institutions_are_found(catalogue):
    found = titles("电磁兼容")
    assert "示例电子检测中心" in found
    assert "王专家" in found


@pytest.mark.django_db
def test_facets_count_and_narrow(catalogue, client):
    response = run_search("5S", log=False)
    kinds = {
        option.value: option.count
        for facet in response.facets
        for option in facet.options
        if facet.name == "kind"
    }
    assert kinds == {"service": 1, "expert": 1}

    narrowed = run_search("5S", {"kind": "expert"}, log=False)
    assert [item.title for item in narrowed.items] == ["王专家"]
    assert narrowed.count == 1

    page = client.get("/search/", {"q": "5S", "kind": "expert"})
    assert page.status_code == 200
    assert "王专家" in page.content.decode()
    assert "实验室管理体系建设辅导" not in page.content.decode()


@pytest.mark.django_db
def test_district_and_qi_facets(catalogue):
    response = run_search("检测", log=False)
    facets = {facet.name: {o.value: o.count for o in facet.options} for facet in response.facets}

    assert facets["district"] == {"jimei": 2}
    assert facets["qi"]["testing"] >= 2
    assert run_search("检测", {"district": "huli"}, log=False).count == 0
    assert run_search("检测", {"district": "<script>"}, log=False).count == response.count


@pytest.mark.django_db
def test_pagination_ten_per_page(catalogue, client):
    for number in range(23):
        ServicePageFactory(parent=catalogue["section"], title=f"校准服务{number}", summary="校准")
    rebuild()

    first = run_search("校准", log=False)
    third = run_search("校准", page=3, log=False)

    assert first.count == 25  # 24 services and the section whose intro mentions 校准
    assert len(first.items) == 10 and first.num_pages == 3
    assert len(third.items) == 5
    assert {item.title for item in first.items}.isdisjoint(item.title for item in third.items)
    html = client.get("/search/", {"q": "校准", "page": 2}).content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html


@pytest.mark.django_db
def test_results_page_marks_matches_and_escapes(catalogue, client):
    ServicePageFactory(
        parent=catalogue["section"],
        title="<b>校准</b>演示",
        summary='<img src=x onerror="alert(1)">校准',
    )
    rebuild()

    html = client.get("/search/", {"q": "校准"}).content.decode()

    assert "<mark>校准</mark>" in html
    assert "<img src=x" not in html
    assert "<b>校准" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "校准" * 250,
        '"',
        '"计量',
        "AND",
        "计量 AND OR NOT",
        "*",
        "计*",
        "(((",
        ")]}",
        "！？。，、",
        "%_%",
        "\\",
        "'; DROP TABLE search_searchentry; --",
        "\x00计量",
    ],
)
def test_bad_input_gives_a_normal_page(catalogue, client, query):
    response = client.get("/search/", {"q": query, "page": "x"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_nothing_found_page_suggests_services_and_the_form(catalogue, client):
    html = client.get("/search/", {"q": "火星探测"}).content.decode()

    assert "计量器具检定校准" in html  # a suggested service
    assert "/requests/new/" in html


@pytest.mark.django_db
def test_publish_unpublish_and_delete_update_the_index(
    catalogue, django_capture_on_commit_callbacks
):
    page = ServicePageFactory.build(title="能源计量审查", slug="energy", summary="能源计量")
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["section"].add_child(instance=page)
        page.save_revision().publish()
    assert "能源计量审查" in titles("能源计量")

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "能源计量审查" not in titles("能源计量")

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "能源计量审查" in titles("能源计量")

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert "能源计量审查" not in titles("能源计量")
    assert not SearchEntry.objects.filter(title="能源计量审查").exists()


@pytest.mark.django_db
def test_move_updates_the_url(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["calibration"].move(catalogue["testing"], pos="last-child")

    entry = SearchEntry.objects.get(title="计量器具检定校准")
    assert "/testing/calibration/" in entry.url


@pytest.mark.django_db
def test_snippets_follow_save_and_delete(catalogue, django_capture_on_commit_callbacks):
    expert = catalogue["expert"]
    with django_capture_on_commit_callbacks(execute=True):
        expert.specialties = "锅炉能效测试"
        expert.save()
    assert "王专家" in titles("锅炉能效")

    with django_capture_on_commit_callbacks(execute=True):
        expert.is_active = False
        expert.save()
    assert "王专家" not in titles("锅炉能效")

    with django_capture_on_commit_callbacks(execute=True):
        InstitutionFactory(name="示例锅炉检验所", description="锅炉")
    assert "示例锅炉检验所" in titles("锅炉")


@pytest.mark.django_db
def test_expert_private_contact_is_not_indexed(catalogue):
    entry = SearchEntry.objects.get(kind="expert")

    assert catalogue["expert"].phone not in entry.body_text
    assert catalogue["expert"].email not in entry.body_text
    assert titles(catalogue["expert"].phone) == []


@pytest.mark.django_db
def test_query_log_counts_without_personal_data(catalogue, client):
    client.get("/search/", {"q": "  校准 "})
    client.get("/search/", {"q": "校准"})
    client.get("/search/", {"q": "火星探测"})
    client.get("/search/", {"q": "13912345678 zhang@example.cn"})

    logs = {log.query: log for log in SearchQueryLog.objects.all()}
    assert logs["校准"].searches == 2 and logs["校准"].results == 2
    assert logs["火星探测"].results == 0
    assert "[number] [email]" in logs
    field_names = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "day", "searches", "results"}


@pytest.mark.django_db
def test_promoted_result_comes_first(catalogue):
    entry = SearchEntry.objects.get(title="实验室管理体系建设辅导")
    PromotedResult.objects.create(query=" 计量 ", entry=entry)

    response = run_search("计量", log=False)

    assert response.items[0].title == "实验室管理体系建设辅导"
    assert response.items[0].promoted
    assert [item.title for item in response.items].count("实验室管理体系建设辅导") == 1


@pytest.mark.django_db
def test_autocomplete_by_characters_and_pinyin(catalogue, client):
    by_title = client.get("/search/autocomplete/", {"q": "检定"}).json()["items"]
    by_pinyin = client.get("/search/autocomplete/", {"q": "jil"}).json()["items"]

    assert by_title[0]["title"] == "计量器具检定校准"
    assert "计量器具检定校准" in [item["title"] for item in by_pinyin]
    assert client.get("/search/autocomplete/", {"q": ""}).json() == {"items": []}


@pytest.mark.django_db
def test_header_search_box_is_a_combobox_enhancement(catalogue, client):
    html = client.get("/search/", {"q": "校准"}).content.decode()

    assert 'data-autocomplete-url="/search/autocomplete/"' in html
    assert "js/search-autocomplete.js" in html
    assert 'action="/search/"' in html  # works as a plain form without JavaScript


@pytest.mark.django_db
def test_search_terms_report_for_editors(catalogue, client, admin_user):
    run_search("校准")
    run_search("火星探测")

    assert client.get("/admin/reports/search-terms/").status_code == 302
    client.force_login(admin_user)
    html = client.get("/admin/reports/search-terms/").content.decode()
    assert "校准" in html and "火星探测" in html


@pytest.mark.django_db
def test_rebuild_command_and_healthz(catalogue, client):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)

    assert SearchEntry.objects.filter(kind="service").count() == 2
    assert client.get("/healthz").json()["parts"]["search"]["detail"] == "database"


@pytest.mark.django_db
def test_wagtail_admin_search_keeps_working(catalogue, client, admin_user):
    client.force_login(admin_user)

    response = client.get("/admin/pages/search/", {"q": "计量器具检定校准"})

    assert response.status_code == 200
    assert "计量器具检定校准" in response.content.decode()
