"""The standards' record forms as filled-in workbooks, laid out as the standards print them.

001 Annex A (质量技术帮扶工作方案, table A.1) and Annex D (联动工作记录表, table D.1);
004 Annex A (企业质量提升效益评价表, table A.1) and Annex B (行业/区域/园区质量提升效益评价表,
table B.1). Titles and row labels are the standards' own fixed text; they stay Chinese whatever
the reader's admin language, and so do the choice labels filled in beside them.
"""

import functools
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation

from portal.choices import District, Industry
from services.exports import cell_value, person
from services.models import (
    CAUSE_FIELDS,
    LINKAGE_SECTIONS,
    Reinspection,
    RequestStatus,
    RequestType,
    SectionState,
    ServiceRequest,
)

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name="宋体", size=14, bold=True)
BODY_FONT = Font(name="宋体", size=10.5)
BOLD_FONT = Font(name="宋体", size=10.5, bold=True)
CHECKED, UNCHECKED = "☑", "☐"

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- layout helpers --------------------------------------------------------------------------


def _prepare(sheet, widths, *, landscape=False):
    """Column widths and an A4 page that prints the form on one page wide."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def _put(sheet, cells, value, *, bold=False, align="left", border=True, number_format=None):
    """Write `value` into `cells` ("A1" or "A1:C1"), merged, wrapped and boxed like the form."""
    first = cells.split(":")[0]
    if ":" in cells:
        sheet.merge_cells(cells)
    cell = sheet[first]
    cell.value = cell_value(value)
    # What people typed stays text, even when it starts with "=".
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    cell.font = BOLD_FONT if bold else BODY_FONT
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if border:
        for row in sheet[cells] if ":" in cells else ((cell,),):
            for part in row:
                part.border = BOX
    return cell


def _title(sheet, cells, text, subtitle=None, subtitle_cells=None):
    sheet.merge_cells(cells)
    cell = sheet[cells.split(":")[0]]
    cell.value = text
    cell.font = TITLE_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[cell.row].height = 30
    if subtitle:
        _put(sheet, subtitle_cells, subtitle, align="right", border=False)


def _height(sheet, row, text, *, chars_per_line, minimum=20):
    """Rows grow with their text, since spreadsheets do not size merged cells themselves."""
    lines = sum(max(1, -(-len(part) // chars_per_line)) for part in str(text or "").split("\n"))
    sheet.row_dimensions[row].height = max(minimum, 15 * lines + 4)


def _names(items):
    return "、".join(item for item in items if item)


def _team(service_request):
    owner = person(service_request.owner)
    experts = [expert.name for expert in service_request.experts.all()]
    return _names([owner, *[name for name in experts if name != owner]])


def _institutions(service_request):
    return _names(institution.name for institution in service_request.institutions.all())


def _latest_plan(service_request):
    return service_request.plans.order_by("-version").first()


def _day(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localdate(value)
    return value


def _period(start, end, *, with_day=True):
    """ "2025年3月1日 至 2025年6月30日"; the standard's blank "年 月 至 年 月" when unknown."""

    def part(value):
        if value is None:
            return "    年  月" + ("  日" if with_day else "")
        text = f"{value.year}年{value.month}月"
        return text + (f"{value.day}日" if with_day else "")

    return f"{part(start)} 至 {part(end)}"


def _project_period(service_request):
    """The plan's dates; without them, from submission to closing (or resolution)."""
    plan = _latest_plan(service_request)
    start = plan.starts_on if plan and plan.starts_on else _day(service_request.created_at)
    end = plan.ends_on if plan and plan.ends_on else None
    if end is None:
        end = _day(service_request.closed_at or service_request.resolved_at)
    return start, end


def _boxes(options, chosen):
    return "  ".join(
        f"{CHECKED if value == chosen else UNCHECKED}{label}" for value, label in options
    )


# 001 Annex B: the six factors, as the cause analysis table names them.
CAUSE_LABELS = dict(zip(CAUSE_FIELDS, ["人", "机", "料", "法", "环", "测"], strict=True))


