"""The managers' effectiveness dashboard: every figure checked against a fixture worked by hand.

Fixture (ages before `now`; times after submission):

    req type          element          enterprise    owner  experts  inst  status       ack   resolve
    R1  demand        metrology        A siming/C    S1     E1       I1    closed       2 h   10 d
    R2  assistance    testing          B huli/C      S1     E1 E2    I1    resolved    30 h   20 d
    R3  complaint     metrology        A siming/C    S2     E2       I2    closed       6 h    4 d
    R4  consultation  standardization  C jimei/F     S2     -        -     in_progress 12 h    -
    R5  demand        testing          D huli/F      -      -        -     submitted    -      -
    R6  booking       metrology        A siming/C    S1     -        -     accepted     1 h    -

Ages 40, 35, 20, 10, 5 and 1 days. Acknowledge within 24 h; resolve within 30, 15, 5, 5, 30 and
7 days. Surveys: R1 satisfied, R2 neutral, R3 fairly satisfied.
"""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from services import stats
from services.models import RequestType, SatisfactionSurvey, ServiceRequest
from services.reports import dashboard_tables
from tests.factories import ExpertFactory, InstitutionFactory
from tests.services.factories import EnterpriseFactory, ServiceRequestFactory, UserFactory
from tests.services.queue_helpers import make_manager, make_specialist

pytestmark = pytest.mark.django_db
URL = "/admin/queue/dashboard/"

ROWS = [
    # type, element, enterprise, owner, experts, institutions, status, age d, ack h, resolve d,
    # resolve limit d, benefit (person-days, visits, trainings, trainees, problems, 10,000 yuan)
    ("demand", "metrology", "A", "S1", ["E1"], ["I1"], "closed", 40, 2, 10, 30,
     ("2.5", 2, 1, 20, 3, "10.50")),
    ("assistance", "testing", "B", "S1", ["E1", "E2"], ["I1"], "resolved", 35, 30, 20, 15,
     ("4", 3, 0, 0, 2, "20")),
    ("complaint", "metrology", "A", "S2", ["E2"], ["I2"], "closed", 20, 6, 4, 5,
     ("1", 1, 2, 15, 1, "0.5")),
    ("consultation", "standardization", "C", "S2", [], [], "in_progress", 10, 12, None, 5, None),
    ("demand", "testing", "D", None, [], [], "submitted", 5, None, None, 30, None),
    ("booking", "metrology", "A", "S1", [], [], "accepted", 1, 1, None, 7, None),
]  # fmt: skip
SURVEYS = {0: "satisfied", 1: "neutral", 2: "fairly_satisfied"}


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def fixture(now):
    enterprises = {
        "A": EnterpriseFactory(district="siming", industry="C"),
        "B": EnterpriseFactory(district="huli", industry="C"),
        "C": EnterpriseFactory(district="jimei", industry="F"),
        "D": EnterpriseFactory(district="huli", industry="F"),
    }
    owners = {
        "S1": make_specialist(last_name="陈", first_name="一"),
        "S2": make_specialist(last_name="林", first_name="二"),
    }
    institutions = {
        "I1": InstitutionFactory(name="甲检测院"),
        "I2": InstitutionFactory(name="乙计量所"),
    }
    experts = {"E1": ExpertFactory(name="王专家"), "E2": ExpertFactory(name="李专家")}
    requests = []
    for row in ROWS:
        kind, element, enterprise, owner, team, labs, status, age, ack, resolve, limit, benefit = (
            row
        )
        created = now - timedelta(days=age)
        request = ServiceRequestFactory(
            request_type=kind, qi_element=element, enterprise=enterprises[enterprise]
        )
        request.experts.set([experts[name] for name in team])
        request.institutions.set([institutions[name] for name in labs])
        values = {
            "status": status,
            "owner": owners.get(owner),
            "created_at": created,
            "acknowledge_due_at": created + timedelta(hours=24),
            "resolve_due_at": created + timedelta(days=limit),
            "acknowledged_at": created + timedelta(hours=ack) if ack else None,
            "resolved_at": created + timedelta(days=resolve) if resolve else None,
        }
        if benefit:
            names = ["person_days", "service_visits", "trainings", "trainees", "problems_solved"]
            values.update(zip(names, benefit[:5], strict=True))
            values["person_days"] = Decimal(benefit[0])
            values["benefit_wan"] = Decimal(benefit[5])
        ServiceRequest.objects.filter(pk=request.pk).update(**values)
        requests.append(request)
    for index, overall in SURVEYS.items():
        request = ServiceRequest.objects.get(pk=requests[index].pk)
        survey = SatisfactionSurvey(
            kind=SatisfactionSurvey.Kind.COMPLETION,
            request=request,
            enterprise=request.enterprise,
            owner=request.owner,
            qi_element=request.qi_element,
            expires_at=now + timedelta(days=30),
            answered_at=now,
            overall=overall,
            attitude="satisfied",
        )
        survey.issue_token()
        survey.save()
    return {"owners": owners, "experts": experts, "institutions": institutions, "now": now}


