"""The regional quality map (001 7.3.4), common problems per industry (001 7.3.2) and the public
figures of the home page.

Every table comes from aggregate queries, never a loop over requests. Withdrawn requests are
left out: the enterprise took them back before any work.
"""

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from portal.choices import District, Industry
from services.models import (
    AssistanceRound,
    ProblemSource,
    RequestStatus,
    RequestType,
    SatisfactionSurvey,
    ServiceRequest,
)
from services.models.surveys import SATISFIED_ANSWERS
from services.models.workflow import CAUSE_FIELDS

# Public tables show a count only from this size up, so that no single enterprise stands out.
SMALL_COUNT_THRESHOLD = 3
PUBLIC_FIGURES_CACHE_KEY = "services:public-figures"
PUBLIC_FIGURES_TIMEOUT = 600

HAS_PROBLEM = ~Q(nonconforming_items="")


def counted_requests():
    return ServiceRequest.objects.exclude(status=RequestStatus.WITHDRAWN)


def _measures():
    measures = {
        "requests": Count("pk"),
        "assistance": Count("pk", filter=Q(request_type=RequestType.ASSISTANCE)),
        "with_problems": Count("pk", filter=HAS_PROBLEM),
        "problems_solved": Sum("problems_solved"),
    }
    for source in ProblemSource.values:
        measures[f"source:{source}"] = Count(
            "pk", filter=Q(request_type=RequestType.ASSISTANCE, problem_source=source)
        )
    return measures


def _row(values):
    row = {
        "requests": values["requests"],
        "assistance": values["assistance"],
        "with_problems": values["with_problems"],
        "problems_solved": values["problems_solved"] or 0,
        "by_source": [values[f"source:{source}"] for source in ProblemSource.values],
    }
    return row


def _grouped(queryset, field):
    rows = queryset.order_by().values(field).annotate(**_measures())
    return {row[field]: _row(row) for row in rows}


def quality_map(queryset=None):
    """Requests, assistance requests and problems found, per district, industry and product.

    Returns {"districts": [...], "industries": [...], "products": [...], "sources": [...],
    "totals": {...}}; each row carries requests, assistance, with_problems (requests naming
    nonconforming items), problems_solved and by_source (assistance requests per problem source,
    in the order of "sources"). Districts are all six, in order; industries and products only
    those with requests.
    """
    queryset = counted_requests() if queryset is None else queryset
    by_district = _grouped(queryset, "enterprise__district")
    empty = _row({key: 0 for key in _measures()})
    districts = [
        {"code": code, "label": label, **by_district.get(code, empty)}
        for code, label in District.choices
    ]
    if "" in by_district:
        districts.append({"code": "", "label": _("District not given"), **by_district[""]})
    industry_labels = dict(Industry.choices)
    industries = [
        {"code": code, "label": industry_labels.get(code) or _("Industry not given"), **row}
        for code, row in sorted(
            _grouped(queryset, "enterprise__industry").items(), key=lambda item: item[0] or "~"
        )
    ]
    products = [
        {"label": name, **row}
        for name, row in _grouped(queryset.exclude(product_name=""), "product_name").items()
    ]
    products.sort(key=lambda row: (-row["requests"], row["label"]))
    totals = queryset.order_by().aggregate(**_measures())
    return {
        "districts": districts,
        "industries": industries,
        "products": products,
        "sources": list(ProblemSource.choices),
        "totals": _row(totals),
    }


def suppress(value, threshold=SMALL_COUNT_THRESHOLD):
    """A count for the public, or None when it is too small to show."""
    return value if value >= threshold else None


def public_quality_map():
    """Counts per district and per industry only, small counts suppressed, no names."""
    data = quality_map()
    columns = ["requests", "assistance", "with_problems"]

    def public(row):
        return {"code": row["code"], "label": row["label"]} | {
            name: suppress(row[name]) for name in columns
        }

    return {
        "districts": [public(row) for row in data["districts"] if row["code"]],
        "industries": [public(row) for row in data["industries"] if row["code"]],
        "threshold": SMALL_COUNT_THRESHOLD,
    }


# -- the schematic map -----------------------------------------------------------------------

# Our own simplified shapes of the six districts of Xiamen, roughly in place (not to scale):
# the island (Siming, Huli) in the south, the mainland districts around the bay.
DISTRICT_SHAPES = {
    District.TONGAN: ("110,20 250,10 272,112 200,140 160,130 100,92", (180, 72)),
    District.XIANGAN: ("272,40 372,62 382,222 300,236 284,160 272,112", (328, 140)),
    District.JIMEI: ("40,112 100,92 160,130 200,140 190,182 120,196 52,176", (122, 150)),
    District.HAICANG: ("14,194 52,176 120,196 118,276 30,268", (66, 230)),
    District.HULI: ("150,214 244,204 256,244 156,256", (202, 232)),
    District.SIMING: ("156,256 256,244 244,296 168,306", (206, 278)),
}
# Light to dark blue; text turns white on the two darkest steps (contrast ≥ 4.5:1).
MAP_COLOURS = ["#f2f6fa", "#c6dbef", "#9ecae1", "#4a90c4", "#0b4f8a"]
NO_DATA_COLOUR = "#e4e7eb"


