"""The standards' record forms as filled XLSX, and the queue listing's spreadsheet export."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from services import workflow
from services.models import AssistanceRound, RequestStatus, RequestType, ServiceRequest
from tests.factories import ExpertFactory, InstitutionFactory
from tests.services.factories import EnterpriseFactory, UserFactory
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db


def form_url(service_request, kind):
    return reverse("services_forms:request_form", args=[service_request.pk, kind])


def summary_url(**params):
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return reverse("services_forms:benefit_summary") + (f"?{query}" if query else "")


def open_workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def find(sheet, text):
    """The cell whose text is `text`, as a reader would look for the label on the form."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} is not on sheet {sheet.title}")


def beside(sheet, text):
    """The value in the first cell right of the (possibly merged) label cell."""
    cell = find(sheet, text)
    last_column = cell.column
    for merged in sheet.merged_cells.ranges:
        if cell.coordinate in merged:
            last_column = merged.max_col
    return sheet.cell(row=cell.row, column=last_column + 1).value


def below(sheet, text, column="A"):
    return sheet[f"{column}{find(sheet, text).row + 1}"].value


@pytest.fixture
def manager():
    return make_manager(first_name="王经理")


@pytest.fixture
def specialist():
    return make_specialist(first_name="陈专员")


@pytest.fixture
def assistance(manager):
    """An assistance request in progress with its team, plan and a filled first round."""
    service_request = request_in(
        RequestStatus.IN_PROGRESS,
        user=manager,
        request_type=RequestType.ASSISTANCE,
        title="电线电缆质量帮扶",
        product_name="聚氯乙烯绝缘电缆",
        product_model="BV 2.5",
        nonconforming_items="导体电阻不合格",
        problem_source="supervision_sampling",
        report_number="JD2025-0012",
    )
    institution = InstitutionFactory(name="厦门市产品质量检验院")
    expert = ExpertFactory(name="林工", institution=institution)
    workflow.assign(
        service_request,
        user=manager,
        owner=manager,
        experts=[expert],
        institutions=[institution],
    )
    workflow.add_plan_version(
        service_request,
        user=manager,
        data={
            "status_analysis": "现状",
            "main_problems": "导体电阻超标",
            "goals": "三个月内复查合格",
            "service_items": "原因分析、整改指导",
            "service_methods": ["on_site"],
            "schedule": "三个月",
            "starts_on": datetime.date(2025, 3, 1),
            "ends_on": datetime.date(2025, 5, 31),
            "expected_effect": "复查合格",
        },
    )
    AssistanceRound.objects.filter(request=service_request, number=1).update(
        visited_on=datetime.date(2025, 3, 10),
        cause_material="铜材纯度不足",
        cause_measurement="电阻测量仪未校准",
        cause_analysis_state="done",
        cause_analysis_note="原因已查明",
        disposal_state="to_improve",
        reinspection="passed",
        reinspected_on=datetime.date(2025, 5, 20),
        expert_advice="更换铜材供应商\n校准测量仪器",
        improvement="建立进货检验制度",
    )
    return ServiceRequest.objects.get(pk=service_request.pk)


# -- the forms of one request ---------------------------------------------------------------


def test_assistance_plan_holds_the_team_goals_and_the_enterprise_row(client, manager, assistance):
    client.force_login(manager)
    response = client.get(form_url(assistance, "assistance-plan"))
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''" in response["Content-Disposition"]
    sheet = open_workbook(response).active

    assert sheet["A1"].value == "质量技术帮扶工作方案"
    assert beside(sheet, "质量技术帮扶机构") == "厦门市产品质量检验院"
    assert beside(sheet, "工作组") == "王经理、林工"
    assert beside(sheet, "行业类别") == "C 制造业"
    assert beside(sheet, "质量技术帮扶任务及目标") == "三个月内复查合格"
    header = find(sheet, "序号").row
    row = {
        sheet.cell(row=header, column=column).value: sheet.cell(row=header + 1, column=column).value
        for column in range(1, 11)
    }
    assert row["帮扶对象"] == assistance.enterprise.name
    assert row["产品名称"] == "聚氯乙烯绝缘电缆"
    assert row["型号规格"] == "BV 2.5"
    assert row["不合格项目"] == "导体电阻不合格"
    assert "JD2025-0012" in row["判定依据及标准要求"]
    assert row["不合格原因分析"] == "料：铜材纯度不足；测：电阻测量仪未校准"
    assert row["帮扶周期"] == "2025-03-01 至 2025-05-31"
    assert row["质量负责人"] == "张三、13800138000"
    # The layout of the standard: merged label cells, boxed cells, A4 landscape.
    assert "A3:B3" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["B7"].border.left.style == "thin"
    assert sheet["G7"].alignment.wrap_text
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.orientation == "landscape"