def selection(now):
    """A range holding the whole fixture, whatever today's quarter."""
    form = stats.DashboardFilter(
        {
            "created_from": (timezone.localdate(now) - timedelta(days=60)).isoformat(),
            "created_to": timezone.localdate(now).isoformat(),
        }
    )
    return form.filter(ServiceRequest.objects.all())


def query_string(now, **extra):
    today = timezone.localdate(now)
    params = {"created_from": (today - timedelta(days=60)).isoformat(), "created_to": today}
    params.update(extra)
    return "&".join(f"{key}={value}" for key, value in params.items())


def test_headline_figures(fixture, now):
    figures = stats.headline(selection(now), now)
    assert (figures["total"], figures["open"], figures["resolved"]) == (6, 3, 3)
    assert (figures["closed"], figures["declined"], figures["withdrawn"]) == (2, 0, 0)
    # Open past the deadline: R4 (resolve by day 5 of 10) and R5 (acknowledge by day 1 of 5).
    assert figures["overdue"] == 2
    # Acknowledged on time R1 R3 R4 R6, late R2, still unacknowledged past the deadline R5.
    assert (figures["acknowledged_on_time"], figures["acknowledge_due"]) == (4, 6)
    assert figures["acknowledge_on_time_rate"] == 66.7
    # Resolved on time R1 R3, late R2, open past the deadline R4; R6 is not due yet.
    assert (figures["resolved_on_time"], figures["resolve_due"]) == (2, 4)
    assert figures["resolve_on_time_rate"] == 50.0
    # Open: R6 1 day, R5 5 days, R4 10 days.
    assert figures["backlog"] == [1, 1, 1, 0]


def test_benefit_totals(fixture, now):
    figures = stats.headline(selection(now), now)
    assert figures["person_days"] == 7.5  # 2.5 + 4 + 1
    assert figures["service_visits"] == 6  # 2 + 3 + 1
    assert figures["trainings"] == 3  # 1 + 0 + 2
    assert figures["trainees"] == 35  # 20 + 0 + 15
    assert figures["problems_solved"] == 6  # 3 + 2 + 1
    assert figures["benefit_wan"] == 31.0  # 10.5 + 20 + 0.5
    assert figures["enterprises_served"] == 2  # A (R1, R3) and B (R2)
    assert figures["enterprises_trained"] == 1  # A (R1, R3)


def test_counts_by_dimension(fixture, now):
    requests = selection(now)
    labels = dict(RequestType.choices)
    assert stats.counts_by(requests, "request_type") == [
        (str(labels["demand"]), 2),
        (str(labels["assistance"]), 1),
        (str(labels["booking"]), 1),
        (str(labels["complaint"]), 1),
        (str(labels["consultation"]), 1),
    ]
    by_element = {label: count for label, count in stats.counts_by(requests, "qi_element")}
    assert sorted(by_element.values(), reverse=True) == [3, 2, 1]
    assert [count for _label, count in stats.counts_by(requests, "district")] == [3, 2, 1]
    assert [count for _label, count in stats.counts_by(requests, "industry")] == [4, 2]


def test_counts_are_labelled_and_filtered(fixture, now):
    from django.utils.translation import gettext

    requests = selection(now)
    by_district = dict(stats.counts_by(requests, "district"))
    assert by_district == {
        gettext("Siming District"): 3,
        gettext("Huli District"): 2,
        gettext("Jimei District"): 1,
    }
    form = stats.DashboardFilter(
        {
            "created_from": (timezone.localdate(now) - timedelta(days=60)).isoformat(),
            "district": "huli",
            "qi_element": "testing",
        }
    )
    assert form.filter(ServiceRequest.objects.all()).count() == 2  # R2, R5
    recent = stats.DashboardFilter(
        {"created_from": (timezone.localdate(now) - timedelta(days=7)).isoformat()}
    )
    assert recent.filter(ServiceRequest.objects.all()).count() == 2  # R5, R6


