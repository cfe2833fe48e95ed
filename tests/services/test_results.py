"""Putting results to use: draft cases, the regional quality map, common problems, ratings and
the public figures of the home page (001 7.3, 003 8.2.3)."""

import datetime
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from resources.models import CasePage
from services import workflow
from services.cases import create_case_draft
from services.models import (
    AssistanceRound,
    RequestEvent,
    RequestStatus,
    RequestType,
    SatisfactionSurvey,
    ServiceRequest,
)
from services.quality_map import (
    PUBLIC_FIGURES_CACHE_KEY,
    common_problems,
    public_figures,
    public_quality_map,
    quality_map,
)
from services.ratings import expert_ratings, institution_ratings, parse_sort, sort_rows
from services.workflow import WorkflowError
from tests.factories import (
    CaseIndexPageFactory,
    ExpertFactory,
    InstitutionFactory,
    KnowledgeEntryPageFactory,
    KnowledgeIndexPageFactory,
    KnowledgeStagePageFactory,
    build_catalogue,
)
from tests.services.factories import EnterpriseFactory, ServiceRequestFactory, UserFactory
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages():
    home, _index, _section, services = build_catalogue()
    cases = CaseIndexPageFactory(parent=home)
    knowledge = KnowledgeIndexPageFactory(parent=home)
    stage = KnowledgeStagePageFactory(parent=knowledge)
    entries = [
        KnowledgeEntryPageFactory(parent=stage, title="进货检验流于形式", problem="未按批次抽检。"),
        KnowledgeEntryPageFactory(parent=stage, title="测量设备未校准", problem="超期使用。"),
    ]
    return {"home": home, "cases": cases, "entries": entries, "services": services}


@pytest.fixture
def manager():
    return make_manager()


def resolved_assistance(user, entries, **kwargs):
    """An assistance request with a plan, follow-ups and a cause analysis, then resolved."""
    enterprise = EnterpriseFactory(
        name="厦门示例卫浴有限公司", district="tongan", industry="C", size="small"
    )
    service_request = request_in(
        RequestStatus.IN_PROGRESS,
        user=user,
        request_type=RequestType.ASSISTANCE,
        enterprise=enterprise,
        qi_element="quality",
        product_name="陶瓷片密封水嘴",
        nonconforming_items="金属污染物析出（铅）",
        problem_source="supervision_sampling",
        description="监督抽查不合格，请求帮扶。",
        **kwargs,
    )
    workflow.add_plan_version(
        service_request,
        user=user,
        data={
            "status_analysis": "进货检验未覆盖铅含量。",
            "main_problems": "原料铅含量超标。",
            "goals": "复查合格。",
            "service_items": "供应商评价、进货检验规程。",
            "service_methods": ["on_site"],
            "schedule": "三个月。",
            "expected_effect": "复查合格。",
        },
    )
    workflow.add_follow_up(
        service_request,
        user=user,
        data={
            "happened_on": timezone.localdate(),
            "mode": "visit",
            "content": "现场查看铸造工序。",
        },
    )
    current = service_request.rounds.get()
    workflow.update_round(
        current,
        user=user,
        data={
            "cause_material": "铜棒供应商未提供材质报告。",
            "cause_measurement": "进货检验未检测铅含量。",
            "rectification_note": "更换供应商，增加进货检验项目。",
            "reinspection": "passed",
            "reinspection_note": "复查合格。",
            "expert_advice": "建立合格供应商名录。",
            "improvement": "修订作业指导书4份。",
        },
        knowledge_entries=entries,
    )
    workflow.record_resolution(
        service_request,
        user=user,
        data={
            "resolution_summary": "复查合格，帮扶完成。",
            "problems_solved": 2,
            "benefit_wan": Decimal("18.00"),
            "benefit_basis": "减少返工和退货损失。",
            "trainings": 1,
            "trainees": 36,
        },
    )
    return workflow.transition(service_request, RequestStatus.RESOLVED, user=user)


# -- consent and draft case (001 7.3.1) ------------------------------------------------------


def test_a_draft_case_needs_the_enterprise_consent(site_pages, manager):
    service_request = resolved_assistance(manager, site_pages["entries"])
    with pytest.raises(WorkflowError) as refused:
        create_case_draft(service_request, user=manager)
    assert str(refused.value) == gettext(
        "Record first that the enterprise agrees to publication as a typical case."
    )
    assert not CasePage.objects.exists()


