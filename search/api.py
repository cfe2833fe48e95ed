"""The search in the JSON API (django-ninja). Mount it on the portal's NinjaAPI::

from search.api import router as search_router

api.add_router("/", search_router)  # GET /api/search, GET /api/search/autocomplete
"""

from ninja import Router, Schema

from search.service import PER_PAGE, autocomplete, run_search


class SearchItem(Schema):
    title: str
    url: str
    type: str
    snippet: str


class SearchPage(Schema):
    items: list[SearchItem]
    count: int


class Suggestion(Schema):
    title: str
    url: str
    type: str


class SuggestionList(Schema):
    items: list[Suggestion]
    count: int


def build_router():
    """A new Router with the search endpoints (a Router can be attached to one NinjaAPI only)."""
    router = Router(tags=["search"])

    @router.get("/search", response=SearchPage, url_name="api_search")
    def search(
        request,
        q: str = "",
        page: str = "1",
        kind: str = "",
        qi: str = "",
        district: str = "",
        industry: str = "",
    ):
        """Ranked results; `snippet` is HTML: escaped text with <mark> around the matched words."""
        response = run_search(
            q,
            {"kind": kind, "qi": qi, "district": district, "industry": industry},
            page=page,
            per_page=PER_PAGE,
        )
        return {
            "items": [
                {
                    "title": item.title,
                    "url": item.url,
                    "type": str(item.type_label),
                    "snippet": str(item.snippet_html),
                }
                for item in response.items
            ],
            "count": response.count,
        }

    @router.get("/search/autocomplete", response=SuggestionList, url_name="api_search_autocomplete")
    def search_autocomplete(request, q: str = ""):
        items = autocomplete(q)
        return {"items": items, "count": len(items)}

    return router


router = build_router()