def test_monthly_trend(fixture, now):
    expected = {}
    for index, row in enumerate(ROWS):
        month = timezone.localtime(now - timedelta(days=row[7])).strftime("%Y-%m")
        counted, resolved = expected.get(month, (0, 0))
        expected[month] = (counted + 1, resolved + (index < 3))
    trend = {
        f"{month:%Y-%m}": (count, done)
        for month, count, done in stats.monthly_trend(selection(now))
    }
    assert trend == expected
    assert sum(count for count, _done in trend.values()) == 6


def test_durations(fixture, now):
    figures = stats.durations(selection(now))
    # Acknowledge, sorted hours: 1 2 6 12 30. Median: rank 2 -> 6. P90: rank 0.9 * 4 = 3.6,
    # 12 + 0.6 * (30 - 12) = 22.8.
    assert figures["acknowledge"] == {"count": 5, "median": 6.0, "p90": 22.8}
    # Resolve, sorted days: 4 10 20. Median 10. P90: rank 1.8, 10 + 0.8 * 10 = 18.
    assert figures["resolve"] == {"count": 3, "median": 10.0, "p90": 18.0}


def test_percentile_definition():
    assert stats.percentile([], 0.5) is None
    assert stats.percentile([7], 0.9) == 7
    assert stats.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert stats.percentile([10, 20], 0.9) == 19


def test_satisfaction(fixture, now):
    summary = stats.satisfaction(selection(now))
    assert (summary["sent"], summary["answered"], summary["satisfied"]) == (3, 3, 2)
    assert summary["satisfaction_rate"] == 66.7
    assert summary["mean_score"] == 80.0  # (100 + 60 + 80) / 3
    attitude = next(q for q in summary["questions"] if q["name"] == "attitude")
    assert attitude["options"][0]["count"] == 3


def performer(rows, label):
    return next(row for row in rows if row["label"] == label)


def test_per_specialist(fixture, now):
    rows = stats.performers(selection(now), "owner", now)
    assert [row["label"] for row in rows] == ["陈一", "林二"]
    chen = performer(rows, "陈一")  # R1 R2 R6
    assert (chen["count"], chen["resolved"], chen["resolve_on_time_rate"]) == (3, 2, 50.0)
    assert (chen["person_days"], chen["service_visits"], chen["trainings"]) == (6.5, 5, 1)
    assert (chen["trainees"], chen["problems_solved"], chen["benefit_wan"]) == (20, 5, 30.5)
    assert (chen["answered"], chen["satisfaction_rate"], chen["mean_score"]) == (2, 50.0, 80.0)
    lin = performer(rows, "林二")  # R3 R4; R4 is open past its deadline
    assert (lin["count"], lin["resolved"], lin["resolve_on_time_rate"]) == (2, 1, 50.0)
    assert (lin["person_days"], lin["problems_solved"], lin["benefit_wan"]) == (1, 1, 0.5)
    assert (lin["answered"], lin["satisfaction_rate"], lin["mean_score"]) == (1, 100.0, 80.0)


def test_per_expert(fixture, now):
    rows = stats.performers(selection(now), "expert", now)
    assert [row["label"] for row in rows] == ["王专家", "李专家"]
    wang = performer(rows, "王专家")  # R1 R2
    assert (wang["count"], wang["resolved"], wang["resolve_on_time_rate"]) == (2, 2, 50.0)
    assert (wang["person_days"], wang["problems_solved"], wang["benefit_wan"]) == (6.5, 5, 30.5)
    assert (wang["answered"], wang["satisfaction_rate"], wang["mean_score"]) == (2, 50.0, 80.0)
    li = performer(rows, "李专家")  # R2 R3
    assert (li["count"], li["resolved"], li["resolve_on_time_rate"]) == (2, 2, 50.0)
    assert (li["person_days"], li["trainees"], li["benefit_wan"]) == (5, 15, 20.5)
    assert (li["answered"], li["satisfaction_rate"], li["mean_score"]) == (2, 50.0, 70.0)


def test_per_institution(fixture, now):
    rows = stats.performers(selection(now), "institution", now)
    assert [row["label"] for row in rows] == ["甲检测院", "乙计量所"]
    first = performer(rows, "甲检测院")  # R1 R2
    assert (first["count"], first["resolved"], first["benefit_wan"]) == (2, 2, 30.5)
    assert (first["answered"], first["satisfaction_rate"]) == (2, 50.0)
    second = performer(rows, "乙计量所")  # R3
    assert (second["count"], second["resolved"], second["resolve_on_time_rate"]) == (1, 1, 100.0)
    assert (second["trainings"], second["trainees"], second["benefit_wan"]) == (2, 15, 0.5)
    assert (second["answered"], second["satisfaction_rate"], second["mean_score"]) == (
        1,
        100.0,
        80.0,
    )