def test_a_draft_case_needs_a_resolved_request(site_pages, manager):
    service_request = request_in(RequestStatus.IN_PROGRESS, user=manager)
    workflow.record_case_consent(service_request, user=manager, consent=True)
    with pytest.raises(WorkflowError):
        create_case_draft(service_request, user=manager)
    assert not CasePage.objects.exists()


def test_consent_is_recorded_in_the_trail(site_pages, manager):
    service_request = resolved_assistance(manager, site_pages["entries"])
    workflow.record_case_consent(service_request, user=manager, consent=True)
    service_request.refresh_from_db()
    assert service_request.case_consent
    event = service_request.events.order_by("-pk").first()
    assert event.author == manager
    assert list(event.changes.values()) == [[gettext("No consent"), gettext("Consent given")]]


def test_draft_case_is_unpublished_prefilled_in_annex_f_and_linked(site_pages, manager):
    entries = site_pages["entries"]
    service_request = resolved_assistance(manager, entries)
    workflow.record_case_consent(service_request, user=manager, consent=True)

    page = create_case_draft(service_request, user=manager)

    page = CasePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.get_parent().pk == site_pages["cases"].pk
    assert page.latest_revision is not None
    assert page.latest_revision.user == manager
    assert page.enterprise_name == "厦门示例卫浴有限公司"
    assert "厦门示例卫浴有限公司" in page.enterprise_profile
    assert "同安区" in page.enterprise_profile
    assert "陶瓷片密封水嘴" in page.enterprise_profile
    assert len(page.enterprise_profile) <= 300
    assert "金属污染物析出（铅）" in page.diagnosis
    assert "铜棒供应商未提供材质报告" in page.diagnosis
    assert "供应商评价" in page.assistance
    assert "更换供应商" in page.assistance
    assert "现场查看铸造工序" in page.follow_up
    assert "复查合格" in page.follow_up
    assert page.expert_advice == "建立合格供应商名录。"
    assert "修订作业指导书4份" in page.enterprise_actions
    assert "18.00" in page.economic_benefit
    assert "36" in page.management_benefit
    assert "进货检验流于形式" in page.industry_problems
    assert "测量设备未校准" in page.industry_problems
    assert "进货检验未检测铅含量" in page.industry_problems
    assert (page.industry, page.district, page.qi_elements) == ("C", "tongan", ["quality"])

    service_request.refresh_from_db()
    assert service_request.case_page_id == page.pk
    assert service_request.events.filter(
        kind=RequestEvent.Kind.NOTE, message__contains=page.title
    ).exists()


def test_a_second_call_returns_the_same_draft(site_pages, manager):
    service_request = resolved_assistance(manager, site_pages["entries"])
    workflow.record_case_consent(service_request, user=manager, consent=True)
    first = create_case_draft(service_request, user=manager)
    second = create_case_draft(service_request, user=manager)
    assert first.pk == second.pk
    assert CasePage.objects.count() == 1


def test_workspace_button_creates_the_draft_and_opens_the_editor(client, site_pages, manager):
    service_request = resolved_assistance(manager, site_pages["entries"])
    client.force_login(manager)
    workspace = reverse("services_queue:workspace", args=[service_request.pk])
    draft_url = reverse("services_results:case_draft", args=[service_request.pk])
    assert draft_url not in client.get(workspace).content.decode()

    response = client.post(
        reverse("services_queue:action", args=[service_request.pk, "case-consent"]),
        {"case_consent": "on"},
    )
    assert response.status_code == 302
    assert draft_url in client.get(workspace).content.decode()

    response = client.post(draft_url)
    page = CasePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(reverse("services_results:case_draft", args=[1])).status_code == 405


# -- the regional quality map (001 7.3.4) ----------------------------------------------------


@pytest.fixture
def map_requests():
    """Siming: 3 requests (2 assistance, 1 with problems); Huli: 1; one withdrawn, not counted."""
    siming_c = EnterpriseFactory(district="siming", industry="C")
    siming_f = EnterpriseFactory(district="siming", industry="F")
    huli = EnterpriseFactory(district="huli", industry="C")
    ServiceRequestFactory(
        enterprise=siming_c,
        request_type=RequestType.ASSISTANCE,
        product_name="电线电缆",
        nonconforming_items="导体电阻",
        problem_source="supervision_sampling",
    )
    ServiceRequestFactory(
        enterprise=siming_c,
        request_type=RequestType.ASSISTANCE,
        product_name="电线电缆",
        problem_source="risk_monitoring",
    )
    ServiceRequestFactory(enterprise=siming_f)
    ServiceRequestFactory(
        enterprise=huli,
        request_type=RequestType.ASSISTANCE,
        product_name="水嘴",
        nonconforming_items="铅析出",
        problem_source="supervision_sampling",
    )
    ServiceRequestFactory(enterprise=huli, status=RequestStatus.WITHDRAWN)