def test_linkage_record_ticks_the_chosen_states_one_sheet_per_round(client, manager, assistance):
    AssistanceRound.objects.create(request=assistance, number=2)
    client.force_login(manager)
    workbook = open_workbook(client.get(form_url(assistance, "linkage-record")))
    assert workbook.sheetnames == ["第1轮", "第2轮"]
    sheet = workbook["第1轮"]

    assert beside(sheet, "经营主体名称") == assistance.enterprise.name
    assert beside(sheet, "不合格报告编号") == "JD2025-0012"
    assert beside(sheet, "质量专家姓名") == "林工"
    assert beside(sheet, "走访时间") == datetime.datetime(2025, 3, 10)
    assert beside(sheet, "一、产品不合格问题原因分析") == "☑已完成  ☐待改进"
    assert below(sheet, "一、产品不合格问题原因分析", "B") == "原因已查明"
    assert beside(sheet, "二、不合格产品处理情况") == "☐已完成  ☑待改进"
    assert beside(sheet, "三、产品质量问题整改措施及落实情况") == "☐已完成  ☐待改进"
    assert beside(sheet, "五、复查完成情况") == "☐无需复查  ☐尚未复查  ☑复查合格  ☐复查不合格"
    assert "2025-05-20" in below(sheet, "五、复查完成情况", "B")
    assert below(sheet, "六、质量问题整改及质量帮扶建议：") == "1. 更换铜材供应商"
    assert below(sheet, "1. 更换铜材供应商") == "2. 校准测量仪器"
    assert below(sheet, "七、经营主体产品质量改善/质量管理提升情况") == "建立进货检验制度"
    # The new round is blank but for the one state every round starts with.
    second = workbook["第2轮"]
    assert beside(second, "一、产品不合格问题原因分析") == "☐已完成  ☐待改进"
    assert beside(second, "五、复查完成情况").startswith("☐无需复查  ☑尚未复查")


def test_benefit_form_holds_the_project_and_the_figures(client, manager, assistance):
    workflow.record_resolution(
        assistance,
        user=manager,
        data={
            "resolution_summary": "整改完成",
            "person_days": Decimal("4.5"),
            "service_visits": 3,
            "trainings": 1,
            "trainees": 25,
            "problems_solved": 2,
            "benefit_wan": Decimal("12.30"),
            "benefit_basis": "减少退货损失",
        },
    )
    client.force_login(manager)
    sheet = open_workbook(client.get(form_url(assistance, "benefit"))).active

    assert sheet["A1"].value == "企业质量提升效益评价表"
    assert beside(sheet, "项目名称") == f"电线电缆质量帮扶（{assistance.number}）"
    assert beside(sheet, "企业名称") == assistance.enterprise.name
    assert beside(sheet, "项目周期") == "2025年3月1日 至 2025年5月31日"
    assert beside(sheet, "技术服务机构") == "厦门市产品质量检验院"
    assert beside(sheet, "技术服务人员") == "王经理、林工"
    assert beside(sheet, "服务工作量") == 4.5
    assert find(sheet, "服务工作量").offset(column=1).number_format == '"（"0.0"）人·天"'
    assert beside(sheet, "服务次数") == 3
    assert beside(sheet, "培训次数") == 1
    assert beside(sheet, "培训人次数") == 25
    assert beside(sheet, "解决质量问题数") == 2
    assert beside(sheet, "产生质量效益") == 12.3
    assert beside(sheet, "质量效益测算") == (
        "实施项目产生总体质量效益为（12.30）万元，测算依据：减少退货损失"
    )