def condensed_causes(assistance_round):
    if assistance_round is None:
        return ""
    return "；".join(
        f"{CAUSE_LABELS[name]}：{' '.join(getattr(assistance_round, name).split())}"
        for name in CAUSE_FIELDS
        if getattr(assistance_round, name).strip()
    )


def _in_site_language(builder):
    """Choice labels in the form's language (Chinese), not the reader's admin language."""

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return builder(*args, **kwargs)

    return wrapper


# -- 001 Annex A: 质量技术帮扶工作方案 -------------------------------------------------------

ASSISTANCE_PLAN_HEADER = [
    "序号",
    "帮扶对象",
    "产品名称",
    "型号规格",
    "不合格项目",
    "判定依据及标准要求",
    "不合格原因分析",
    "帮扶周期",
    "质量负责人",
    "备注",
]
# The standard's table leaves fifteen rows for the enterprises assisted.
ASSISTANCE_PLAN_ROWS = 15


@_in_site_language
def assistance_plan_workbook(service_request):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "质量技术帮扶工作方案"
    _prepare(sheet, [6, 20, 14, 12, 20, 20, 34, 16, 14, 12], landscape=True)
    _title(
        sheet,
        "A1:J1",
        "质量技术帮扶工作方案",
        subtitle=f"编号：{service_request.number}",
        subtitle_cells="A2:J2",
    )
    plan = _latest_plan(service_request)
    latest_round = service_request.rounds.order_by("-number").first()

    _put(sheet, "A3:B3", "质量技术帮扶机构", bold=True, align="center")
    _put(sheet, "C3:E3", _institutions(service_request))
    _put(sheet, "F3", "工作组", bold=True, align="center")
    _put(sheet, "G3:J3", _team(service_request))
    _put(sheet, "A4:B4", "行业类别", bold=True, align="center")
    _put(sheet, "C4:J4", service_request.enterprise.get_industry_display())
    _put(sheet, "A5:B5", "质量技术帮扶任务及目标", bold=True, align="center")
    goals = plan.goals if plan else ""
    _put(sheet, "C5:J5", goals)
    _height(sheet, 5, goals, chars_per_line=90, minimum=36)
    for column, label in enumerate(ASSISTANCE_PLAN_HEADER, start=1):
        _put(sheet, f"{get_column_letter(column)}6", label, bold=True, align="center")
    sheet.row_dimensions[6].height = 32

    basis = "\n".join(
        part
        for part in [
            f"检验报告编号：{service_request.report_number}"
            if service_request.report_number
            else "",
            f"问题来源：{service_request.get_problem_source_display()}"
            if service_request.problem_source
            else "",
        ]
        if part
    )
    start, end = (plan.starts_on, plan.ends_on) if plan else (None, None)
    causes = condensed_causes(latest_round)
    contact = _names([service_request.contact_name, service_request.contact_phone])
    values = [
        1,
        service_request.enterprise.name,
        service_request.product_name,
        service_request.product_model,
        service_request.nonconforming_items,
        basis,
        causes,
        f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}" if start and end else "",
        contact,
        service_request.number,
    ]
    for column, value in enumerate(values, start=1):
        _put(
            sheet, f"{get_column_letter(column)}7", value, align="center" if column == 1 else "left"
        )
    _height(
        sheet, 7, max([causes, service_request.nonconforming_items], key=len), chars_per_line=18
    )
    for row in range(8, 7 + ASSISTANCE_PLAN_ROWS):
        for column in range(1, 11):
            _put(sheet, f"{get_column_letter(column)}{row}", None)
        sheet.row_dimensions[row].height = 20
    sheet.print_area = f"A1:J{6 + ASSISTANCE_PLAN_ROWS}"
    return workbook


# -- 001 Annex D: 联动工作记录表 ---------------------------------------------------------------

SECTION_TITLES = {
    "cause_analysis_state": "一、产品不合格问题原因分析",
    "disposal_state": "二、不合格产品处理情况",
    "rectification_state": "三、产品质量问题整改措施及落实情况",
    "management_state": "四、管理提升改善情况",
}
SECTION_OPTIONS = [(SectionState.DONE, "已完成"), (SectionState.TO_IMPROVE, "待改进")]
REINSPECTION_OPTIONS = [
    (Reinspection.NOT_NEEDED, "无需复查"),
    (Reinspection.NOT_YET, "尚未复查"),
    (Reinspection.PASSED, "复查合格"),
    (Reinspection.FAILED, "复查不合格"),
]
SITUATION = "问题现状："


