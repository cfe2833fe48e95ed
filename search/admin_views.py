"""The search-terms report for editors: what people look for and what finds nothing."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

REPORT_DAYS = (7, 30, 90)
ROWS = 50


def search_terms_report(request):
    from search.models import SearchQueryLog

    if not request.user.has_perm("search.view_searchquerylog"):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    days = days if days in REPORT_DAYS else 30
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        SearchQueryLog.objects.filter(day__gte=since)
        .values("query")
        .annotate(total=Sum("searches"), last_results=Max("results"))
    )
    context = {
        "days": days,
        "day_choices": REPORT_DAYS,
        "top_queries": rows.order_by("-total", "query")[:ROWS],
        "zero_queries": rows.filter(last_results=0).order_by("-total", "query")[:ROWS],
    }
    return render(request, "search/admin/search_terms_report.html", context)