def map_shapes(rows, key="requests"):
    """The SVG shapes of the districts, each with its count, fill and text colour."""
    values = [row[key] for row in rows if row[key] is not None]
    highest = max(values, default=0)
    shapes = []
    for row in rows:
        if row["code"] not in DISTRICT_SHAPES:
            continue
        points, (x, y) = DISTRICT_SHAPES[row["code"]]
        value = row[key]
        if value is None:
            step, fill = None, NO_DATA_COLOUR
        else:
            step = 0 if not highest else min(4, round(4 * value / highest))
            fill = MAP_COLOURS[step]
        shapes.append(
            {
                "code": row["code"],
                "label": row["label"],
                "value": value,
                "points": points,
                "x": x,
                "y": y,
                "fill": fill,
                "text": "#ffffff" if step is not None and step >= 3 else "#1a1a1a",
            }
        )
    return shapes


def map_legend():
    return [{"fill": colour} for colour in MAP_COLOURS]


# -- common problems per industry (001 7.3.2) ------------------------------------------------


def common_problems(top=5):
    """Per industry: how often each 5M1E cause field is filled across assistance rounds, and the
    knowledge entries linked most often, most frequent first."""
    from resources.models import KnowledgeEntryPage

    rounds = AssistanceRound.objects.exclude(request__status=RequestStatus.WITHDRAWN)
    cause_counts = (
        rounds.order_by()
        .values("request__enterprise__industry")
        .annotate(
            rounds=Count("pk"),
            **{name: Count("pk", filter=~Q(**{name: ""})) for name in CAUSE_FIELDS},
        )
    )
    links = (
        AssistanceRound.knowledge_entries.through.objects.filter(
            assistanceround__in=rounds, knowledgeentrypage__live=True
        )
        .order_by()
        .values("assistanceround__request__enterprise__industry", "knowledgeentrypage_id")
        .annotate(times=Count("pk"))
    )
    entries_by_industry = {}
    for link in links:
        industry = link["assistanceround__request__enterprise__industry"]
        entries_by_industry.setdefault(industry, []).append(
            (link["times"], link["knowledgeentrypage_id"])
        )
    entry_ids = {entry_id for pairs in entries_by_industry.values() for _times, entry_id in pairs}
    entries = KnowledgeEntryPage.objects.in_bulk(entry_ids)
    labels = dict(Industry.choices)
    field_labels = {
        name: AssistanceRound._meta.get_field(name).verbose_name for name in CAUSE_FIELDS
    }
    result = []
    for row in sorted(cause_counts, key=lambda r: r["request__enterprise__industry"] or "~"):
        industry = row["request__enterprise__industry"]
        factors = sorted(
            (
                {"field": name, "label": field_labels[name], "count": row[name]}
                for name in CAUSE_FIELDS
                if row[name]
            ),
            key=lambda factor: -factor["count"],
        )
        linked = sorted(entries_by_industry.get(industry, []), key=lambda pair: (-pair[0], pair[1]))
        result.append(
            {
                "code": industry,
                "label": labels.get(industry) or _("Industry not given"),
                "rounds": row["rounds"],
                "factors": factors[:top],
                "entries": [
                    {"page": entries[entry_id], "count": times}
                    for times, entry_id in linked[:top]
                    if entry_id in entries
                ],
            }
        )
    return result


# -- public figures for the home page --------------------------------------------------------


def compute_public_figures():
    done = ServiceRequest.objects.filter(status__in=[RequestStatus.RESOLVED, RequestStatus.CLOSED])
    served = done.values("enterprise").distinct().count()
    solved = done.aggregate(total=Sum("problems_solved"))["total"] or 0
    surveys = SatisfactionSurvey.objects.filter(answered_at__isnull=False).exclude(overall="")
    survey_counts = surveys.aggregate(
        rated=Count("pk"), satisfied=Count("pk", filter=Q(overall__in=SATISFIED_ANSWERS))
    )
    rated = survey_counts["rated"]
    return {
        "enterprises_served": served,
        "problems_solved": solved,
        "satisfaction_rate": round(100 * survey_counts["satisfied"] / rated, 1) if rated else None,
        "has_data": bool(served or solved or rated),
    }


def public_figures():
    """Enterprises served, problems solved and satisfaction rate; cached for ten minutes."""
    figures = cache.get(PUBLIC_FIGURES_CACHE_KEY)
    if figures is None:
        figures = compute_public_figures()
        cache.set(PUBLIC_FIGURES_CACHE_KEY, figures, PUBLIC_FIGURES_TIMEOUT)
    return figures
