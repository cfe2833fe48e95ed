"""The managers' effectiveness dashboard (003 ch. 9, 001 7.2.6) and its XLSX export."""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from services.models import ServiceRequest
from services.reports import XLSX_CONTENT_TYPE, dashboard_tables, dashboard_workbook
from services.stats import DashboardFilter, dashboard_figures

SECTIONS = [
    ("volume", gettext_lazy("Volume of requests")),
    ("timeliness", gettext_lazy("Timeliness of handling")),
    ("satisfaction", gettext_lazy("Satisfaction with the services")),
    ("benefit", gettext_lazy("Quality benefit delivered")),
    ("performers", gettext_lazy("Specialists, experts and institutions")),
]


def _selection(filters):
    """(label, value) of each filter as applied, for the export's first sheet."""
    rows = []
    for bound in filters:
        value = filters.cleaned_data.get(bound.name) if filters.is_valid() else None
        if hasattr(bound.field, "choices"):
            value = dict(bound.field.choices).get(value or "", value)
        rows.append((bound.label, value or "–"))
    return rows


# The figures of one selection are reused for this long: managers read trends, not seconds.
FIGURES_CACHE_SECONDS = 300


def cached_figures(filters, requests):
    """dashboard_figures() for this selection, from the cache when computed recently."""
    selection = sorted((name, str(value)) for name, value in filters.cleaned_data.items())
    digest = hashlib.sha256(repr(selection).encode()).hexdigest()[:32]
    key = f"dashboard:figures:{translation.get_language()}:{digest}"
    return cache.get_or_set(key, lambda: dashboard_figures(requests), FIGURES_CACHE_SECONDS)


def dashboard(request):
    if not request.user.has_perm("services.manage_queue"):
        raise PermissionDenied
    filters = DashboardFilter(request.GET)
    requests = filters.filter(ServiceRequest.objects.all())
    if filters.is_valid():
        figures = cached_figures(filters, requests)
    else:
        figures = dashboard_figures(requests)
    tables = dashboard_tables(figures)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            dashboard_workbook(tables, _selection(filters)), content_type=XLSX_CONTENT_TYPE
        )
        filename = f"dashboard-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    query = request.GET.copy()
    query["export"] = "xlsx"
    # 004 Annex B for the same district, industry and period (counted by date of resolution).
    chosen = filters.cleaned_data if filters.is_valid() else {}
    annex_b_query = urlencode(
        {
            "district": chosen.get("district") or "",
            "industry": chosen.get("industry") or "",
            "start": chosen.get("created_from") or "",
            "end": chosen.get("created_to") or "",
        }
    )
    sections = [
        (key, title, [table for table in tables if table.section == key]) for key, title in SECTIONS
    ]
    return render(
        request,
        "services/queue/dashboard.html",
        {
            "page_title": _("Effectiveness dashboard"),
            "header_icon": "table",
            "filters": filters,
            "sections": sections,
            "export_query": query.urlencode(),
            "annex_b_url": f"{reverse('services_forms:benefit_summary')}?{annex_b_query}",
            "cache_minutes": FIGURES_CACHE_SECONDS // 60,
        },
    )