def test_benefit_form_of_a_consultation_and_no_assistance_forms(client, specialist):
    consultation = request_in(RequestStatus.SUBMITTED, user=specialist)
    client.force_login(specialist)
    sheet = open_workbook(client.get(form_url(consultation, "benefit"))).active
    assert beside(sheet, "服务工作量") == "（  ）人·天"
    assert client.get(form_url(consultation, "assistance-plan")).status_code == 404
    assert client.get(form_url(consultation, "linkage-record")).status_code == 404
    assert client.get(form_url(consultation, "invoice")).status_code == 404


def test_workspace_links_the_forms_that_apply(client, manager, assistance):
    client.force_login(manager)
    page = client.get(reverse("services_queue:workspace", args=[assistance.pk])).content.decode()
    for kind in ("assistance-plan", "linkage-record", "benefit"):
        assert form_url(assistance, kind) in page
    consultation = request_in(RequestStatus.SUBMITTED, user=manager)
    page = client.get(reverse("services_queue:workspace", args=[consultation.pk])).content.decode()
    assert form_url(consultation, "benefit") in page
    assert form_url(consultation, "assistance-plan") not in page


def test_only_queue_readers_download_request_forms(client, specialist, assistance):
    client.force_login(specialist)
    assert client.get(form_url(assistance, "assistance-plan")).status_code == 200
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(form_url(assistance, "assistance-plan"))
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")
    client.logout()
    assert client.get(form_url(assistance, "benefit")).status_code == 302


# -- 004 Annex B over many requests ---------------------------------------------------------


def finished(manager, status, enterprise, **figures):
    service_request = request_in(status, user=manager, enterprise=enterprise)
    ServiceRequest.objects.filter(pk=service_request.pk).update(**figures)
    return service_request


@pytest.fixture
def finished_requests(manager):
    first = EnterpriseFactory(district="siming", industry="C")
    second = EnterpriseFactory(district="siming", industry="C")
    elsewhere = EnterpriseFactory(district="huli", industry="C")
    return {
        "trained": finished(
            manager,
            RequestStatus.RESOLVED,
            first,
            trainings=2,
            trainees=30,
            person_days=Decimal("3.5"),
            service_visits=2,
            problems_solved=1,
            benefit_wan=Decimal("10.50"),
        ),
        "same_enterprise": finished(
            manager,
            RequestStatus.CLOSED,
            first,
            trainings=0,
            trainees=0,
            person_days=Decimal("1.0"),
            service_visits=1,
            problems_solved=2,
            benefit_wan=Decimal("5.00"),
        ),
        "second": finished(
            manager,
            RequestStatus.RESOLVED,
            second,
            trainings=1,
            trainees=12,
            person_days=Decimal("2.0"),
            service_visits=3,
            problems_solved=0,
            benefit_wan=None,
        ),
        "elsewhere": finished(
            manager,
            RequestStatus.RESOLVED,
            elsewhere,
            trainings=5,
            trainees=100,
            person_days=Decimal("9.0"),
            service_visits=9,
            problems_solved=9,
            benefit_wan=Decimal("99.00"),
        ),
        # Still being worked: its figures do not count yet.
        "open": finished(
            manager,
            RequestStatus.IN_PROGRESS,
            first,
            trainings=7,
            trainees=70,
            person_days=Decimal("7.0"),
            service_visits=7,
            problems_solved=7,
        ),
    }


def test_benefit_summary_sums_the_finished_requests_of_the_district(
    client, manager, finished_requests
):
    client.force_login(manager)
    response = client.get(summary_url(district="siming", industry="C"))
    workbook = open_workbook(response)
    sheet = workbook.active
    assert sheet["A1"].value == "行业/区域/园区质量提升效益评价表"
    assert beside(sheet, "服务企业所在区域") == "思明区（C 制造业）"
    # Hand-computed from the fixture: two enterprises, three finished requests.
    assert beside(sheet, "服务企业数") == 2
    assert beside(sheet, "培训场次数") == 2 + 0 + 1
    assert beside(sheet, "培训企业数") == 2
    assert beside(sheet, "培训人次数") == 30 + 0 + 12
    assert beside(sheet, "服务工作量") == 3.5 + 1.0 + 2.0
    assert beside(sheet, "服务次数") == 2 + 1 + 3
    assert beside(sheet, "帮助企业解决质量问题") == 1 + 2 + 0
    assert "（15.50）万元" in beside(sheet, "质量效益测算")
    detail = workbook["明细"]
    numbers = {row[0].value for row in detail.iter_rows(min_row=2)}
    assert numbers == {
        finished_requests[name].number for name in ("trained", "same_enterprise", "second")
    }


