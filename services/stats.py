"""The managers' effectiveness figures (003 ch. 9, 001 7.2.6, 004 6.4 and Annexes A-C).

Every function takes an already filtered `ServiceRequest` queryset and lets the database count:
one aggregate or one grouped query per figure, so the number of queries does not depend on the
number of requests. Only the percentiles of durations need the values themselves on SQLite.

Percentiles are continuous with linear interpolation between the two nearest values (rank
p * (n - 1) over the sorted values), which is what PostgreSQL's PERCENTILE_CONT computes.
"""

import math
from datetime import date, datetime, time, timedelta

from django import forms
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    Min,
    Q,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import District, Industry, QIElement
from services.models import (
    OPEN_STATUSES,
    RequestStatus,
    RequestType,
    SatisfactionSurvey,
)
from services.surveys import (
    _headline_aggregates,
    _with_rates,
    satisfaction_by,
    satisfaction_summary,
)
from services.workflow import overdue_q

HOUR = 3600
DAY = 24 * HOUR
# Age limits of the open backlog, in days: <3, 3-7, 7-30, >30.
BACKLOG_BUCKETS = (3, 7, 30)
BENEFIT_FIELDS = (
    "person_days",
    "service_visits",
    "trainings",
    "trainees",
    "problems_solved",
    "benefit_wan",
)


# -- the filter ------------------------------------------------------------------------------


def quarter_bounds(today):
    """First and last day of the calendar quarter holding `today`."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end_month = first_month + 2
    following = date(today.year + (end_month == 12), end_month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def _choices(all_label, choices):
    return [("", all_label), *choices]


class DashboardFilter(forms.Form):
    """Which requests the dashboard counts: submitted in a date range (this quarter by default)."""

    created_from = forms.DateField(
        label=_("Submitted from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    created_to = forms.DateField(
        label=_("Submitted until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    request_type = forms.ChoiceField(
        label=_("Request type"),
        required=False,
        choices=_choices(_("All request types"), RequestType.choices),
    )
    qi_element = forms.ChoiceField(
        label=_("QI element of the request"),
        required=False,
        choices=_choices(_("All QI elements"), QIElement.choices),
    )
    district = forms.ChoiceField(
        label=_("District of the enterprise"),
        required=False,
        choices=_choices(_("All districts"), District.choices),
    )
    industry = forms.ChoiceField(
        label=_("Industry of the enterprise"),
        required=False,
        choices=_choices(_("All industries"), Industry.choices),
    )

    def __init__(self, data=None, *, today=None, **kwargs):
        start, end = quarter_bounds(today or timezone.localdate())
        data = data.copy() if data is not None else {}
        if not data.get("created_from") and not data.get("created_to"):
            data["created_from"] = start.isoformat()
            data["created_to"] = end.isoformat()
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("created_from"), cleaned.get("created_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return cleaned

    def filter(self, queryset):
        """The requests in the selection; an invalid form selects nothing rather than everything."""
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        if data["created_from"]:
            since = datetime.combine(data["created_from"], time.min, tzinfo=zone)
            queryset = queryset.filter(created_at__gte=since)
        if data["created_to"]:
            until = datetime.combine(data["created_to"] + timedelta(days=1), time.min, tzinfo=zone)
            queryset = queryset.filter(created_at__lt=until)
        for name, lookup in (
            ("request_type", "request_type"),
            ("qi_element", "qi_element"),
            ("district", "enterprise__district"),
            ("industry", "enterprise__industry"),
        ):
            if data[name]:
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset


# -- helpers ---------------------------------------------------------------------------------


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _ratio(value, unit):
    return None if value is None else round(value / unit, 1)


def percentile(sorted_values, fraction):
    """Linear interpolation between closest ranks (PERCENTILE_CONT); None for no values."""
    if not sorted_values:
        return None
    rank = fraction * (len(sorted_values) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (rank - low)


def _duration(end, start):
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


class _EpochSeconds(Func):
    """PostgreSQL: an interval as seconds."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


