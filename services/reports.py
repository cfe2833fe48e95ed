"""The dashboard's tables, shared by the page and its XLSX export so both show the same figures.

A table is the source of truth; a chart, where there is one, is drawn from the table's rows.
"""

from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.utils.translation import gettext as _

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list
    chart: str = ""  # "bar", "line" or "doughnut": drawn from the first column and `series`
    series: tuple = (1,)  # the value columns a chart draws
    note: str = ""
    section: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def chart_id(self):
        return f"dashboard-chart-{self.key}"

    @property
    def chart_data(self):
        return {
            "type": self.chart,
            "title": self.title,
            "labels": [str(row[0]) for row in self.rows],
            "datasets": [
                {"label": str(self.columns[index]), "data": [row[index] for row in self.rows]}
                for index in self.series
            ],
        }


def _performer_table(key, title, heading, rows):
    columns = [
        heading,
        _("Requests handled"),
        _("Requests resolved"),
        _("Resolved on time (%)"),
        _("Service workload (person-days)"),
        _("Service visits (times)"),
        _("Trainings held (times)"),
        _("Trainees (person-times)"),
        _("Quality problems solved"),
        _("Quality benefit (10,000 yuan)"),
        _("Surveys answered"),
        _("Satisfaction rate (%)"),
        _("Mean satisfaction score"),
    ]
    return Table(
        key=key,
        title=title,
        section="performers",
        columns=columns,
        rows=[
            [
                row["label"],
                row["count"],
                row["resolved"],
                row["resolve_on_time_rate"],
                row["person_days"],
                row["service_visits"],
                row["trainings"],
                row["trainees"],
                row["problems_solved"],
                row["benefit_wan"],
                row["answered"],
                row["satisfaction_rate"],
                row["mean_score"],
            ]
            for row in rows
        ],
    )