def test_benefit_summary_date_range_and_all_districts(client, manager, finished_requests):
    last_year = timezone.now() - datetime.timedelta(days=400)
    ServiceRequest.objects.filter(pk=finished_requests["trained"].pk).update(resolved_at=last_year)
    today = timezone.localdate()
    client.force_login(manager)
    sheet = open_workbook(client.get(summary_url(start=today - datetime.timedelta(days=30)))).active
    assert beside(sheet, "服务企业数") == 3
    assert beside(sheet, "培训场次数") == 0 + 1 + 5
    assert beside(sheet, "培训企业数") == 2
    assert "（104.00）万元" in beside(sheet, "质量效益测算")

    sheet = open_workbook(client.get(summary_url(end=today - datetime.timedelta(days=300)))).active
    assert beside(sheet, "服务企业数") == 1
    assert beside(sheet, "培训人次数") == 30


def test_benefit_summary_is_for_managers_and_checks_its_filter(client, manager, specialist):
    client.force_login(specialist)
    assert client.get(summary_url()).status_code in (302, 403)
    client.force_login(manager)
    assert client.get(summary_url()).status_code == 200
    assert client.get(summary_url(district="atlantis")).status_code == 400
    assert client.get(summary_url(start="2025-02-30")).status_code == 400
    assert client.get(summary_url(start="2025-06-01", end="2025-01-01")).status_code == 400


# -- the queue listing's export -------------------------------------------------------------


def listing_export(client, query):
    response = client.get(reverse("services_servicerequest_modeladmin_index") + query)
    sheet = open_workbook(response).active
    rows = list(sheet.iter_rows(values_only=True))
    return response, rows[0], rows[1:]


def test_listing_export_honours_filters_and_tabs_with_plain_values(client, manager):
    closed = request_in(RequestStatus.CLOSED, user=manager)
    new = request_in(RequestStatus.SUBMITTED, user=manager)
    working = request_in(RequestStatus.IN_PROGRESS, user=manager)
    client.force_login(manager)

    response, header, rows = listing_export(client, "?queue=all&status__exact=closed&export=xlsx")
    assert "attachment" in response["Content-Disposition"]
    assert [row[0] for row in rows] == [closed.number]
    row = dict(zip(header, rows[0], strict=True))
    assert len(header) == 22
    assert row["主题"] == closed.title
    assert row["统一社会信用代码"] == closed.enterprise.credit_code
    assert isinstance(row["提交时间"], datetime.datetime)
    assert all("<" not in str(value) for value in rows[0] if value is not None)
    # Figures stay numbers; a zero would stay 0, not the listing's "-".
    assert 2 in rows[0]

    _response, _header, rows = listing_export(client, "?queue=new&export=xlsx")
    assert [row[0] for row in rows] == [new.number]
    _response, _header, rows = listing_export(client, "?export=xlsx")
    assert [row[0] for row in rows] == [new.number]
    _response, _header, rows = listing_export(client, "?queue=all&export=xlsx")
    assert {row[0] for row in rows} == {closed.number, new.number, working.number}
    _response, _header, rows = listing_export(client, f"?queue=all&q={working.number}&export=xlsx")
    assert [row[0] for row in rows] == [working.number]


def test_listing_offers_the_export_and_refuses_it_to_outsiders(client, manager):
    request_in(RequestStatus.SUBMITTED, user=manager)
    client.force_login(manager)
    page = client.get(reverse("services_servicerequest_modeladmin_index") + "?queue=all")
    assert "export=xlsx" in page.content.decode()
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("services_servicerequest_modeladmin_index") + "?export=xlsx")
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")