def _section_note(assistance_round, note_field):
    """What the record says now; the cause and disposal sections fall back on their details."""
    note = getattr(assistance_round, note_field)
    if note.strip():
        return note
    if note_field == "cause_analysis_note":
        return condensed_causes(assistance_round)
    if note_field == "disposal_note":
        return assistance_round.nonconforming_disposal
    return ""


def _advice_lines(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    numbered = [
        line if line[:1].isdigit() else f"{index}. {line}" for index, line in enumerate(lines, 1)
    ]
    return numbered + [f"{index}." for index in range(len(numbered) + 1, 3)]


def _linkage_sheet(sheet, service_request, assistance_round):
    _prepare(sheet, [24, 22, 12, 14, 14, 14])
    heading = f"编号：{service_request.number}"
    if assistance_round is not None:
        heading += f"  第{assistance_round.number}轮"
    _title(sheet, "A1:F1", "联动工作记录表", subtitle=heading, subtitle_cells="A2:F2")
    enterprise = service_request.enterprise
    product = " ".join(
        part for part in [service_request.product_name, service_request.product_model] if part
    )

    rows = [
        ("经营主体名称", enterprise.name, "地址", enterprise.get_district_display()),
        ("联系人", service_request.contact_name, "联系电话", service_request.contact_phone),
        ("不合格报告编号", service_request.report_number, "产品名称", product),
        (
            "质量专家姓名",
            _names(expert.name for expert in service_request.experts.all()),
            "走访时间",
            assistance_round.visited_on if assistance_round else None,
        ),
    ]
    row = 3
    for label, value, second_label, second_value in rows[:3]:
        _put(sheet, f"A{row}", label, bold=True)
        _put(sheet, f"B{row}", value)
        _put(sheet, f"C{row}", second_label, bold=True)
        _put(sheet, f"D{row}:F{row}", second_value)
        row += 1
    _put(sheet, f"A{row}", "不合格项目", bold=True)
    _put(sheet, f"B{row}:F{row}", service_request.nonconforming_items)
    _height(sheet, row, service_request.nonconforming_items, chars_per_line=50)
    row += 1
    label, value, second_label, second_value = rows[3]
    _put(sheet, f"A{row}", label, bold=True)
    _put(sheet, f"B{row}", value)
    _put(sheet, f"C{row}", second_label, bold=True)
    _put(sheet, f"D{row}:F{row}", second_value, number_format="yyyy-mm-dd", align="left")
    row += 1
    _put(sheet, f"A{row}:F{row}", "质量技术帮扶专家工作记录", bold=True, align="center")
    row += 1

    for state_field, note_field in LINKAGE_SECTIONS:
        state = getattr(assistance_round, state_field) if assistance_round else ""
        note = _section_note(assistance_round, note_field) if assistance_round else ""
        _put(sheet, f"A{row}:B{row}", SECTION_TITLES[state_field], bold=True)
        _put(sheet, f"C{row}:F{row}", _boxes(SECTION_OPTIONS, state))
        row += 1
        _put(sheet, f"A{row}", SITUATION)
        _put(sheet, f"B{row}:F{row}", note)
        _height(sheet, row, note, chars_per_line=50, minimum=40)
        row += 1

    reinspection = assistance_round.reinspection if assistance_round else ""
    _put(sheet, f"A{row}", "五、复查完成情况", bold=True)
    _put(sheet, f"B{row}:F{row}", _boxes(REINSPECTION_OPTIONS, reinspection))
    row += 1
    note = ""
    if assistance_round is not None:
        note = "\n".join(
            part
            for part in [
                f"复查日期：{assistance_round.reinspected_on:%Y-%m-%d}"
                if assistance_round.reinspected_on
                else "",
                assistance_round.reinspection_note,
            ]
            if part
        )
    _put(sheet, f"A{row}", SITUATION)
    _put(sheet, f"B{row}:F{row}", note)
    _height(sheet, row, note, chars_per_line=50, minimum=40)
    row += 1

    _put(sheet, f"A{row}:F{row}", "六、质量问题整改及质量帮扶建议：", bold=True)
    row += 1
    for line in _advice_lines(assistance_round.expert_advice if assistance_round else ""):
        _put(sheet, f"A{row}:F{row}", line)
        _height(sheet, row, line, chars_per_line=75)
        row += 1

    _put(sheet, f"A{row}:F{row}", "七、经营主体产品质量改善/质量管理提升情况", bold=True)
    row += 1
    improvement = assistance_round.improvement if assistance_round else ""
    _put(sheet, f"A{row}:F{row}", improvement)
    _height(sheet, row, improvement, chars_per_line=75, minimum=60)
    sheet.print_area = f"A1:F{row}"


@_in_site_language
def linkage_record_workbook(service_request):
    """One sheet per assistance round; a blank record when no round has opened yet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rounds = list(service_request.rounds.order_by("number")) or [None]
    for assistance_round in rounds:
        title = f"第{assistance_round.number}轮" if assistance_round else "联动工作记录表"
        _linkage_sheet(workbook.create_sheet(title), service_request, assistance_round)
    return workbook


# -- 004 Annex A and B: 质量提升效益评价表 -------------------------------------------------------

PERSON_DAYS_FORMAT = '"（"0.0"）人·天"'
TIMES_FORMAT = '"（"0"）次"'
PERSON_TIMES_FORMAT = '"（"0"）人次"'
PIECES_FORMAT = '"（"0"）个"'
ENTERPRISES_FORMAT = '"（"0"）家"'
BLANK = {
    PERSON_DAYS_FORMAT: "（  ）人·天",
    TIMES_FORMAT: "（  ）次",
    PERSON_TIMES_FORMAT: "（  ）人次",
    PIECES_FORMAT: "（  ）个",
    ENTERPRISES_FORMAT: "（  ）家",
}


def _figure(sheet, cells, value, number_format):
    """A number shown as the standard prints it, "（ 3 ）次", but kept a number in the cell."""
    if value is None:
        return _put(sheet, cells, BLANK[number_format], align="center")
    return _put(sheet, cells, value, align="center", number_format=number_format)


def _benefit_text(benefit, basis):
    amount = f"{benefit:,.2f}" if benefit is not None else "    "
    return f"实施项目产生总体质量效益为（{amount}）万元，测算依据：{basis or ''}"


def _signature(sheet, row, text):
    _put(sheet, f"B{row}:E{row}", f"{text}    年    月    日", align="right")
    sheet.row_dimensions[row].height = 30


def _group(sheet, first, last, label):
    _put(sheet, f"A{first}:A{last}", label, bold=True, align="center")


@_in_site_language
def benefit_workbook(service_request):
    """004 Annex A for one request: the request is the project."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "企业质量提升效益评价表"
    _prepare(sheet, [12, 18, 22, 18, 22])
    _title(
        sheet,
        "A1:E1",
        "企业质量提升效益评价表",
        subtitle=f"编号：{service_request.number}",
        subtitle_cells="A2:E2",
    )
    enterprise = service_request.enterprise
    start, end = _project_period(service_request)
    basic = [
        ("项目名称", f"{service_request.title}（{service_request.number}）"),
        ("企业名称", enterprise.name),
        ("企业地址", enterprise.get_district_display()),
        ("项目周期", _period(start, end)),
        ("技术服务机构", _institutions(service_request)),
        ("技术服务人员", _team(service_request)),
    ]
    _group(sheet, 3, 8, "基本信息")
    for row, (label, value) in enumerate(basic, start=3):
        _put(sheet, f"B{row}", label, bold=True)
        _put(sheet, f"C{row}:E{row}", value)
        sheet.row_dimensions[row].height = 22

    _group(sheet, 9, 11, "提供质量提升服务情况")
    figures = [
        ("服务工作量", service_request.person_days, PERSON_DAYS_FORMAT),
        ("服务次数", service_request.service_visits, TIMES_FORMAT),
        ("培训次数", service_request.trainings, TIMES_FORMAT),
        ("培训人次数", service_request.trainees, PERSON_TIMES_FORMAT),
        ("解决质量问题数", service_request.problems_solved, PIECES_FORMAT),
    ]
    for index, (label, value, number_format) in enumerate(figures):
        row, left = 9 + index // 2, index % 2 == 0
        _put(sheet, f"{'B' if left else 'D'}{row}", label, bold=True)
        _figure(sheet, f"{'C' if left else 'E'}{row}", value, number_format)
        sheet.row_dimensions[row].height = 22
    _put(sheet, "D11", "产生质量效益", bold=True)
    benefit = service_request.benefit_wan
    if benefit is None:
        _put(sheet, "E11", "（  ）万元", align="center")
    else:
        _put(sheet, "E11", benefit, align="center", number_format='"（"0.00"）万元"')

    _group(sheet, 12, 13, "质量效益测算")
    text = _benefit_text(benefit, service_request.benefit_basis)
    _put(sheet, "B12:E12", text)
    _height(sheet, 12, text, chars_per_line=40, minimum=80)
    _signature(sheet, 13, "（被服务企业盖章）")
    sheet.print_area = "A1:E13"
    return workbook


@dataclass
class BenefitScope:
    """Which requests Annex B sums up: finished work, by district, industry and resolution date."""

    district: str = ""
    industry: str = ""
    start: date | None = None
    end: date | None = None

    def requests(self):
        queryset = ServiceRequest.objects.filter(
            status__in=[RequestStatus.RESOLVED, RequestStatus.CLOSED]
        )
        if self.district:
            queryset = queryset.filter(enterprise__district=self.district)
        if self.industry:
            queryset = queryset.filter(enterprise__industry=self.industry)
        if self.start:
            queryset = queryset.filter(resolved_at__date__gte=self.start)
        if self.end:
            queryset = queryset.filter(resolved_at__date__lte=self.end)
        return queryset

    def area(self):
        district = District(self.district).label if self.district else "全部区域"
        if self.industry:
            return f"{district}（{Industry(self.industry).label}）"
        return str(district)


def benefit_totals(queryset):
    """004 Annex B figures: enterprises served and trained, trainings, trainees, workload..."""
    totals = queryset.aggregate(
        enterprises=Count("enterprise", distinct=True),
        trained_enterprises=Count("enterprise", filter=Q(trainings__gt=0), distinct=True),
        trainings=Sum("trainings"),
        trainees=Sum("trainees"),
        person_days=Sum("person_days"),
        service_visits=Sum("service_visits"),
        problems_solved=Sum("problems_solved"),
        benefit_wan=Sum("benefit_wan"),
    )
    return {name: value if value is not None else 0 for name, value in totals.items()}


DETAIL_HEADER = [
    "编号",
    "项目名称",
    "企业名称",
    "所在区域",
    "行业类别",
    "解决日期",
    "服务工作量（人·天）",
    "服务次数",
    "培训次数",
    "培训人次数",
    "解决质量问题数",
    "质量效益（万元）",
    "测算依据",
]


@_in_site_language
def benefit_summary_workbook(scope):
    """004 Annex B for the requests in `scope`, with the requests counted on a second sheet."""
    queryset = scope.requests()
    totals = benefit_totals(queryset)
    service_requests = list(
        queryset.select_related("enterprise")
        .prefetch_related("institutions")
        .order_by("resolved_at", "pk")
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "质量提升效益评价表"
    _prepare(sheet, [14, 18, 22, 18, 22])
    _title(sheet, "A1:E1", "行业/区域/园区质量提升效益评价表")

    start = scope.start or min(
        (_day(item.resolved_at) for item in service_requests if item.resolved_at), default=None
    )
    end = scope.end or max(
        (_day(item.resolved_at) for item in service_requests if item.resolved_at), default=None
    )
    institutions = sorted(
        {institution.name for item in service_requests for institution in item.institutions.all()}
    )
    _group(sheet, 2, 5, "基本信息")
    basic = [
        ("项目名称", f"{scope.area()}质量提升服务"),
        ("服务企业所在区域", scope.area()),
        ("技术服务机构", _names(institutions)),
        ("项目周期", _period(start, end)),
    ]
    for row, (label, value) in enumerate(basic, start=2):
        _put(sheet, f"B{row}", label, bold=True)
        _put(sheet, f"C{row}:E{row}", value)
        sheet.row_dimensions[row].height = 22

    _group(sheet, 6, 9, "提供质量提升服务情况")
    figures = [
        ("服务企业数", totals["enterprises"], ENTERPRISES_FORMAT),
        ("培训场次数", totals["trainings"], TIMES_FORMAT),
        ("培训企业数", totals["trained_enterprises"], ENTERPRISES_FORMAT),
        ("培训人次数", totals["trainees"], PERSON_TIMES_FORMAT),
        ("服务工作量", totals["person_days"], PERSON_DAYS_FORMAT),
        ("服务次数", totals["service_visits"], TIMES_FORMAT),
    ]
    for index, (label, value, number_format) in enumerate(figures):
        row, left = 6 + index // 2, index % 2 == 0
        _put(sheet, f"{'B' if left else 'D'}{row}", label, bold=True)
        _figure(sheet, f"{'C' if left else 'E'}{row}", value, number_format)
        sheet.row_dimensions[row].height = 22
    _put(sheet, "B9:C9", "帮助企业解决质量问题", bold=True)
    _figure(sheet, "D9:E9", totals["problems_solved"], PIECES_FORMAT)
    sheet.row_dimensions[9].height = 22

    _group(sheet, 10, 11, "质量效益测算")
    _put(
        sheet,
        "B10:E10",
        _benefit_text(
            totals["benefit_wan"],
            f"{len(service_requests)} 项已解决服务工单的效益测算之和，明细见“明细”工作表。",
        ),
    )
    sheet.row_dimensions[10].height = 60
    _signature(sheet, 11, "（技术服务机构盖章）")

    satisfaction = "项目服务质量：☐满意  ☐基本满意  ☐不满意\n质量效益测算：☐认可  ☐不认可"
    for first, label in [(12, "项目实施相关方意见"), (14, "主管部门意见")]:
        _group(sheet, first, first + 1, label)
        _put(sheet, f"B{first}:E{first}", satisfaction)
        sheet.row_dimensions[first].height = 40
        _signature(sheet, first + 1, "（盖章）")
    sheet.print_area = "A1:E15"

    detail = workbook.create_sheet("明细")
    _prepare(detail, [18, 24, 28, 12, 18, 12, 12, 10, 10, 10, 12, 12, 40], landscape=True)
    for column, label in enumerate(DETAIL_HEADER, start=1):
        _put(detail, f"{get_column_letter(column)}1", label, bold=True, align="center")
    for row, item in enumerate(service_requests, start=2):
        values = [
            item.number,
            item.title,
            item.enterprise.name,
            item.enterprise.get_district_display(),
            item.enterprise.get_industry_display(),
            _day(item.resolved_at),
            item.person_days,
            item.service_visits,
            item.trainings,
            item.trainees,
            item.problems_solved,
            item.benefit_wan,
            item.benefit_basis,
        ]
        for column, value in enumerate(values, start=1):
            cell = _put(detail, f"{get_column_letter(column)}{row}", value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    detail.freeze_panes = "A2"
    detail.print_title_rows = "1:1"
    return workbook


# -- what applies to which request ------------------------------------------------------------

FORM_BUILDERS = {
    "assistance-plan": assistance_plan_workbook,
    "linkage-record": linkage_record_workbook,
    "benefit": benefit_workbook,
}
FORM_TITLES = {
    "assistance-plan": "质量技术帮扶工作方案",
    "linkage-record": "联动工作记录表",
    "benefit": "企业质量提升效益评价表",
}
ASSISTANCE_ONLY = {"assistance-plan", "linkage-record"}


def forms_for(service_request):
    """The form kinds that apply to this request, in the order the workspace lists them."""
    return [
        kind
        for kind in FORM_BUILDERS
        if kind not in ASSISTANCE_ONLY or service_request.request_type == RequestType.ASSISTANCE
    ]
