"""Ratings of the expert pool and the institution pool from the outcomes of their requests
(003 8.2.3: the pools are maintained according to service evaluation).

For each expert and each institution, over the requests it is named on (withdrawn ones left out):

- served: requests; resolved: those resolved or closed;
- on-time rate: share of resolved requests with a resolve-by time that were resolved by then;
- satisfaction rate: share of "satisfied" and "fairly satisfied" among the answered surveys of
  those requests that rate the service overall; mean score: their mean points
  (satisfied 100, fairly satisfied 80, neutral 60, dissatisfied 0);
- problems solved and quality benefit (10,000 yuan): totals of the requests.

Composite score (0-100)::

    score = (0.2 × resolution rate + 0.3 × on-time rate
             + 0.25 × satisfaction rate + 0.25 × mean score) / (sum of the weights used)

where resolution rate = 100 × resolved / served and the rates are percentages. A component
without data (no resolved request with a deadline, no answered survey) is left out and the
remaining weights are scaled up; with no component at all the score is empty.
"""

from decimal import Decimal

from django.db.models import Avg, Case, Count, F, IntegerField, Q, Sum, Value, When

from resources.models import Expert, Institution
from services.models import RequestStatus, ServiceRequest
from services.models.surveys import OVERALL_SCORES, SATISFIED_ANSWERS

SCORE_WEIGHTS = {
    "resolution_rate": Decimal("0.2"),
    "on_time_rate": Decimal("0.3"),
    "satisfaction_rate": Decimal("0.25"),
    "mean_score": Decimal("0.25"),
}
# What ?sort= may name; a leading "-" sorts from high to low.
SORT_KEYS = [
    "name",
    "served",
    "resolved",
    "on_time_rate",
    "satisfaction_rate",
    "mean_score",
    "problems_solved",
    "benefit_wan",
    "score",
]
DEFAULT_SORT = "-score"

DONE = Q(status__in=[RequestStatus.RESOLVED, RequestStatus.CLOSED])
RATED = Q(survey__answered_at__isnull=False) & ~Q(survey__overall="")


def _aggregates():
    return {
        "served": Count("pk"),
        "resolved": Count("pk", filter=DONE),
        "timed": Count(
            "pk", filter=DONE & Q(resolve_due_at__isnull=False, resolved_at__isnull=False)
        ),
        "on_time": Count("pk", filter=DONE & Q(resolved_at__lte=F("resolve_due_at"))),
        "rated": Count("pk", filter=RATED),
        "satisfied": Count("pk", filter=RATED & Q(survey__overall__in=SATISFIED_ANSWERS)),
        "mean_score": Avg(
            Case(
                *[
                    When(survey__overall=answer, then=Value(points))
                    for answer, points in OVERALL_SCORES.items()
                ],
                output_field=IntegerField(),
            ),
            filter=RATED,
        ),
        "problems_solved": Sum("problems_solved"),
        "benefit_wan": Sum("benefit_wan"),
    }


def _percent(part, whole):
    return round(Decimal(100) * part / whole, 1) if whole else None


def composite_score(row):
    """The weighted mean of the components that have data; see the module docstring."""
    components = {
        "resolution_rate": _percent(row["resolved"], row["served"]),
        "on_time_rate": row["on_time_rate"],
        "satisfaction_rate": row["satisfaction_rate"],
        "mean_score": row["mean_score"],
    }
    used = {name: value for name, value in components.items() if value is not None}
    if not used:
        return None
    weight = sum(SCORE_WEIGHTS[name] for name in used)
    total = sum(SCORE_WEIGHTS[name] * Decimal(value) for name, value in used.items())
    return round(total / weight, 1)


def _rate(objects, relation):
    stats = {
        row[relation]: row
        for row in ServiceRequest.objects.exclude(status=RequestStatus.WITHDRAWN)
        .filter(**{f"{relation}__isnull": False})
        .order_by()
        .values(relation)
        .annotate(**_aggregates())
    }
    rows = []
    for obj in objects:
        values = stats.get(obj.pk)
        row = {"object": obj, "name": obj.name}
        if values is None:
            row |= {
                "served": 0,
                "resolved": 0,
                "on_time_rate": None,
                "satisfaction_rate": None,
                "mean_score": None,
                "rated": 0,
                "problems_solved": 0,
                "benefit_wan": Decimal(0),
            }
        else:
            mean = values["mean_score"]
            row |= {
                "served": values["served"],
                "resolved": values["resolved"],
                "on_time_rate": _percent(values["on_time"], values["timed"]),
                "satisfaction_rate": _percent(values["satisfied"], values["rated"]),
                "mean_score": round(Decimal(mean), 1) if mean is not None else None,
                "rated": values["rated"],
                "problems_solved": values["problems_solved"] or 0,
                "benefit_wan": values["benefit_wan"] or Decimal(0),
            }
        row["score"] = composite_score(row)
        rows.append(row)
    return rows


def expert_ratings():
    """One row per expert in the pool or named on a request."""
    experts = Expert.objects.filter(Q(is_active=True) | Q(requests__isnull=False)).distinct()
    return _rate(experts.select_related("institution").order_by("name"), "experts")


def institution_ratings():
    """One row per institution."""
    return _rate(Institution.objects.order_by("name"), "institutions")


def parse_sort(value):
    """An allowlisted sort key and direction; anything else falls back to the default."""
    value = value or DEFAULT_SORT
    key = value.removeprefix("-")
    if key not in SORT_KEYS:
        value, key = DEFAULT_SORT, DEFAULT_SORT.removeprefix("-")
    return key, value.startswith("-")


def sort_rows(rows, sort):
    """Rows sorted by `sort`; empty values go last whichever the direction."""
    key, descending = parse_sort(sort)
    present = [row for row in rows if row[key] is not None]
    missing = [row for row in rows if row[key] is None]
    present.sort(key=lambda row: row["name"])
    present.sort(key=lambda row: row[key], reverse=descending)
    return present + missing