def _by(rows, code):
    return next(row for row in rows if row["code"] == code)


def test_quality_map_counts_per_district_industry_and_product(map_requests):
    data = quality_map()
    sources = [code for code, _label in data["sources"]]
    siming = _by(data["districts"], "siming")
    assert (siming["requests"], siming["assistance"], siming["with_problems"]) == (3, 2, 1)
    assert siming["by_source"][sources.index("supervision_sampling")] == 1
    assert siming["by_source"][sources.index("risk_monitoring")] == 1
    huli = _by(data["districts"], "huli")
    assert (huli["requests"], huli["assistance"], huli["with_problems"]) == (1, 1, 1)
    assert _by(data["districts"], "jimei")["requests"] == 0
    assert len(data["districts"]) == 6
    manufacturing = _by(data["industries"], "C")
    assert (manufacturing["requests"], manufacturing["assistance"]) == (3, 3)
    assert _by(data["industries"], "F")["requests"] == 1
    assert [(row["label"], row["requests"]) for row in data["products"]] == [
        ("电线电缆", 2),
        ("水嘴", 1),
    ]
    assert data["totals"]["requests"] == 4


def test_public_map_hides_small_counts_and_names_no_enterprise(client, map_requests):
    data = public_quality_map()
    siming = _by(data["districts"], "siming")
    assert siming["requests"] == 3
    assert siming["assistance"] is None
    assert _by(data["districts"], "huli")["requests"] is None

    response = client.get(reverse("quality_map"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "思明区" in html and "&lt;3" in html
    assert "<svg" in html and "<title" in html and "<caption>" in html
    for enterprise in ServiceRequest.objects.values_list("enterprise__name", flat=True):
        assert enterprise not in html
    assert "电线电缆" not in html


def test_common_problems_per_industry(site_pages, manager):
    entries = site_pages["entries"]
    resolved_assistance(manager, entries)
    other = request_in(
        RequestStatus.IN_PROGRESS,
        user=manager,
        request_type=RequestType.ASSISTANCE,
        enterprise=EnterpriseFactory(industry="C"),
    )
    workflow.update_round(
        other.rounds.get(),
        user=manager,
        data={"cause_material": "回收料比例过高。"},
        knowledge_entries=[entries[0]],
    )
    (manufacturing,) = common_problems()
    assert manufacturing["code"] == "C"
    assert manufacturing["rounds"] == 2
    assert [(f["field"], f["count"]) for f in manufacturing["factors"]] == [
        ("cause_material", 2),
        ("cause_measurement", 1),
    ]
    assert [(e["page"].pk, e["count"]) for e in manufacturing["entries"]] == [
        (entries[0].pk, 2),
        (entries[1].pk, 1),
    ]


def test_admin_quality_map_links_knowledge_entries(client, site_pages, manager):
    resolved_assistance(manager, site_pages["entries"])
    client.force_login(manager)
    response = client.get(reverse("services_results:quality_map"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "陶瓷片密封水嘴" in html
    assert site_pages["entries"][0].url in html


# -- ratings (003 8.2.3) ---------------------------------------------------------------------


def _survey(service_request, overall, n):
    return SatisfactionSurvey.objects.create(
        kind=SatisfactionSurvey.Kind.COMPLETION,
        request=service_request,
        enterprise=service_request.enterprise,
        token_nonce=f"nonce{n}",
        token_hash=f"hash{n}",
        expires_at=timezone.now() + datetime.timedelta(days=30),
        answered_at=timezone.now() if overall is not None else None,
        overall=overall or "",
    )


@pytest.fixture
def rated():
    now = timezone.now()
    day = datetime.timedelta(days=1)
    institution = InstitutionFactory(name="甲检测中心")
    other_institution = InstitutionFactory(name="乙计量所")
    expert = ExpertFactory(name="王工", institution=institution)
    idle = ExpertFactory(name="李工", institution=institution)
    on_time = ServiceRequestFactory(
        status=RequestStatus.CLOSED,
        resolve_due_at=now,
        resolved_at=now - day,
        problems_solved=2,
        benefit_wan=Decimal("10.50"),
    )
    late = ServiceRequestFactory(
        status=RequestStatus.RESOLVED,
        resolve_due_at=now - 2 * day,
        resolved_at=now - day,
        problems_solved=1,
    )
    open_one = ServiceRequestFactory(status=RequestStatus.IN_PROGRESS)
    withdrawn = ServiceRequestFactory(status=RequestStatus.WITHDRAWN, problems_solved=9)
    for service_request in (on_time, late, open_one, withdrawn):
        service_request.experts.add(expert)
    on_time.institutions.add(institution)
    late.institutions.add(institution)
    _survey(on_time, "satisfied", 1)
    _survey(late, "neutral", 2)
    _survey(open_one, None, 3)
    return {"expert": expert, "idle": idle, "institution": institution, "other": other_institution}


def _row_for(rows, obj):
    return next(row for row in rows if row["object"].pk == obj.pk)


def test_expert_rating_equals_hand_computed_values(rated):
    row = _row_for(expert_ratings(), rated["expert"])
    assert (row["served"], row["resolved"]) == (3, 2)
    assert row["on_time_rate"] == Decimal("50.0")
    assert row["satisfaction_rate"] == Decimal("50.0")
    assert row["mean_score"] == Decimal("80.0")
    assert row["problems_solved"] == 3
    assert row["benefit_wan"] == Decimal("10.50")
    # (0.2 × 66.67 + 0.3 × 50 + 0.25 × 50 + 0.25 × 80) / 1.0
    assert row["score"] == Decimal("60.8")
    idle = _row_for(expert_ratings(), rated["idle"])
    assert (idle["served"], idle["score"]) == (0, None)


def test_institution_rating_equals_hand_computed_values(rated):
    rows = institution_ratings()
    row = _row_for(rows, rated["institution"])
    assert (row["served"], row["resolved"], row["on_time_rate"]) == (2, 2, Decimal("50.0"))
    assert row["mean_score"] == Decimal("80.0")
    # (0.2 × 100 + 0.3 × 50 + 0.25 × 50 + 0.25 × 80) / 1.0
    assert row["score"] == Decimal("67.5")
    assert _row_for(rows, rated["other"])["served"] == 0


def test_ratings_sort_only_by_allowlisted_columns(rated):
    assert parse_sort("served") == ("served", False)
    assert parse_sort("-mean_score") == ("mean_score", True)
    assert parse_sort("enterprise__name") == ("score", True)
    rows = sort_rows(expert_ratings(), "-served")
    assert [row["name"] for row in rows] == ["王工", "李工"]
    assert sort_rows(expert_ratings(), "-score")[-1]["score"] is None


def test_ratings_page_sorts_by_column(client, rated, manager):
    client.force_login(manager)
    response = client.get(reverse("services_results:ratings"), {"sort": "name"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("李工") < html.index("王工")
    assert 'aria-sort="ascending"' in html
    response = client.get(reverse("services_results:ratings"), {"sort": "drop table"})
    assert response.status_code == 200


# -- who may see the admin pages -------------------------------------------------------------


@pytest.mark.parametrize("name", ["services_results:quality_map", "services_results:ratings"])
def test_only_managers_reach_the_results_pages(client, name):
    client.force_login(make_specialist())
    refused = client.get(reverse(name))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert refused.status_code in (302, 403)
    assert refused.status_code == 403 or refused.url == reverse("wagtailadmin_home")
    client.force_login(make_manager())
    assert client.get(reverse(name)).status_code == 200


def test_strangers_are_sent_to_log_in(client):
    response = client.get(reverse("services_results:quality_map"))
    assert response.status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("services_results:ratings")).status_code in (302, 403)


# -- public figures on the home page ---------------------------------------------------------


def test_home_figures_are_right_and_cached(client, site_pages, manager, rated):
    # Requests of `rated`: closed (2 solved), resolved (1 solved), open; two other enterprises.
    figures = public_figures()
    assert figures["enterprises_served"] == 2
    assert figures["problems_solved"] == 3
    assert figures["satisfaction_rate"] == 50.0

    response = client.get("/")
    html = response.content.decode()
    assert "figures-band" in html
    assert ">50.0%<" in html

    ServiceRequestFactory(status=RequestStatus.CLOSED, problems_solved=5)
    with CaptureQueriesContext(connection) as queries:
        assert public_figures() == figures
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("servicerequest" in query["sql"] for query in queries)


def test_home_hides_the_band_without_data(client, site_pages):
    html = client.get("/").content.decode()
    assert "figures-band" not in html
    assert PUBLIC_FIGURES_CACHE_KEY
    assert not AssistanceRound.objects.exists()
