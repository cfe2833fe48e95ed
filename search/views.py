"""The public search page and the search box's suggestions."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.service import FACET_LABELS, run_search, suggested_services
from search.service import autocomplete as suggest


def _page_url(query, filters, page=None, **changes):
    params = {"q": query, **filters}
    params.update(changes)
    if page and page > 1:
        params["page"] = page
    return "?" + urlencode({key: value for key, value in params.items() if value})


@require_GET
def search(request):
    raw_query = request.GET.get("q", "")
    filters = {name: request.GET.get(name, "") for name in FACET_LABELS}
    response = run_search(raw_query, filters, page=request.GET.get("page", 1))
    for facet in response.facets:
        for option in facet.options:
            change = "" if option.selected else option.value
            option.url = _page_url(response.query, response.filters, **{facet.name: change})
    context = {
        "search_query": response.query,
        "response": response,
        "clear_filters_url": _page_url(response.query, {}),
        "previous_url": _page_url(response.query, response.filters, response.page - 1),
        "next_url": _page_url(response.query, response.filters, response.page + 1),
        "suggestions": suggested_services() if response.query and not response.items else [],
    }
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    """Titles for the header search box: {"items": [{"title", "url", "type"}]}."""
    items = suggest(request.GET.get("q", ""))
    return JsonResponse({"items": items})