class _PercentileCont(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def _on_time_aggregates(now):
    """On time = done by the deadline, out of those done plus those still open past it."""
    acknowledged = Q(acknowledged_at__isnull=False, acknowledge_due_at__isnull=False)
    acknowledge_late_open = Q(
        status=RequestStatus.SUBMITTED, acknowledged_at__isnull=True, acknowledge_due_at__lt=now
    )
    resolved = Q(resolved_at__isnull=False, resolve_due_at__isnull=False)
    resolve_late_open = Q(
        status__in=[RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS],
        resolved_at__isnull=True,
        resolve_due_at__lt=now,
    )
    return {
        "acknowledge_due": Count("pk", filter=acknowledged | acknowledge_late_open),
        "acknowledged_on_time": Count(
            "pk", filter=acknowledged & Q(acknowledged_at__lte=F("acknowledge_due_at"))
        ),
        "resolve_due": Count("pk", filter=resolved | resolve_late_open),
        "resolved_on_time": Count("pk", filter=resolved & Q(resolved_at__lte=F("resolve_due_at"))),
    }


def _benefit_aggregates():
    # Named apart from the fields: an aggregate may not shadow a field another one filters on.
    return {f"sum_{name}": Sum(name) for name in BENEFIT_FIELDS}


def _number(value):
    """Decimal sums as float (for JSON and spreadsheets); None stays None."""
    return None if value is None else float(value)


# -- the figures -----------------------------------------------------------------------------


def _volume_aggregates(now):
    open_q = Q(status__in=OPEN_STATUSES)
    aggregates = {
        "total": Count("pk"),
        "open": Count("pk", filter=open_q),
        "resolved": Count("pk", filter=Q(resolved_at__isnull=False)),
        "closed": Count("pk", filter=Q(status=RequestStatus.CLOSED)),
        "declined": Count("pk", filter=Q(status=RequestStatus.DECLINED)),
        "withdrawn": Count("pk", filter=Q(status=RequestStatus.WITHDRAWN)),
        "overdue": Count("pk", filter=overdue_q(now)),
        **_on_time_aggregates(now),
        **_benefit_aggregates(),
        "enterprises_served": Count(
            "enterprise", filter=Q(resolved_at__isnull=False), distinct=True
        ),
        "enterprises_trained": Count("enterprise", filter=Q(trainings__gt=0), distinct=True),
    }
    limits = [now - timedelta(days=days) for days in BACKLOG_BUCKETS]
    aggregates["age_0"] = Count("pk", filter=open_q & Q(created_at__gt=limits[0]))
    aggregates["age_1"] = Count(
        "pk", filter=open_q & Q(created_at__lte=limits[0], created_at__gt=limits[1])
    )
    aggregates["age_2"] = Count(
        "pk", filter=open_q & Q(created_at__lte=limits[1], created_at__gt=limits[2])
    )
    aggregates["age_3"] = Count("pk", filter=open_q & Q(created_at__lte=limits[2]))
    return aggregates


def _finish_headline(values):
    figures = {name: values[name] for name in values}
    for name in BENEFIT_FIELDS:
        figures[name] = _number(figures.pop(f"sum_{name}")) or 0
    figures["acknowledge_on_time_rate"] = percent(
        figures["acknowledged_on_time"], figures["acknowledge_due"]
    )
    figures["resolve_on_time_rate"] = percent(figures["resolved_on_time"], figures["resolve_due"])
    figures["backlog"] = [figures.pop(f"age_{index}") for index in range(4)]
    return figures


def headline(requests, now=None):
    """Volume, on-time rates, open backlog ageing and benefit totals (004 Annexes A and B)."""
    now = now or timezone.now()
    return _finish_headline(requests.order_by().aggregate(**_volume_aggregates(now)))


GROUPINGS = {
    "request_type": ("request_type", RequestType),
    "qi_element": ("qi_element", QIElement),
    "district": ("enterprise__district", District),
    "industry": ("enterprise__industry", Industry),
}


def counts_by(requests, grouping):
    """[(label, count)], most first; blanks are labelled as not given."""
    field, choices = GROUPINGS[grouping]
    labels = dict(choices.choices)
    rows = requests.order_by().values(field).annotate(count=Count("pk")).order_by("-count", field)
    return [
        (
            str(labels.get(row[field], row[field])) if row[field] else str(_("Not given")),
            row["count"],
        )
        for row in rows
    ]


def _month_starts(first, last):
    """Local first days of the months from `first` to `last` (aware datetimes), inclusive."""
    first, last = timezone.localtime(first), timezone.localtime(last)
    year, month = first.year, first.month
    starts = []
    while (year, month) <= (last.year, last.month):
        starts.append(timezone.make_aware(datetime(year, month, 1)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


def monthly_trend(requests):
    """[(first day of month, submitted, resolved so far)] per month of submission.

    One aggregate with a filtered count per month: cheaper than truncating every row's
    timestamp (on SQLite that is a Python call per row).
    """
    requests = requests.order_by()
    bounds = requests.aggregate(first=Min("created_at"), last=Max("created_at"))
    if bounds["first"] is None:
        return []
    starts = _month_starts(bounds["first"], bounds["last"])
    ends = starts[1:] + [None]
    aggregates = {}
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        in_month = Q(created_at__gte=start) & (Q(created_at__lt=end) if end else Q())
        aggregates[f"count_{index}"] = Count("pk", filter=in_month)
        aggregates[f"resolved_{index}"] = Count(
            "pk", filter=in_month & Q(resolved_at__isnull=False)
        )
    values = requests.aggregate(**aggregates)
    return [
        (start.date(), values[f"count_{index}"], values[f"resolved_{index}"])
        for index, start in enumerate(starts)
        if values[f"count_{index}"]
    ]


def durations(requests):
    """Median and 90th percentile of time to acknowledge (hours) and to resolve (days)."""
    measures = {
        "acknowledge": ("acknowledged_at", HOUR),
        "resolve": ("resolved_at", DAY),
    }
    figures = {}
    requests = requests.order_by()
    if connection.vendor == "postgresql":
        aggregates = {}
        for name, (end, _unit) in measures.items():
            seconds = _EpochSeconds(_duration(end, "created_at"))
            done = Q(**{f"{end}__isnull": False})
            aggregates[f"{name}_count"] = Count("pk", filter=done)
            aggregates[f"{name}_median"] = _PercentileCont(seconds, 0.5, filter=done)
            aggregates[f"{name}_p90"] = _PercentileCont(seconds, 0.9, filter=done)
        values = requests.aggregate(**aggregates)
        for name, (_end, unit) in measures.items():
            figures[name] = {
                "count": values[f"{name}_count"],
                "median": _ratio(values[f"{name}_median"], unit),
                "p90": _ratio(values[f"{name}_p90"], unit),
            }
        return figures
    for name, (end, unit) in measures.items():
        # SQLite: julianday() runs in C; Django's datetime difference is a Python call per row.
        taken = ExpressionWrapper(
            (
                Func(F(end), function="julianday", output_field=FloatField())
                - Func(F("created_at"), function="julianday", output_field=FloatField())
            )
            * DAY,
            output_field=FloatField(),
        )
        seconds = list(
            requests.filter(**{f"{end}__isnull": False})
            .annotate(taken=taken)
            .order_by("taken")
            .values_list("taken", flat=True)
        )
        figures[name] = {
            "count": len(seconds),
            "median": _ratio(percentile(seconds, 0.5), unit),
            "p90": _ratio(percentile(seconds, 0.9), unit),
        }
    return figures


def _surveys_of(requests):
    return SatisfactionSurvey.objects.filter(request__in=requests.order_by().values("pk"))


def satisfaction(requests):
    """services.surveys.satisfaction_summary over the surveys of these requests."""
    return satisfaction_summary(_surveys_of(requests))


PERFORMERS = {
    # name: (request field to group by, its label fields, survey dimension or fields)
    "owner": ("owner", ("owner__username", "owner__first_name", "owner__last_name")),
    "expert": ("experts", ("experts__name",)),
    "institution": ("institutions", ("institutions__name",)),
}


def _performer_label(kind, row):
    if kind == "owner":
        full_name = f"{row['owner__last_name']}{row['owner__first_name']}".strip()
        return full_name or row["owner__username"]
    return row[PERFORMERS[kind][1][0]]


def _survey_rows(surveys, kind):
    """Satisfaction per performer, keyed as the request rows are."""
    if kind == "owner":
        return {row["owner"]: row for row in satisfaction_by(surveys, "owner")}
    if kind == "institution":
        return {row["label"]: row for row in satisfaction_by(surveys, "institution")}
    # services.surveys has no expert dimension; same aggregates, grouped by the request's experts.
    rows = (
        surveys.order_by()
        .filter(request__experts__isnull=False)
        .values("request__experts")
        .annotate(**_headline_aggregates())
    )
    return {row["request__experts"]: _with_rates(row) for row in rows}


def performers(requests, kind, now=None):
    """Per specialist (owner), expert or institution: requests, resolved, on time, benefit,
    satisfaction. A request with two experts counts for each of them."""
    now = now or timezone.now()
    field, label_fields = PERFORMERS[kind]
    rows = (
        requests.order_by()
        .filter(**{f"{field}__isnull": False})
        .values(field, *label_fields)
        .annotate(
            count=Count("pk"),
            resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
            **_on_time_aggregates(now),
            **_benefit_aggregates(),
        )
        .order_by("-count", field)
    )
    surveys = _survey_rows(_surveys_of(requests), kind)
    result = []
    for row in rows:
        label = _performer_label(kind, row)
        survey = surveys.get(label if kind == "institution" else row[field], {})
        result.append(
            {
                "label": label,
                "count": row["count"],
                "resolved": row["resolved"],
                "resolve_on_time_rate": percent(row["resolved_on_time"], row["resolve_due"]),
                **{name: _number(row[f"sum_{name}"]) or 0 for name in BENEFIT_FIELDS},
                "answered": survey.get("answered", 0),
                "satisfaction_rate": survey.get("satisfaction_rate"),
                "mean_score": survey.get("mean_score"),
            }
        )
    return result


def _labelled_rows(counts, choices):
    """[(label, count)] as counts_by() gives them: present values only, most first."""
    labels = dict(choices.choices)
    present = sorted(
        ((value, count) for value, count in counts.items() if count),
        key=lambda item: (-item[1], item[0]),
    )
    return [
        (str(labels.get(value, value)) if value else str(_("Not given")), count)
        for value, count in present
    ]


def _choice_aggregates(prefix, field, choices):
    values = ["", *choices.values]
    return values, {
        f"{prefix}_{index}": Count("pk", filter=Q(**{field: value}))
        for index, value in enumerate(values)
    }


def dashboard_figures(requests, now=None):
    """Everything the dashboard and its export show, for one selection of requests.

    The same figures as headline(), counts_by(), monthly_trend() and the rest, with as few passes
    over the selection as possible: volume, type, element and month counts in one aggregate,
    district and industry in one grouped query.
    """
    now = now or timezone.now()
    requests = requests.order_by()
    bounds = requests.aggregate(first=Min("created_at"), last=Max("created_at"))
    starts = _month_starts(bounds["first"], bounds["last"]) if bounds["first"] else []
    ends = starts[1:] + [None]
    aggregates = _volume_aggregates(now)
    type_values, type_aggregates = _choice_aggregates("type", "request_type", RequestType)
    element_values, element_aggregates = _choice_aggregates("element", "qi_element", QIElement)
    aggregates.update(type_aggregates)
    aggregates.update(element_aggregates)
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        in_month = Q(created_at__gte=start) & (Q(created_at__lt=end) if end else Q())
        aggregates[f"month_{index}"] = Count("pk", filter=in_month)
        aggregates[f"month_resolved_{index}"] = Count(
            "pk", filter=in_month & Q(resolved_at__isnull=False)
        )
    values = requests.aggregate(**aggregates)
    by_district, by_industry = {}, {}
    for row in requests.values("enterprise__district", "enterprise__industry").annotate(
        count=Count("pk")
    ):
        district, industry = row["enterprise__district"] or "", row["enterprise__industry"] or ""
        by_district[district] = by_district.get(district, 0) + row["count"]
        by_industry[industry] = by_industry.get(industry, 0) + row["count"]
    by = {
        "request_type": _labelled_rows(
            {value: values.pop(f"type_{i}") for i, value in enumerate(type_values)}, RequestType
        ),
        "qi_element": _labelled_rows(
            {value: values.pop(f"element_{i}") for i, value in enumerate(element_values)},
            QIElement,
        ),
        "district": _labelled_rows(by_district, District),
        "industry": _labelled_rows(by_industry, Industry),
    }
    trend = []
    for index, start in enumerate(starts):
        count = values.pop(f"month_{index}")
        resolved = values.pop(f"month_resolved_{index}")
        if count:
            trend.append((start.date(), count, resolved))
    return {
        "headline": _finish_headline(values),
        "by": by,
        "trend": trend,
        "durations": durations(requests),
        "satisfaction": satisfaction(requests),
        "performers": {kind: performers(requests, kind, now) for kind in PERFORMERS},
    }