def dashboard_tables(figures):
    """The dashboard's tables, in page order, from `services.stats.dashboard_figures`."""
    head = figures["headline"]
    timing = figures["durations"]
    survey = figures["satisfaction"]
    tables = [
        Table(
            key="overview",
            title=_("Requests in the selection"),
            section="volume",
            columns=[_("Figure"), _("Number of requests")],
            rows=[
                [_("Requests submitted"), head["total"]],
                [_("Still open"), head["open"]],
                [_("Requests resolved"), head["resolved"]],
                [_("Closed after resolution"), head["closed"]],
                [_("Declined requests"), head["declined"]],
                [_("Withdrawn by the enterprise"), head["withdrawn"]],
                [_("Open and past their deadline"), head["overdue"]],
            ],
        )
    ]
    for key, title, heading in (
        ("request_type", _("Requests by type"), _("Type of request")),
        ("qi_element", _("Requests by QI element"), _("QI element of the request")),
        ("district", _("Requests by district"), _("District of the enterprise")),
        ("industry", _("Requests by industry"), _("Industry of the enterprise")),
    ):
        tables.append(
            Table(
                key=f"by_{key}",
                title=title,
                section="volume",
                columns=[heading, _("Number of requests")],
                rows=[list(row) for row in figures["by"][key]],
                chart="bar",
            )
        )
    tables.append(
        Table(
            key="trend",
            title=_("Requests per month"),
            section="volume",
            columns=[
                _("Month of submission"),
                _("Requests submitted"),
                _("Of which resolved"),
            ],
            rows=[
                [f"{month:%Y-%m}", count, resolved] for month, count, resolved in figures["trend"]
            ],
            chart="line",
            series=(1, 2),
        )
    )
    tables.append(
        Table(
            key="timeliness",
            title=_("Time to acknowledge and to resolve"),
            section="timeliness",
            columns=[
                _("Measure"),
                _("Requests counted"),
                _("Median"),
                _("90th percentile"),
                _("On time (%)"),
            ],
            rows=[
                [
                    _("Time to acknowledge (hours)"),
                    timing["acknowledge"]["count"],
                    timing["acknowledge"]["median"],
                    timing["acknowledge"]["p90"],
                    head["acknowledge_on_time_rate"],
                ],
                [
                    _("Time to resolve (days)"),
                    timing["resolve"]["count"],
                    timing["resolve"]["median"],
                    timing["resolve"]["p90"],
                    head["resolve_on_time_rate"],
                ],
            ],
            note=_(
                "Times run from submission. Percentiles interpolate linearly between the two "
                "nearest values. On time: done by the deadline, out of the requests done plus "
                "those still open past their deadline."
            ),
        )
    )
    tables.append(
        Table(
            key="backlog",
            title=_("Age of the open requests"),
            section="timeliness",
            columns=[_("Time since submission"), _("Open requests")],
            rows=[
                [_("Under 3 days"), head["backlog"][0]],
                [_("3 to 7 days"), head["backlog"][1]],
                [_("7 to 30 days"), head["backlog"][2]],
                [_("Over 30 days"), head["backlog"][3]],
            ],
            chart="bar",
            note=_("%(count)s open requests are past their deadline.") % {"count": head["overdue"]},
        )
    )
    tables.append(
        Table(
            key="satisfaction",
            title=_("Satisfaction of the enterprises served"),
            section="satisfaction",
            columns=[
                _("Figure"),
                _("Surveys sent"),
                _("Surveys answered"),
                _("Response rate (%)"),
                _("Satisfaction rate (%)"),
                _("Mean satisfaction score"),
            ],
            rows=[
                [
                    _("Surveys of these requests"),
                    survey["sent"],
                    survey["answered"],
                    survey["response_rate"],
                    survey["satisfaction_rate"],
                    survey["mean_score"],
                ]
            ],
            note=_(
                "Satisfaction rate: “Satisfied” and “Fairly satisfied” among the answers to the "
                "overall question. Mean score: satisfied 100, fairly satisfied 80, neutral 60, "
                "dissatisfied 0."
            ),
        )
    )
    for question in survey["questions"]:
        tables.append(
            Table(
                key=f"question_{question['name']}",
                title=str(question["label"]),
                section="satisfaction",
                columns=[_("Answer option"), _("Surveys"), _("Share of answered surveys (%)")],
                rows=[
                    [str(option["label"]), option["count"], option["percent"]]
                    for option in question["options"]
                ],
                chart="bar" if question["name"] == "overall" else "",
                note=_("Several answers possible.") if question["multiple"] else "",
            )
        )
    tables.append(
        Table(
            key="benefit",
            title=_("Benefit of the services (004 Annexes A and B)"),
            section="benefit",
            columns=[_("Figure"), _("Total in the selection")],
            rows=[
                [_("Service workload (person-days)"), head["person_days"]],
                [_("Service visits (times)"), head["service_visits"]],
                [_("Trainings held (times)"), head["trainings"]],
                [_("Trainees (person-times)"), head["trainees"]],
                [_("Quality problems solved"), head["problems_solved"]],
                [_("Quality benefit (10,000 yuan)"), head["benefit_wan"]],
                [_("Enterprises served (resolved requests)"), head["enterprises_served"]],
                [_("Enterprises trained"), head["enterprises_trained"]],
            ],
        )
    )
    performers = figures["performers"]
    tables += [
        _performer_table(
            "by_owner", _("Figures per specialist"), _("Owning specialist"), performers["owner"]
        ),
        _performer_table(
            "by_expert", _("Figures per expert"), _("Expert on the team"), performers["expert"]
        ),
        _performer_table(
            "by_institution",
            _("Figures per institution"),
            _("Institution on the team"),
            performers["institution"],
        ),
    ]
    return tables


def _sheet_title(title, taken):
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:28].strip()
    name, number = cleaned, 2
    while name in taken:
        name = f"{cleaned[:25]} {number}"
        number += 1
    taken.add(name)
    return name


def _cell(value):
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def dashboard_workbook(tables, selection):
    """One sheet for the selection, then one per table; figures stay numbers."""
    workbook = Workbook()
    bold = Font(bold=True)
    taken = set()
    sheet = workbook.active
    sheet.title = _sheet_title(_("Selection"), taken)
    for label, value in selection:
        sheet.append([str(label), str(value)])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, taken))
        sheet.append([str(column) for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        if table.note:
            sheet.append([])
            sheet.append([str(table.note)])
        sheet.freeze_panes = "B2"
        for index, column in enumerate(table.columns, start=1):
            width = 30 if index == 1 else max(12, len(str(column)) + 4)
            sheet.column_dimensions[get_column_letter(index)].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