def test_default_selection_is_this_quarter():
    from datetime import date

    form = stats.DashboardFilter(today=date(2026, 11, 15))
    assert form.is_valid()
    assert form.cleaned_data["created_from"] == date(2026, 10, 1)
    assert form.cleaned_data["created_to"] == date(2026, 12, 31)
    assert stats.quarter_bounds(date(2026, 2, 1)) == (date(2026, 1, 1), date(2026, 3, 31))


def test_reversed_dates_select_nothing(fixture, now):
    form = stats.DashboardFilter({"created_from": "2026-05-01", "created_to": "2026-04-01"})
    assert not form.is_valid()
    assert form.filter(ServiceRequest.objects.all()).count() == 0


def test_manager_sees_the_figures(client, fixture, now):
    client.force_login(make_manager())
    response = client.get(f"{URL}?{query_string(now)}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "chart.umd.min.js" in html
    assert 'id="table-timeliness"' in html
    assert '<td class="num">22.8</td>' in html  # P90 of time to acknowledge
    assert '<td class="num">66.7</td>' in html  # acknowledged on time, satisfaction rate
    assert "陈一" in html and "王专家" in html and "乙计量所" in html
    assert '<th scope="col">' in html and "<caption>" in html
    assert reverse("services_queue:dashboard") == URL


def sheet_rows(workbook, title):
    sheet = workbook[title]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_export_holds_the_figures(client, fixture, now):
    client.force_login(make_manager())
    response = client.get(f"{URL}?{query_string(now, export='xlsx')}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    tables = dashboard_tables(stats.dashboard_figures(selection(now), now))
    assert len(workbook.sheetnames) == len(tables) + 1  # the selection, then one per table
    timeliness = sheet_rows(
        workbook, workbook.sheetnames[1 + [t.key for t in tables].index("timeliness")]
    )
    assert timeliness[1][1:] == [5, 6, 22.8, 66.7]
    assert timeliness[2][1:] == [3, 10, 18, 50]
    benefit = sheet_rows(
        workbook, workbook.sheetnames[1 + [t.key for t in tables].index("benefit")]
    )
    assert [row[1] for row in benefit[1:9]] == [7.5, 6, 3, 35, 6, 31, 2, 1]
    owners = sheet_rows(
        workbook, workbook.sheetnames[1 + [t.key for t in tables].index("by_owner")]
    )
    assert owners[1] == ["陈一", 3, 2, 50, 6.5, 5, 1, 20, 5, 30.5, 2, 50, 80]
    backlog = sheet_rows(
        workbook, workbook.sheetnames[1 + [t.key for t in tables].index("backlog")]
    )
    assert [row[1] for row in backlog[1:5]] == [1, 1, 1, 0]
    assert isinstance(owners[1][1], int)


def test_only_managers_reach_the_dashboard(client, fixture):
    client.force_login(make_specialist())
    response = client.get(URL)
    assert response.status_code == 302
    assert URL not in response["Location"]
    admin_user = UserFactory()
    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_user)
    assert client.get(URL).status_code == 302
    assert client.get(f"{URL}?export=xlsx").status_code == 302
    home = client.get("/admin/").content.decode()
    assert URL not in home
    client.force_login(make_manager())
    assert URL in client.get("/admin/").content.decode()


def test_query_count_does_not_grow_with_requests(client, django_assert_max_num_queries, now):
    manager = make_manager()
    client.force_login(manager)

    def add_requests(count):
        for _index in range(count):
            request = ServiceRequestFactory(owner=manager, qi_element="testing")
            request.experts.add(ExpertFactory())

    add_requests(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    add_requests(20)
    with django_assert_max_num_queries(len(few)):
        assert client.get(URL).status_code == 200


def test_the_combined_figures_equal_the_single_functions(fixture, now):
    """dashboard_figures() counts in fewer passes; it must say what each function says."""
    requests = selection(now)
    figures = stats.dashboard_figures(requests, now)
    assert figures["headline"] == stats.headline(requests, now)
    for grouping in stats.GROUPINGS:
        assert figures["by"][grouping] == stats.counts_by(requests, grouping)
    assert figures["trend"] == stats.monthly_trend(requests)
